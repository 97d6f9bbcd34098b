// The records view's query — filters, sort and page — shared by the browser (it reads and writes
// the query in the URL) and the server (GET /api/records answers it). Pure.

import { RECORD_STATES, type RecordState, type RecordView } from "../api/types";

export type SortColumn = "name" | "type" | "content" | "owner" | "resource" | "txt" | "proxied" | "ttl" | "state";
export const SORTS: SortColumn[] = ["name", "type", "content", "owner", "resource", "txt", "proxied", "ttl", "state"];

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

function matcher(query: RecordsQuery, facets: { states: boolean; type: boolean }): (r: RecordView) => boolean {
  const states = facets.states && query.states.length ? new Set(query.states) : undefined;
  const type = facets.type ? query.type : "";
  const terms = query.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return (r) => {
    if (states && !states.has(r.state)) return false;
    if (type && r.type !== type) return false;
    if (!terms.length) return true;
    const hay = `${r.name} ${r.content} ${r.owner ?? ""} ${r.resource ?? ""} ${r.type} ${r.ownershipOf?.name ?? ""}`.toLowerCase();
    return terms.every((t) => hay.includes(t));
  };
}

export function filterRecords(records: RecordView[], query: RecordsQuery): RecordView[] {
  return records.filter(matcher(query, { states: true, type: true }));
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

const KEY: Record<SortColumn, (r: RecordView) => string | number> = {
  name: (r) => r.name,
  type: (r) => r.type,
  content: (r) => r.content,
  owner: (r) => r.owner ?? "",
  resource: (r) => r.resource ?? "",
  txt: (r) => r.txtFormat ?? "",
  proxied: (r) => (r.proxied ? 1 : 0),
  ttl: (r) => r.ttl,
  state: (r) => STATE_RANK[r.state],
};

/** Sorted by one column, ties by name then type; a stable order, so pages never overlap. */
export function sortRecords(records: RecordView[], sort: SortColumn, desc: boolean): RecordView[] {
  const key = KEY[sort];
  const dir = desc ? -1 : 1;
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return records
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => dir * cmp(a.k, b.k) || cmp(a.r.name, b.r.name) || cmp(a.r.type, b.r.type) || a.i - b.i)
    .map((x) => x.r);
}

export interface RecordFacets {
  /** Per state, the records matching the text and type (the state chips' numbers). */
  states: Record<RecordState, number>;
  /** Per type, the records matching the text and states. */
  types: Record<string, number>;
}

export function recordFacets(records: RecordView[], query: RecordsQuery): RecordFacets {
  const states = Object.fromEntries(RECORD_STATES.map((s) => [s, 0])) as Record<RecordState, number>;
  const types: Record<string, number> = {};
  const forStates = matcher(query, { states: false, type: true });
  const forTypes = matcher(query, { states: true, type: false });
  for (const r of records) {
    if (forStates(r)) states[r.state]++;
    if (forTypes(r)) types[r.type] = (types[r.type] ?? 0) + 1;
  }
  return { states, types };
}
