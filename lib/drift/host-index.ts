// Per-hostname lookups over one pipeline run. Built once per run so that explaining every
// hostname of a 20,000-record zone stays linear instead of rescanning every list per name.

import { normalizeHostname } from "../externaldns/hostname";
import type { OwnershipTxt } from "../externaldns/registry/txt";
import type { CloudflareRecord, Endpoint, Reason, RecordChange } from "../externaldns/types";
import type { PipelineResult } from "./pipeline";
import { ITEMS_PER_STEP, runSteps, type Steps } from "../externaldns/steps";
import { addToList } from "../externaldns/append";

export interface HostIndex {
  reasons: Map<string, Reason[]>;
  desired: Map<string, Endpoint[]>;
  /** Current records as the registry read them (with owner labels), by name. */
  current: Map<string, Endpoint[]>;
  /** Cloudflare records at the name itself. */
  records: Map<string, { zone: string; record: CloudflareRecord }[]>;
  /** TXT records by "name\0content", to find an ownership TXT's Cloudflare record. */
  txtRecords: Map<string, { zone: string; record: CloudflareRecord }[]>;
  /** Ownership TXTs claiming the name. */
  ownershipTxts: Map<string, OwnershipTxt[]>;
  /** Changes of data records at the name, and of the TXTs claiming it. */
  changes: Map<string, RecordChange[]>;
  dataChanges: Map<string, RecordChange[]>;
  /** Every hostname that anything mentions. */
  hostnames: Set<string>;
}

export function buildHostIndex(result: PipelineResult): HostIndex {
  return runSteps(buildHostIndexSteps(result));
}

/** Items indexed between pauses. */

/** The same, pausing between the lists and every ITEMS_PER_STEP items of the large ones. */
export function* buildHostIndexSteps(result: PipelineResult): Steps<HostIndex> {
  const idx: HostIndex = {
    reasons: new Map(),
    desired: new Map(),
    current: new Map(),
    records: new Map(),
    txtRecords: new Map(),
    ownershipTxts: new Map(),
    changes: new Map(),
    dataChanges: new Map(),
    hostnames: new Set(),
  };
  let n = 0;
  for (const r of result.reasons) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    for (const h of new Set(r.hostnames.map(normalizeHostname))) addToList(idx.reasons, h, r);
  }
  yield;
  for (const e of result.desired) addToList(idx.desired, normalizeHostname(e.dnsName), e);
  yield;
  for (const e of result.registry.records) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    addToList(idx.current, normalizeHostname(e.dnsName), e);
  }
  yield;
  for (const t of result.registry.ownershipTxts) {
    if (t.ownedName) addToList(idx.ownershipTxts, normalizeHostname(t.ownedName), t);
  }
  const txtNames = new Set(result.registry.ownershipTxts.map((t) => t.txtName));
  yield;
  for (const zone of result.zones) {
    for (const record of zone.records) {
      if (++n % ITEMS_PER_STEP === 0) yield;
      if (record.type === "TXT") addToList(idx.txtRecords, `${record.name}\u0000${record.content}`, { zone: zone.name, record });
      if (record.type === "TXT" && txtNames.has(record.name)) continue;
      addToList(idx.records, record.name, { zone: zone.name, record });
    }
  }
  yield;
  for (const c of result.recordChanges) {
    if (c.ownershipOf) {
      addToList(idx.changes, c.ownershipOf, c);
    } else {
      addToList(idx.changes, c.name, c);
      addToList(idx.dataChanges, c.name, c);
    }
  }
  for (const m of [idx.desired, idx.current, idx.records, idx.changes]) for (const k of m.keys()) idx.hostnames.add(k);
  for (const k of idx.reasons.keys()) if (k) idx.hostnames.add(k);
  return idx;
}
