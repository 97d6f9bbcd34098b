// Who changed a DNS record at Cloudflare, from the account audit log (GET
// /accounts/{account_id}/audit_logs, filtered to the zone, matched on the record id). Reading it
// needs the token's "Account: Audit Logs Read" permission; without it, or when Cloudflare does
// not answer, the answer says why the actor is unknown and nothing fails.

import Cloudflare from "cloudflare";
import { createCloudflareClient } from "./client";

export interface RecordActor {
  /** The person's email, or the token/user id when there is no email. */
  actor?: string;
  /** "dashboard" (interface UI) or "API". */
  via?: string;
  changedAt?: string;
  /** What the audit log entry says was done (rec_add, rec_set, rec_del). */
  action?: string;
  /** Why there is no actor. */
  unknown?: string;
}

export const NO_PERMISSION = "actor unknown: the token cannot read audit logs";

export interface AuditLogReader {
  /** The newest audit log entry for any of these records in the zone, optionally not newer than `before`. */
  lastChange(zone: { id: string; name: string }, recordIds: string[], before?: string): Promise<RecordActor>;
}

interface Entry {
  when?: string;
  interface?: string;
  actor?: { email?: string; id?: string };
  action?: { type?: string; result?: boolean };
  resource?: { id?: string; type?: string };
}

export function viaOf(iface: string | undefined): string {
  if (!iface) return "unknown";
  return iface.toUpperCase() === "UI" ? "dashboard" : iface;
}

export function actorFromEntry(e: Entry): RecordActor {
  return {
    actor: e.actor?.email || (e.actor?.id ? `user ${e.actor.id}` : "unknown"),
    via: viaOf(e.interface),
    ...(e.when ? { changedAt: e.when } : {}),
    ...(e.action?.type ? { action: e.action.type } : {}),
  };
}

export interface AuditLogReaderOptions {
  token: string;
  baseURL?: string;
  timeoutMs?: number;
  /** How long one zone's listing is reused (ms). Default 0: concurrent lookups share one listing. */
  cacheMs?: number;
  /** Entries older than this are not read (days). */
  lookbackDays?: number;
  /** The server's budget-counting fetch, so these calls are charged and a 429 here is seen too. */
  fetch?: typeof fetch;
  now?: () => number;
}

const PAGES = 5;

export function createAuditLogReader(opts: AuditLogReaderOptions): AuditLogReader {
  const client = createCloudflareClient({ token: opts.token, baseURL: opts.baseURL, timeoutMs: opts.timeoutMs ?? 10_000, fetch: opts.fetch });
  const now = opts.now ?? Date.now;
  const accounts = new Map<string, string>();
  const cache = new Map<string, { at: number; entries: Entry[] } | { at: number; error: string }>();
  const inflight = new Map<string, Promise<Entry[] | string>>();

  async function accountOf(zoneId: string): Promise<string> {
    const known = accounts.get(zoneId);
    if (known) return known;
    const zone = await client.zones.get({ zone_id: zoneId });
    const id = zone.account?.id ?? "";
    accounts.set(zoneId, id);
    return id;
  }

  function entriesOf(zone: { id: string; name: string }): Promise<Entry[] | string> {
    const hit = cache.get(zone.id);
    if (hit && now() - hit.at < (opts.cacheMs ?? 0)) return Promise.resolve("error" in hit ? hit.error : hit.entries);
    const pending = inflight.get(zone.id);
    if (pending) return pending;
    const p = load(zone).finally(() => inflight.delete(zone.id));
    inflight.set(zone.id, p);
    return p;
  }

  async function load(zone: { id: string; name: string }): Promise<Entry[] | string> {
    let result: Entry[] | string;
    try {
      const account_id = await accountOf(zone.id);
      const since = new Date(now() - (opts.lookbackDays ?? 30) * 86_400_000).toISOString();
      const entries: Entry[] = [];
      let page = await client.auditLogs.list({ account_id, zone: { name: zone.name }, direction: "desc", since, per_page: 100 });
      for (let n = 1; ; n++) {
        entries.push(...(page.result as Entry[]));
        if (n >= PAGES || !page.hasNextPage()) break;
        page = await page.getNextPage();
      }
      result = entries;
    } catch (e) {
      result = e instanceof Cloudflare.PermissionDeniedError || e instanceof Cloudflare.AuthenticationError
        ? NO_PERMISSION
        : `actor unknown: the audit log could not be read (${e instanceof Cloudflare.APIError ? `HTTP ${e.status ?? "error"}` : (e as Error).name})`;
    }
    cache.set(zone.id, typeof result === "string" ? { at: now(), error: result } : { at: now(), entries: result });
    return result;
  }

  return {
    async lastChange(zone, recordIds, before) {
      const entries = await entriesOf(zone);
      if (typeof entries === "string") return { unknown: entries };
      const ids = new Set(recordIds);
      const match = entries
        .filter((e) => e.resource?.id && ids.has(e.resource.id) && e.action?.result !== false && (!before || (e.when ?? "") <= before))
        .sort((a, b) => (b.when ?? "").localeCompare(a.when ?? ""))[0];
      return match ? actorFromEntry(match) : { unknown: "actor unknown: no audit log entry for this record" };
    },
  };
}
