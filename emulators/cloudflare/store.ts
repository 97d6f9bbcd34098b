// In-memory zones and records, loaded from a seed document (the CLI contract's `--records`
// format) and dumped back in the same format.

import { isProxiable } from "./proxy-rules";
import { nowTimestamp, randomId, stableId, toAsciiName } from "./names";
import { validateRecord } from "./validate";
import type { RecordFields } from "./validate";
import type { SeedDoc, SeedRecord, SeedZone, StoredRecord, StoredZone } from "./types";

export interface StoreOptions {
  /** Code for an exact duplicate: 81058 (current wording) or 81057 (older). */
  duplicateCode?: 81057 | 81058;
}

export class Store {
  readonly zones = new Map<string, StoredZone>();
  readonly duplicateCode: 81057 | 81058;

  constructor(seed: SeedDoc = { zones: [] }, opts: StoreOptions = {}) {
    this.duplicateCode = opts.duplicateCode ?? 81058;
    this.load(seed);
  }

  /** Replaces all state with the seed. Throws on a record the API could never have stored. */
  load(seed: SeedDoc): void {
    if (!seed || !Array.isArray(seed.zones)) throw new Error("seed: expected { zones: [...] }");
    const zones = seed.zones.map((z, i) => seedZone(z, i));
    this.zones.clear();
    for (const z of zones) this.zones.set(z.id, z);
  }

  zone(id: string): StoredZone | undefined {
    return this.zones.get(id);
  }

  /** The seed-format view of the current state; records appear as the list API returns them. */
  dump(): SeedDoc {
    return {
      zones: [...this.zones.values()].map((z) => ({
        id: z.id,
        name: z.name,
        status: z.status,
        type: z.type,
        plan: z.plan,
        account: { ...z.account },
        records: [...z.records.values()].map((r) => recordView(r) as SeedRecord),
      })),
    };
  }
}

function seedZone(z: SeedZone, index: number): StoredZone {
  if (!z || typeof z.name !== "string" || z.name.trim() === "") throw new Error(`seed: zones[${index}].name is required`);
  const name = toAsciiName(z.name);
  const created = nowTimestamp();
  const zone: StoredZone = {
    id: z.id ?? stableId("zone", name),
    name,
    status: z.status ?? "active",
    type: z.type ?? "full",
    plan: z.plan ?? "free",
    account: { id: z.account?.id ?? stableId("account", "emulator"), name: z.account?.name ?? "Emulator Account" },
    created_on: created,
    records: new Map(),
  };
  (z.records ?? []).forEach((r, ri) => {
    let fields: RecordFields;
    try {
      fields = validateRecord(r, { mode: "create", zone, lenient: true });
    } catch (e) {
      throw new Error(`seed: zones[${index}].records[${ri}]: ${(e as Error).message}`);
    }
    const id = typeof r.id === "string" && r.id !== "" ? r.id : stableId(zone.id, ri, fields.type, fields.name, fields.content);
    const record = stamp(fields, id, typeof r.created_on === "string" ? r.created_on : created);
    if (typeof r.modified_on === "string") record.modified_on = r.modified_on;
    zone.records.set(id, record);
  });
  return zone;
}

/** A new stored record with its timestamps; `previous` keeps created_on and unchanged stamps. */
export function stamp(fields: RecordFields, id: string, created: string, previous?: StoredRecord): StoredRecord {
  const now = previous ? nowTimestamp() : created;
  const record: StoredRecord = { ...fields, id, created_on: previous?.created_on ?? created, modified_on: now };
  if (record.comment !== null) {
    const same = previous && previous.comment === record.comment && previous.comment_modified_on;
    record.comment_modified_on = same ? previous.comment_modified_on : now;
  }
  if (record.tags.length > 0) {
    const same = previous && previous.tags_modified_on && JSON.stringify(previous.tags) === JSON.stringify(record.tags);
    record.tags_modified_on = same ? previous.tags_modified_on : now;
  }
  return record;
}

export function newRecordId(zone: StoredZone): string {
  let id = randomId();
  while (zone.records.has(id)) id = randomId();
  return id;
}

/** The record object exactly as the API serialises it. */
export function recordView(r: StoredRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: r.id,
    name: r.name,
    type: r.type,
    content: r.content,
    proxiable: isProxiable(r.type, r.content),
    proxied: r.proxied,
    ttl: r.ttl,
    settings: { ...r.settings },
    meta: {},
    comment: r.comment,
    tags: [...r.tags],
    created_on: r.created_on,
    modified_on: r.modified_on,
  };
  if (r.comment_modified_on) view.comment_modified_on = r.comment_modified_on;
  if (r.tags_modified_on) view.tags_modified_on = r.tags_modified_on;
  if (r.priority !== undefined) view.priority = r.priority;
  if (r.data !== undefined) view.data = r.data;
  if (r.private_routing !== undefined) view.private_routing = r.private_routing;
  return view;
}
