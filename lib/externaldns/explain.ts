// The verdict for one hostname: folds the reasons every stage recorded and the changes the
// plan holds into the answer to "why is my record (not) there?". Pure: the caller gathers
// the inputs from one pipeline run.

import type { Reason, RecordChange } from "./types";
import { normalizeHostname } from "./hostname";

export type Verdict = "in-sync" | "will-create" | "will-update" | "will-delete" | "not-desired" | "blocked";

/** Reasons that withhold a change because the desired state may be incomplete. */
export const WITHHELD_CODES = new Set(["unmodelled-source", "unmodelled-config", "partial-data", "config-error"]);
/** Reasons that stop external-dns (or dnsdrift's plan) from writing a record it wants. */
export const BLOCKING_CODES = new Set(["unowned-record", "owned-by-other", "policy", "no-zone", "txt-name-too-long", ...WITHHELD_CODES]);
/** Reasons that mean external-dns does not want the record at all. */
export const FILTERING_CODES = new Set(["domain-filter", "unmanaged-record-type"]);

export interface ExplainInput {
  hostname: string;
  /** Desired endpoints at this name (after Cloudflare adjustments). */
  desiredCount: number;
  /** Record-level changes of data records at this name (not their ownership TXTs). */
  dataChanges: RecordChange[];
  /** Every reason mentioning this name. */
  reasons: Reason[];
}

/** Selects the reasons that concern a hostname, most severe first, stage order kept otherwise. */
export function reasonsFor(hostname: string, reasons: Reason[]): Reason[] {
  const host = normalizeHostname(hostname);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return reasons
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.hostnames.some((h) => normalizeHostname(h) === host))
    .sort((a, b) => rank[a.r.severity] - rank[b.r.severity] || a.i - b.i)
    .map(({ r }) => r);
}

export function verdictFor(input: ExplainInput): Verdict {
  const actions = new Set(input.dataChanges.map((c) => c.action));
  if (actions.has("update") || (actions.has("create") && actions.has("delete"))) return "will-update";
  if (actions.has("create")) return "will-create";
  if (actions.has("delete")) return "will-delete";

  const codes = new Set(input.reasons.map((r) => r.code));
  // An info-level ownership note is about a leftover record nobody wants, not a blocked write.
  const blocked = input.reasons.some((r) => BLOCKING_CODES.has(r.code) && r.severity !== "info");
  if (input.desiredCount > 0) {
    const filteredOut = [...codes].some((c) => FILTERING_CODES.has(c)) && !codes.has("in-sync");
    if (filteredOut && !blocked) return "not-desired";
    return blocked ? "blocked" : "in-sync";
  }
  // Nothing wants the name: a record kept only because the policy forbids deleting it is
  // still something external-dns would write under sync, so it reads as blocked.
  // A delete withheld because the desired state may be incomplete reads as blocked too.
  const withheld = input.reasons.some((r) => WITHHELD_CODES.has(r.code) && r.hostnames.length > 0);
  return codes.has("policy") || withheld ? "blocked" : "not-desired";
}
