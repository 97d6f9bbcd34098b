// The composition root's core: joins the cluster reader and the Cloudflare reader, runs the
// pipeline per external-dns instance, and caches the result. Concurrent requests share one
// refresh (single flight), so a hundred browsers never cause a hundred Cloudflare listings.

import type { ClusterObjects, CloudflareZone, Reason } from "../externaldns/types";
import { pipelineSteps, type PipelineResult } from "../drift/pipeline";
import { runPaced } from "./paced";
import { withholdUncertain } from "../drift/withhold";
import { CloudflareBudget } from "./cloudflare-budget";
import type { CloudflareLoad, CloudflareReader, ClusterReader, ClusterSnapshot, ExternalDnsInstance, SourceHealth } from "./ports";

export interface WorldOptions {
  cluster: ClusterReader;
  cloudflare: CloudflareReader;
  /** Cloudflare data younger than this is reused (ms). */
  maxAgeMs?: number;
  /**
   * Runs on a new computation before it replaces the last one (the server builds its page
   * views here, so readers never wait for them); it should yield to the event loop as it goes.
   */
  prepare?: (c: Computed) => Promise<void>;
  /**
   * Forced refreshes (any user's Refresh) reuse a listing younger than this (ms), so a loop of
   * them costs at most one listing per period (default 0: every forced refresh lists).
   */
  minForceMs?: number;
  /** Calls to Cloudflare per 5 minutes; past its soft limit refreshes back off. */
  budget?: CloudflareBudget;
  now?: () => number;
}

export interface InstanceResult {
  instance: ExternalDnsInstance;
  result: PipelineResult;
}

export interface Computed {
  generatedAt: string;
  /** Inputs are complete and fresh: the only condition under which deletes may be planned. */
  complete: boolean;
  sources: SourceHealth[];
  instances: InstanceResult[];
  cloudflareCalls: number;
  /** Every zone that loaded, before any instance's domain filter (what-if re-runs the pipeline on them). */
  zones: CloudflareZone[];
  /** The cluster objects the instances were computed from. */
  objects: ClusterObjects;
}

/** What a computation was built from on the cluster's side: the change count and the snapshot. */
interface Built {
  clusterVersion: number;
  snapshot: ClusterSnapshot;
}

/** Cloudflare usage since the process started (monotonic), for /metrics. */
export interface CloudflareTally {
  calls: number;
  /** Responses that told us to back off (429), each counted once. */
  rateLimited: number;
}

/** Zones that never loaded are left out (their names read as "no zone"), never passed as empty. */
function usableZones(load: CloudflareLoad): CloudflareZone[] {
  return load.zones.filter((z) => z.health.status === "ok" || z.health.status === "stale").map(({ id, name, records }) => ({ id, name, records }));
}

function badSources(sources: SourceHealth[]): string[] {
  return sources.filter((s) => s.status !== "ok" && s.status !== "missing").map((s) => `${s.label}: ${s.status}${s.error ? ` (${s.error.message})` : ""}`);
}

function partialReason(sources: SourceHealth[]): Reason {
  const bad = badSources(sources);
  return {
    code: "partial-data",
    resource: "dnsdrift",
    severity: "warning",
    message: `deletes are withheld because some inputs are partial or stale: ${bad.join("; ")}`,
    hostnames: [],
  };
}

export class World {
  private cached?: { at: number; value: Computed } & Built;
  private inflight?: Promise<Computed>;
  private clusterVersion = 0;
  private cfLoad?: { at: number; load: CloudflareLoad };
  private readonly maxAgeMs: number;
  private readonly minForceMs: number;
  readonly budget: CloudflareBudget;
  private readonly now: () => number;
  private readonly tally: CloudflareTally = { calls: 0, rateLimited: 0 };
  private accountRateLimitAt?: string;
  private readonly computedListeners = new Set<(c: Computed) => void>();

