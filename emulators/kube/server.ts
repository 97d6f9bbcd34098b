// A local Kubernetes API server emulator on loopback, for dnsdrift's integration tests and
// demo mode. Plain HTTP: clients need `skipTLSVerify: true` (the kubeconfig() output has it).

import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { stringify } from "yaml";
import { Access, type AccessPolicy, type UserInfo } from "./access";
import { handleAdmin, type AdminControls, type AppliedObject } from "./admin";
import { FaultRules, type ErrorFault, type Fault, type LatencyFault } from "./faults";
import { Lister } from "./list";
import { toObjects } from "./manifests";
import { resourceKey, ResourceRegistry, splitApiVersion, type GatewayApiVersion } from "./resources";
import { handleApi, type ApiContext } from "./routes";
import { RequestLog } from "./stats";
import { ObjectStore, timestamp, type KubeObject } from "./store";
import { trackManagedFields } from "./managed-fields";

/** The manager of objects put through the admin surface: what `kubectl apply` (client side) writes. */
const ADMIN_MANAGER = "kubectl-client-side-apply";
import { WatchHub, type WatchStats } from "./watch";

export type { AccessPolicy, AccessReview, UserInfo } from "./access";
export type { AppliedObject } from "./admin";
export type { Fault } from "./faults";
export type { KubeObject } from "./store";

export interface KubeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed objects: an array, or YAML/JSON text (multi-document, `kind: List` allowed). */
  objects?: object[] | string;
  /** Per-kind installation: `{ dnsendpoints: false }`, `{ tlsroutes: ["v1alpha2"] }`; see ServingConfig. */
  crds?: Record<string, boolean | string[]>;
  gatewayApiVersions?: GatewayApiVersion[];
  /** RBAC denials: "httproutes", "list,watch:dnsendpoints", "create:events.events.k8s.io". */
  forbidden?: string[];
  /** When set, requests need `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
  users?: Record<string, UserInfo>;
  /** Answers SubjectAccessReview creates; default: allowed unless `forbidden` denies. */
  accessPolicy?: AccessPolicy;
  /** Changes kept for watch replay; older resourceVersions get 410 Gone. Default 1000. */
  historyLimit?: number;
  /** BOOKMARK period for watches that allow bookmarks. Default 5000 ms. */
  bookmarkIntervalMs?: number;
}

export interface EmulatorStats {
  resourceVersion: number;
  compactedResourceVersion: number;
  listening: boolean;
  objects: Record<string, number>;
  watches: WatchStats;
  requests: ReturnType<RequestLog["snapshot"]>;
  faults: (ErrorFault | LatencyFault)[];
  forbidden: string[];
}

