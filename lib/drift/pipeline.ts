// One run of external-dns with the Cloudflare provider, simulated: the composition of the pure
// engine (sources → registry → planner) with the pure Cloudflare rules (zones, proxied/TTL,
// record-level changes). Everything the CLI, the API and the benchmarks show comes from here.

import { runSourcesSteps } from "../externaldns/source-chain";
import { readRegistry, readRegistrySteps, applyRegistrySteps, txtNameReasons, type RegistryView } from "../externaldns/registry/txt";
import { fromTXTName, txtNameOptions } from "../externaldns/registry/txt-name";
import { parseLabels, isLabelError } from "../externaldns/registry/txt-labels";
import { calculatePlanSteps } from "../externaldns/plan";
import { makeDomainFilter } from "../externaldns/domain-filter";
import { adjustEndpointsSteps } from "../externaldns/provider/cloudflare/proxied";
import { zoneRecordsToEndpoints, zoneRecordsToEndpointsSteps } from "../externaldns/provider/cloudflare/records";
import { selectZones } from "../externaldns/provider/cloudflare/zones";
import { toRecordChangesSteps, summarize } from "../externaldns/provider/cloudflare/changes";
import { ITEMS_PER_STEP } from "../externaldns/steps";
import { configUncertainties, withholdUncertain, type BlockedChange } from "./withhold";
import type {
  Changes,
  ClusterObjects,
  CloudflareZone,
  Config,
  Endpoint,
  Reason,
  RecordChange,
  RunOptions,
  SourceResult,
} from "../externaldns/types";

export interface PipelineInput extends RunOptions {
  config: Config;
  objects: ClusterObjects;
  /** Every zone the token can see; the domain and zone-id filters pick the managed ones. */
  zones: CloudflareZone[];
  /**
   * The sources' result for `objects` and `config`, when it was computed elsewhere (the CLI runs
   * the sources on a worker thread while this thread reads the records); otherwise they run here.
   */
  sources?: SourceResult;
  /** readCurrentState(config, zones), when it was computed already. */
  current?: CurrentState;
}

/** The Cloudflare side of a run: the managed zones, and their records as the TXT registry reads them. */
export interface CurrentState {
  zones: CloudflareZone[];
  registry: RegistryView;
}

export function readCurrentState(config: Config, allZones: CloudflareZone[]): CurrentState {
  const zones = selectZones(allZones, makeDomainFilter(config), config.zoneIdFilters);
  const current = zoneRecordsToEndpoints(zones, config);
  return { zones, registry: readRegistry(current, config, { adoptInput: true }) }; // `current` is ours alone
}

export interface PipelineResult {
  config: Config;
  objects: ClusterObjects;
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
  /** Changes withheld because the desired state may be incomplete (see withhold.ts); absent = none. */
  blocked?: BlockedChange[];
  /** Every reason from every stage, for explain and the dashboard. */
  reasons: Reason[];
  /**
   * Set when a source's Endpoints() fails (e.g. --fqdn-template fails on an object): external-dns
   * then changes nothing at all, so the plan is empty and this says why.
   */
  stopped?: string;
}

