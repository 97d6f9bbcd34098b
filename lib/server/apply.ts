// Approve-to-sync: applies exactly the plan a person reviewed. The plan is recomputed from
// fresh data and its hash compared with the approved one (again once the zones are locked,
// from listings of those zones made there and then, so any change in between is noticed); partial data, a missing typed
// confirmation, or another apply on the same zone (in this process, or on another replica
// through a Kubernetes Lease) refuse the request before anything is sent. Every apply is
// written to the audit trail before the first request to Cloudflare and completed after it,
// then announced as Kubernetes Events on the objects behind the changes.

import { z } from "zod";
import { countApply } from "./metrics";
import type { ApplyChangeResult, ApplyResponse, PlanResponse } from "../api/types";
import type { RecordChange } from "../externaldns/types";
import { confirmationFor } from "../drift/safety";
import { buildApplyContext, type ApplyContext } from "./apply-context";
import type { ChangeAnswer } from "./audit/store";
import { jsonError, json } from "./http";
import { LeaseUnavailableError, type ZoneLock } from "./lease";
import { findInstance, ownedByZone, planResponseFor, safetyRules, writesStatus } from "./responses";
import type { Runtime } from "./runtime";
import type { InstanceResult } from "./world";

export const applyRequestSchema = z.object({
  hash: z.string().min(1),
  instance: z.string().optional(),
  changes: z.array(z.number().int().nonnegative()).optional(),
  confirm: z.string().optional(),
});

export interface ApplierOptions {
  /** Called as each change gets its answer (position in `changes`), so the audit keeps up. */
  onResult?: (position: number, result: Omit<ApplyChangeResult, "index">) => void;
}

/** Returns one result per change, in the order of `changes`. */
export type Applier = (changes: RecordChange[], opts?: ApplierOptions) => Promise<Omit<ApplyChangeResult, "index">[]>;

/** Who approved: set by the authentication layer; "anonymous" only when auth mode is none. */
export interface Actor {
  name: string;
  email?: string;
  groups: string[];
  role: "viewer" | "approver";
  via: "proxy" | "token" | "none";
}

/** Recorded when no authentication layer said who approved (auth mode none). */
export const ANONYMOUS: Actor = { name: "anonymous", groups: [], role: "approver", via: "none" };

/** Adds each selected data change's ownership TXT, so a selection never leaves a record unowned. */
export function withCompanions(plan: PlanResponse, selected: number[]): number[] {
  const chosen = new Set(selected);
  const names = new Set(selected.map((i) => plan.changes[i]).filter((c) => !c.ownershipOf).map((c) => `${c.action}\u0000${c.name}`));
  plan.changes.forEach((c, i) => {
    if (c.ownershipOf && names.has(`${c.action}\u0000${c.ownershipOf}`)) chosen.add(i);
  });
  return [...chosen].sort((a, b) => a - b);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function applyPlan(rt: Runtime, body: unknown, applier: Applier, actor?: Actor): Promise<Response> {
  const res = await applyPlanUncounted(rt, body, applier, actor);
  if (res.status !== 200) {
    countApply(rt.metrics, res.status === 502 ? "failed" : "refused");
  } else {
    const results = ((await res.clone().json()) as ApplyResponse).results;
    const applied = results.filter((r) => r.status === "applied").length;
    countApply(rt.metrics, applied === results.length ? "ok" : applied === 0 ? "failed" : "partial");
  }
  return res;
}

async function applyPlanUncounted(rt: Runtime, body: unknown, applier: Applier, actor?: Actor): Promise<Response> {
  const approvedAt = new Date();
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
    return jsonError(403, writes.code ?? (c.complete ? "writes-disabled" : "partial-data"), writes.reason ?? "writes are disabled");
  }
  const plan = planResponseFor(c, ir, rt.settings.safety);
  if (plan.hash !== req.hash) {
    return jsonError(409, "plan-changed", "the world changed since this plan was reviewed; review the new plan", { plan });
  }
  const requested = req.changes ?? plan.changes.map((_, i) => i);
  const bad = requested.find((i) => i >= plan.changes.length);
  if (bad !== undefined) return jsonError(400, "invalid-request", `changes: index ${bad} is not in the plan (${plan.changes.length} changes)`);
  const indexes = withCompanions(plan, requested);
  const selected = indexes.map((i) => plan.changes[i]);
  if (selected.length === 0) return jsonError(400, "invalid-request", "changes: nothing selected");

  const confirmation = confirmationFor(selected, ownedByZone(ir.result), safetyRules(rt.settings.safety));
  if (confirmation.required && req.confirm?.trim() !== confirmation.phrase) {
    return jsonError(422, "confirmation-required", `type "${confirmation.phrase}" to confirm: ${confirmation.reasons.join("; ")}`, { confirmation });
  }

  let ctx: ApplyContext;
  try {
    ctx = rt.apply ??= buildApplyContext({ mode: rt.settings.mode, env: rt.settings.cluster.env, audit: rt.audit.open() });
  } catch (e) {
    if (e instanceof LeaseUnavailableError) return jsonError(503, "lease-unavailable", `applying is refused: ${e.message}`);
    return jsonError(503, "audit-unavailable", `applying is refused because the audit trail cannot be written: ${message(e)}`);
  }
  const zones = [...new Set(selected.map((ch) => ch.zone))].sort();
  const busy = zones.filter((z) => ctx.busyZones.has(z));
  if (busy.length) return jsonError(409, "apply-in-progress", `another apply is running for ${busy.join(", ")}`);
  zones.forEach((z) => ctx.busyZones.add(z));
  let lock: ZoneLock | undefined;
  let outcome: Applied | Response;
  try {
    if (ctx.leases) {
      let got: Awaited<ReturnType<typeof ctx.leases.acquire>>;
      try {
        got = await ctx.leases.acquire(zones);
      } catch (e) {
        if (e instanceof LeaseUnavailableError) return jsonError(503, "lease-unavailable", `applying is refused: ${e.message}`);
        throw e;
      }
      if ("busy" in got) {
        const { zone, holder, until } = got.busy;
        return jsonError(409, "apply-in-progress", `another replica (${holder}) is applying to ${zone}; its lease runs until ${until} unless renewed`);
      }
      lock = got.lock;
    }
    // Another apply (here or on another replica) may have changed the zones since the review
    // check above, which may itself have joined a refresh that read them earlier.
    const stale = await changedSince(rt, ir.instance.id, plan.hash, selected);
    if (stale) return stale;
    outcome = await applyLocked(rt, ctx, { ir, hash: plan.hash, indexes, selected, zones, approvedAt, actor: actor ?? ANONYMOUS }, applier);
  } finally {
    await lock?.release();
    zones.forEach((z) => ctx.busyZones.delete(z));
  }
  if (outcome instanceof Response) return outcome;
  await recordEvents(ctx, outcome);
  if (outcome.error !== undefined) return jsonError(502, "apply-failed", outcome.error);
  return json(outcome.response);
}

