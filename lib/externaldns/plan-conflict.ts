// The planner's conflict resolver (plan/conflict.go, PerResource): which of several candidates
// for one name+type wins, and the CNAME-versus-other-types rule for a name.

import { resourceOf } from "./endpoint";
import { targetsLess } from "./targets";
import type { Endpoint } from "./types";

/** compareEndpoints: by target list, IsLess both ways (0 when neither is less). */
export function compareEndpoints(a: Endpoint, b: Endpoint): number {
  if (targetsLess(a.targets, b.targets)) return -1;
  if (targetsLess(b.targets, a.targets)) return 1;
  return 0;
}

/** ResolveCreate: the minimum; among equals the first in input order (slices.MinFunc). */
export function resolveCreate(candidates: Endpoint[]): Endpoint {
  let min = candidates[0];
  for (let i = 1; i < candidates.length; i++) if (compareEndpoints(candidates[i], min) < 0) min = candidates[i];
  return min;
}

/**
 * ResolveUpdate: the (smallest) candidate from the resource that already holds the record, as
 * recorded in its TXT; otherwise the same choice as for a create.
 */
export function resolveUpdate(current: Endpoint, candidates: Endpoint[]): Endpoint {
  if (candidates.length === 1) return candidates[0]; // the usual case: whatever it holds, it wins
  const held = resourceOf(current);
  const sorted = [...candidates].sort(compareEndpoints); // stable, like slices.SortStableFunc
  return sorted.find((c) => resourceOf(c) === held) ?? resolveCreate(sorted);
}

export interface TypeCell {
  /** The record type of this cell. */
  type: string;
  /** The current record of this type (the last one seen, as upstream keeps it). */
  current?: Endpoint;
  candidates: Endpoint[];
}

/**
 * ResolveRecordTypes: a name with more than one candidate, some CNAME and some not, keeps only
 * the non-CNAME candidates (RFC 1034: a CNAME stands alone). The current CNAME stays, so it is
 * deleted. Returns the cells to plan with (the input when nothing is dropped, else a copy) and
 * the discarded CNAME candidates.
 */
export function resolveRecordTypes(cells: TypeCell[], candidates: Endpoint[]): { cells: TypeCell[]; discarded: Endpoint[] } {
  if (candidates.length <= 1) return { cells, discarded: [] };
  const hasCname = candidates.some((c) => c.recordType === "CNAME");
  const hasOther = candidates.some((c) => c.recordType !== "CNAME");
  if (!hasCname || !hasOther) return { cells, discarded: [] };
  const cname = cells.find((c) => c.type === "CNAME");
  const resolved = cells.map((c) => (c === cname ? { type: c.type, current: c.current, candidates: [] } : c));
  return { cells: resolved, discarded: cname?.candidates ?? [] };
}
