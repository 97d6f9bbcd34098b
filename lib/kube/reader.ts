// The live cluster reader: informers for every kind the external-dns instances read, plus a
// Deployment informer that finds the instances themselves (zero configuration), behind the
// ClusterReader port. After the first list everything arrives by watch; nothing polls.

import type { KubeConfig } from "@kubernetes/client-node";
import { GATEWAY_API_GROUP } from "../externaldns/sources/gateway-kinds";
import type { ClusterObjects, GatewayApiKind, KubeObject } from "../externaldns/types";
import type { ClusterReader, ClusterSnapshot, ExternalDnsInstance, SourceHealth } from "../server/ports";
import type { BackoffOptions } from "./backoff";
import { emptyClusterObjects } from "./classify";
import { aggregateHealth, isComplete, type KindState } from "./cluster-health";
import { instanceFromDeployment, noDeploymentMessage, selectorOf, staticInstances, type DeploymentLike, type DiscoveryOptions } from "./discovery";
import { KindWatcher, type KindWatcherDeps } from "./kind-watcher";
import { deploymentKind, KINDS, requiredKinds, watchedKinds } from "./kinds";
import { apiClients } from "./list-objects";
import { ServedResources } from "./served";
import { appendAll } from "../externaldns/append";

export interface ClusterReaderOptions {
  kubeConfig: KubeConfig;
  discovery: DiscoveryOptions;
  onLog?: (msg: string) => void;
  now?: () => Date;
  /** Reconnect backoff after errors and abrupt disconnects (tests use short ones). */
  backoff?: BackoffOptions;
  /** onChange listeners are called at most once per this window. Default 100 ms. */
  debounceMs?: number;
  /** How often a kind whose CRD is missing is looked for again. Default 60 s. */
  missingRecheckMs?: number;
  /** Items per list request. Default 500. */
  pageSize?: number;
}

