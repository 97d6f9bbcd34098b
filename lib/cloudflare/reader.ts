// The live Cloudflare side: token check, the zones external-dns would manage, and every record
// of each, one listing per zone per refresh at 5,000 records a page. A failure is kept to the
// zone it happened in: that zone keeps its last good records and reads "stale" (or "error" when
// it never loaded), never "ok and empty". A zone that was told to wait (Retry-After) is not
// called again until the wait is over; the refresh answers from memory instead.

import type Cloudflare from "cloudflare";
import type { CloudflareRecord, CloudflareZone } from "../externaldns/types";
import type { CloudflareLoad, CloudflareReader, SourceError, SourceHealth, ZoneLoad } from "../server/ports";
import { classifyCloudflareError, InvalidResponseError, toSourceError } from "./api-errors";
import type { ClassifiedError } from "./api-errors";
import { createCloudflareClient, defaultLogSink } from "./client";
import type { LogSink } from "./client";
import { collectPages } from "./list-pages";
import { selectZones } from "../externaldns/provider/cloudflare/zones";
import { normalizeHostname } from "../externaldns/hostname";

export interface CloudflareReaderOptions {
  token: string;
  baseURL?: string;
  /** Zone names external-dns would manage: its --domain-filter family (makeDomainFilter(cfg).match). */
  zoneFilter: (zoneName: string) => boolean;
  /** --zone-id-filter: exactly these zones, each fetched by id, with no domain filtering. */
  zoneIdFilters?: string[];
  /** Per request; the SDK default is 60 s. */
  timeoutMs?: number;
  now?: () => Date;
  /** Records per page (default 5,000, the practical maximum). */
  perPage?: number;
  /** Zones listed at the same time (default 4). */
  concurrency?: number;
  log?: LogSink;
  fetch?: typeof fetch;
}

export const RECORDS_PER_PAGE = 5000;
const ZONES_PER_PAGE = 50;
const DEFAULT_TIMEOUT_MS = 15_000;

interface ZoneMemory {
  id: string;
  /** Unknown (the id stands in) until a zone-id-filter zone has been fetched once. */
  name?: string;
  records?: CloudflareRecord[];
  fetchedAt: string | null;
  error?: ClassifiedError;
  /** Epoch ms before which the zone is not called again. */
  retryAt?: number;
}

interface AccountMemory {
  verified: boolean;
  fetchedAt: string | null;
  error?: ClassifiedError;
  retryAt?: number;
  /** The managed zones of the last successful discovery. */
  zones?: { id: string; name?: string }[];
}

type RecordResponse = Awaited<ReturnType<Cloudflare["dns"]["records"]["get"]>>;

function toRecord(r: RecordResponse): CloudflareRecord {
  const out: CloudflareRecord = {
    id: r.id,
    type: r.type,
    name: normalizeHostname(r.name),
    content: r.content ?? "",
    proxied: r.proxied ?? false,
    ttl: r.ttl,
  };
  if (r.comment) out.comment = r.comment;
  if (r.tags && r.tags.length > 0) out.tags = [...r.tags];
  const extra = r as { priority?: unknown; data?: unknown };
  if (typeof extra.priority === "number") out.priority = extra.priority;
  if (typeof extra.data === "object" && extra.data !== null) out.data = extra.data as Record<string, unknown>;
  return out;
}

const isAuthFailure = (c: ClassifiedError) => c.code === "unauthorized" || c.code === "forbidden";

