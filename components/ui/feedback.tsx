// Loading, empty and error states, the same everywhere.

import { ApiRequestError } from "@/components/api/fetch-json";

export function Spinner({ className = "size-4" }: { className?: string }) {
  return (
    <svg aria-hidden className={`animate-spin text-slate-500 ${className}`} viewBox="0 0 24 24" fill="none">
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="3" className="opacity-25" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" data-testid="loading" className="flex items-center gap-2 py-8 text-sm text-slate-600 dark:text-slate-400">
      <Spinner />
      {label}
    </div>
  );
}

export function Empty({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
      {children}
    </div>
  );
}

export function ErrorBox({ error, title = "Could not load data", retry }: { error: unknown; title?: string; retry?: () => void }) {
  const e = error instanceof ApiRequestError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" data-testid="error-box" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-semibold">
          {title}
          {e && <span className="ml-2 font-mono text-xs font-normal">{e.status ? `${e.status} ` : ""}{e.code}</span>}
        </p>
        {retry && (
          <button type="button" onClick={retry} className="rounded border border-red-400 px-2 py-0.5 text-xs font-medium hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-600 dark:hover:bg-red-900">
            Retry
          </button>
        )}
      </div>
      <p className="mt-1 break-words">{message}</p>
      {e?.status === 401 && e.login && (
        <p className="mt-1">
          <a href={`${e.login}?next=${encodeURIComponent(typeof window === "undefined" ? "/" : window.location.pathname + window.location.search)}`} className="font-medium underline">
            Sign in
          </a>
        </p>
      )}
    </div>
  );
}

export function Notice({ tone = "amber", children, testId, role }: { tone?: "amber" | "red" | "blue" | "green"; children: React.ReactNode; testId?: string; role?: string }) {
  const cls = {
    amber: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100",
    red: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100",
    blue: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100",
    green: "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100",
  }[tone];
  return (
    <div data-testid={testId} role={role} className={`rounded-md border px-3 py-2 text-sm ${cls}`}>
      {children}
    </div>
  );
}
