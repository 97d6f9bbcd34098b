// GET /zones/{id}/dns_records filters and ordering (BEHAVIOUR.md §2).
// Non-tag filters combine by `match` (all|any); tag filters combine by `tag_match`, and that
// result joins the others by `match`. All comparisons are case-insensitive.

import { err } from "./errors";
import { toAsciiName } from "./names";
import type { StoredRecord } from "./types";

type Pred = (r: StoredRecord) => boolean;
type Op = "exact" | "contains" | "startswith" | "endswith";

const OPS: Op[] = ["exact", "contains", "startswith", "endswith"];
const ORDERS = ["type", "name", "content", "ttl", "proxied"];
const TYPES = ["A", "AAAA", "CAA", "CERT", "CNAME", "DNSKEY", "DS", "HTTPS", "LOC", "MX", "NAPTR", "NS", "OPENPGPKEY", "PTR", "SMIMEA", "SRV", "SSHFP", "SVCB", "TLSA", "TXT", "URI"];

/** The contract's enum query parameters: a value outside the enum is a 400, not ignored. */
const ENUMS: Record<string, string[]> = { type: TYPES, order: ORDERS, direction: ["asc", "desc"], match: ["all", "any"], tag_match: ["all", "any"], proxied: ["true", "false"] };

function checkEnums(q: URLSearchParams): void {
  for (const [name, allowed] of Object.entries(ENUMS)) {
    for (const v of q.getAll(name)) {
      if (!allowed.includes(v)) throw err.invalidQuery(`${name} must be one of ${allowed.join(", ")} (got ${JSON.stringify(v)})`);
    }
  }
}

function compare(op: Op, value: string, wanted: string): boolean {
  const v = value.toLowerCase();
  const w = wanted.toLowerCase();
  if (op === "exact") return v === w;
  if (op === "contains") return v.includes(w);
  if (op === "startswith") return v.startsWith(w);
  return v.endsWith(w);
}

/** `field=` is an alias of `field.exact=`; repeated keys each add a condition. */
function textFilters(q: URLSearchParams, field: "name" | "content" | "comment", get: (r: StoredRecord) => string | null): Pred[] {
  const preds: Pred[] = [];
  const norm = (s: string) => (field === "name" ? toAsciiName(s) : s);
  for (const v of q.getAll(field)) preds.push((r) => compare("exact", get(r) ?? "", norm(v)));
  for (const op of OPS) {
    for (const v of q.getAll(`${field}.${op}`)) preds.push((r) => get(r) !== null && compare(op, get(r) ?? "", op === "exact" ? norm(v) : v));
  }
  return preds;
}

function splitTag(t: string): [string, string | undefined] {
  const i = t.indexOf(":");
  return i < 0 ? [t.toLowerCase(), undefined] : [t.slice(0, i).toLowerCase(), t.slice(i + 1)];
}

function tagValues(r: StoredRecord, name: string): string[] {
  return r.tags.map(splitTag).filter(([n]) => n === name).map(([, v]) => v ?? "");
}

function tagFilters(q: URLSearchParams): Pred[] {
  const preds: Pred[] = [];
  const present = (name: string): Pred => (r) => tagValues(r, name.toLowerCase()).length > 0;
  const valued = (op: Op, spec: string): Pred => {
    const [name, value = ""] = splitTag(spec);
    return (r) => tagValues(r, name).some((v) => compare(op, v, value));
  };
  for (const v of q.getAll("tag")) preds.push(v.includes(":") ? valued("exact", v) : present(v));
  for (const v of q.getAll("tag.present")) preds.push(present(v));
  for (const v of q.getAll("tag.absent")) preds.push((r) => !present(v)(r));
  for (const op of OPS) for (const v of q.getAll(`tag.${op}`)) preds.push(valued(op, v));
  return preds;
}

function otherFilters(q: URLSearchParams): Pred[] {
  const preds = [
    ...textFilters(q, "name", (r) => r.name),
    ...textFilters(q, "content", (r) => r.content),
    ...textFilters(q, "comment", (r) => r.comment),
  ];
  for (const t of q.getAll("type")) preds.push((r) => r.type === t);
  for (const p of q.getAll("proxied")) preds.push((r) => String(r.proxied) === p);
  if (q.has("comment.present")) preds.push((r) => r.comment !== null);
  if (q.has("comment.absent")) preds.push((r) => r.comment === null);
  const search = q.get("search");
  if (search) {
    // Documented as fuzzy and meant for humans; a substring over the visible fields is enough.
    preds.push((r) => [r.name, r.content, r.comment ?? "", ...r.tags].some((f) => f.toLowerCase().includes(search.toLowerCase())));
  }
  return preds;
}

function combine(preds: Pred[], mode: string | null): Pred | undefined {
  if (preds.length === 0) return undefined;
  return mode === "any" ? (r) => preds.some((p) => p(r)) : (r) => preds.every((p) => p(r));
}

export function filterRecords(records: StoredRecord[], q: URLSearchParams): StoredRecord[] {
  checkEnums(q);
  const tags = combine(tagFilters(q), q.get("tag_match"));
  const parts = [...otherFilters(q), ...(tags ? [tags] : [])];
  const all = combine(parts, q.get("match"));
  return all ? records.filter(all) : records;
}

function key(r: StoredRecord, order: string): string | number {
  if (order === "ttl") return r.ttl;
  if (order === "proxied") return r.proxied ? 1 : 0;
  if (order === "name") return r.name;
  if (order === "content") return r.content.toLowerCase();
  return r.type;
}

/** Ordered by `order` (default type) and `direction`; ties fall back to name, then content. */
export function orderRecords(records: StoredRecord[], q: URLSearchParams): StoredRecord[] {
  const order = q.get("order") ?? "type";
  const sign = q.get("direction") === "desc" ? -1 : 1;
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...records].sort(
    (a, b) => sign * cmp(key(a, order), key(b, order)) || cmp(a.name, b.name) || cmp(a.content, b.content),
  );
}
