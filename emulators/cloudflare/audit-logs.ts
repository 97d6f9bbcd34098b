// The account audit log (GET /accounts/{account_id}/audit_logs, the v1 "Audit Logs" API): one
// entry per DNS record write the emulator performs, naming the token's configured actor and
// interface, plus entries seeded to describe edits made before the emulator started (the
// demo's hand-made changes). Newest first unless direction=asc.

import { randomUUID } from "node:crypto";
import type { Principal } from "./auth";
import { err } from "./errors";
import { paginate } from "./paginate";
import type { RecordWrite } from "./records";
import { recordView } from "./store";
import type { StoredRecord, StoredZone } from "./types";

export interface AuditLogEntry {
  id: string;
  action: { info?: string; result: boolean; type: string };
  actor: { email: string; id: string; ip: string; type: "user" | "admin" | "Cloudflare" };
  interface: string;
  metadata: Record<string, unknown>;
  newValue: string;
  oldValue: string;
  newValueJson?: Record<string, unknown>;
  oldValueJson?: Record<string, unknown>;
  owner: { id: string };
  resource: { id: string; type: string };
  when: string;
}

/** A seeded edit: the record is named, its id is looked up in the seeded zone. */
export interface SeedAuditEntry {
  zone: string;
  record: { name: string; type: string };
  action: "rec_add" | "rec_set" | "rec_del";
  actor: { email: string; id?: string; ip?: string };
  interface?: "UI" | "API";
  when: string;
  /** Fields before the edit (rec_set, rec_del); the record as it is now is the after. */
  old?: Record<string, unknown>;
}

function valueJson(r: StoredRecord | undefined): Record<string, unknown> | undefined {
  if (!r) return undefined;
  const v = recordView(r);
  return { id: v.id, name: v.name, type: v.type, content: v.content, proxied: v.proxied, ttl: v.ttl };
}

function metadataOf(zone: StoredZone, r: StoredRecord): Record<string, unknown> {
  return { zone_id: zone.id, zone_name: zone.name, name: r.name, type: r.type, content: r.content, proxied: r.proxied, ttl: r.ttl };
}

export class AuditLog {
  private entries: AuditLogEntry[] = [];

  clear(): void {
    this.entries = [];
  }

  /** Entries for the writes of one successful request. */
  recordWrites(principal: Principal, zone: StoredZone, writes: RecordWrite[], now = new Date()): void {
    const actor = principal.spec.actor;
    for (const w of writes) {
      const r = (w.after ?? w.before)!;
      const oldJson = valueJson(w.before);
      const newJson = valueJson(w.after);
      this.entries.push({
        id: randomUUID(),
        action: { result: true, type: w.action },
        actor: { email: actor?.email ?? "", id: actor?.id ?? principal.tokenId, ip: actor?.ip ?? "127.0.0.1", type: "user" },
        interface: principal.spec.interface ?? "API",
        metadata: metadataOf(zone, r),
        newValue: newJson ? JSON.stringify(newJson) : "",
        oldValue: oldJson ? JSON.stringify(oldJson) : "",
        ...(newJson ? { newValueJson: newJson } : {}),
        ...(oldJson ? { oldValueJson: oldJson } : {}),
        owner: { id: zone.account.id },
        resource: { id: r.id, type: "DNS_record" },
        when: now.toISOString(),
      });
    }
  }

  /** Seeded edits, resolved against the zones; a record that is not there is a seed error. */
  seed(entries: SeedAuditEntry[], zones: Iterable<StoredZone>): void {
    const all = [...zones];
    for (const [i, e] of entries.entries()) {
      const zone = all.find((z) => z.name === e.zone);
      const record = zone && [...zone.records.values()].find((r) => r.name === e.record.name && r.type === e.record.type);
      if (!zone || !record) throw new Error(`audit log seed [${i}]: no ${e.record.type} ${e.record.name} in zone ${e.zone}`);
      const after = e.action === "rec_del" ? undefined : valueJson(record);
      const before = e.old ? { ...valueJson(record), ...e.old } : undefined;
      this.entries.push({
        id: randomUUID(),
        action: { result: true, type: e.action },
        actor: { email: e.actor.email, id: e.actor.id ?? randomUUID().replace(/-/g, ""), ip: e.actor.ip ?? "198.51.100.7", type: "user" },
        interface: e.interface ?? "UI",
        metadata: metadataOf(zone, record),
        newValue: after ? JSON.stringify(after) : "",
        oldValue: before ? JSON.stringify(before) : "",
        ...(after ? { newValueJson: after } : {}),
        ...(before ? { oldValueJson: before } : {}),
        owner: { id: zone.account.id },
        resource: { id: record.id, type: "DNS_record" },
        when: e.when,
      });
    }
    this.entries.sort((a, b) => a.when.localeCompare(b.when));
  }

  /** The list endpoint's answer for one account; throws 403 for an account the emulator lacks. */
  list(accountId: string, zones: Iterable<StoredZone>, q: URLSearchParams): { result: AuditLogEntry[]; result_info: ReturnType<typeof paginate>["result_info"] } {
    if (![...zones].some((z) => z.account.id === accountId)) throw err.authError();
    const zoneName = q.get("zone.name");
    const email = q.get("actor.email");
    const type = q.get("action.type");
    const id = q.get("id");
    const time = (name: string) => {
      const raw = q.get(name);
      if (raw === null || raw === "") return undefined;
      const t = Date.parse(raw);
      if (Number.isNaN(t)) throw err.validation(`${name} must be an RFC 3339 date-time, got "${raw}"`);
      return new Date(t).toISOString();
    };
    const since = time("since");
    const before = time("before");
    let items = this.entries.filter(
      (e) =>
        e.owner.id === accountId &&
        (!zoneName || e.metadata.zone_name === zoneName) &&
        (!email || e.actor.email === email) &&
        (!type || e.action.type === type) &&
        (!id || e.id === id) &&
        (!since || e.when >= since) &&
        (!before || e.when < before),
    );
    const direction = q.get("direction");
    if (direction !== null && direction !== "asc" && direction !== "desc") {
      throw err.invalidQuery(`direction must be one of asc, desc (got ${JSON.stringify(direction)})`);
    }
    items = direction === "asc" ? items : [...items].reverse();
    return paginate(items, q, { min: 1, max: 1000, default: 100 });
  }
}