/** With the zones locked: the plan from the zones listed now must still be the approved one. */
async function changedSince(rt: Runtime, instance: string, hash: string, selected: RecordChange[]): Promise<Response | undefined> {
  const zoneIds = [...new Set(selected.map((ch) => ch.zoneId).filter((id): id is string => !!id))];
  const { computed: c, failed } = await rt.world.fresh(zoneIds);
  if (failed.length) {
    const why = failed.map((h) => `${h.label}: ${h.error?.message ?? h.status}`).join("; ");
    return jsonError(503, "recheck-failed", `nothing was applied: the zones could not be listed from Cloudflare to re-check the plan (${why})`);
  }
  const ir = c.instances.find((i) => i.instance.id === instance);
  if (!ir) return jsonError(404, "instance-not-found", `no external-dns instance "${instance}"`);
  if (!c.complete) return jsonError(403, "partial-data", writesStatus(rt, c).reason ?? "some inputs are partial or stale");
  const plan = planResponseFor(c, ir, rt.settings.safety);
  if (plan.hash === hash) return undefined;
  return jsonError(409, "plan-changed", "the zones changed since this plan was reviewed (another apply, or an edit at Cloudflare); review the new plan", { plan });
}

interface Approved {
  ir: InstanceResult;
  hash: string;
  indexes: number[];
  selected: RecordChange[];
  zones: string[];
  approvedAt: Date;
  actor: Actor;
}

interface Applied extends Approved {
  auditId: number;
  answers: (ChangeAnswer | undefined)[];
  response: ApplyResponse;
  error?: string;
}

/** Runs with the zones locked: audit intent, apply, audit answers, refresh the world. */
async function applyLocked(rt: Runtime, ctx: ApplyContext, a: Approved, applier: Applier): Promise<Applied | Response> {
  let auditId: number;
  try {
    auditId = ctx.audit.begin({
      instance: a.ir.instance.id,
      planHash: a.hash,
      actor: a.actor,
      approvedAt: a.approvedAt,
      zones: a.zones,
      replica: ctx.replica,
      changes: a.selected.map((change, i) => ({ index: a.indexes[i], change })),
    });
  } catch (e) {
    return jsonError(503, "audit-unavailable", `applying is refused because the audit trail cannot be written: ${message(e)}`);
  }
  const answers: (ChangeAnswer | undefined)[] = [];
  const auditLater = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      ctx.log(`dnsdrift: audit entry #${auditId}: could not record ${what}: ${message(e)}`);
    }
  };
  let results: Omit<ApplyChangeResult, "index">[] = [];
  let error: string | undefined;
  try {
    results = await applier(a.selected, {
      onResult: (position, r) => {
        answers[position] = r;
        auditLater(`the answer for change ${position}`, () => ctx.audit.answer(auditId, position, r));
      },
    });
    results.forEach((r, i) => (answers[i] = r));
  } catch (e) {
    error = message(e);
  }
  auditLater("the outcome", () => ctx.audit.finish(auditId, answers, error));
  rt.world.invalidateCloudflare();
  await rt.world.current({ force: true }).catch(() => undefined);
  const response: ApplyResponse = {
    hash: a.hash,
    results: results.map((r, i) => ({ ...r, index: a.indexes[i] })),
    ok: error === undefined && results.every((r) => r.status === "applied"),
    auditId,
  };
  return { ...a, auditId, answers, response, error };
}

async function recordEvents(ctx: ApplyContext, a: Applied): Promise<void> {
  if (!ctx.events) return;
  try {
    await ctx.events({
      auditId: a.auditId,
      actor: a.actor,
      planHash: a.hash,
      instance: a.ir.instance,
      objects: a.ir.result.objects,
      config: a.ir.result.config,
      items: a.selected.map((change, i) => ({ change, answer: a.answers[i] })),
      error: a.error,
    });
  } catch (e) {
    ctx.log(`dnsdrift: could not record Kubernetes Events for audit entry #${a.auditId}: ${message(e)}`);
  }
}
