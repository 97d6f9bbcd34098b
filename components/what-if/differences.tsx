"use client";

// The differences, grouped by cause: each group names what makes the difference (an annotation
// no longer read, a flag, the release's behaviour), the object involved, and the changes it makes,
// with the consequences worth a warning. At 10k routes a list holds thousands of changes in
// hundreds of groups, so it is one virtualised table read from the server a page at a time.

import { useEffect, useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ErrorBox, Loading } from "@/components/ui/feedback";
import { HostLink, ResourceLink } from "@/components/ui/links";
import { VirtualTable, type RowProps } from "@/components/ui/virtual-table";
import { countOf, formatCount, formatProxied, formatTtl } from "@/components/ui/format";
import type { WhatIfCause, WhatIfChange } from "@/lib/api/types";
import { CHANGE_ACTIONS, type ChangeAction, type WhatIfGroup, type WhatIfList, type WhatIfListOutline } from "@/lib/api/what-if-views";
import type { WhatIfParams } from "./api";
import { changeRows, totalRows, type ChangeRow } from "./rows";
import { useWhatIfChanges } from "./views-api";

const ACTION_TONE: Record<WhatIfChange["action"], Tone> = { create: "blue", update: "amber", delete: "red" };
const CAUSE_LABEL: Record<WhatIfCause["code"], string> = {
  "annotation-prefix-changed": "annotation no longer read",
  "flag-changed": "flag changed",
  "version-behaviour": "new release behaviour",
};

/** Rows kept rendered beyond the visible ones: a small list (the demo's) is in the DOM whole. */
const OVERSCAN = 30;

function GroupHeader({ group, action, rowProps }: { group: WhatIfGroup; action: ChangeAction | null; rowProps: RowProps }) {
  const c = group.cause;
  const n = action ? group.actions[action] : group.total;
  return (
    <tr {...rowProps} data-testid="what-if-cause" data-code={c?.code ?? ""} data-resource={c?.resource ?? ""} data-group={group.key}>
      <td colSpan={4} className="border-t border-slate-200 bg-slate-50 px-2 pt-3 pb-1.5 dark:border-slate-700 dark:bg-slate-800/60">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="violet">{c ? (CAUSE_LABEL[c.code] ?? c.code) : "cause not identified"}</Badge>
          {c && (c.resource.includes("/") ? <ResourceLink resource={c.resource} /> : <span className="font-mono text-xs">{c.flag ?? c.resource}</span>)}
          <span className="text-xs text-slate-600 dark:text-slate-400">{countOf(n, "change")}</span>
        </div>
        <p className="mt-1 text-sm">{c ? c.message : "The what-if found no annotation, flag or release behaviour that explains these changes."}</p>
      </td>
    </tr>
  );
}

