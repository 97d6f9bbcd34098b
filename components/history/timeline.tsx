"use client";

// The hostname page's history: a headline ("missing since 14:02") and every transition of the
// name and its records, newest first.

import Link from "next/link";
import { linkClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/feedback";
import { baseState, shortTime, sinceLine } from "@/lib/drift/history/since";
import { historyUnavailable, useHostnameHistory } from "./api";
import { Transition } from "./entry";

export function HostnameTimeline({ hostname }: { hostname: string }) {
  const { data, error, isPending } = useHostnameHistory(hostname);
  const entries = data?.entries ?? [];
  const since = sinceLine(entries);
  return (
    <Card
      title="History"
      subtitle={since ? <span data-testid="history-since">{since}</span> : "Changes of state seen at each refresh, and who made them"}
      testId="hostname-history"
      actions={
        <Link href={`/activity?hostname=${encodeURIComponent(hostname)}`} className={`text-xs ${linkClass}`}>
          All activity →
        </Link>
      }
    >
      {isPending ? (
        <Loading label="Reading history…" />
      ) : historyUnavailable(error) ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">The drift history is not available on this server.</p>
      ) : error ? (
        <p className="text-sm text-red-800 dark:text-red-300">Could not read the history: {(error as Error).message}</p>
      ) : !entries.length ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="history-empty">
          No change of state recorded for this name yet.
        </p>
      ) : (
        <ol className="space-y-3 border-l border-slate-200 pl-3 dark:border-slate-700">
          {entries.map((e) => (
            <li key={e.id} data-testid="history-entry" data-to={baseState(e.to)} className="relative">
              <span aria-hidden className="absolute -left-[17px] top-1.5 size-2 rounded-full bg-slate-400 dark:bg-slate-500" />
              <time dateTime={e.at} title={e.at} className="text-xs text-slate-600 dark:text-slate-400">
                {shortTime(e.at)}
              </time>
              <Transition entry={e} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
