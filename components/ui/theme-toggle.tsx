"use client";

// Light / dark / system. The choice is stored in localStorage and applied by the inline script
// in the root layout before first paint; this button only changes it afterwards.

import { useSyncExternalStore } from "react";
import { THEME_EVENT, THEME_KEY as KEY } from "./theme-script";

export type ThemeChoice = "system" | "light" | "dark";
const ORDER: ThemeChoice[] = ["system", "light", "dark"];

const listeners = new Set<() => void>();
function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}
function read(): ThemeChoice {
  const v = typeof localStorage !== "undefined" ? localStorage.getItem(KEY) : null;
  return v === "light" || v === "dark" ? v : "system";
}

export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribe, read, () => "system" as ThemeChoice);
  const next = ORDER[(ORDER.indexOf(choice) + 1) % ORDER.length];
  const icon = choice === "dark" ? "☾" : choice === "light" ? "☀" : "◐";
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      aria-label={`Colour theme: ${choice}. Switch to ${next}`}
      title={`Theme: ${choice} (click for ${next})`}
      onClick={() => {
        localStorage.setItem(KEY, next);
        window.dispatchEvent(new Event(THEME_EVENT));
        listeners.forEach((l) => l());
      }}
      className="inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span aria-hidden>{icon}</span>
      <span className="hidden text-xs xl:inline">{choice}</span>
    </button>
  );
}