function ChangeRowView({ c, rowProps }: { c: WhatIfChange; rowProps: RowProps }) {
  const attrs = c.action === "delete" ? "" : `${formatProxied(Boolean(c.proxied))} · ttl ${formatTtl(c.ttl ?? 1)}`;
  return (
    <tr {...rowProps} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="what-if-change" data-action={c.action} data-name={c.name} data-type={c.type}>
      <td className="py-1.5 pr-2 pl-2">
        <Badge tone={ACTION_TONE[c.action]}>{c.action}</Badge>
      </td>
      <td className="py-1.5 pr-2">
        <span className="mr-2 text-xs font-semibold">{c.type}</span>
        <HostLink name={c.name} />
      </td>
      <td className="py-1.5 pr-2">
        <span className="font-mono text-xs text-slate-700 [overflow-wrap:anywhere] dark:text-slate-300">
          {c.previous && c.previous.content !== c.content ? `${c.previous.content} → ` : ""}
          {c.content}
        </span>
        {c.consequences.length > 0 && (
          <ul className="mt-1 space-y-0.5">
            {c.consequences.map((w) => (
              <li key={w.code} className="flex items-start gap-1.5 text-xs text-amber-900 dark:text-amber-200" data-testid="what-if-consequence" data-code={w.code}>
                <span aria-hidden>⚠</span>
                <span>{w.message}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="py-1.5 pr-2 text-xs whitespace-nowrap text-slate-600 dark:text-slate-400">{attrs}</td>
    </tr>
  );
}

function ActionFilter({ outline, action, onChange, testId }: { outline: WhatIfListOutline; action: ChangeAction | null; onChange: (a: ChangeAction | null) => void; testId: string }) {
  const chip = (a: ChangeAction | null, label: string, n: number) => (
    <button
      key={label}
      type="button"
      aria-pressed={action === a}
      disabled={n === 0 && action !== a}
      onClick={() => onChange(a)}
      data-testid={`${testId}-action-${a ?? "all"}`}
      className={`inline-flex h-8 items-center gap-1 rounded-full border px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-60 ${
        action === a
          ? "border-sky-700 bg-sky-700 text-white dark:border-sky-500 dark:bg-sky-700"
          : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
      }`}
    >
      {label}
      <span className={`tabular-nums ${action === a ? "text-sky-100" : "text-slate-500 dark:text-slate-400"}`}>{formatCount(n)}</span>
    </button>
  );
  return (
    <div role="group" aria-label="Show changes by action" className="mb-3 flex flex-wrap gap-2">
      {chip(null, "all", outline.total)}
      {CHANGE_ACTIONS.map((a) => chip(a, a, outline.actions[a]))}
    </div>
  );
}

function GroupedChanges({ params, list, outline, action, title }: { params: WhatIfParams; list: WhatIfList; outline: WhatIfListOutline; action: ChangeAction | null; title: string }) {
  const q = useWhatIfChanges(params, list, action, outline.total > 0);
  const pages = q.data?.pages;
  const rows = changeRows(pages ?? []);
  // Pages read across a recomputation come from two documents, whose lists may not line up:
  // read them all again from the newer one.
  const mixed = Boolean(pages?.some((p) => p.generatedAt !== pages[0].generatedAt));
  const { isFetching, refetch } = q;
  useEffect(() => {
    if (mixed && !isFetching) void refetch();
  }, [mixed, isFetching, refetch]);
  if (q.isError) return <ErrorBox title="Cannot load the changes" error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Loading label="Loading the changes…" />;
  return (
    <VirtualTable<ChangeRow>
      caption={`${title}, grouped by cause`}
      testId={`what-if-${list}-table`}
      items={rows}
      total={totalRows(q.total, outline.groups, action)}
      colSpan={4}
      estimate={64}
      overscan={OVERSCAN}
      maxHeight="75vh"
      loading={q.isFetchingNextPage}
      loadMore={() => {
        if (q.hasNextPage && !q.isFetchingNextPage) void q.fetchNextPage();
      }}
      tableClass="w-full table-fixed border-collapse text-sm"
      headClass="sr-only"
      colgroup={
        <colgroup>
          <col className="w-18" />
          <col className="w-[40%]" />
          <col />
          <col className="w-32" />
        </colgroup>
      }
      head={
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Record</th>
          <th scope="col">Content</th>
          <th scope="col">Proxied and TTL</th>
        </tr>
      }
      renderRow={(row, i, rowProps) =>
        row.kind === "group" ? (
          <GroupHeader key={`g-${i}-${row.group.key}`} group={row.group} action={action} rowProps={rowProps} />
        ) : (
          <ChangeRowView key={`c-${row.position}`} c={row.item.change} rowProps={rowProps} />
        )
      }
    />
  );
}

export function ChangeGroups({
  title,
  list,
  outline,
  params,
  testId,
  empty,
}: {
  title: string;
  list: WhatIfList;
  outline: WhatIfListOutline;
  params: WhatIfParams;
  testId: string;
  empty: string;
}) {
  const [action, setAction] = useState<ChangeAction | null>(null);
  return (
    <Card title={title} subtitle={outline.total ? `${countOf(outline.total, "change")} · ${countOf(outline.groups.length, "cause")}` : undefined} testId={testId}>
      {!outline.total ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <>
          <ActionFilter outline={outline} action={action} onChange={setAction} testId={testId} />
          <GroupedChanges params={params} list={list} outline={outline} action={action} title={title} />
        </>
      )}
    </Card>
  );
}