  constructor(private readonly opts: WorldOptions) {
    this.maxAgeMs = opts.maxAgeMs ?? 30_000;
    this.minForceMs = opts.minForceMs ?? 0;
    this.now = opts.now ?? Date.now;
    this.budget = opts.budget ?? new CloudflareBudget({ limit: Number.MAX_SAFE_INTEGER, now: this.now });
    opts.cluster.onChange(() => {
      this.clusterVersion++;
    });
  }

  /** The current computation; recomputed when the cluster changed or Cloudflare data is old (see below). */
  async current(opts: { force?: boolean } = {}): Promise<Computed> {
    const fresh = this.cached && this.clusterUnchanged(this.cached) && this.now() - this.cached.at < this.ttlMs(Boolean(opts.force));
    if (fresh) return this.cached!.value;
    // Readers are answered from the last computation while the next one runs (stale while
    // revalidate): a refresh of a large estate takes seconds, and two hundred dashboards
    // polling must not all wait on it. The first computation and forced ones are waited for.
    const stale = !opts.force ? this.cached?.value : undefined;
    if (this.inflight) return stale ?? this.inflight;
    const run = this.compute(Boolean(opts.force)).finally(() => {
      this.inflight = undefined;
    });
    this.inflight = run;
    if (stale) {
      run.catch(() => undefined); // a failed refresh is retried by the next reader
      return stale;
    }
    return run;
  }

  /**
   * Change notifications are debounced and arrive after the change, so one can land after the
   * snapshot that already holds the change (at start-up the informers' initial lists always do).
   * When the reader still hands out the very snapshot the computation used, nothing it reads has
   * changed, and a second full computation of a large estate would be waste.
   */
  private clusterUnchanged(cached: Built): boolean {
    if (cached.clusterVersion === this.clusterVersion) return true;
    if (this.opts.cluster.snapshot() !== cached.snapshot) return false;
    cached.clusterVersion = this.clusterVersion;
    return true;
  }

  /**
   * How old data may be for this request: the refresh interval (stretched when the budget runs
   * low), or for a forced refresh the coalescing period, unless the budget forbids forcing.
   */
  private ttlMs(force: boolean): number {
    const interval = this.budget.refreshIntervalMs(this.maxAgeMs);
    return force && this.budget.allowsForced() ? Math.min(interval, this.minForceMs) : interval;
  }

  /** Our own write changed the zones: the next computation lists them again. */
  invalidateCloudflare(): void {
    if (this.cfLoad) this.cfLoad.at = -Infinity;
    if (this.cached) this.cached.at = -Infinity;
  }

  private async loadCloudflare(force: boolean): Promise<CloudflareLoad> {
    if (this.cfLoad && (this.now() - this.cfLoad.at < this.ttlMs(force) || !this.budget.allowsCalls())) return this.cfLoad.load;
    const load = await this.opts.cloudflare.load();
    this.cfLoad = { at: this.now(), load };
    this.count(load);
    return load;
  }

  /**
   * A zone that made calls and reads rate-limited got a fresh 429 this load; one answered from
   * memory during a backoff did not. The account's error is the same object until a new one
   * arrives, so its timestamp tells a new hit from the same one shown again.
   */
  private count(load: CloudflareLoad): void {
    this.tally.calls += load.calls;
    this.tally.rateLimited += load.zones.filter((z) => (z.calls ?? 0) > 0 && z.health.error?.code === "rate-limited").length;
    const accountAt = load.health.error?.code === "rate-limited" ? load.health.error.at : undefined;
    if (accountAt && accountAt !== this.accountRateLimitAt) this.tally.rateLimited++;
    this.accountRateLimitAt = accountAt;
  }

  cloudflareTally(): CloudflareTally {
    return { ...this.tally };
  }

  private async compute(force: boolean): Promise<Computed> {
    const load = await this.loadCloudflare(force);
    // The pipeline runs a stage at a time; other requests get a turn between stages.
    const { value, ...built } = await runPaced(this.buildSteps(load));
    await this.opts.prepare?.(value);
    this.cached = { at: this.now(), value, ...built };
    for (const fn of this.computedListeners) {
      try {
        fn(value);
      } catch (e) {
        console.warn(`dnsdrift: a refresh listener failed: ${(e as Error).message}`);
      }
    }
    return value;
  }

