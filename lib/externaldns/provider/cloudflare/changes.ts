// plan.Changes → the record-level operations external-dns's Cloudflare provider would send
// (ApplyChanges, newCloudFlareChange, changesByZone, submitChanges / the batch path), minus the
// ones that would leave Cloudflare as it is. This is what the plan JSON lists and what apply runs.

import { atLeast } from "../../annotations";
import { byteOrder, getProviderSpecific, resourceOf } from "../../endpoint";
import { OWNED_RECORD_LABEL } from "../../registry/txt";
import type { Changes, CloudflareRecord, CloudflareZone, Config, Endpoint, Reason, RecordChange } from "../../types";
import { commentKey, parseTags, proxiedKey, shouldBeProxied, tagsKey } from "./proxied";
import { indexRecords, indexRecordsSteps, type RecordIndex } from "./records";
import { zoneForName } from "./zones";
import { normalizeHostname } from "../../hostname";
import { appendAll } from "../../append";
import { ITEMS_PER_STEP, runSteps, type Steps } from "../../steps";

/** A RecordChange plus the MX priority, which Cloudflare keeps outside `content`. */
export interface CloudflareRecordChange extends RecordChange {
  priority?: number;
}

/** Types the typed batch PUT covers; others are updated by individual calls after the batch. */
const BATCH_PUT_TYPES = new Set(["A", "AAAA", "CNAME", "TXT", "MX", "NS"]);
/** TTL 1 is Cloudflare's "automatic"; external-dns writes it whenever no TTL is configured. */
const AUTO_TTL = 1;

interface Op {
  action: RecordChange["action"];
  ep: Endpoint;
  target: string;
}

/**
 * ApplyChanges' list: creates, then per update pair the targets only in old (delete), only in
 * new (create) and in both (update), then deletes. With custom hostnames the deletes go first.
 */
function providerOps(changes: Changes, cfg: Config): Op[] {
  const ops: Op[] = [];
  const pushDeletes = () => {
    for (const ep of changes.delete) for (const target of ep.targets) ops.push({ action: "delete", ep, target });
  };
  if (cfg.cloudflareCustomHostnames) pushDeletes();
  for (const ep of changes.create) for (const target of ep.targets) ops.push({ action: "create", ep, target });
  changes.updateNew.forEach((desired, i) => {
    const current = changes.updateOld[i];
    if (!current) return;
    const oldSet = new Set(current.targets);
    const newSet = new Set(desired.targets);
    for (const t of current.targets) if (!newSet.has(t)) ops.push({ action: "delete", ep: current, target: t });
    for (const t of desired.targets) if (!oldSet.has(t)) ops.push({ action: "create", ep: desired, target: t });
    for (const t of desired.targets) if (oldSet.has(t)) ops.push({ action: "update", ep: desired, target: t });
  });
  if (!cfg.cloudflareCustomHostnames) pushDeletes();
  return ops;
}

interface Wanted {
  name: string;
  type: string;
  content: string;
  priority?: number;
  ttl: number;
  proxied: boolean;
  comment: string;
  tags: string[];
}

/** endpoint.NewMXRecord: exactly "<preference 0-65535> <host>". */
function parseMX(target: string): { priority: number; host: string } | undefined {
  const parts = target.trim().split(/\s+/);
  if (parts.length !== 2 || !/^\d+$/.test(parts[0])) return undefined;
  const priority = Number(parts[0]);
  return priority <= 65535 ? { priority, host: parts[1] } : undefined;
}

/** The property names a change reads, built once per conversion rather than once per change. */
interface PropertyNames {
  tags: string;
  comment: string;
  proxied: string;
}

/** newCloudFlareChange, minus comment truncation (it needs the zone's plan, which we lack). */
function wantedRecord(op: Op, cfg: Config, names: PropertyNames): Wanted | undefined {
  const { ep } = op;
  let content = op.target;
  let priority: number | undefined;
  if (ep.recordType === "MX") {
    const mx = parseMX(op.target);
    if (!mx) return undefined;
    content = mx.host;
    priority = mx.priority;
  }
  const tags = getProviderSpecific(ep, names.tags);
  return {
    name: normalizeHostname(ep.dnsName),
    type: ep.recordType,
    content,
    priority,
    ttl: ep.recordTTL > 0 ? ep.recordTTL : AUTO_TTL,
    proxied: shouldBeProxied(ep, cfg, names.proxied),
    comment: getProviderSpecific(ep, names.comment) ?? cfg.cloudflareRecordComment,
    tags: tags === undefined ? [] : parseTags(tags),
  };
}

