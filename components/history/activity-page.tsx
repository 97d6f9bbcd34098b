"use client";

// Every recorded change of state, newest first, with filters: a hostname and a time window
// (asked of the server), the state reached and hostnames-or-records (applied to what is loaded).

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Empty, ErrorBox, Loading } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { historyUnavailable, useActivity } from "./api";
import { baseState, shortTime } from "@/lib/drift/history/since";
import { normalizeHostname } from "@/lib/externaldns/hostname";
import { Transition } from "./entry";

const WINDOWS: [string, string, number][] = [
  ["", "Any time", 0],
  ["1h", "Last hour", 3_600_000],
  ["24h", "Last 24 hours", 86_400_000],
  ["7d", "Last 7 days", 7 * 86_400_000],
  ["30d", "Last 30 days", 30 * 86_400_000],
];
const STATES = ["missing", "drifted", "blocked", "orphaned", "other-owner", "in-sync", "gone"];
const inputClass = "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900";

export function ActivityPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const hostname = params.get("hostname") ?? "";
  const windowKey = params.get("window") ?? "";
  const state = params.get("state") ?? "";
  const scope = params.get("scope") ?? "";
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const [text, setText] = useState(hostname);
  useEffect(() => {
    if (normalizeHostname(text) === hostname) return;
    const t = setTimeout(() => set({ hostname: normalizeHostname(text) }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text drives this timer
  }, [text]);

  // The window's start is fixed (in the URL) when the filter is chosen, so the query stays stable.
  const since = params.get("since") ?? "";
  const chooseWindow = (k: string) => {
    const ms = WINDOWS.find(([w]) => w === k)?.[2] ?? 0;
    set({ window: k, since: ms ? new Date(Date.now() - ms).toISOString() : "" });
  };
  const { data, error, isPending, refetch, fetchNextPage, hasNextPage, isFetchingNextPage } = useActivity({ hostname, since });
  const all = data?.pages.flatMap((p) => p.entries) ?? [];
  const entries = all.filter((e) => (!state || baseState(e.to) === state) && (!scope || (scope === "records" ? e.type : !e.type)));

  return (
    <div>
      <PageHeader title="Activity" description="Every change of state dnsdrift has seen, since when, and who made it" />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="activity-hostname">
          Hostname
        </label>
        <input
          id="activity-hostname"
          data-testid="activity-hostname"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Hostname (exact)"
          spellCheck={false}
          className={`${inputClass} w-64`}
        />
        <label className="sr-only" htmlFor="activity-window">
          Time window
        </label>
        <select id="activity-window" data-testid="activity-window" value={windowKey} onChange={(e) => chooseWindow(e.target.value)} className={inputClass}>
          {WINDOWS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="activity-state">
          State reached
        </label>
        <select id="activity-state" data-testid="activity-state" value={state} onChange={(e) => set({ state: e.target.value })} className={inputClass}>
          <option value="">Any new state</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              became {s}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="activity-scope">
          Hostnames or records
        </label>
        <select id="activity-scope" data-testid="activity-scope" value={scope} onChange={(e) => set({ scope: e.target.value })} className={inputClass}>
          <option value="">Hostnames and records</option>
          <option value="hostnames">Hostnames only</option>
          <option value="records">Records only</option>
        </select>
      </div>
      {isPending ? (
        <Loading />
      ) : historyUnavailable(error) ? (
        <Empty testId="activity-unavailable">The drift history is not available on this server.</Empty>
      ) : error ? (
        <ErrorBox error={error} retry={() => void refetch()} />
      ) : !entries.length ? (
        <Empty testId="activity-empty">{all.length ? "No change matches these filters." : "No change of state recorded yet."}</Empty>
      ) : (
        <Card>
          <Table caption="Changes of state, newest first" testId="activity-table">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Hostname</Th>
                <Th className="w-[60%]">Change and causes</Th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Tr key={e.id} data-testid="activity-entry" data-to={baseState(e.to)} data-type={e.type ?? ""}>
                  <Td className="whitespace-nowrap">
                    <time dateTime={e.at} title={e.at}>
                      {shortTime(e.at)}
                    </time>
                    <div className="text-xs text-slate-600 dark:text-slate-400">{e.instance}</div>
                  </Td>
                  <Td>
                    <HostLink name={e.hostname} />
                  </Td>
                  <Td>
                    <Transition entry={e} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          {hasNextPage && (
            <div className="mt-3 text-center">
              <Button onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
                {isFetchingNextPage ? "Loading…" : "Load older"}
              </Button>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
