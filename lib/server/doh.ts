// Public DNS for the dashboard: one DoH client per runtime (resolvers from
// DNSDRIFT_DOH_RESOLVERS, default Cloudflare and Google), lookups per hostname with the
// desired records and ownership TXT names the plan knows, and the DoH source's health.

import { createDohClient, DEFAULT_RESOLVERS, type DohClient, type Resolver } from "../doh/client";
import { lookupHostname } from "../doh/lookup";
import { LRUCache } from "lru-cache";
import type { HostLookup, ResolverLookup } from "../doh/types";
import { resolverFromUrl } from "../doh/resolvers";
import { toTXTName, toLegacyTXTName, txtNameOptions } from "../externaldns/registry/txt-name";
import { desiredJSON } from "../drift/plan-json";
import { normalizeHostname } from "../externaldns/hostname";
import type { PipelineResult } from "../drift/pipeline";
import type { SourceHealth } from "./ports";
import { dohSettingsFromEnv } from "./settings";

/** "id=url,id=url" or plain URLs. */
export function resolversFromEnv(value: string | undefined): Resolver[] {
  if (!value) return [...DEFAULT_RESOLVERS];
  const out: Resolver[] = [];
  for (const item of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = item.indexOf("=");
    if (eq > 0 && !item.slice(0, eq).includes("/")) out.push({ id: item.slice(0, eq), url: item.slice(eq + 1) });
    else out.push(resolverFromUrl(item, out.map((r) => r.id)));
  }
  return out;
}

type Env = Record<string, string | undefined>;

const keyOf = (instance: string, host: string) => `${instance}\u0000${host}`;

/**
 * The runtime's public-DNS checks. The client is made on first use, so a malformed
 * DNSDRIFT_DOH_RESOLVERS fails the DoH endpoints (with its message), not the server.
 */
export class DohService {
  private _client?: DohClient;
  /** The last check per instance and hostname: any viewer can add names, so it is bounded. */
  private readonly last: LRUCache<string, HostLookup>;
  /** Each resolver's latest answer, for its health (resolvers are few and configured). */
  private readonly latest = new Map<string, { at: string; r: ResolverLookup }>();
  private readonly sweeps = new Map<string, { at: number; running: boolean }>();
  failures = 0;
  /** Changes whenever a lookup lands: answers that show lookups are cached per version. */
  version = 0;

  /** `env` fixed for tests; otherwise the process environment as it is at each use (settings.ts reads it). */
  constructor(private readonly env?: Env) {
    // The last results (DNSDRIFT_DOH_MAX_RESULTS), least recently used out first.
    this.last = new LRUCache({ max: dohSettingsFromEnv(this.env).maxResults });
  }

  get client(): DohClient {
    if (!this._client) {
      const doh = dohSettingsFromEnv(this.env);
      this._client = createDohClient({ resolvers: resolversFromEnv(doh.resolvers), timeoutMs: doh.timeoutMs, extraCaCertsFile: doh.extraCaCertsFile });
    }
    return this._client;
  }

  /**
   * Checks a hostname against what `instance` (one external-dns) wants there: each instance has
   * its own desired records, so each gets its own verdict.
   */
  async lookupFor(instance: string, result: PipelineResult, hostname: string, bypassCache = false): Promise<HostLookup> {
    const host = normalizeHostname(hostname);
    const desired = result.desired.filter((e) => normalizeHostname(e.dnsName) === host).map((e) => desiredJSON(e, result.config));
    const opts = txtNameOptions(result.config);
    const txtNames = [...new Set(desired.map((d) => toTXTName(host, d.type, opts)).concat(desired.length ? [toLegacyTXTName(host, opts)] : []))];
    const pendingHere = result.recordChanges.some((c) => c.name === host && c.action !== "delete");
    const cfHasAny = result.zones.some((z) => z.records.some((r) => r.name === host));
    const lookup = await lookupHostname(this.client, host, desired, {
      ownershipTxtNames: txtNames,
      cloudflareHas: desired.length > 0 && cfHasAny && !pendingHere,
      bypassCache,
    });
    this.last.set(keyOf(instance, host), lookup);
    this.version++;
    for (const r of lookup.resolvers) {
      const prev = this.latest.get(r.id);
      if (!prev || prev.at <= lookup.checkedAt) this.latest.set(r.id, { at: lookup.checkedAt, r });
    }
    this.failures += lookup.resolvers.filter((r) => r.verdict === "resolver-failure").length;
    return lookup;
  }

  /** How many checks are kept (bounded by DNSDRIFT_DOH_MAX_RESULTS). */
  keptCount(): number {
    return this.last.size;
  }

  /** The last check of `hostname` for `instance`, if it is still kept. */
  lastLookup(instance: string, hostname: string): HostLookup | undefined {
    return this.last.get(keyOf(instance, normalizeHostname(hostname)));
  }

  health(): SourceHealth[] {
    return this.client.resolvers.map((r) => {
      const latest = this.latest.get(r.id);
      const failing = latest?.r?.verdict === "resolver-failure";
      return {
        id: `doh/${r.id}`,
        kind: "doh",
        label: `DoH ${r.label ?? r.id} (${r.url})`,
        status: !latest ? "loading" : failing ? "error" : "ok",
        fetchedAt: latest?.at ?? null,
        ...(failing && latest?.r?.error
          ? { error: { code: latest.r.error.code === "timeout" ? "timeout" : "unreachable", message: latest.r.error.message, at: latest.at } }
          : {}),
      } satisfies SourceHealth;
    });
  }

  /**
   * Checks every desired hostname of one instance in the background (bounded by DNSDRIFT_DOH_MAX_HOSTS, default
   * 500, and at most once per interval), so the state carries public-DNS verdicts without a page
   * load ever waiting on resolvers.
   */
  scheduleLookups(instance: string, result: PipelineResult, intervalMs: number): void {
    const sweep = this.sweeps.get(instance) ?? { at: 0, running: false };
    this.sweeps.set(instance, sweep);
    const settings = dohSettingsFromEnv(this.env);
    if (sweep.running || Date.now() - sweep.at < intervalMs || !settings.enabled) return;
    sweep.running = true;
    sweep.at = Date.now();
    const max = settings.maxHosts;
    const names = [...new Set(result.desired.map((e) => normalizeHostname(e.dnsName)))].slice(0, max);
    (async () => {
      for (let i = 0; i < names.length; i += 8) {
        await Promise.all(names.slice(i, i + 8).map((n) => this.lookupFor(instance, result, n).catch(() => undefined)));
      }
    })().finally(() => {
      sweep.running = false;
    });
  }
}
