// In-memory object store: one global resourceVersion counter bumped on every change, server-set
// metadata (uid, creationTimestamp, generation), and a bounded change history that watches
// replay from. Stored objects are never mutated in place; every change stores a new object.

import { randomUUID } from "node:crypto";
import { resourceKey, type ResourceDef } from "./resources";
import { errors } from "./status";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  resourceVersion?: string;
  uid?: string;
  creationTimestamp?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type ChangeType = "ADDED" | "MODIFIED" | "DELETED";

export interface Change {
  type: ChangeType;
  rv: number;
  /** resourceKey of the kind, e.g. "httproutes.gateway.networking.k8s.io". */
  key: string;
  object: KubeObject;
  /** The state before a MODIFIED/DELETED change. */
  previous?: KubeObject;
}

const SERVER_META = ["resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink"];

/** JSON with sorted keys, so two objects with the same content compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function withoutServerMeta(obj: KubeObject): unknown {
  const metadata = { ...obj.metadata };
  for (const k of SERVER_META) delete metadata[k];
  // The stored apiVersion is never served as-is (responses carry the requested version).
  const rest: Record<string, unknown> = { ...obj, metadata };
  delete rest.apiVersion;
  return rest;
}

/** Generation tracks the desired state: it moves when anything but metadata and status changes. */
function specOf(obj: KubeObject): string {
  const rest: Record<string, unknown> = { ...obj };
  for (const k of ["metadata", "status", "apiVersion"]) delete rest[k];
  return canonicalJson(rest);
}

function finalizersOf(obj: KubeObject): string[] {
  return Array.isArray(obj.metadata.finalizers) ? (obj.metadata.finalizers as string[]) : [];
}

function objectId(ns: string | undefined, name: string): string {
  return `${ns ?? ""}/${name}`;
}

export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, "Z");
}

export interface StoreOptions {
  historyLimit?: number;
  clock?: () => Date;
}

export class ObjectStore {
  private rv = 0;
  private compacted = 0;
  private readonly data = new Map<string, Map<string, KubeObject>>();
  private history: Change[] = [];
  private readonly listeners = new Set<(c: Change) => void>();
  private readonly historyLimit: number;
  private readonly clock: () => Date;