const byNamespaceName = (a: KubeObject, b: KubeObject) =>
  (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || a.metadata.name.localeCompare(b.metadata.name);

class LiveClusterReader implements ClusterReader {
  private readonly watchers = new Map<string, KindWatcher>();
  private readonly deployments?: KindWatcher;
  private readonly fixedInstances?: ExternalDnsInstance[];
  private readonly listeners = new Set<() => void>();
  private readonly now: () => Date;
  private readonly log: (msg: string) => void;
  private readonly deps: Omit<KindWatcherDeps, "onObjects" | "onHealth">;
  private started = false;
  private debounce?: ReturnType<typeof setTimeout>;
  /** Bumped on every change; the snapshot and the instance list are rebuilt only when it moved. */
  private revision = 0;
  private cachedSnapshot?: { revision: number; snapshot: ClusterSnapshot };
  private deploymentRevision = 0;
  private cachedInstances?: { revision: number; instances: ExternalDnsInstance[]; summary: string };

  constructor(private readonly opts: ClusterReaderOptions) {
    this.now = opts.now ?? (() => new Date());
    this.log = opts.onLog ?? (() => {});
    const apis = apiClients(opts.kubeConfig);
    this.deps = {
      kc: opts.kubeConfig,
      apis,
      served: new ServedResources(apis.custom),
      now: this.now,
      log: this.log,
      backoff: opts.backoff,
      missingRecheckMs: opts.missingRecheckMs,
      pageSize: opts.pageSize,
    };
    if (opts.discovery.mode === "static") {
      this.fixedInstances = staticInstances(opts.discovery);
    } else {
      const spec = deploymentKind(selectorOf(opts.discovery), opts.discovery.namespace);
      this.deployments = new KindWatcher(spec, {
        ...this.deps,
        onObjects: () => {
          this.deploymentRevision++;
          this.reconcileKinds();
          this.changed();
        },
        onHealth: () => this.changed(),
      });
    }
    this.reconcileKinds();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Instances first, so the kinds their sources read are watched from the first snapshot on.
    await this.deployments?.start();
    this.reconcileKinds();
    await Promise.all([...this.watchers.values()].map((w) => w.start()));
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.debounce);
    this.debounce = undefined;
    await Promise.all([this.deployments?.stop(), ...[...this.watchers.values()].map((w) => w.stop())]);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): ClusterSnapshot {
    if (this.cachedSnapshot?.revision === this.revision) return this.cachedSnapshot.snapshot;
    const revision = this.revision;
    const instances = this.instances();
    const required = requiredKinds(instances.map((i) => i.config));
    const objects: ClusterObjects = emptyClusterObjects();
    const states: KindState[] = [];
    for (const w of this.orderedWatchers()) {
      if (w.spec.bucket) appendAll((objects[w.spec.bucket] ??= []), [...w.objects()].sort(byNamespaceName));
      // Which versions each Gateway API CRD serves: a release that lists a kind at a version the
      // cluster does not serve cannot start its gateway sources (the engine says so).
      if (w.spec.group === GATEWAY_API_GROUP && w.served) (objects.servedVersions ??= {})[w.spec.kind as GatewayApiKind] = w.served;
      states.push({ health: w.health(), loaded: w.loaded, required: required.has(w.spec.id) });
    }
    if (this.deployments) {
      states.push({ health: this.deploymentHealth(instances), loaded: this.deployments.loaded, required: true });
    }
    const server = this.opts.kubeConfig.getCurrentCluster()?.server ?? "unknown server";
    const health = [aggregateHealth(states, `Kubernetes API (${server})`), ...states.map((s) => s.health)];
    const snapshot: ClusterSnapshot = { objects, instances, health, complete: isComplete(states) };
    this.cachedSnapshot = { revision, snapshot };
    return snapshot;
  }

  /** In table order, so route kinds always come out in the same order whenever they were added. */
  private orderedWatchers(): KindWatcher[] {
    const rank = (w: KindWatcher) => KINDS.findIndex((k) => k.id === w.spec.id);
    return [...this.watchers.values()].sort((a, b) => rank(a) - rank(b));
  }

  private instances(): ExternalDnsInstance[] {
    if (this.fixedInstances) return this.fixedInstances;
    if (this.cachedInstances?.revision === this.deploymentRevision) return this.cachedInstances.instances;
    const deployments = [...(this.deployments?.objects() ?? [])].sort(byNamespaceName);
    const instances = deployments
      .map((d) => instanceFromDeployment(d as DeploymentLike, this.opts.discovery.overrides))
      .filter((i): i is ExternalDnsInstance => i !== undefined);
    const summary = instances.map((i) => `${i.id} (${i.config.version.raw})`).join(", ");
    if (summary !== this.cachedInstances?.summary) this.log(`external-dns instances: ${summary || "none"}`);
    this.cachedInstances = { revision: this.deploymentRevision, instances, summary };
    return instances;
  }

  private deploymentHealth(instances: ExternalDnsInstance[]): SourceHealth {
    const d = this.opts.discovery;
    const base = this.deployments!.health();
    base.label = `external-dns Deployments (apps/v1, ${selectorOf(d)}${d.namespace ? ` in ${d.namespace}` : ""})`;
    if (base.status !== "ok" || instances.length > 0) return base;
    return {
      ...base,
      status: "missing",
      error: { code: "not-found", message: noDeploymentMessage(d, this.deployments!.objects().length), at: base.fetchedAt ?? this.now().toISOString() },
    };
  }

  /** Starts informers for kinds the instances now read, stops those no longer wanted. */
  private reconcileKinds(): void {
    const wanted = watchedKinds(this.instances().map((i) => i.config));
    for (const spec of wanted) {
      if (this.watchers.has(spec.id)) continue;
      const watcher = new KindWatcher(spec, { ...this.deps, onObjects: () => this.changed(), onHealth: () => this.changed() });
      this.watchers.set(spec.id, watcher);
      if (this.started) void watcher.start();
    }
    for (const [id, watcher] of this.watchers) {
      if (wanted.some((s) => s.id === id)) continue;
      this.watchers.delete(id);
      void watcher.stop();
    }
    this.changed();
  }

  private changed(): void {
    this.revision++;
    if (this.debounce || !this.started) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      for (const l of [...this.listeners]) {
        try {
          l();
        } catch (e) {
          this.log(`onChange listener failed: ${(e as Error).message}`);
        }
      }
    }, this.opts.debounceMs ?? 100);
  }
}

/** A ClusterReader over a live API server. Static discovery options are checked here (InputError). */
export function createClusterReader(opts: ClusterReaderOptions): ClusterReader {
  return new LiveClusterReader(opts);
}
