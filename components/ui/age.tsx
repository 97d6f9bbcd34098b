"use client";

// "12 s ago" that ticks. One shared one-second clock for the whole page, so a table of ages
// costs one timer, and the server render shows nothing time-dependent (no hydration mismatch).

import { useSyncExternalStore } from "react";

let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now || Date.now(),
    () => 0,
  );
}

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min ago`;
  return `${Math.floor(h / 24)} days ago`;
}

export function Age({ at, testId, staleAfterSeconds }: { at: string | number | null | undefined; testId?: string; staleAfterSeconds?: number }) {
  const t = useNow();
  if (at === null || at === undefined || at === "") return <span className="text-slate-500">never</span>;
  const when = typeof at === "number" ? at : Date.parse(at);
  if (!t || Number.isNaN(when)) return <span data-testid={testId}>…</span>;
  const ms = t - when;
  const stale = staleAfterSeconds !== undefined && ms > staleAfterSeconds * 1000;
  return (
    <time
      dateTime={new Date(when).toISOString()}
      title={new Date(when).toLocaleString()}
      data-testid={testId}
      className={`tabular-nums ${stale ? "font-medium text-amber-700 dark:text-amber-300" : ""}`}
    >
      {formatAge(ms)}
    </time>
  );
}
