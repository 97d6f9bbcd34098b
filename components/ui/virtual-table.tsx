"use client";

// A table whose rows can run into the thousands (a Gateway's routes, Ingresses, the plan's
// changes): only the rows in view are in the DOM, measured as they render (rows differ in
// height), with spacer rows keeping the scrollbar honest. Near the end of what is loaded it
// asks for more (`loadMore`), so lists arrive a page at a time.

import { useVirtualizer } from "@tanstack/react-virtual";
import { cloneElement, isValidElement, useEffect, useRef } from "react";
import { formatCount } from "./format";

/** Room for the header row and the "loaded so far" line under the rows. */
const HEAD_ALLOWANCE = 64;

export interface RowProps {
  "data-vindex": number;
  /** Position in the whole list (the header row is 1): only some rows are in the DOM, and aria-rowcount says how many there are. */
  "aria-rowindex": number;
  ref: (el: HTMLTableRowElement | null) => void;
}

export function VirtualTable<T>({
  caption,
  testId,
  head,
  items,
  total,
  colSpan,
  renderRow,
  loadMore,
  loading = false,
  estimate = 56,
  overscan = 6,
  maxHeight = "36rem",
  scrollTo,
  colgroup,
  tableClass = "w-full border-collapse text-sm",
  headClass = "sticky top-0 z-10 bg-white dark:bg-slate-900",
}: {
  caption: string;
  testId?: string;
  head: React.ReactNode;
  items: T[];
  /** Rows in the whole list (more than `items` while pages are still to load). */
  total: number;
  colSpan: number;
  renderRow: (item: T, index: number, props: RowProps) => React.ReactNode;
  loadMore?: () => void;
  loading?: boolean;
  estimate?: number;
  /** Rows rendered beyond those in view, on either side. */
  overscan?: number;
  maxHeight?: string;
  /** Index to bring into view once (a deep link). */
  scrollTo?: number;
  colgroup?: React.ReactNode;
  tableClass?: string;
  headClass?: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design; nothing here is memoised on them.
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan,
    indexAttribute: "data-vindex",
  });
  const vis = virtualizer.getVirtualItems();
  const lastIndex = vis.length ? vis[vis.length - 1].index : -1;
  useEffect(() => {
    if (loadMore && !loading && items.length < total && lastIndex >= items.length - 8) loadMore();
  }, [lastIndex, items.length, total, loading, loadMore]);
  useEffect(() => {
    if (scrollTo !== undefined && scrollTo >= 0) virtualizer.scrollToIndex(scrollTo, { align: "start" });
  }, [scrollTo, virtualizer]);
  const top = vis.length ? vis[0].start : 0;
  const bottom = vis.length ? virtualizer.getTotalSize() - vis[vis.length - 1].end : 0;

  return (
    // An explicit height (the rows' estimated total, capped): a scroll box sized by its content
    // would start at zero height, and a virtualiser shows no rows in a box of no height.
    <div
      ref={scrollRef}
      style={{ height: `min(${virtualizer.getTotalSize() + HEAD_ALLOWANCE}px, ${maxHeight})` }}
      className="overflow-auto"
      data-testid={testId ? `${testId}-scroll` : undefined}
    >
      <table data-testid={testId} aria-rowcount={total + 1} className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        {colgroup}
        <thead className={headClass}>{isValidElement<{ "aria-rowindex"?: number }>(head) ? cloneElement(head, { "aria-rowindex": 1 }) : head}</thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={colSpan} />
            </tr>
          )}
          {vis.map((vi) => renderRow(items[vi.index], vi.index, { "data-vindex": vi.index, "aria-rowindex": vi.index + 2, ref: virtualizer.measureElement }))}
          {bottom > 0 && (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={colSpan} />
            </tr>
          )}
        </tbody>
      </table>
      {items.length < total && (
        <p className="px-2 py-1.5 text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {formatCount(items.length)} of {formatCount(total)} loaded{loading ? "…" : ""}
        </p>
      )}
    </div>
  );
}
