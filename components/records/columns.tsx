import type { ColumnDef, SortingFn } from "@tanstack/react-table";
import { Badge, StateBadge } from "@/components/ui/badge";
import type { RecordView } from "@/lib/api/types";
import { hostOf, STATE_RANK, type SortColumn } from "./query";

const byState: SortingFn<RecordView> = (a, b) => STATE_RANK[a.original.state] - STATE_RANK[b.original.state];

export interface ColumnMeta {
  width: string;
  className?: string;
}

const muted = "text-slate-500 dark:text-slate-400";

export const columns: ColumnDef<RecordView>[] = [
  {
    id: "name" satisfies SortColumn,
    header: "Name",
    accessorFn: (r) => r.name,
    meta: { width: "22%" } satisfies ColumnMeta,
    cell: ({ row }) => <span className="font-mono text-[0.8125rem]">{row.original.name}</span>,
  },
  {
    id: "type" satisfies SortColumn,
    header: "Type",
    accessorFn: (r) => r.type,
    meta: { width: "4.5rem" } satisfies ColumnMeta,
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.type}</span>,
  },
  {
    id: "content" satisfies SortColumn,
    header: "Content",
    accessorFn: (r) => r.content,
    meta: { width: "24%" } satisfies ColumnMeta,
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.content}</span>,
  },
  {
    id: "owner" satisfies SortColumn,
    header: "Owner",
    accessorFn: (r) => r.owner ?? "",
    meta: { width: "6.5rem" } satisfies ColumnMeta,
    cell: ({ row }) => {
      const o = row.original.owner;
      return o === undefined ? <span className={muted}>—</span> : o === "" ? <span className={`italic ${muted}`}>none</span> : <span className="font-mono text-xs">{o}</span>;
    },
  },
  {
    id: "resource" satisfies SortColumn,
    header: "Resource",
    accessorFn: (r) => r.resource ?? "",
    meta: { width: "16%" } satisfies ColumnMeta,
    cell: ({ row }) => (row.original.resource ? <span className="font-mono text-xs">{row.original.resource}</span> : <span className={muted}>—</span>),
  },
  {
    id: "txt" satisfies SortColumn,
    header: "TXT",
    accessorFn: (r) => r.txtFormat ?? "",
    meta: { width: "4.75rem" } satisfies ColumnMeta,
    cell: ({ row }) => {
      const f = row.original.txtFormat;
      if (!f) return <span className={muted}>—</span>;
      return <Badge tone={f === "new" ? "muted" : "amber"} title={f === "legacy" ? "legacy TXT format (no record-type prefix)" : f === "unmapped" ? "TXT name cannot be mapped back to a record" : "current TXT format"}>{f}</Badge>;
    },
  },
  {
    id: "proxied" satisfies SortColumn,
    header: "Proxied",
    accessorFn: (r) => (r.proxied ? 1 : 0),
    meta: { width: "5rem" } satisfies ColumnMeta,
    cell: ({ row }) => (["A", "AAAA", "CNAME"].includes(row.original.type) ? (row.original.proxied ? <Badge tone="amber">proxied</Badge> : <span className="text-xs">DNS only</span>) : <span className={muted}>—</span>),
  },
  {
    id: "ttl" satisfies SortColumn,
    header: "TTL",
    accessorFn: (r) => r.ttl,
    meta: { width: "4rem", className: "tabular-nums" } satisfies ColumnMeta,
    cell: ({ row }) => (row.original.ttl === 1 ? "auto" : row.original.ttl),
  },
  {
    id: "state" satisfies SortColumn,
    header: "State",
    accessorFn: (r) => r.state,
    sortingFn: byState,
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
