// Builds the JSON API's answers from the world's current computation.

import type { PlanResponse, PlanSafety, StateResponse } from "../api/types";
import { planHash } from "../drift/plan-hash";
import { confirmationFor, revertsFor, type SafetyRules } from "../drift/safety";
import { protectedNameMatcher } from "../drift/protected-names";
import { zoneForName } from "../externaldns/provider/cloudflare/zones";
import type { PipelineResult } from "../drift/pipeline";
import { runSteps, type Steps } from "../externaldns/steps";
import { explainHostname, planDocument, type ExplainDocument } from "../drift/plan-json";
import type { Runtime } from "./runtime";
import { safetySettingsFromEnv, type SafetySettings } from "./settings";
import type { Views } from "./views";
import type { Computed, InstanceResult } from "./world";

export function writesStatus(rt: Runtime, c: Computed): StateResponse["writes"] {
  if (!rt.settings.writesEnabled) return { enabled: false, reason: "writes are not enabled (set DNSDRIFT_WRITES=enabled and a DNS:Edit token)" };
  if (!rt.settings.cloudflare?.writeToken) return { enabled: false, reason: "no Cloudflare write token configured (CF_API_WRITE_TOKEN)" };
  const budget = rt.world.budget.writesBlocked();
  if (budget) return { enabled: false, reason: budget, code: "cloudflare-budget" };
  if (!c.complete) return { enabled: false, reason: "some inputs are partial or stale; applying is refused until every source is fresh" };
  return { enabled: true };
}

export async function stateResponse(rt: Runtime, force = false): Promise<StateResponse> {
  const c = await rt.world.current({ force });
  for (const { instance, result } of c.instances) rt.doh.scheduleLookups(instance.id, result, rt.settings.refreshSeconds * 1000);
  return stateFromViews(rt, c, rt.views.of(c));
}

/** The whole state, from the computation's views: each instance's state is built once and shared. */
export function stateFromViews(rt: Runtime, c: Computed, views: Views): StateResponse {
  return {
    generatedAt: c.generatedAt,
    mode: rt.settings.mode,
    writes: writesStatus(rt, c),
    complete: c.complete,
    cloudflareBudget: rt.world.budget.status(),
    sources: [...c.sources, ...rt.doh.health()],
    instances: views.instances.map((iv) => iv.withLookups(rt.doh)),
  };
}

/** Records this external-dns owns, per zone: the base of the delete-share threshold. */
export function ownedByZone(result: PipelineResult): Record<string, number> {
  const zones = result.zones.map((z) => z.name);
  const out: Record<string, number> = {};
  for (const ep of result.registry.records) {
    if (ep.labels.owner !== result.config.txtOwnerId) continue;
    const zone = zoneForName(ep.dnsName, zones);
    if (zone) out[zone] = (out[zone] ?? 0) + ep.targets.length;
  }
  return out;
}

const DEFAULT_SAFETY_SETTINGS = safetySettingsFromEnv({});

/** The confirmation rules from the settings (the defaults when a runtime was built without them). */
export function safetyRules(safety: SafetySettings = DEFAULT_SAFETY_SETTINGS): SafetyRules {
  return { changeShare: safety.changeShare, minOwned: safety.minOwned, protectedBy: protectedNameMatcher(safety.protectedNames) };
}

export function planResponseFor(c: Computed, ir: InstanceResult, safety?: SafetySettings): PlanResponse {
  return runSteps(planResponseSteps(c, ir, safety));
}

/** The same, pausing between its parts (each a pass over every change: thousands in a large estate). */
export function* planResponseSteps(c: Computed, ir: InstanceResult, safety?: SafetySettings): Steps<PlanResponse> {
  const doc = planDocument(ir.result);
  yield;
  const rules = safetyRules(safety);
  const owned = ownedByZone(ir.result);
  const protectedNames: PlanSafety["protectedNames"] = {};
  for (const ch of doc.changes) {
    const pattern = rules.protectedBy(ch.name);
    if (pattern) protectedNames[ch.name] = pattern;
  }
  yield;
  const hash = planHash(ir.instance.id, doc.changes);
  yield;
  const confirmation = confirmationFor(doc.changes, owned, rules);
  yield;
  return {
    ...doc,
    hash,
    instance: ir.instance.id,
    generatedAt: c.generatedAt,
    partial: !c.complete,
    confirmation,
    safety: { changeShare: rules.changeShare, minOwned: rules.minOwned, owned, protectedNames },
    reverts: revertsFor(doc.changes),
  };
}

export async function findInstance(rt: Runtime, id: string | null, force = false): Promise<{ c: Computed; ir?: InstanceResult }> {
  const c = await rt.world.current({ force });
  const ir = id ? c.instances.find((i) => i.instance.id === id) : c.instances[0];
  return { c, ir };
}

export function explainResponse(ir: InstanceResult, hostname: string): ExplainDocument {
  return explainHostname(ir.result, hostname);
}
