// The state of every Cloudflare record in the managed zones, plus a row for each desired record
// Cloudflare lacks: the Records page's table. One pass over the zone, using the plan's changes
// and the registry's ownership reading.

import type { RecordState, RecordView } from "../api/types";
import type { PipelineResult } from "./pipeline";
import type { HostIndex } from "./host-index";
import type { BlockedChange } from "./withhold";
import type { RecordChange } from "../externaldns/types";
import { normalizeHostname } from "../externaldns/hostname";
import { runSteps, type Steps } from "../externaldns/steps";

const key = (name: string, type: string) => `${name}\u0000${type}`;
const changeKey = (name: string, type: string, content: string) => `${name}\u0000${type}\u0000${content}`;

/** A row for a record external-dns wants that Cloudflare lacks; `next` says what happens to it. */
function missingRow(c: RecordChange, owner: string, next: string): RecordView {
  return {
    zone: c.zone,
    name: c.name,
    type: c.type,
    content: c.content,
    proxied: c.proxied ?? false,
    ttl: c.ttl ?? 1,
    owner,
    ...(c.resource ? { resource: c.resource } : {}),
    state: "missing",
    stateReason: `wanted by ${c.resource ?? "a source"} but not at Cloudflare; ${next}`,
  };
}

export function recordViews(result: PipelineResult, idx: HostIndex): RecordView[] {
  return runSteps(recordViewsSteps(result, idx));
}

/** Records classified between pauses. */
const RECORDS_PER_STEP = 2000;

/** The same, pausing every RECORDS_PER_STEP records: a large zone's rows are a second of work. */
export function* recordViewsSteps(result: PipelineResult, idx: HostIndex): Steps<RecordView[]> {
  const { config } = result;
  const managed = (type: string) =>
    config.managedRecordTypes.includes(type) && !config.excludeRecordTypes.includes(type);

  const labelsOf = new Map<string, Record<string, string>>();
  const formatOf = new Map<string, RecordView["txtFormat"]>();
  for (const ep of result.registry.records) {
    const k = key(normalizeHostname(ep.dnsName), ep.recordType);
    labelsOf.set(k, ep.labels);
    const txt = result.registry.ownerOf.get(ep);
    if (txt) formatOf.set(k, txt.format);
  }
  const txtByKey = new Map(result.registry.ownershipTxts.map((t) => [changeKey(t.txtName, "TXT", t.content), t]));
  // Withheld changes of existing records (deletes, updates), and withheld creates.
  const withheld = new Map((result.blocked ?? []).filter((b) => b.action !== "create").map((b) => [changeKey(b.name, b.type, b.content), b]));
  const why = (b: BlockedChange) => b.blockedBy.map((w) => `${w.code} (${w.subject})`).join(", ");
  const pending = new Map(
    result.recordChanges.filter((c) => c.action !== "create").map((c) => [changeKey(c.name, c.type, c.content), c]),
  );

  yield;
  const rows: RecordView[] = [];
  let read = 0;
  for (const zone of result.zones) {
    for (const r of zone.records) {
      if (++read % RECORDS_PER_STEP === 0) yield;
      // The row's own properties are added to it (Object.assign), not spread into a new literal:
      // in the V8 of Node 20 every `{ ...base, more }` gets a hidden class of its own, ~0.4 KB
      // for each of tens of thousands of rows kept for as long as the computation is shown.
      const base = {
        id: r.id,
        zone: zone.name,
        name: r.name,
        type: r.type,
        content: r.content,
        proxied: r.proxied ?? false,
        ttl: r.ttl,
        ...(r.comment ? { comment: r.comment } : {}),
      };
      const change = pending.get(changeKey(r.name, r.type, r.content));
      const txt = r.type === "TXT" ? txtByKey.get(changeKey(r.name, r.type, r.content)) : undefined;
      if (txt) {
        rows.push(Object.assign(base, {
          owner: txt.owner,
          resource: txt.resource || undefined,
          txtFormat: txt.format,
          ownershipOf: txt.ownedName ? { name: txt.ownedName, type: txt.ownedType } : undefined,
          state: "ownership" as const,
          stateReason: txt.matched
            ? `ownership record (${txt.format} format) for ${txt.ownedType || "any type"} ${txt.ownedName}, owner ${txt.owner}`
            : `ownership record for ${txt.ownedType || "any type"} ${txt.ownedName || "(unmapped name)"}, which does not exist`,
          ...(change ? { pending: change.action } : {}),
        }));
        continue;
      }
      const labels = labelsOf.get(key(r.name, r.type)) ?? {};
      const owner = labels.owner ?? "";
      const desiredHere = (idx.desired.get(r.name) ?? []).length > 0;
      const held = withheld.get(changeKey(r.name, r.type, r.content));
      const { state, reason } = held
        ? held.action === "delete"
          ? { state: "orphaned" as const, reason: `owned by this external-dns and no modelled source wants it, but deleting it is withheld: ${why(held)}` }
          : { state: "drifted" as const, reason: `differs from what external-dns wants, but the update is withheld: ${why(held)}` }
        : classify({
        managed: managed(r.type),
        owner,
        ownerId: config.txtOwnerId,
        desiredHere,
        desiredSameType: (idx.desired.get(r.name) ?? []).some((e) => e.recordType === r.type),
        change: change?.action,
      });
      rows.push(Object.assign(base, {
        owner,
        ...(labels.resource ? { resource: labels.resource } : {}),
        ...(formatOf.get(key(r.name, r.type)) ? { txtFormat: formatOf.get(key(r.name, r.type)) } : {}),
        state,
        stateReason: reason,
        ...(change ? { pending: change.action } : {}),
      }));
    }
  }
  const present = new Set(rows.map((r) => changeKey(r.name, r.type, r.content)));
  for (const b of result.blocked ?? []) {
    if (b.action !== "create" || b.ownershipOf || present.has(changeKey(b.name, b.type, b.content))) continue;
    present.add(changeKey(b.name, b.type, b.content));
    rows.push(missingRow(b, config.txtOwnerId, `the create is withheld: ${why(b)}`));
  }
  for (const c of result.recordChanges) {
    if (c.action !== "create" || c.ownershipOf || present.has(changeKey(c.name, c.type, c.content))) continue;
    rows.push(Object.assign(missingRow(c, config.txtOwnerId, "external-dns will create it"), { pending: "create" as const }));
  }
  return rows;
}

