// Zone-level rules a record must satisfy against its neighbours at the same name
// (BEHAVIOUR.md §4): CNAME exclusivity with A/AAAA/CNAME, NS exclusivity,
// and no exact duplicates.

import { err } from "./errors";
import type { RecordFields } from "./validate";
import type { StoredRecord, StoredZone } from "./types";

const ADDRESS = new Set(["A", "AAAA"]);

function sameValue(a: RecordFields, b: StoredRecord): boolean {
  const caseless = a.type !== "TXT";
  const contentEq = caseless ? a.content.toLowerCase() === b.content.toLowerCase() : a.content === b.content;
  return contentEq && (a.priority ?? null) === (b.priority ?? null) && JSON.stringify(a.data ?? null) === JSON.stringify(b.data ?? null);
}

/** Throws the API's conflict error for `candidate`, ignoring the record `selfId` (on update). */
export function checkConflicts(zone: StoredZone, candidate: RecordFields, selfId: string | undefined, duplicateCode: 81057 | 81058): void {
  const atName = [...zone.records.values()].filter((r) => r.id !== selfId && r.name === candidate.name);
  if (atName.length === 0) return;
  const { type } = candidate;

  // The apex NS set is Cloudflare's own; exclusivity applies to delegations below the apex.
  const delegation = candidate.name !== zone.name;
  if (delegation && type !== "NS" && atName.some((r) => r.type === "NS")) throw err.nsExists();
  if (delegation && type === "NS" && atName.some((r) => r.type !== "NS")) throw err.nsOverOther();

  if (type === "CNAME" && atName.some((r) => r.type === "CNAME" || ADDRESS.has(r.type))) throw err.cnameOverAddress();
  if (ADDRESS.has(type) && atName.some((r) => r.type === "CNAME")) throw err.addressOverCname();

  if (atName.some((r) => r.type === type && sameValue(candidate, r))) throw err.duplicate(duplicateCode);
}