  constructor(opts: StoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 1000;
    this.clock = opts.clock ?? (() => new Date());
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** Watches from a resourceVersion below this one get 410 Gone. */
  get compactedRv(): number {
    return this.compacted;
  }

  subscribe(fn: (c: Change) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Objects of a kind, sorted by namespace then name (etcd key order). */
  list(def: ResourceDef, namespace?: string): KubeObject[] {
    const bucket = this.data.get(resourceKey(def));
    if (!bucket) return [];
    return [...bucket.entries()]
      .filter(([, o]) => namespace === undefined || o.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => o);
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.data.get(resourceKey(def))?.get(objectId(def.namespaced ? namespace : undefined, name));
  }

  /** Every stored object with its kind's key, for stats and reset. */
  entries(): { key: string; object: KubeObject }[] {
    return [...this.data.entries()].flatMap(([key, bucket]) => [...bucket.values()].map((object) => ({ key, object })));
  }

  /** `dryRun`: everything but storing; the answer has no resourceVersion, as from a real server. */
  create(def: ResourceDef, obj: KubeObject, opts: { dryRun?: boolean } = {}): KubeObject {
    const ns = this.scopeNamespace(def, obj);
    if (this.get(def, ns, obj.metadata.name)) throw errors.alreadyExists(def.plural, def.group, obj.metadata.name);
    const meta = { ...obj.metadata };
    // Only a delete sets these.
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    const stamped = this.stamp(def, { ...obj, metadata: meta }, undefined);
    if (opts.dryRun) {
      delete stamped.metadata.resourceVersion;
      return stamped;
    }
    return this.commit(def, "ADDED", stamped);
  }

  /**
   * Replace an existing object. A non-empty metadata.resourceVersion is a precondition
   * (optimistic concurrency → 409 Conflict); `statusOnly` keeps everything but .status, and
   * `keepStatus` keeps the stored .status (a write to a kind with a status subresource).
   * deletionTimestamp is the server's; on an object being deleted no finalizer may be added,
   * and the update that removes the last one deletes it.
   */
  update(def: ResourceDef, obj: KubeObject, opts: { statusOnly?: boolean; keepStatus?: boolean; dryRun?: boolean } = {}): KubeObject {
    const ns = this.scopeNamespace(def, obj);
    const name = obj.metadata.name;
    const old = this.get(def, ns, name);
    if (!old) throw errors.notFound(def.plural, def.group, name);
    const wanted = obj.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== "" && wanted !== old.metadata.resourceVersion) {
      throw errors.conflict(def.plural, def.group, name);
    }
    let next: KubeObject = opts.statusOnly ? { ...old, status: obj.status, metadata: { ...old.metadata, managedFields: obj.metadata.managedFields } } : obj;
    if (opts.keepStatus && !opts.statusOnly) {
      next = { ...next };
      if (old.status === undefined) delete next.status;
      else next.status = old.status;
    }
    const deleting = old.metadata.deletionTimestamp;
    const meta: ObjectMeta = { ...next.metadata };
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (deleting) {
      meta.deletionTimestamp = deleting;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      const before = finalizersOf(old);
      const added = finalizersOf(next).filter((f) => !before.includes(f));
      if (added.length) throw errors.finalizerAdded(def, name, added);
    }
    next = { ...next, metadata: meta };
    if (canonicalJson(withoutServerMeta(next)) === canonicalJson(withoutServerMeta(old))) return old;
    const stamped = this.stamp(def, next, old);
    if (opts.dryRun) return { ...stamped, metadata: { ...stamped.metadata, resourceVersion: old.metadata.resourceVersion } };
    if (deleting && finalizersOf(next).length === 0) return this.remove(def, old, stamped);
    return this.commit(def, "MODIFIED", stamped, old);
  }

  /**
   * A DELETE request: an object with finalizers is only marked (deletionTimestamp, generation
   * bumped) and stays until an update removes the last finalizer; others go at once.
   */
  requestDelete(def: ResourceDef, namespace: string | undefined, name: string, opts: { precondition?: string; dryRun?: boolean } = {}): { object: KubeObject; deleted: boolean } {
    const old = this.get(def, namespace, name);
    if (!old) throw errors.notFound(def.plural, def.group, name);
    if (opts.precondition && opts.precondition !== old.metadata.resourceVersion) throw errors.conflict(def.plural, def.group, name);
    if (finalizersOf(old).length === 0) return { object: opts.dryRun ? old : this.delete(def, namespace, name), deleted: true };
    if (old.metadata.deletionTimestamp) return { object: old, deleted: false };
    const marked: KubeObject = {
      ...old,
      metadata: { ...old.metadata, deletionTimestamp: timestamp(this.clock()), deletionGracePeriodSeconds: 0, generation: (old.metadata.generation ?? 1) + 1 },
    };
    if (opts.dryRun) return { object: marked, deleted: false };
    const stamped = { ...marked, metadata: { ...marked.metadata, resourceVersion: String(this.rv + 1) } };
    return { object: this.commit(def, "MODIFIED", stamped, old), deleted: false };
  }

  /** Create-or-replace without preconditions (test/admin apply). Unchanged content is a no-op. */
  put(def: ResourceDef, obj: KubeObject): { object: KubeObject; changed: boolean } {
    const ns = this.scopeNamespace(def, obj);
    const old = this.get(def, ns, obj.metadata.name);
    if (!old) return { object: this.commit(def, "ADDED", this.stamp(def, obj, undefined)), changed: true };
    if (canonicalJson(withoutServerMeta(obj)) === canonicalJson(withoutServerMeta(old))) return { object: old, changed: false };
    return { object: this.commit(def, "MODIFIED", this.stamp(def, obj, old), old), changed: true };
  }

  /** Removes an object whatever its finalizers (admin, reset). */
  delete(def: ResourceDef, namespace: string | undefined, name: string, precondition?: string): KubeObject {
    const old = this.get(def, namespace, name);
    if (!old) throw errors.notFound(def.plural, def.group, name);
    if (precondition && precondition !== old.metadata.resourceVersion) throw errors.conflict(def.plural, def.group, name);
    return this.remove(def, old, old);
  }

  private remove(def: ResourceDef, old: KubeObject, last: KubeObject): KubeObject {
    const rv = ++this.rv;
    const gone: KubeObject = { ...last, metadata: { ...last.metadata, resourceVersion: String(rv) } };
    this.data.get(resourceKey(def))?.delete(objectId(old.metadata.namespace, old.metadata.name));
    this.record({ type: "DELETED", rv, key: resourceKey(def), object: gone, previous: old });
    return gone;
  }

  /** Changes to one kind after `rv`, or "expired" when part of that range was compacted away. */
  changesSince(rv: number, key: string): Change[] | "expired" {
    if (rv < this.compacted) return "expired";
    return this.history.filter((c) => c.rv > rv && c.key === key);
  }

  /** Forget all history: every watch from an older resourceVersion now gets 410 Gone. */
  expireHistory(): void {
    this.history = [];
    this.compacted = this.rv;
  }

  private scopeNamespace(def: ResourceDef, obj: KubeObject): string | undefined {
    if (!obj.metadata?.name) throw errors.invalid(obj.kind, "", "metadata.name", "Required value: name or generateName is required");
    return def.namespaced ? obj.metadata.namespace || "default" : undefined;
  }

  private stamp(def: ResourceDef, obj: KubeObject, old: KubeObject | undefined): KubeObject {
    const meta: ObjectMeta = { ...structuredClone(obj.metadata) };
    if (def.namespaced) meta.namespace = meta.namespace || "default";
    else delete meta.namespace;
    meta.uid = old?.metadata.uid ?? (typeof meta.uid === "string" && meta.uid ? meta.uid : randomUUID());
    meta.creationTimestamp = old?.metadata.creationTimestamp ?? (meta.creationTimestamp || timestamp(this.clock()));
    const oldGen = old?.metadata.generation ?? 1;
    meta.generation = old ? (specOf(obj) === specOf(old) ? oldGen : oldGen + 1) : typeof meta.generation === "number" ? meta.generation : 1;
    meta.resourceVersion = String(this.rv + 1);
    return { ...structuredClone(obj), metadata: meta };
  }

  private commit(def: ResourceDef, type: ChangeType, obj: KubeObject, previous?: KubeObject): KubeObject {
    this.rv++;
    const key = resourceKey(def);
    let bucket = this.data.get(key);
    if (!bucket) this.data.set(key, (bucket = new Map()));
    bucket.set(objectId(obj.metadata.namespace, obj.metadata.name), obj);
    this.record({ type, rv: this.rv, key, object: obj, previous });
    return obj;
  }

  private record(change: Change): void {
    this.history.push(change);
    while (this.history.length > this.historyLimit) {
      const dropped = this.history.shift();
      if (dropped) this.compacted = dropped.rv;
    }
    for (const fn of [...this.listeners]) fn(change);
  }
}
