// One kind's list + watch (client-node's ListWatch, the class behind makeInformer) with the
// health the dashboard shows and the recovery client-node leaves to its caller: after an abrupt
// disconnect or a failed list the informer stops for good, so it is started again with backoff.
// A 410 Gone is handled by the informer itself (it relists); a clean end of the stream makes it
// re-watch from its last resourceVersion.

import { ListWatch, Watch, type KubeConfig, type KubernetesListObject, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeObject } from "../externaldns/types";
import type { SourceError, SourceHealth } from "../server/ports";
import { Backoff, type BackoffOptions } from "./backoff";
import { classifyKubeError } from "./errors";
import { apiVersionOf, type KindSpec } from "./kinds";
import { collectionPath, listAll, stampKind, type ApiClients, type ListTarget } from "./list-objects";
import type { ServedResources } from "./served";

export interface KindWatcherDeps {
  kc: KubeConfig;
  apis: ApiClients;
  served: ServedResources;
  now: () => Date;
  log: (msg: string) => void;
  backoff?: BackoffOptions;
  /** How long before a kind whose CRD is not installed is looked for again. Default 60 s. */
  missingRecheckMs?: number;
  pageSize?: number;
  onObjects: () => void;
  onHealth: () => void;
}

interface WatchHooks {
  /** False once the informer this watch belongs to was stopped or replaced. */
  current(): boolean;
  stamp(obj: KubernetesObject): void;
  connected(): void;
  ended(err: unknown): void;
}

/**
 * client-node's Watch, reporting when a stream is open and when it ends, and dropping events of
 * an informer that is no longer current (client-node may deliver a buffered event after abort).
 */
class GuardedWatch extends Watch {
  constructor(
    kc: KubeConfig,
    private readonly hooks: WatchHooks,
  ) {
    super(kc);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: any, watchObj?: any) => void, // eslint-disable-line @typescript-eslint/no-explicit-any
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    // ListWatch starts a watch after its list even when it was stopped meanwhile.
    if (!this.hooks.current()) return new AbortController();
    let finished = false;
    const controller = await super.watch(
      path,
      queryParams,
      (phase, obj, raw) => {
        if (finished || !this.hooks.current()) return;
        if (phase === "ADDED" || phase === "MODIFIED" || phase === "DELETED") this.hooks.stamp(obj);
        callback(phase, obj, raw);
      },
      (err) => {
        if (finished) return;
        finished = true;
        if (this.hooks.current()) this.hooks.ended(err);
        done(err);
      },
    );
    if (!finished && this.hooks.current()) this.hooks.connected();
    return controller;
  }
}

export class KindWatcher {
  private status: SourceHealth["status"] = "loading";
  private error?: SourceError;
  private fetchedAt: string | null = null;
  private version?: string;
  /** The versions of spec.versions discovery last found served (undefined until asked). */
  private servedVersions?: string[];
  private informer?: ListWatch<KubernetesObject>;
  /** Bumped whenever the informer is stopped or replaced; callbacks of older ones are ignored. */
  private gen = 0;
  private running = false;
  private timer?: ReturnType<typeof setTimeout>;
  private connected = false;
  private droppedMidStream = false;
  private everLoaded = false;
  private firstAttempt: Promise<void> = Promise.resolve();
  private readonly backoff: Backoff;

  constructor(
    readonly spec: KindSpec,
    private readonly deps: KindWatcherDeps,
  ) {
    this.backoff = new Backoff(deps.backoff);
  }

  /** True once a list succeeded or the kind was found not to exist. */
  get loaded(): boolean {
    return this.everLoaded;
  }

  /** Versions of this kind the cluster serves, among those dnsdrift knows; undefined until discovery answered. */
  get served(): string[] | undefined {
    return this.servedVersions;
  }

  /** The version being read (the preferred one until the cluster was asked). */
  get apiVersion(): string {
    return apiVersionOf(this.spec.group, this.version ?? this.spec.versions[0]);
  }

  health(): SourceHealth {
    return {
      id: `cluster/${this.spec.id}`,
      kind: "cluster-kind",
      label: `${this.spec.label} (${this.apiVersion})`,
      status: this.status,
      fetchedAt: this.fetchedAt,
      ...(this.error ? { error: { ...this.error } } : {}),
    };
  }

  /** The informer's cache; empty for a kind that does not exist. */
  objects(): KubeObject[] {
    if (this.status === "missing" || !this.informer) return [];
    return this.informer.list() as unknown as KubeObject[];
  }

  /** Resolves after the first attempt, whether it loaded or failed (failures retry by themselves). */
  start(): Promise<void> {
    if (!this.running) {
      this.running = true;
      this.firstAttempt = this.attempt();
    }
    return this.firstAttempt;
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.discardInformer();
  }

  private async discardInformer(): Promise<void> {
    this.gen++;
    this.connected = false;
    const informer = this.informer;
    this.informer = undefined;
    if (informer) await informer.stop();
  }

