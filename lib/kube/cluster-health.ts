// The aggregate "cluster" health and the snapshot's `complete` flag, from the per-kind
// healths: what the dashboard's status bar shows and what the safety rules read before
// allowing a plan with deletes.

import type { SourceHealth } from "../server/ports";

export interface KindState {
  health: SourceHealth;
  /** Listed at least once, or found not to exist. */
  loaded: boolean;
  /** Read by some instance's sources (or needed to find the instances). */
  required: boolean;
}

/**
 * Every required kind has loaded and none is in error or missing. A missing CRD of a kind an
 * enabled source reads is not "nothing there": external-dns itself fails to sync that source and
 * deletes nothing, so a plan built without it must not delete either.
 */
export function isComplete(states: KindState[]): boolean {
  return states
    .filter((s) => s.required)
    .every((s) => s.loaded && s.health.status !== "error" && s.health.status !== "loading" && s.health.status !== "missing");
}

const RANK: Record<SourceHealth["status"], number> = { ok: 0, stale: 1, missing: 2, loading: 3, error: 4 };

/** Worst status among the required kinds; fetchedAt is the oldest of theirs (null until all loaded). */
export function aggregateHealth(states: KindState[], label: string): SourceHealth {
  const required = states.filter((s) => s.required).map((s) => s.health);
  let worst: SourceHealth | undefined;
  for (const h of required) if (!worst || RANK[h.status] > RANK[worst.status]) worst = h;
  const status: SourceHealth["status"] = !worst ? "ok" : worst.status;
  const times = required.map((h) => h.fetchedAt);
  const fetchedAt = times.length === 0 ? null : times.some((t) => t === null) ? null : ([...times].sort()[0] as string);
  const health: SourceHealth = { id: "cluster", kind: "cluster", label, status, fetchedAt };
  if (worst?.error && status !== "ok") {
    health.error = { ...worst.error, message: `${worst.label}: ${worst.error.message}` };
  }
  return health;
}
