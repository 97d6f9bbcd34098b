// One run of external-dns with the Cloudflare provider, simulated: the composition of the pure
// engine (sources → registry → planner) with the pure Cloudflare rules (zones, proxied/TTL,
// record-level changes). Everything the CLI, the API and the benchmarks show comes from here.

import { runSources } from "../externaldns/source-chain";
import { readRegistry, applyRegistry, type RegistryView } from "../externaldns/registry/txt";
import { calculatePlan } from "../externaldns/plan";
import { makeDomainFilter } from "../externaldns/domain-filter";
import { adjustEndpoints } from "../cloudflare/proxied";
import { zoneRecordsToEndpoints } from "../cloudflare/records";
import { selectZones } from "../cloudflare/zones";
import { toRecordChanges, summarize } from "../cloudflare/changes";
import type {
  Changes,
  ClusterObjects,
  CloudflareZone,
  Config,
  Endpoint,
  Reason,
  RecordChange,
} from "../externaldns/types";

export interface PipelineInput {
  config: Config;
  objects: ClusterObjects;
  /** Every zone the token can see; the domain and zone-id filters pick the managed ones. */
  zones: CloudflareZone[];
}

export interface PipelineResult {
  config: Config;
  /** Zones external-dns would manage (after --domain-filter / --zone-id-filter). */
  zones: CloudflareZone[];
  /** Desired endpoints after the Cloudflare adjustments. */
  desired: Endpoint[];
  /** Current records as external-dns reads them, with ownership labels folded in. */
  registry: RegistryView;
  /** What the planner and registry hand to the provider. */
  changes: Changes;
  /** The record-level changes of the plan JSON, in the order they would be sent. */
  recordChanges: RecordChange[];
  summary: { create: number; update: number; delete: number };
  /** Every reason from every stage, for explain and the dashboard. */
  reasons: Reason[];
}

export function runPipeline(input: PipelineInput): PipelineResult {
  const { config } = input;
  const domainFilter = makeDomainFilter(config);
  const zones = selectZones(input.zones, domainFilter, config.zoneIdFilters);

  const current = zoneRecordsToEndpoints(zones, config);
  const registry = readRegistry(current, config);

  const sources = runSources(input.objects, config);
  const adjusted = adjustEndpoints(sources.endpoints, config);

  const plan = calculatePlan({
    current: registry.records,
    desired: adjusted.endpoints,
    policy: config.policy,
    ownerId: config.txtOwnerId,
    oldOwnerId: config.migrateFromTxtOwner || undefined,
    domainFilter,
    managedRecordTypes: config.managedRecordTypes,
    excludeRecordTypes: config.excludeRecordTypes,
    version: config.version,
  });
  const changes = applyRegistry(plan.changes, registry, config);
  const converted = toRecordChanges(changes, zones, config);

  const configReasons: Reason[] = config.issues.map((i) => ({
    code: i.severity === "error" ? "config-error" : "config-warning",
    resource: "config",
    message: `${i.flag}: ${i.message}`,
    severity: i.severity,
    hostnames: [],
  }));

  return {
    config,
    zones,
    desired: adjusted.endpoints,
    registry,
    changes,
    recordChanges: converted.changes,
    summary: summarize(converted.changes),
    reasons: [...configReasons, ...sources.reasons, ...adjusted.reasons, ...plan.reasons, ...converted.skipped],
  };
}
