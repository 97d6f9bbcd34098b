"use client";

// The records table: tens of thousands of rows, filtered and sorted on the server. Only the
// rows in view are in the DOM (spacer rows above and below keep the scrollbar honest), every
// row has one fixed height, and only the pages of rows in view are fetched.

import { useQueries } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { hostnameHref } from "@/components/ui/links";
import { thClass } from "@/components/ui/table";
import type { RecordView, RecordsPageResponse } from "@/lib/api/types";
import { getRecordsPageOptions, RECORDS_PAGE } from "./api";
import { cellTitle, columns } from "./columns";
import { hostOf, type RecordsQuery, type SortColumn } from "./query";

const ROW_HEIGHT = 33;
const estimateSize = () => ROW_HEIGHT;

export function RecordsTable({
  head,
  query,
  instance,
  onSort,
}: {
  head: RecordsPageResponse;
  query: RecordsQuery;
  instance: string | null;
  onSort: (sort: SortColumn, desc: boolean) => void;
}) {
  const router = useRouter();
  const total = head.total;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design; nothing here is memoised on them.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? Math.floor(items[0].index / RECORDS_PAGE) : 0;
  const last = items.length ? Math.floor(items[items.length - 1].index / RECORDS_PAGE) : 0;
  const pageIndexes = Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((p) => p > 0);
  const pages = useQueries({ queries: pageIndexes.map((p) => ({ ...getRecordsPageOptions(instance, query, p), placeholderData: undefined })) });
  const rowAt = (index: number): RecordView | undefined => {
    const p = Math.floor(index / RECORDS_PAGE);
    const page = p === 0 ? head : pages[pageIndexes.indexOf(p)]?.data;
    return page?.items[index - p * RECORDS_PAGE];
  };
  const top = items.length ? items[0].start : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div ref={scrollRef} data-testid="records-scroll" className="max-h-[calc(100vh-13rem)] min-h-40 overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table data-testid="records-table" aria-rowcount={total + 1} className="w-full min-w-[1100px] table-fixed border-collapse text-[0.8125rem]">
        <caption className="sr-only">Cloudflare records; click a row for its hostname page</caption>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={{ width: c.meta.width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-slate-50 shadow-[0_1px_0_0] shadow-slate-200 dark:bg-slate-900 dark:shadow-slate-800">
          <tr aria-rowindex={1}>
            {columns.map((c) => {
              const dir = query.sort === c.id ? (query.desc ? "desc" : "asc") : false;
              return (
                <th key={c.id} scope="col" aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"} className={thClass}>
                  <button
                    type="button"
                    onClick={() => onSort(c.id, dir === "asc")}
                    data-testid={`sort-${c.id}`}
                    className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:text-slate-100"
                  >
                    {c.header}
                    <span aria-hidden className="w-2 text-[10px]">
                      {dir === "asc" ? "▲" : dir === "desc" ? "▼" : ""}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((vi) => {
            const r = rowAt(vi.index);
            if (!r) {
              return (
                <tr key={`loading-${vi.index}`} aria-rowindex={vi.index + 2} data-testid="records-row-loading" style={{ height: ROW_HEIGHT }} className="border-b border-slate-100 dark:border-slate-800/70">
                  <td colSpan={columns.length} className="px-2 text-xs text-slate-600 dark:text-slate-400">
                    …
                  </td>
                </tr>
              );
            }
            const href = hostnameHref(hostOf(r));
            return (
              <tr
                key={`${vi.index}-${r.id ?? `missing-${r.name}-${r.type}`}`}
                aria-rowindex={vi.index + 2}
                data-testid="records-row"
                data-state={r.state}
                data-name={r.name}
                data-type={r.type}
                style={{ height: ROW_HEIGHT }}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a,button")) return;
                  router.push(href);
                }}
                className={`cursor-pointer border-b border-slate-100 hover:bg-sky-50 dark:border-slate-800/70 dark:hover:bg-slate-800/60 ${r.state === "ownership" ? "text-slate-600 dark:text-slate-400" : ""}`}
              >
                {columns.map((c) => (
                  <td key={c.id} title={cellTitle(c.id, r)} className={`overflow-hidden text-ellipsis whitespace-nowrap px-2 py-1 ${c.meta.className ?? ""}`}>
                    {c.id === "name" ? (
                      <Link href={href} className="font-mono text-[0.8125rem] text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300">
                        {r.name}
                      </Link>
                    ) : (
                      c.cell({ row: { original: r } })
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