export function runPipeline(input: PipelineInput): PipelineResult {
  const steps = pipelineSteps(input);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same run in steps: it pauses (yields) between stages, so a server can let other requests
 * in while it computes a large estate. Same stages, same order, same result.
 */
export function* pipelineSteps(input: PipelineInput): Generator<void, PipelineResult> {
  const { config } = input;
  const domainFilter = makeDomainFilter(config);
  let zones: CloudflareZone[];
  let registry: RegistryView;
  if (input.current) ({ zones, registry } = input.current);
  else {
    zones = selectZones(input.zones, domainFilter, config.zoneIdFilters);
    const current = yield* zoneRecordsToEndpointsSteps(zones, config);
    yield;
    registry = yield* readRegistrySteps(current, config, { adoptInput: true }); // `current` is ours alone
    yield;
  }

  const narrate = input.narrate !== false;
  const sources = input.sources ?? (yield* runSourcesSteps(input.objects, config, { narrate }));
  yield;
  const adjusted = yield* adjustEndpointsSteps(sources.endpoints, config);
  yield;

  const plan = yield* calculatePlanSteps({
    current: registry.records,
    desired: adjusted.endpoints,
    policy: config.policy,
    ownerId: config.txtOwnerId,
    oldOwnerId: config.migrateFromTxtOwner || undefined,
    domainFilter,
    managedRecordTypes: config.managedRecordTypes,
    excludeRecordTypes: config.excludeRecordTypes,
    version: config.version,
    narrate,
  });
  yield;
  // A failing source makes RunOnce return before planning: no creates, updates or deletes.
  const changes = sources.error ? { create: [], updateOld: [], updateNew: [], delete: [] } : yield* applyRegistrySteps(plan.changes, registry, config);
  yield;
  const converted = yield* toRecordChangesSteps(changes, zones, config);
  yield;
  const recordChanges: RecordChange[] = [];
  for (const c of converted.changes) {
    if (recordChanges.length % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    recordChanges.push(withOwnership(c, config));
  }

  const configReasons: Reason[] = config.issues.map((i) => ({
    code: i.severity === "error" ? "config-error" : i.unmodelled ? `unmodelled-${i.unmodelled}` : "config-warning",
    resource: "config",
    message: `${i.flag}: ${i.message}`,
    severity: i.severity,
    hostnames: [],
  }));

  const result: PipelineResult = {
    config,
    objects: input.objects,
    zones,
    desired: adjusted.endpoints,
    registry,
    changes,
    recordChanges,
    summary: summarize(recordChanges),
    ...(sources.error ? { stopped: sources.error } : {}),
    reasons: dedupeReasons([
      ...(sources.error ? [blockedReason(sources.error)] : []),
      ...configReasons,
      ...sources.reasons,
      ...adjusted.reasons,
      ...txtNameReasons(adjusted.endpoints, config),
      ...plan.reasons,
      ...converted.skipped,
      ...(narrate ? recordChanges.filter((c) => !c.ownershipOf).map(pendingReason) : []),
    ]),
  };
  // The stages skip narration where it is costly; the rest goes here, so none is left at all.
  if (!narrate) result.reasons = result.reasons.filter((r) => !NARRATION_CODES.has(r.code));
  return withholdUncertain(result, configUncertainties(config));
}

/** Info reasons that only narrate an ordinary outcome; left out when the input says narrate: false. */
export const NARRATION_CODES: ReadonlySet<string> = new Set(["endpoint-produced", "in-sync", "pending-create", "pending-update", "pending-delete"]);

function blockedReason(error: string): Reason {
  return {
    code: "source-error",
    resource: "config",
    severity: "error",
    // Some causes fail each sync loop (a template error), others make external-dns exit at start
    // (a route version the cluster does not serve); either way nothing is written.
    message: `external-dns stops on "${error}" and changes no DNS records until it is fixed; the plan is empty`,
    hostnames: [],
  };
}

/** Marks ownership TXT changes with the hostname they claim, so a hostname's view includes them. */
function withOwnership(c: RecordChange, config: Config): RecordChange {
  if (c.type !== "TXT" || isLabelError(parseLabels(c.content))) return c;
  const mapped = fromTXTName(c.name, txtNameOptions(config));
  return mapped ? { ...c, ownershipOf: mapped.name } : c;
}

const VERB = { create: "create", update: "update", delete: "delete" } as const;

/** A reason per pending data change, so the explain chain says what will happen and why. */
function pendingReason(c: RecordChange): Reason {
  const diffs: string[] = [];
  if (c.previous) {
    if (c.previous.content !== c.content) diffs.push(`content ${c.previous.content} → ${c.content}`);
    if (c.previous.proxied !== c.proxied) diffs.push(`proxied ${c.previous.proxied} → ${c.proxied}`);
    if (c.previous.ttl !== c.ttl) diffs.push(`ttl ${c.previous.ttl} → ${c.ttl}`);
    if ((c.previous.comment ?? "") !== (c.comment ?? "")) diffs.push(`comment changes`);
    if ((c.previous.tags ?? []).join() !== (c.tags ?? []).join()) diffs.push(`tags change`);
  }
  const what =
    c.action === "delete"
      ? `no source wants ${c.type} ${c.name} → ${c.content} any more, and this external-dns owns it`
      : c.action === "create"
        ? `Cloudflare has no ${c.type} ${c.name} → ${c.content}`
        : `Cloudflare's ${c.type} ${c.name} differs from the desired record: ${diffs.join(", ")}`;
  return {
    code: `pending-${VERB[c.action]}`,
    resource: c.resource || `record/${c.type}/${c.name}`,
    message: `${what}; external-dns will ${VERB[c.action]} it on its next loop`,
    severity: "info",
    hostnames: [c.name],
  };
}

interface ReasonBucket {
  reasons: Reason[];
  /** Keys of the bucket's reasons, once it is too large to compare one by one. */
  keys?: Set<string>;
}

const BUCKET_SCAN_LIMIT = 32;
const restKey = (r: Reason) => `${r.code}\u0000${r.message}\u0000${r.hostnames.join(",")}`;

/**
 * Drops repeats (same code, resource, message and hostnames), keeping the first. Reasons are
 * bucketed by resource, a string they already hold, and compared field by field inside the
 * bucket: building and hashing a key string for each of a 20,000-record run's reasons was a
 * noticeable share of the whole plan. Large buckets switch to keys to stay linear.
 */
export function dedupeReasons(reasons: Reason[]): Reason[] {
  const byResource = new Map<string, ReasonBucket>();
  return reasons.filter((r) => {
    const bucket = byResource.get(r.resource);
    if (!bucket) {
      byResource.set(r.resource, { reasons: [r] });
      return true;
    }
    if (bucket.keys) {
      const key = restKey(r);
      if (bucket.keys.has(key)) return false;
      bucket.keys.add(key);
      return true;
    }
    const hosts = r.hostnames.join(",");
    if (bucket.reasons.some((o) => o.code === r.code && o.message === r.message && o.hostnames.join(",") === hosts)) return false;
    bucket.reasons.push(r);
    if (bucket.reasons.length > BUCKET_SCAN_LIMIT) bucket.keys = new Set(bucket.reasons.map(restKey));
    return true;
  });
}