  private build(load: CloudflareLoad): Computed {
    const steps = this.buildSteps(load);
    for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value.value;
  }

  private *buildSteps(load: CloudflareLoad): Generator<void, { value: Computed } & Built> {
    // The change count as of the snapshot, not as of the start of the refresh: changes that land
    // while Cloudflare is being listed are in the snapshot already.
    const clusterVersion = this.clusterVersion;
    const snap = this.opts.cluster.snapshot();
    const sources = [...snap.health, load.health, ...load.zones.map((z) => z.health)];
    const complete =
      snap.complete &&
      (load.health.status === "ok") &&
      load.zones.every((z) => z.health.status === "ok");
    const zones = usableZones(load);
    const instances: InstanceResult[] = [];
    for (const instance of snap.instances) {
      const result = yield* pipelineSteps({ config: instance.config, objects: snap.objects, zones });
      instances.push({ instance, result: complete ? result : withoutDeletes(result, sources) });
    }
    const value: Computed = {
      generatedAt: new Date(this.now()).toISOString(),
      complete,
      sources,
      instances,
      cloudflareCalls: load.calls,
      zones,
      objects: snap.objects,
    };
    return { value, clusterVersion, snapshot: snap };
  }

  /**
   * A computation with these zones listed from Cloudflare now, bypassing the cache and any
   * computation under way (which may have read the zone before a change, or reused data up to
   * maxAgeMs old); other zones and the cluster as last seen. For the re-check under a zone lock.
   * `failed` names the zones that could not be listed: the result must not be acted on then.
   */
  async fresh(zoneIds: string[]): Promise<{ computed: Computed; failed: SourceHealth[] }> {
    const base = this.cfLoad?.load ?? (await this.loadCloudflare(false));
    if (!this.opts.cloudflare.listZones) {
      const load = await this.opts.cloudflare.load();
      return { computed: this.build(load), failed: load.zones.filter((z) => z.health.status !== "ok").map((z) => z.health) };
    }
    const listed = await this.opts.cloudflare.listZones(zoneIds);
    const calls = listed.reduce((n, z) => n + (z.calls ?? 0), 0);
    this.tally.calls += calls;
    this.tally.rateLimited += listed.filter((z) => (z.calls ?? 0) > 0 && z.health.error?.code === "rate-limited").length;
    const byId = new Map(listed.map((z) => [z.id, z]));
    const zones = [...base.zones.map((z) => byId.get(z.id) ?? z), ...listed.filter((z) => !base.zones.some((b) => b.id === z.id))];
    const computed = this.build({ zones, health: base.health, calls });
    return { computed, failed: listed.filter((z) => z.health.status !== "ok").map((z) => z.health) };
  }

  /** Called after every fresh computation (history, alerts); a listener's failure is only logged. */
  onComputed(fn: (c: Computed) => void): () => void {
    this.computedListeners.add(fn);
    return () => this.computedListeners.delete(fn);
  }

  /** The last computation, without refreshing anything (probes must not poll Cloudflare). */
  last(): Computed | undefined {
    return this.cached?.value;
  }

  /** Stops the cluster watches (tests, shutdown). */
  close(): Promise<void> {
    return this.opts.cluster.stop();
  }

  instance(id?: string): Promise<InstanceResult | undefined> {
    return this.current().then((c) => (id ? c.instances.find((i) => i.instance.id === id) : c.instances[0]));
  }
}

/** A plan from partial data never deletes: the missing data may be exactly what keeps a record. */
export function withoutDeletes(result: PipelineResult, sources: SourceHealth[]): PipelineResult {
  const bad = badSources(sources);
  const held = withholdUncertain(result, [{ code: "partial-data", subject: bad.map((b) => b.split(":")[0]).join(", ") || "inputs", message: `some inputs are partial or stale (${bad.join("; ")})`, scope: "deletes" }]);
  return { ...held, reasons: [partialReason(sources), ...held.reasons] };
}
