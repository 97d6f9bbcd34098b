// The composition root's core: joins the cluster reader and the Cloudflare reader, runs the
// pipeline per external-dns instance, and caches the result. Concurrent requests share one
// refresh (single flight), so a hundred browsers never cause a hundred Cloudflare listings.

import type { CloudflareZone, Reason } from "../externaldns/types";
import { runPipeline, type PipelineResult } from "../drift/pipeline";
import { withholdUncertain } from "../drift/withhold";
import type { CloudflareLoad, CloudflareReader, ClusterReader, ExternalDnsInstance, SourceHealth } from "./ports";

export interface WorldOptions {
  cluster: ClusterReader;
  cloudflare: CloudflareReader;
  /** Cloudflare data younger than this is reused (ms). */
  maxAgeMs?: number;
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
  private cached?: { at: number; value: Computed; clusterVersion: number };
  private inflight?: Promise<Computed>;
  private clusterVersion = 0;
  private cfLoad?: { at: number; load: CloudflareLoad };
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly tally: CloudflareTally = { calls: 0, rateLimited: 0 };
  private accountRateLimitAt?: string;

  constructor(private readonly opts: WorldOptions) {
    this.maxAgeMs = opts.maxAgeMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    opts.cluster.onChange(() => {
      this.clusterVersion++;
    });
  }

  /** The current computation; recomputed when the cluster changed or Cloudflare data is old. */
  async current(opts: { force?: boolean } = {}): Promise<Computed> {
    const fresh =
      this.cached &&
      !opts.force &&
      this.cached.clusterVersion === this.clusterVersion &&
      this.now() - this.cached.at < this.maxAgeMs;
    if (fresh) return this.cached!.value;
    if (this.inflight) return this.inflight;
    const run = this.compute(Boolean(opts.force)).finally(() => {
      this.inflight = undefined;
    });
    this.inflight = run;
    return run;
  }

  private async loadCloudflare(force: boolean): Promise<CloudflareLoad> {
    if (!force && this.cfLoad && this.now() - this.cfLoad.at < this.maxAgeMs) return this.cfLoad.load;
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
    const startedVersion = this.clusterVersion;
    const load = await this.loadCloudflare(force);
    const snap = this.opts.cluster.snapshot();
    const sources = [...snap.health, load.health, ...load.zones.map((z) => z.health)];
    const complete =
      snap.complete &&
      (load.health.status === "ok") &&
      load.zones.every((z) => z.health.status === "ok");
    const zones = usableZones(load);
    const instances = snap.instances.map((instance) => {
      const result = runPipeline({ config: instance.config, objects: snap.objects, zones });
      return { instance, result: complete ? result : withoutDeletes(result, sources) };
    });
    const value: Computed = {
      generatedAt: new Date(this.now()).toISOString(),
      complete,
      sources,
      instances,
      cloudflareCalls: load.calls,
    };
    this.cached = { at: this.now(), value, clusterVersion: startedVersion };
    return value;
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
