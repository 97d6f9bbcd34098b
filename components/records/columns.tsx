// The records table's columns. Sorting happens on the server (GET /api/records?sort=), so a
// column is only its header, width and how a cell shows.

import { Badge, StateBadge } from "@/components/ui/badge";
import type { RecordView } from "@/lib/api/types";
import { hostOf, type SortColumn } from "./query";
import { formatTtl } from "@/components/ui/format";

export interface ColumnMeta {
  width: string;
  className?: string;
}

export interface Column {
  id: SortColumn;
  header: string;
  meta: ColumnMeta;
  cell: (ctx: { row: { original: RecordView } }) => React.ReactNode;
}

const muted = "text-slate-500 dark:text-slate-400";

export const columns: Column[] = [
  {
    id: "name",
    header: "Name",
    meta: { width: "22%" } satisfies ColumnMeta,
    cell: ({ row }) => <span className="font-mono text-[0.8125rem]">{row.original.name}</span>,
  },
  {
    id: "type",
    header: "Type",
    meta: { width: "4.5rem" } satisfies ColumnMeta,
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.type}</span>,
  },
  {
    id: "content",
    header: "Content",
    meta: { width: "24%" } satisfies ColumnMeta,
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.content}</span>,
  },
  {
    id: "owner",
    header: "Owner",
    meta: { width: "6.5rem" } satisfies ColumnMeta,
    cell: ({ row }) => {
      const o = row.original.owner;
      return o === undefined ? <span className={muted}>—</span> : o === "" ? <span className={`italic ${muted}`}>none</span> : <span className="font-mono text-xs">{o}</span>;
    },
  },
  {
    id: "resource",
    header: "Resource",
    meta: { width: "16%" } satisfies ColumnMeta,
    cell: ({ row }) => (row.original.resource ? <span className="font-mono text-xs">{row.original.resource}</span> : <span className={muted}>—</span>),
  },
  {
    id: "txt",
    header: "TXT",
    meta: { width: "4.75rem" } satisfies ColumnMeta,
    cell: ({ row }) => {
      const f = row.original.txtFormat;
      if (!f) return <span className={muted}>—</span>;
      return <Badge tone={f === "new" ? "muted" : "amber"} title={f === "legacy" ? "legacy TXT format (no record-type prefix)" : f === "unmapped" ? "TXT name cannot be mapped back to a record" : "current TXT format"}>{f}</Badge>;
    },
  },
  {
    id: "proxied",
    header: "Proxied",
    meta: { width: "5rem" } satisfies ColumnMeta,
    cell: ({ row }) => (["A", "AAAA", "CNAME"].includes(row.original.type) ? (row.original.proxied ? <Badge tone="amber">proxied</Badge> : <span className="text-xs">DNS only</span>) : <span className={muted}>—</span>),
  },
  {
    id: "ttl",
    header: "TTL",
    meta: { width: "4rem", className: "tabular-nums" } satisfies ColumnMeta,
    cell: ({ row }) => formatTtl(row.original.ttl),
  },
  {
    id: "state",
    header: "State",
    meta: { width: "8.5rem" } satisfies ColumnMeta,
    cell: ({ row }) => (
      <span className="flex items-center gap-1" title={row.original.stateReason}>
        <StateBadge state={row.original.state} />
        {row.original.pending && <span className="text-[11px] text-slate-600 dark:text-slate-400">{row.original.pending}</span>}
      </span>
    ),
  },
];

/** Text for a cell's tooltip (the full value behind an ellipsis). */
export function cellTitle(id: string, r: RecordView): string | undefined {
  switch (id) {
    case "name":
      return r.ownershipOf ? `${r.name} (ownership of ${r.ownershipOf.type} ${hostOf(r)})` : r.name;
    case "content":
      return r.content;
    case "resource":
      return r.resource;
    case "state":
      return r.stateReason;
    default:
      return undefined;
  }
}
