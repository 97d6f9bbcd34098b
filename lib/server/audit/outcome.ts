// How an apply's per-change answers add up to one outcome, and how a stored change reads once
// its apply is over: a change that never got an answer is "unknown", never "pending".

import type { AuditChange, AuditEntry, AuditOutcome } from "../../api/types";

type Status = AuditChange["status"];

/** All applied → ok; none applied → failed; otherwise partial. */
export function outcomeOf(statuses: Status[]): Exclude<AuditOutcome, "pending" | "interrupted"> {
  const applied = statuses.filter((s) => s === "applied").length;
  if (statuses.length > 0 && applied === statuses.length) return "ok";
  return applied === 0 ? "failed" : "partial";
}

export function statusAsRead(stored: Status, outcome: AuditOutcome): Status {
  return stored === "pending" && outcome !== "pending" ? "unknown" : stored;
}

export function countsOf(changes: Pick<AuditChange, "status">[]): AuditEntry["counts"] {
  const counts = { applied: 0, failed: 0, skipped: 0, unknown: 0 };
  for (const c of changes) {
    if (c.status === "applied" || c.status === "failed" || c.status === "skipped") counts[c.status]++;
    else counts.unknown++;
  }
  return counts;
}
