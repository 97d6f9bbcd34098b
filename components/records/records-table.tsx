"use client";

// The records table: tens of thousands of rows, so only the rows in view are in the DOM
// (spacer rows above and below keep the scrollbar honest), and every row has one fixed height.

import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import { hostnameHref } from "@/components/ui/links";
import { thClass } from "@/components/ui/table";
import type { RecordView } from "@/lib/api/types";
import { cellTitle, columns, type ColumnMeta } from "./columns";
import { hostOf, type SortColumn } from "./query";

const ROW_HEIGHT = 33;
const estimateSize = () => ROW_HEIGHT;

export function RecordsTable({
  rows,
  sort,
  desc,
  onSort,
}: {
  rows: RecordView[];
  sort: SortColumn;
  desc: boolean;
  onSort: (sort: SortColumn, desc: boolean) => void;
}) {
  const router = useRouter();
  // A new sorting array each render would re-sort on every keystroke elsewhere on the page.
  const sorting: SortingState = useMemo(() => [{ id: sort, desc }], [sort, desc]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions by design; nothing here is memoised on them.
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      onSort((first?.id as SortColumn) ?? "name", first?.desc ?? false);
    },
    enableSortingRemoval: false,
    // No pagination here: without these, every re-sort queues a page-index reset (a state
    // update in a microtask), which re-renders, re-sorts and queues again, forever.
    manualPagination: true,
    autoResetPageIndex: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r, i) => r.id ?? `missing-${r.name}-${r.type}-${i}`,
  });
  const model = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const top = items.length ? items[0].start : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div ref={scrollRef} data-testid="records-scroll" className="max-h-[calc(100vh-13rem)] min-h-40 overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table data-testid="records-table" aria-rowcount={model.length + 1} className="w-full min-w-[1100px] table-fixed border-collapse text-[0.8125rem]">
        <caption className="sr-only">Cloudflare records; click a row for its hostname page</caption>
        <colgroup>
          {table.getVisibleLeafColumns().map((c) => (
            <col key={c.id} style={{ width: (c.columnDef.meta as ColumnMeta).width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-slate-50 shadow-[0_1px_0_0] shadow-slate-200 dark:bg-slate-900 dark:shadow-slate-800">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id} aria-rowindex={1}>
              {hg.headers.map((h) => {
                const dir = h.column.getIsSorted();
                return (
                  <th key={h.id} scope="col" aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"} className={thClass}>
                    <button
                      type="button"
                      onClick={h.column.getToggleSortingHandler()}
                      data-testid={`sort-${h.id}`}
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:text-slate-100"
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden className="w-2 text-[10px]">
                        {dir === "asc" ? "▲" : dir === "desc" ? "▼" : ""}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((vi) => {
            const row = model[vi.index];
            const r = row.original;
            const href = hostnameHref(hostOf(r));
            return (
              <tr
                key={row.id}
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
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    title={cellTitle(cell.column.id, r)}
                    className={`overflow-hidden text-ellipsis whitespace-nowrap px-2 py-1 ${(cell.column.columnDef.meta as ColumnMeta).className ?? ""}`}
                  >
                    {cell.column.id === "name" ? (
                      <Link href={href} className="font-mono text-[0.8125rem] text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300">
                        {r.name}
                      </Link>
                    ) : (
                      flexRender(cell.column.columnDef.cell, cell.getContext())
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
