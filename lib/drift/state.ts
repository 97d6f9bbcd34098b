// One external-dns instance's slice of GET /api/state: the configuration in effect, every
// object with its records, every Cloudflare record with its state, hostnames with verdicts,
// and the warnings that need a person's attention.

import type { ConfigSummary, HostnameView, InstanceState, RecordState, Warning } from "../api/types";
import type { Config } from "../externaldns/types";
import { buildHostIndexSteps } from "./host-index";
import { dnsEndpointViews, gatewayViewsSteps, ingressViews, makeContext } from "./object-views";
import { planHash } from "./plan-hash";
import { serviceViews } from "./service-views";
import { desiredJSON, explainHostname } from "./plan-json";
import type { PipelineResult } from "./pipeline";
import { countStates, recordViewsSteps } from "./record-states";
import { instanceWarnings } from "./warnings";

export function configSummary(c: Config): ConfigSummary {
  return {
    version: c.version.raw,
    annotationPrefix: c.annotationPrefix,
    annotationPrefixExplicit: c.annotationPrefixExplicit,
    provider: c.provider,
    policy: c.policy,
    ownerId: c.txtOwnerId,
    sources: c.sources,
    domainFilters: c.domainFilters,
    excludeDomains: c.excludeDomains,
    regexDomainFilter: c.regexDomainFilter,
    regexDomainExclusion: c.regexDomainExclusion,
    txtPrefix: c.txtPrefix,
    txtSuffix: c.txtSuffix,
    txtWildcardReplacement: c.txtWildcardReplacement,
    proxiedDefault: c.cloudflareProxied,
    gatewayLabelFilter: c.gatewayLabelFilter,
    gatewayName: c.gatewayName,
    gatewayNamespace: c.gatewayNamespace,
    ingressClasses: c.ingressClassNames,
    labelFilter: c.labelFilter,
    ...(c.sources.includes("service") ? { serviceTypeFilter: c.serviceTypeFilter, publishInternalServices: c.publishInternalServices } : {}),
    annotationFilter: c.annotationFilter,
    managedRecordTypes: c.managedRecordTypes,
    interval: c.interval,
    issues: c.issues,
  };
}

/** The worst state among a hostname's records decides its colour. */
const SEVERITY: RecordState[] = ["blocked", "missing", "drifted", "orphaned", "other-owner", "unowned", "in-sync", "ownership"];

/** The state, built at once. */
export function instanceState(id: string, origin: string, result: PipelineResult): InstanceState {
  const steps = instanceStateSteps(id, origin, result);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same, in steps: it pauses (yields) between stages and every few hundred hostnames, so a
 * server can build a large estate's state without holding its event loop for seconds.
 */
export function* instanceStateSteps(id: string, origin: string, result: PipelineResult): Generator<void, InstanceState> {
  const idx = yield* buildHostIndexSteps(result);
  yield;
  const records = yield* recordViewsSteps(result, idx);
  yield;
  const ctx = makeContext(result, records);
  yield;
  const { gateways, orphanRoutes } = yield* gatewayViewsSteps(ctx);
  yield;

  const statesByName = new Map<string, RecordState[]>();
  for (const r of records) {
    const name = r.state === "ownership" ? r.ownershipOf?.name : r.name;
    if (!name) continue;
    const list = statesByName.get(name);
    if (list) list.push(r.state);
    else statesByName.set(name, [r.state]);
  }
  const hostnames: HostnameView[] = [];
  const names = [...idx.hostnames].sort();
  for (let n = 0; n < names.length; n++) {
    if (n % 500 === 499) yield;
    const name = names[n];
    const doc = explainHostname(result, name, idx);
    const states = statesByName.get(name) ?? [];
    const worst =
      doc.verdict === "blocked" ? "blocked" : (SEVERITY.find((s) => states.includes(s)) ?? (doc.desired.length ? "missing" : "unowned"));
    hostnames.push({
      name,
      verdict: doc.verdict,
      state: worst,
      resources: [...new Set([...doc.desired.map((d) => d.resource), ...doc.reasons.map((r) => r.resource)])].filter(
        (r) => r && r !== "config",
      ),
    });
  }
  yield;
  const warnings: Warning[] = instanceWarnings(result, records);
  return {
    id,
    origin,
    config: configSummary(result.config),
    counts: countStates(records),
    warnings,
    gateways,
    orphanRoutes,
    ingresses: ingressViews(ctx),
    dnsEndpoints: dnsEndpointViews(ctx),
    ...(result.config.sources.includes("service") ? { services: serviceViews(ctx) } : {}),
    desired: result.desired.map((e) => desiredJSON(e, result.config)),
    records,
    hostnames,
    plan: { hash: planHash(id, result.recordChanges), summary: result.summary, ...(result.blocked?.length ? { blocked: result.blocked } : {}) },
  };
}
