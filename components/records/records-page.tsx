"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { STATE_HELP, STATE_LABEL } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Empty, ErrorBox, Loading } from "@/components/ui/feedback";
import { useInstanceId } from "@/components/api/state";
import { RECORD_STATES, type RecordState } from "@/lib/api/types";
import { getRecordsPageOptions, useRecordsHead } from "./api";
import { parseRecordsQuery, recordsSearch, type RecordsQuery } from "./query";
import { RecordsTable } from "./records-table";
import { countOf, formatCount } from "@/components/ui/format";

export function RecordsPage() {
  const params = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => parseRecordsQuery(new URLSearchParams(params.toString())), [params]);
  const setQuery = (patch: Partial<RecordsQuery>) => {
    // The browser's own history call: Next keeps useSearchParams in step without asking the
    // server to render the page again, so a filter costs one /api/records request.
    window.history.replaceState(null, "", `${pathname}${recordsSearch({ ...query, ...patch }, new URLSearchParams(params.toString()))}`);
  };

  // The search box answers every keystroke; the URL (and so the filter) follows a moment later.
  const [text, setText] = useState(query.q);
  const [urlQ, setUrlQ] = useState(query.q);
  if (query.q !== urlQ) {
    setUrlQ(query.q);
    setText(query.q);
  }
  useEffect(() => {
    if (text === query.q) return;
    const t = setTimeout(() => setQuery({ q: text }), 200);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text drives this timer
  }, [text]);

  // Filters, sort and counts are the server's (GET /api/records); the first page brings the totals.
  const instance = useInstanceId();
  const { data, error, isPending, refetch, isPlaceholderData } = useRecordsHead(query);
  const counts = data?.counts.states;
  const types = useMemo(() => [...new Set([...Object.keys(data?.counts.types ?? {}), ...(query.type ? [query.type] : [])])].sort(), [data, query.type]);

  // Each state chip's answer is fetched ahead (small, cached on the server), so a click shows
  // its rows at once.
  const qc = useQueryClient();
  const ready = Boolean(data) && !isPlaceholderData;
  useEffect(() => {
    if (!ready) return;
    for (const s of RECORD_STATES) {
      const states = query.states.includes(s) ? query.states.filter((x) => x !== s) : [...query.states, s];
      void qc.prefetchQuery(getRecordsPageOptions(instance, { ...query, states }, 0));
    }
  }, [ready, query, instance, qc]);

  const toggleState = (s: RecordState) => {
    const has = query.states.includes(s);
    setQuery({ states: has ? query.states.filter((x) => x !== s) : [...query.states, s] });
  };
  const filtered = query.states.length > 0 || query.q !== "" || query.type !== "";

  return (
    <div>
      <PageHeader
        title="Records"
        description="Every Cloudflare record in the managed zones: who owns it, which object it belongs to, and its state"
        actions={
          <p className="text-sm text-slate-600 tabular-nums dark:text-slate-400" data-testid="records-count" aria-live="polite">
            {data ? `${formatCount(data.total)} of ${countOf(data.all, "record")}` : ""}
          </p>
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="records-search">
          Search records
        </label>
        <input
          id="records-search"
          data-testid="records-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search name, content, owner, resource…"
          spellCheck={false}
          className="h-8 w-72 rounded-md border border-slate-300 bg-white px-2.5 text-sm placeholder:text-slate-500 focus-visible:border-sky-600 focus-visible:outline-2 focus-visible:outline-sky-600/40 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
        />
        <label className="sr-only" htmlFor="records-type">
          Record type
        </label>
        <select
          id="records-type"
          data-testid="records-type"
          value={query.type}
          onChange={(e) => setQuery({ type: e.target.value })}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <div role="group" aria-label="Filter by state" className="flex flex-wrap gap-1">
          {RECORD_STATES.map((s) => {
            const on = query.states.includes(s);
            return (
              <button
                key={s}
                type="button"
                aria-pressed={on}
                data-testid={`records-filter-${s}`}
                title={STATE_HELP[s]}
                onClick={() => toggleState(s)}
                className={`inline-flex h-8 items-center gap-1 rounded-full border px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
                  on
                    ? "border-sky-700 bg-sky-700 text-white dark:border-sky-500 dark:bg-sky-600"
                    : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
                }`}
              >
                {STATE_LABEL[s]}
                <span className={`tabular-nums ${on ? "text-sky-100" : "text-slate-500 dark:text-slate-400"}`}>{counts?.[s] ?? ""}</span>
              </button>
            );
          })}
        </div>
        {filtered && (
          <Button variant="ghost" onClick={() => setQuery({ states: [], q: "", type: "" })} data-testid="records-clear">
            Clear filters
          </Button>
        )}
      </div>
      {isPending ? (
        <Loading />
      ) : !data ? (
        <ErrorBox error={error ?? new Error("no external-dns instance")} retry={() => void refetch()} />
      ) : !data.all ? (
        <Empty testId="records-empty">No records in the managed zones.</Empty>
      ) : !data.total ? (
        <Empty testId="records-empty">
          No record matches these filters.{" "}
          <button type="button" className="font-medium text-sky-700 underline dark:text-sky-400" onClick={() => setQuery({ states: [], q: "", type: "" })}>
            Clear filters
          </button>
        </Empty>
      ) : (
        <div aria-busy={isPlaceholderData} data-testid="records-results" data-ready={isPlaceholderData ? "false" : "true"}>
          <RecordsTable head={data} query={query} instance={instance} onSort={(sort, desc) => setQuery({ sort, desc })} />
        </div>
      )}
    </div>
  );
}
