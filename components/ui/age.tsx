"use client";

// "12 s ago" that ticks. One shared one-second clock for the whole page, so a table of ages
// costs one timer, and the server render shows nothing time-dependent (no hydration mismatch).

import { useSyncExternalStore } from "react";
import { formatAge } from "./format";

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