  private async attempt(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    const gen = this.gen;
    if (!this.informer) {
      let served: string[];
      try {
        served = this.spec.builtin ? [this.spec.versions[0]] : await this.deps.served.servedVersions(this.spec);
      } catch (err) {
        if (gen === this.gen && this.running) this.failed(err);
        return;
      }
      if (gen !== this.gen || !this.running) return;
      this.servedVersions = served;
      const version = served[0];
      if (version === undefined) return this.markMissing();
      if (version !== this.spec.versions[0]) {
        this.deps.log(`${this.spec.label}: ${apiVersionOf(this.spec.group, this.spec.versions[0])} is not served, reading ${apiVersionOf(this.spec.group, version)}`);
      }
      this.version = version;
      this.informer = this.createInformer(version, gen);
    }
    await this.informer.start();
  }

  private createInformer(version: string, gen: number): ListWatch<KubernetesObject> {
    const { spec } = this;
    const target: ListTarget = { group: spec.group, version, plural: spec.plural, kind: spec.kind, namespace: spec.namespace, labelSelector: spec.labelSelector };
    const apiVersion = apiVersionOf(spec.group, version);
    const current = () => gen === this.gen && this.running;
    const watch = new GuardedWatch(this.deps.kc, {
      current,
      stamp: (obj) => stampKind(obj, apiVersion, spec.kind),
      connected: () => this.watching(),
      ended: (err) => this.watchEnded(err),
    });
    const list = async () => {
      const result = await listAll(this.deps.apis, target, this.deps.pageSize);
      if (current()) {
        this.fetchedAt = this.deps.now().toISOString();
        this.everLoaded = true;
      }
      return result as unknown as KubernetesListObject<KubernetesObject>;
    };
    const informer = new ListWatch<KubernetesObject>(collectionPath(target), watch, list, false, spec.labelSelector);
    const changed = () => {
      if (current()) this.deps.onObjects();
    };
    informer.on("add", changed);
    informer.on("update", changed);
    informer.on("delete", changed);
    informer.on("error", (err) => {
      if (current()) this.failed(err);
    });
    return informer;
  }

  private watching(): void {
    this.connected = true;
    this.backoff.reset();
    this.fetchedAt = this.deps.now().toISOString();
    if (this.status !== "ok") this.deps.log(`${this.spec.label}: watching ${this.apiVersion}`);
    this.setStatus("ok");
  }

  private watchEnded(err: unknown): void {
    const wasOpen = this.connected;
    this.connected = false;
    this.droppedMidStream = wasOpen && err !== null && err !== undefined;
    // A clean end: the informer re-watches (or relists after a 410) right away by itself.
    if (wasOpen && !this.droppedMidStream) this.setStatus("stale", { code: "watch-dropped", message: "watch closed by the API server; resuming" });
  }

  private failed(err: unknown): void {
    const c = classifyKubeError(err);
    const midStream = this.droppedMidStream;
    this.droppedMidStream = false;
    const delay = Math.max(this.backoff.next(), (c.retryAfter ?? 0) * 1000);
    if (c.httpStatus === 404 && !this.spec.builtin) {
      // The CRD went away or stopped serving this version: ask discovery again.
      this.version = undefined;
      this.deps.served.forget();
      void this.discardInformer();
      this.deps.onObjects();
      this.setStatus("error", { code: "not-found", message: `${this.spec.label} are no longer served (${c.message})` });
    } else if (midStream && this.everLoaded) {
      this.setStatus("stale", { code: "watch-dropped", message: `watch connection lost (${c.message}); reconnecting` });
    } else {
      this.setStatus("error", { code: c.code, message: c.message, ...(c.retryAfter !== undefined ? { retryAfter: c.retryAfter } : {}) });
    }
    this.deps.log(`${this.spec.label}: ${this.error?.message ?? c.message}; retrying in ${delay} ms`);
    this.schedule(delay);
  }

  private markMissing(): void {
    const recheck = this.deps.missingRecheckMs ?? 60_000;
    const wasMissing = this.status === "missing";
    this.fetchedAt = this.deps.now().toISOString();
    this.everLoaded = true;
    this.setStatus("missing", {
      code: "crd-missing",
      message: `${this.spec.kind} (${this.spec.group}, ${this.spec.versions.join(" or ")}) is not served by this cluster — its CRD is not installed, so external-dns reads no ${this.spec.label} either`,
    });
    if (!wasMissing) this.deps.log(`${this.spec.label}: CRD not installed; looking again every ${recheck} ms`);
    this.schedule(recheck);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.attempt(), delayMs);
  }

  private setStatus(status: SourceHealth["status"], error?: Omit<SourceError, "at">): void {
    const same = this.status === status && this.error?.code === error?.code && this.error?.message === error?.message;
    if (same) return;
    this.status = status;
    this.error = error ? { ...error, at: this.deps.now().toISOString() } : undefined;
    this.deps.onHealth();
  }
}