interface ClassifyInput {
  managed: boolean;
  owner: string;
  ownerId: string;
  desiredHere: boolean;
  desiredSameType: boolean;
  change?: "create" | "update" | "delete";
}

function classify(i: ClassifyInput): { state: RecordState; reason: string } {
  if (i.change === "delete") return { state: "orphaned", reason: "owned by this external-dns but no source wants it; it will be deleted" };
  if (i.change === "update") return { state: "drifted", reason: "differs from what external-dns wants; it will be updated" };
  if (!i.managed) return { state: "unowned", reason: "a record type external-dns does not manage" };
  if (i.owner === "") {
    return i.desiredHere
      ? { state: "blocked", reason: "no ownership TXT: external-dns wants this name but will not touch an unowned record" }
      : { state: "unowned", reason: "no ownership TXT: created outside external-dns" };
  }
  if (i.owner !== i.ownerId) {
    return { state: "other-owner", reason: `owned by external-dns instance "${i.owner}"` };
  }
  if (!i.desiredSameType) {
    return { state: "orphaned", reason: "owned by this external-dns but no source wants it; the policy keeps it" };
  }
  return { state: "in-sync", reason: "matches what external-dns wants" };
}

export function countStates(rows: RecordView[]): Record<RecordState, number> {
  const counts: Record<RecordState, number> = {
    "in-sync": 0,
    missing: 0,
    drifted: 0,
    orphaned: 0,
    "other-owner": 0,
    unowned: 0,
    blocked: 0,
    ownership: 0,
  };
  for (const r of rows) counts[r.state]++;
  return counts;
}
