"use client";

// One history transition: from → to, and each cause with who did it and when. Shared by the
// hostname timeline and the Activity page.

import { Badge, type Tone } from "@/components/ui/badge";
import { ResourceLink } from "@/components/ui/links";
import type { HistoryCauseJSON, HistoryEntryJSON } from "@/lib/api/types";
import { baseState, shortTime, stateWords } from "@/lib/drift/history/since";

const TONE: Record<string, Tone> = {
  "in-sync": "green",
  missing: "blue",
  drifted: "amber",
  orphaned: "orange",
  "other-owner": "violet",
  unowned: "slate",
  blocked: "red",
  "not-published": "muted",
  gone: "slate",
  unknown: "muted",
  absent: "muted",
};

export function StateWord({ state }: { state: string }) {
  return <Badge tone={TONE[baseState(state)] ?? "slate"}>{stateWords(state)}</Badge>;
}

function who(c: HistoryCauseJSON): string | undefined {
  if (c.manager) return `${c.manager}${c.via ? ` (${c.via})` : ""}`;
  if (c.actor) return `${c.actor}${c.via ? ` via ${c.via}` : ""}`;
  return undefined;
}

export function Cause({ cause }: { cause: HistoryCauseJSON }) {
  const by = who(cause);
  const unknown = cause.actor?.startsWith("actor unknown");
  return (
    <li className="text-xs" data-testid="history-cause" data-code={cause.code}>
      <div className="flex flex-wrap items-baseline gap-x-1.5">
        <span className="font-mono text-slate-500 dark:text-slate-400">{cause.code}</span>
        <span className="text-slate-800 dark:text-slate-200 [overflow-wrap:anywhere]">{cause.message}</span>
      </div>
      <div className="flex flex-wrap items-baseline gap-x-1.5 text-slate-600 dark:text-slate-400">
        {!cause.resource.startsWith("record/") && cause.resource !== "config" && <ResourceLink resource={cause.resource} />}
        {by && (
          <span data-testid="history-who" className={unknown ? "italic" : "font-medium text-slate-800 dark:text-slate-200"}>
            {unknown ? by : `by ${by}`}
          </span>
        )}
        {cause.changedAt && <span title={cause.changedAt}>at {shortTime(cause.changedAt)}</span>}
      </div>
      {cause.events && cause.events.length > 0 && (
        <details className="mt-0.5">
          <summary className="cursor-pointer select-none text-slate-600 dark:text-slate-400">Events on the object ({cause.events.length})</summary>
          <ul className="ml-3 list-disc">
            {cause.events.map((e, i) => (
              <li key={i} data-testid="history-event">
                <span className={e.type === "Warning" ? "text-amber-800 dark:text-amber-300" : ""}>{e.reason}</span>: {e.message}
                {e.at && <span className="text-slate-500"> ({shortTime(e.at)})</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function Transition({ entry }: { entry: HistoryEntryJSON }) {
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-1.5 text-sm">
        {entry.type && <span className="font-mono text-xs font-semibold">{entry.type}</span>}
        <StateWord state={entry.from} />
        <span aria-hidden>→</span>
        <span className="sr-only">became</span>
        <StateWord state={entry.to} />
      </div>
      {entry.causes.length > 0 && <ul className="mt-1 space-y-1">{entry.causes.map((c, i) => <Cause key={i} cause={c} />)}</ul>}
    </div>
  );
}