export interface KubeEmulator {
  url: string;
  port: number;
  readonly resourceVersion: number;
  kubeconfig(opts?: { namespace?: string; token?: string }): string;
  apply(objects: object | object[] | string): AppliedObject[];
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Stored objects, optionally of one kind (apiVersion's group + kind). */
  objects(apiVersion?: string, kind?: string): KubeObject[];
  /** Calls `fn` after every stored change (kind as "plural.group"); returns the unsubscribe. */
  onChange(fn: (change: { type: "ADDED" | "MODIFIED" | "DELETED"; key: string; object: KubeObject }) => void): () => void;
  /** Back to the seed objects (or to `objects`), clearing faults, forbidden overrides and stats. */
  reset(objects?: object[] | string): void;
  /** Ends every open watch stream; `abrupt` destroys the sockets instead of ending cleanly. */
  dropWatches(opts?: { abrupt?: boolean }): number;
  expireHistory(): void;
  setFault(fault: Fault): Promise<void>;
  clearFaults(): void;
  setForbidden(rules: string[]): void;
  stats(): EmulatorStats;
  close(): Promise<void>;
}

export async function startKubeEmulator(opts: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const registry = new ResourceRegistry({ crds: opts.crds, gatewayApiVersions: opts.gatewayApiVersions });
  const store = new ObjectStore({ historyLimit: opts.historyLimit });
  const lister = new Lister(store);
  const hub = new WatchHub(store, opts.bookmarkIntervalMs ?? 5000);
  const access = new Access({ token: opts.token, users: opts.users, forbidden: opts.forbidden, accessPolicy: opts.accessPolicy });
  const faults = new FaultRules();
  const log = new RequestLog();
  const seed = opts.objects === undefined ? [] : toObjects(opts.objects, "objects");

  const server = http.createServer();
  const sockets = new Set<Socket>();
  let listening = false;
  let port = opts.port ?? 0;
  let reopenTimer: NodeJS.Timeout | undefined;

  const defFor = (obj: KubeObject) => registry.forObject(obj.apiVersion, obj.kind, Boolean(obj.metadata.namespace));
  const identity = (o: KubeObject) => `${resourceKey(defFor(o))}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

  function apply(input: object | object[] | string): AppliedObject[] {
    return toObjects(input).map((given) => {
      const def = defFor(given);
      const obj = given.metadata.managedFields ? given : withAdminManagedFields(def, given);
      const { object, changed } = store.put(def, obj);
      const m = object.metadata;
      return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: m.namespace, name: m.name, resourceVersion: m.resourceVersion ?? "", changed };
    });
  }

  /**
   * Objects put through the admin surface (seed, tests) are managed as if `kubectl apply` had
   * written them, unless they bring their own managedFields (a seed can name helm, argocd, …).
   */
  function withAdminManagedFields(def: ReturnType<typeof defFor>, obj: KubeObject): KubeObject {
    const old = store.get(def, def.namespaced ? obj.metadata.namespace || "default" : undefined, obj.metadata.name);
    const next = { ...obj, metadata: { ...obj.metadata, ...(old?.metadata.managedFields ? { managedFields: old.metadata.managedFields } : {}) } };
    const managedFields = trackManagedFields({
      old,
      next,
      manager: ADMIN_MANAGER,
      operation: "Update",
      apiVersion: obj.apiVersion,
      time: timestamp(new Date()),
      builtin: def.builtin,
    });
    return { ...next, metadata: { ...next.metadata, managedFields } };
  }

  function remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean {
    const def = registry.byGroupKind(splitApiVersion(apiVersion).group, kind);
    if (!def || !store.get(def, namespace ?? "default", name)) return false;
    store.delete(def, def.namespaced ? (namespace ?? "default") : undefined, name);
    return true;
  }

  function objects(apiVersion?: string, kind?: string): KubeObject[] {
    const group = apiVersion === undefined ? undefined : splitApiVersion(apiVersion).group;
    const def = group !== undefined && kind ? registry.byGroupKind(group, kind) : undefined;
    return store
      .entries()
      .filter((e) => apiVersion === undefined || (def !== undefined && e.key === resourceKey(def)))
      .map((e) => structuredClone(e.object));
  }

  function reset(target?: object[] | string): void {
    const wanted = target === undefined ? seed : toObjects(target);
    const keep = new Set(wanted.map(identity));
    for (const { object } of store.entries()) {
      if (!keep.has(identity(object))) remove(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    }
    apply(wanted);
    faults.clear();
    access.setForbidden(opts.forbidden ?? []);
    log.clear();
    void acceptConnections();
  }

  async function closeListener(): Promise<void> {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    hub.dropAll(true);
    for (const s of sockets) s.destroy();
    await closed;
  }

  async function acceptConnections(): Promise<void> {
    clearTimeout(reopenTimer);
    if (listening) return;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
    listening = true;
  }

  async function setFault(f: Fault): Promise<void> {
    switch (f.type) {
      case "error":
      case "latency":
        faults.add(f);
        return;
      case "dropWatches":
        hub.dropAll(f.abrupt);
        return;
      case "expireHistory":
        store.expireHistory();
        lister.forget();
        return;
      case "clear":
        faults.clear();
        return;
      case "acceptConnections":
        return acceptConnections();
      case "refuseConnections":
        await closeListener();
        if (f.forMs !== undefined) reopenTimer = setTimeout(() => void acceptConnections(), f.forMs);
        return;
      default:
        throw new Error(`unknown fault type ${JSON.stringify((f as { type?: unknown }).type)}`);
    }
  }

  function stats(): EmulatorStats {
    const counts: Record<string, number> = {};
    for (const { key } of store.entries()) counts[key] = (counts[key] ?? 0) + 1;
    return {
      resourceVersion: store.resourceVersion,
      compactedResourceVersion: store.compactedRv,
      listening,
      objects: counts,
      watches: hub.stats(),
      requests: log.snapshot(),
      faults: faults.list(),
      forbidden: access.forbiddenList(),
    };
  }

  function kubeconfig(k: { namespace?: string; token?: string } = {}): string {
    return stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "kube-emulator", cluster: { server: `http://${host}:${port}`, "insecure-skip-tls-verify": true } }],
      users: [{ name: "kube-emulator", user: { token: k.token ?? opts.token ?? "emulator-token" } }],
      contexts: [{ name: "kube-emulator", context: { cluster: "kube-emulator", user: "kube-emulator", namespace: k.namespace ?? "default" } }],
      "current-context": "kube-emulator",
      preferences: {},
    });
  }

  const ctx: ApiContext = { registry, store, lister, hub, access, faults, log, serverAddress: () => `${host}:${port}` };
  const admin: AdminControls = {
    apply: (objs) => apply(objs),
    remove,
    reset: (objs) => reset(objs),
    // Closing the listener would also cut the admin request that asked for it; answer first.
    setFault: (f) => {
      if (f.type === "refuseConnections") setTimeout(() => void setFault(f), 50);
      else void setFault(f);
    },
    faults: () => ({ rules: faults.list(), listening }),
    setForbidden: (rules) => access.setForbidden(rules),
    stats,
    objects: () => objects(),
    kubeconfig: () => kubeconfig(),
  };

  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const handler = url.pathname.startsWith("/__admin") ? handleAdmin(admin, req, res, url) : handleApi(ctx, req, res, url);
    handler.catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });

  apply(seed);
  await acceptConnections();

  return {
    get url() {
      return `http://${host}:${port}`;
    },
    get port() {
      return port;
    },
    get resourceVersion() {
      return store.resourceVersion;
    },
    kubeconfig,
    apply,
    remove,
    get: (apiVersion, kind, namespace, name) => {
      const def = registry.byGroupKind(splitApiVersion(apiVersion).group, kind);
      const found = def && store.get(def, namespace ?? "default", name);
      return found ? structuredClone(found) : undefined;
    },
    objects,
    onChange: (fn) => store.subscribe((c) => fn({ type: c.type, key: c.key, object: structuredClone(c.object) })),
    reset,
    dropWatches: (o) => hub.dropAll(o?.abrupt),
    expireHistory: () => {
      store.expireHistory();
      lister.forget();
    },
    setFault,
    clearFaults: () => faults.clear(),
    setForbidden: (rules) => access.setForbidden(rules),
    stats,
    close: async () => {
      clearTimeout(reopenTimer);
      hub.close();
      await closeListener();
    },
  };
}
