// The records view's filters and sort live in the URL (/records?state=unowned&q=app&sort=ttl&dir=desc)
// so every view can be linked and bookmarked. Pure: parse, serialize, filter.

import { RECORD_STATES, type RecordState, type RecordView } from "@/lib/api/types";

export type SortColumn = "name" | "type" | "content" | "owner" | "resource" | "txt" | "proxied" | "ttl" | "state";
const SORTS: SortColumn[] = ["name", "type", "content", "owner", "resource", "txt", "proxied", "ttl", "state"];

export interface RecordsQuery {
  states: RecordState[];
  q: string;
  type: string;
  sort: SortColumn;
  desc: boolean;
}

export function parseRecordsQuery(params: URLSearchParams): RecordsQuery {
  const states = (params.get("state") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is RecordState => (RECORD_STATES as string[]).includes(s));
  const sort = params.get("sort") as SortColumn | null;
  return {
    states,
    q: params.get("q") ?? "",
    type: (params.get("type") ?? "").toUpperCase(),
    sort: sort && SORTS.includes(sort) ? sort : "name",
    desc: params.get("dir") === "desc",
  };
}

/** The query string for a query, keeping unrelated parameters (e.g. instance). */
export function recordsSearch(query: RecordsQuery, base: URLSearchParams): string {
  const p = new URLSearchParams(base);
  const set = (k: string, v: string) => (v ? p.set(k, v) : p.delete(k));
  set("state", query.states.join(","));
  set("q", query.q.trim());
  set("type", query.type);
  set("sort", query.sort === "name" ? "" : query.sort);
  set("dir", query.desc ? "desc" : "");
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The hostname a row belongs to: ownership TXT rows belong to the record they claim. */
export function hostOf(r: RecordView): string {
  return r.ownershipOf?.name || r.name;
}

export function filterRecords(records: RecordView[], query: RecordsQuery): RecordView[] {
  const states = query.states.length ? new Set(query.states) : undefined;
  const terms = query.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return records.filter((r) => {
    if (states && !states.has(r.state)) return false;
    if (query.type && r.type !== query.type) return false;
    if (!terms.length) return true;
    const hay = `${r.name} ${r.content} ${r.owner ?? ""} ${r.resource ?? ""} ${r.type} ${r.ownershipOf?.name ?? ""}`.toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}

/** The worst states first when sorting by state. */
export const STATE_RANK: Record<RecordState, number> = {
  blocked: 0,
  missing: 1,
  drifted: 2,
  orphaned: 3,
  "other-owner": 4,
  unowned: 5,
  "in-sync": 6,
  ownership: 7,
};