function sameTags(a: string[], b: string[]): boolean {
  const x = [...a].sort(byteOrder);
  const y = [...b].sort(byteOrder);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

/** True when a PUT of `w` would leave `r` exactly as it is (e.g. the re-sent ownership TXT). */
function isNoOp(w: Wanted, r: CloudflareRecord): boolean {
  return (
    w.content === r.content &&
    w.proxied === (r.proxied ?? false) &&
    w.ttl === r.ttl &&
    w.comment === (r.comment ?? "") &&
    sameTags(w.tags, r.tags ?? []) &&
    (w.type !== "MX" || w.priority === (r.priority ?? 0))
  );
}

function withOptional(change: CloudflareRecordChange, w: Wanted): CloudflareRecordChange {
  if (w.priority !== undefined) change.priority = w.priority;
  if (w.comment !== "") change.comment = w.comment;
  if (w.tags.length > 0) change.tags = w.tags;
  return change;
}

function previousOf(r: CloudflareRecord): NonNullable<RecordChange["previous"]> {
  const prev: NonNullable<RecordChange["previous"]> = { content: r.content, proxied: r.proxied ?? false, ttl: r.ttl };
  if (r.comment) prev.comment = r.comment;
  if (r.tags && r.tags.length > 0) prev.tags = [...r.tags];
  return prev;
}

function skipReason(code: string, ep: Endpoint, w: { name: string; type: string }, message: string, severity: Reason["severity"]): Reason {
  // An ownership TXT's trouble belongs to the record it owns: explain that name, not only the TXT's.
  const owned = ep.labels[OWNED_RECORD_LABEL] ? normalizeHostname(ep.labels[OWNED_RECORD_LABEL]) : undefined;
  return {
    code,
    resource: resourceOf(ep) || (owned ? `record/${w.type}/${owned}` : "config"),
    message,
    severity,
    hostnames: owned && owned !== w.name ? [w.name, owned] : [w.name],
  };
}

interface Routed {
  op: Op;
  zone: CloudflareZone;
  change: CloudflareRecordChange;
}

function convert(op: Op, zones: CloudflareZone[], zoneNames: string[], index: RecordIndex, cfg: Config, names: PropertyNames, skip: (r: Reason) => void): Routed | undefined {
  const w = wantedRecord(op, cfg, names);
  const name = normalizeHostname(op.ep.dnsName);
  if (!w) {
    skip(skipReason("invalid-target", op.ep, { name, type: op.ep.recordType },
      `MX target "${op.target}" of ${name} is not "<preference> <host>"; the provider drops this change`, "warning"));
    return undefined;
  }
  // ZoneIDName.FindZone matches the name as the endpoint carries it, and a name with a trailing
  // dot (a DNSEndpoint's dnsName: "app.example.com.") ends in no zone. Its ownership TXT is named
  // through NewEndpoint, which trims the dot, so external-dns writes the claim without the record;
  // dnsdrift offers neither, so an approval never leaves a claim on an empty name.
  const owner = op.ep.recordType === "TXT" ? op.ep.labels[OWNED_RECORD_LABEL] : undefined;
  if (op.ep.dnsName.endsWith(".") || owner?.endsWith(".")) {
    const dotted = owner ?? op.ep.dnsName;
    const message = owner
      ? `the record this ownership TXT claims is named "${dotted}" (trailing dot), which the Cloudflare provider never writes; external-dns still writes this TXT, a claim on a name without its record, so dnsdrift does not offer it`
      : `"${dotted}" ends with a dot: external-dns's Cloudflare provider finds no zone for it and skips the ${w.type} record ("no hosted zone matching record DNS Name"), while its ownership TXT (named without the dot) is written; remove the trailing dot from the DNSEndpoint`;
    skip(skipReason("no-zone", op.ep, w, message, "warning"));
    return undefined;
  }
  const zoneName = zoneForName(w.name, zoneNames);
  const zone = zones.find((z) => z.name === zoneName);
  if (!zone) {
    skip(skipReason("no-zone", op.ep, w,
      `no managed Cloudflare zone holds ${w.name}; external-dns skips the ${w.type} record ("no hosted zone matching record DNS Name")`, "warning"));
    return undefined;
  }
  // The change is completed in place, field by field, in the order a spread of this base followed
  // by the action's fields would give (the plan JSON keeps that order): spreading it cost an object
  // copy per change.
  const change: CloudflareRecordChange = { action: op.action, zone: zone.name, zoneId: zone.id, name: w.name, type: w.type, content: w.content };
  const resource = resourceOf(op.ep);
  if (resource) change.resource = resource;

  if (op.action === "create") {
    change.proxied = w.proxied;
    change.ttl = w.ttl;
    return { op, zone, change: withOptional(change, w) };
  }
  const found = index.get(w.name, w.type, w.content, zone.id);
  if (!found) {
    if (op.action === "update" && w.type === "TXT") {
      skip(skipReason("txt-migration-loop", op.ep, w,
        `external-dns updates TXT ${w.name} with content ${w.content}, but no TXT with exactly that content exists there ` +
        `(legacy-format ownership or owner migration); Cloudflare's provider logs "failed to find previous record" and skips it, so the same update repeats every cycle`,
        "warning"));
    } else {
      skip(skipReason("record-not-found", op.ep, w,
        `external-dns would ${op.action} ${w.type} ${w.name} "${w.content}", but no such record exists in zone ${zone.name}; ` +
        `the provider logs "failed to find previous record" and skips it`,
        op.action === "delete" ? "info" : "warning"));
    }
    return undefined;
  }
  const { record } = found;
  if (op.action === "delete") {
    change.content = record.content;
    change.proxied = record.proxied ?? false;
    change.recordId = record.id;
    if (w.type === "MX") change.priority = record.priority ?? 0;
    return { op, zone, change };
  }
  if (isNoOp(w, record)) return undefined;
  change.proxied = w.proxied;
  change.ttl = w.ttl;
  change.recordId = record.id;
  change.previous = previousOf(record);
  return { op, zone, change: withOptional(change, w) };
}

/** Rank of an operation inside one zone's batch: deletes → puts → posts, then fallback PUTs. */
function batchRank(c: CloudflareRecordChange): number {
  if (c.action === "delete") return 0;
  if (c.action === "update") return BATCH_PUT_TYPES.has(c.type) ? 1 : 3;
  return 2;
}

/**
 * The record-level changes in the order they would be sent. Zones come in the order given
 * (upstream walks a Go map, so its zone order is arbitrary). Within a zone:
 * - v0.21+: the batch API executes deletes, then PUTs, then POSTs; updates of types without a
 *   typed batch PUT (SRV, DNAME…) go as individual calls after the batch chunks.
 * - v0.20: one call per change in ApplyChanges order (creates, updates, deletes).
 * Lookups use the records as listed now; v0.20 re-lists before each call, which only matters
 * when one run touches the same record twice.
 */
export function toRecordChanges(
  changes: Changes,
  zones: CloudflareZone[],
  cfg: Config,
): { changes: CloudflareRecordChange[]; skipped: Reason[] } {
  return runSteps(toRecordChangesSteps(changes, zones, cfg));
}

/** The same, pausing every ITEMS_PER_STEP operations (and while the records are indexed). */
export function* toRecordChangesSteps(
  changes: Changes,
  zones: CloudflareZone[],
  cfg: Config,
): Steps<{ changes: CloudflareRecordChange[]; skipped: Reason[] }> {
  const skipped: Reason[] = [];
  const seen = new Set<string>();
  const skip = (r: Reason) => {
    const key = [r.code, r.hostnames.join(","), r.message].join("\u0000");
    if (seen.has(key)) return;
    seen.add(key);
    skipped.push(r);
  };
  const ops = providerOps(changes, cfg);
  // Creates look nothing up; anything else needs the records indexed, which is built here in
  // steps rather than all at once on the first lookup.
  const index = ops.some((op) => op.action !== "create") ? yield* indexRecordsSteps(zones) : indexRecords(zones);
  const routed: Routed[] = [];
  const zoneNames = zones.map((z) => z.name);
  const names: PropertyNames = { tags: tagsKey(cfg), comment: commentKey(cfg), proxied: proxiedKey(cfg) };
  for (let i = 0; i < ops.length; i++) {
    const r = convert(ops[i], zones, zoneNames, index, cfg, names, skip);
    if (r) routed.push(r);
    if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
  const batch = atLeast(cfg.version, 21);
  const out: CloudflareRecordChange[] = [];
  const byZone = new Map<CloudflareZone, CloudflareRecordChange[]>(zones.map((z) => [z, []]));
  for (const r of routed) byZone.get(r.zone)!.push(r.change);
  for (const zone of zones) {
    const inZone = byZone.get(zone)!;
    if (batch) inZone.sort((a, b) => batchRank(a) - batchRank(b)); // stable: list order within a rank
    appendAll(out, inZone);
  }
  return { changes: out, skipped };
}

export function summarize(changes: RecordChange[]): { create: number; update: number; delete: number } {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const c of changes) counts[c.action]++;
  return counts;
}
