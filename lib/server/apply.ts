// Approve-to-sync: applies exactly the plan a person reviewed. The plan is recomputed from
// fresh data and its hash compared with the approved one; partial data, a missing typed
// confirmation, or another apply on the same zone refuse the request before anything is sent.

import { z } from "zod";
import type { ApplyChangeResult, ApplyResponse, PlanResponse } from "../api/types";
import type { RecordChange } from "../externaldns/types";
import { confirmationFor } from "../drift/safety";
import { jsonError, json } from "./http";
import { findInstance, ownedByZone, planResponseFor, writesStatus } from "./responses";
import type { Runtime } from "./runtime";

export const applyRequestSchema = z.object({
  hash: z.string().min(1),
  instance: z.string().optional(),
  changes: z.array(z.number().int().nonnegative()).optional(),
  confirm: z.string().optional(),
});

export type Applier = (changes: RecordChange[]) => Promise<Omit<ApplyChangeResult, "index">[]>;

/** Who approved: set by the authentication layer; "anonymous" only when auth mode is none. */
export interface Actor {
  name: string;
  email?: string;
  groups: string[];
  role: "viewer" | "approver";
  via: "proxy" | "token" | "none";
}

const busyZones = new Set<string>();

/** Adds each selected data change's ownership TXT, so a selection never leaves a record unowned. */
export function withCompanions(plan: PlanResponse, selected: number[]): number[] {
  const chosen = new Set(selected);
  const names = new Set(selected.map((i) => plan.changes[i]).filter((c) => !c.ownershipOf).map((c) => `${c.action}\u0000${c.name}`));
  plan.changes.forEach((c, i) => {
    if (c.ownershipOf && names.has(`${c.action}\u0000${c.ownershipOf}`)) chosen.add(i);
  });
  return [...chosen].sort((a, b) => a - b);
}

export async function applyPlan(rt: Runtime, body: unknown, applier: Applier, actor?: Actor): Promise<Response> {
  void actor; // recorded by the audit trail
  const parsed = applyRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonError(400, "invalid-request", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  const req = parsed.data;
  const { c, ir } = await findInstance(rt, req.instance ?? null, true);
  if (!ir) return jsonError(404, "instance-not-found", `no external-dns instance "${req.instance ?? ""}"`);
  const writes = writesStatus(rt, c);
  if (!writes.enabled) {
    return jsonError(403, c.complete ? "writes-disabled" : "partial-data", writes.reason ?? "writes are disabled");
  }
  const plan = planResponseFor(c, ir);
  if (plan.hash !== req.hash) {
    return jsonError(409, "plan-changed", "the world changed since this plan was reviewed; review the new plan", { plan });
  }
  const requested = req.changes ?? plan.changes.map((_, i) => i);
  const bad = requested.find((i) => i >= plan.changes.length);
  if (bad !== undefined) return jsonError(400, "invalid-request", `changes: index ${bad} is not in the plan (${plan.changes.length} changes)`);
  const indexes = withCompanions(plan, requested);
  const selected = indexes.map((i) => plan.changes[i]);
  if (selected.length === 0) return jsonError(400, "invalid-request", "changes: nothing selected");

  const confirmation = confirmationFor(selected, ownedByZone(ir.result));
  if (confirmation.required && req.confirm?.trim() !== confirmation.phrase) {
    return jsonError(422, "confirmation-required", `type "${confirmation.phrase}" to confirm: ${confirmation.reasons.join("; ")}`);
  }

  const zones = [...new Set(selected.map((ch) => ch.zone))];
  const busy = zones.filter((z) => busyZones.has(z));
  if (busy.length) return jsonError(409, "apply-in-progress", `another apply is running for ${busy.join(", ")}`);
  zones.forEach((z) => busyZones.add(z));
  try {
    const results = await applier(selected);
    const response: ApplyResponse = {
      hash: plan.hash,
      results: results.map((r, i) => ({ ...r, index: indexes[i] })),
      ok: results.every((r) => r.status === "applied"),
    };
    await rt.world.current({ force: true }).catch(() => undefined);
    return json(response);
  } finally {
    zones.forEach((z) => busyZones.delete(z));
  }
}
