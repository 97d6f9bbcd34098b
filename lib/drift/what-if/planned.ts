// The changes a what-if compares: what external-dns would send under a configuration. Where
// dnsdrift cannot model part of a configuration (an unknown version or flag value, a source it
// does not read), it withholds changes from the plan it offers; that is dnsdrift's safety for
// offering and applying them, not something external-dns does. Compared as offered, a what-if
// from an instance whose version is unknown (assumed the newest) to that same version named
// would list every change as a difference. Changes withheld because the inputs are partial, or
// because external-dns would refuse to start, stay out: those are as real on either side.

import type { RecordChange } from "../../externaldns/types";
import type { PipelineResult } from "../pipeline";
import type { WithheldCode } from "../withhold";

const MODEL_GAPS: ReadonlySet<WithheldCode> = new Set(["unmodelled-config", "unmodelled-source"]);

export function plannedChanges(r: PipelineResult): RecordChange[] {
  if (!r.blocked?.length) return r.recordChanges;
  const unheld: RecordChange[] = [];
  for (const b of r.blocked) {
    if (!b.blockedBy.every((why) => MODEL_GAPS.has(why.code))) continue;
    const { blockedBy: _, ...change } = b; // eslint-disable-line @typescript-eslint/no-unused-vars
    unheld.push(change);
  }
  return unheld.length ? [...r.recordChanges, ...unheld] : r.recordChanges;
}