/** Runs `task` over `items`, at most `limit` at a time, keeping the input order in the output. */
async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export function createCloudflareReader(opts: CloudflareReaderOptions): CloudflareReader {
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const perPage = opts.perPage ?? RECORDS_PER_PAGE;
  const idFilters = (opts.zoneIdFilters ?? []).filter((id, i, all) => all[0] !== "" && id !== "");
  const log = opts.log ?? defaultLogSink;
  const secrets = [opts.token];
  let calls = 0;
  const client = createCloudflareClient({
    token: opts.token,
    baseURL: opts.baseURL,
    timeoutMs,
    onRequest: () => calls++,
    log,
    fetch: opts.fetch,
  });

  const account: AccountMemory = { verified: false, fetchedAt: null };
  const zones = new Map<string, ZoneMemory>();
  let inflight: Promise<CloudflareLoad> | undefined;

  const classify = (e: unknown, what: string): ClassifiedError => {
    const c = classifyCloudflareError(e, { what, now: now(), secrets, timeoutMs });
    log("warn", `cloudflare: ${c.message}`);
    return c;
  };

  const remaining = (retryAt: number | undefined, t: number) =>
    retryAt !== undefined && t < retryAt ? Math.ceil((retryAt - t) / 1000) : undefined;

  /** The error to show now: during a backoff, retryAfter counts down to the next attempt. */
  const shown = (error: ClassifiedError, retryAt: number | undefined, t: number): SourceError => {
    const e = toSourceError(error);
    const left = remaining(retryAt, t);
    if (left !== undefined) e.retryAfter = left;
    return e;
  };

  const gateFor = (c: ClassifiedError, t: number) => (c.retryAfter !== undefined ? t + c.retryAfter * 1000 : undefined);

  async function verifyToken(): Promise<void> {
    const res = await client.user.tokens.verify();
    if (res?.status !== "active") {
      throw new InvalidResponseError(`the API token is ${typeof res?.status === "string" ? res.status : "not active"}`);
    }
  }

  async function discoverZones(): Promise<{ id: string; name?: string }[]> {
    if (idFilters.length > 0) return idFilters.map((id) => ({ id, name: zones.get(id)?.name }));
    const listed = await collectPages(client.zones.list({ per_page: ZONES_PER_PAGE }));
    const visible = listed.map((z) => ({ id: z.id, name: normalizeHostname(z.name) }));
    return selectZones(visible, { match: opts.zoneFilter }, []);
  }

  /**
   * Token check, once and again after a credential failure. Undefined when the token is good,
   * an auth error to confirm or dismiss (account-owned tokens cannot use /user/tokens/verify, so
   * a token that then lists zones or records is fine); throws anything else.
   */
  async function verifyOnce(): Promise<ClassifiedError | undefined> {
    if (account.verified) return undefined;
    try {
      await verifyToken();
      account.verified = true;
      return undefined;
    } catch (e) {
      const c = classifyCloudflareError(e, { what: "verifying the API token", now: now(), secrets, timeoutMs });
      if (e instanceof InvalidResponseError) c.code = "unauthorized";
      if (!isAuthFailure(c)) {
        log("warn", `cloudflare: ${c.message}`);
        throw c;
      }
      return c;
    }
  }

  async function loadZone(target: { id: string; name?: string }, t: number): Promise<ZoneLoad> {
    const mem = zones.get(target.id) ?? { id: target.id, name: target.name, fetchedAt: null };
    zones.set(target.id, mem);
    if (target.name) mem.name = target.name;
    const before = calls;
    if (!(mem.retryAt !== undefined && t < mem.retryAt)) {
      try {
        if (!mem.name) mem.name = normalizeHostname((await client.zones.get({ zone_id: mem.id })).name);
        const listing = await collectPages(client.dns.records.list({ zone_id: mem.id, per_page: perPage }));
        mem.records = listing.map(toRecord);
        mem.fetchedAt = now().toISOString();
        mem.error = undefined;
        mem.retryAt = undefined;
      } catch (e) {
        mem.error = classify(e, `zone ${mem.name ?? mem.id}: ${mem.name ? "listing records" : "fetching the zone"}`);
        mem.retryAt = gateFor(mem.error, t);
      }
    }
    return zoneLoad(mem, t, calls - before);
  }

  function zoneLoad(mem: ZoneMemory, t: number, zoneCalls: number, override?: ClassifiedError): ZoneLoad {
    const name = mem.name ?? mem.id;
    const error = override ?? mem.error;
    const health: SourceHealth = {
      id: `zone/${name}`,
      kind: "zone",
      label: `${name} (Cloudflare zone)`,
      status: error ? (mem.records ? "stale" : "error") : "ok",
      fetchedAt: mem.fetchedAt,
    };
    if (error) health.error = shown(error, override ? account.retryAt : mem.retryAt, t);
    return { id: mem.id, name, records: mem.records ?? [], health, calls: zoneCalls };
  }

  function accountHealth(t: number): SourceHealth {
    const health: SourceHealth = {
      id: "cloudflare",
      kind: "cloudflare",
      label: "Cloudflare API (token, zones)",
      status: account.error ? (account.fetchedAt ? "stale" : "error") : "ok",
      fetchedAt: account.fetchedAt,
    };
    if (account.error) health.error = shown(account.error, account.retryAt, t);
    return health;
  }

  function accountFailed(c: ClassifiedError, t: number): void {
    if (isAuthFailure(c)) account.verified = false;
    account.error = c;
    account.retryAt = gateFor(c, t);
  }

  /** Every known zone from memory, carrying the account's error: nothing more was asked of Cloudflare. */
  function fromMemory(t: number): CloudflareLoad {
    const known = (account.zones ?? []).map((z) => zones.get(z.id)).filter((m): m is ZoneMemory => m !== undefined);
    return { zones: known.map((m) => zoneLoad(m, t, 0, account.error)), health: accountHealth(t), calls };
  }

  async function refresh(): Promise<CloudflareLoad> {
    calls = 0;
    const t = now().getTime();
    if (account.retryAt !== undefined && t < account.retryAt) return fromMemory(t);
    let verifyError: ClassifiedError | undefined;
    let targets: { id: string; name?: string }[];
    try {
      verifyError = await verifyOnce();
      try {
        targets = await discoverZones();
      } catch (e) {
        const c = classify(e, "listing zones");
        throw verifyError && isAuthFailure(c) ? verifyError : c;
      }
    } catch (e) {
      accountFailed(e as ClassifiedError, t);
      return fromMemory(t);
    }
    const wanted = new Set(targets.map((z) => z.id));
    for (const id of [...zones.keys()]) if (!wanted.has(id)) zones.delete(id);
    const loaded = await pool(targets, opts.concurrency ?? 4, (z) => loadZone(z, t));
    // With --zone-id-filter nothing but the zones themselves can tell whether the token works.
    const tokenWorks = idFilters.length === 0 || loaded.some((z) => z.health.status === "ok" && (z.calls ?? 0) > 0);
    if (verifyError && !tokenWorks) {
      log("warn", `cloudflare: ${verifyError.message}`);
      accountFailed(verifyError, t);
    } else {
      account.verified = true;
      account.error = undefined;
      account.retryAt = undefined;
      account.fetchedAt = now().toISOString();
      account.zones = targets;
    }
    return { zones: loaded, health: accountHealth(t), calls };
  }

  /** A listing made now for one zone, apart from the refresh's memory and counters. */
  async function listNow(id: string, t: number): Promise<ZoneLoad> {
    const known = zones.get(id);
    const mem: ZoneMemory = { id, name: known?.name, fetchedAt: null };
    const gate = account.retryAt !== undefined && t < account.retryAt ? account : known?.retryAt !== undefined && t < known.retryAt ? known : undefined;
    if (gate?.error) return zoneLoad({ ...mem, error: gate.error, retryAt: gate.retryAt }, t, 0);
    let listed = 0;
    const fresh = createCloudflareClient({ token: opts.token, baseURL: opts.baseURL, timeoutMs, onRequest: () => listed++, log, fetch: opts.fetch });
    try {
      if (!mem.name) mem.name = normalizeHostname((await fresh.zones.get({ zone_id: id })).name);
      mem.records = (await collectPages(fresh.dns.records.list({ zone_id: id, per_page: perPage }))).map(toRecord);
      mem.fetchedAt = now().toISOString();
    } catch (e) {
      mem.error = classify(e, `zone ${mem.name ?? id}: listing records to re-check a plan`);
      mem.retryAt = gateFor(mem.error, t);
      mem.records = undefined;
      // A 429 here binds the dashboard's refreshes too: the limit is per user.
      if (known && mem.retryAt !== undefined) Object.assign(known, { error: mem.error, retryAt: mem.retryAt });
    }
    return zoneLoad(mem, t, listed);
  }

  return {
    listZones(zoneIds) {
      const t = now().getTime();
      return pool([...new Set(zoneIds)], opts.concurrency ?? 4, (id) => listNow(id, t));
    },
    load() {
      // Overlapping refreshes share one round of calls.
      inflight ??= refresh().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  };
}

/**
 * The zones a plan may be computed from: ok and stale zones with their (last good) records.
 * Zones that never loaded are left out, and `complete` is false whenever anything is not fresh,
 * so callers can refuse deletes (or any plan) from partial data instead of reading "empty".
 */
export function zonesForPlanning(load: CloudflareLoad): { zones: CloudflareZone[]; complete: boolean } {
  const zones = load.zones
    .filter((z) => z.health.status === "ok" || z.health.status === "stale")
    .map((z) => ({ id: z.id, name: z.name, records: z.records }));
  const complete = load.health.status === "ok" && load.zones.every((z) => z.health.status === "ok");
  return { zones, complete };
}
