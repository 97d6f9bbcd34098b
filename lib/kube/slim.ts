// Pods and Nodes are the largest and most numerous objects dnsdrift reads; like external-dns's own
// informer transforms, keep only the fields the service source reads so a big cluster's caches
// stay small. Objects are slimmed in place as they arrive from a list or a watch event.

import { LRUCache } from "lru-cache";
import type { KubeObject } from "../externaldns/types";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function slimMeta(obj: KubeObject): void {
  const m = obj.metadata as KubeObject["metadata"] & { managedFields?: unknown; ownerReferences?: unknown };
  if (!m) return;
  delete m.managedFields;
  if (m.annotations?.[LAST_APPLIED] !== undefined) {
    const { [LAST_APPLIED]: _dropped, ...rest } = m.annotations; // eslint-disable-line @typescript-eslint/no-unused-vars
    m.annotations = rest;
  }
}

/**
 * Every other kind keeps its managedFields (the history reads them to say who set a field, and
 * fqdn templates may read .ManagedFields), but nothing changes them, and most objects of a kind
 * carry the same field sets: objects share one frozen copy of each distinct `fieldsV1` tree
 * instead of each holding its own (about a fifth of an HTTPRoute as read from the API).
 */
const fieldSets = new LRUCache<string, object>({ max: 2000 });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function shareFieldSets(obj: KubeObject): void {
  const entries = (obj.metadata as { managedFields?: unknown } | undefined)?.managedFields;
  if (!Array.isArray(entries)) return;
  for (const e of entries as { fieldsV1?: unknown }[]) {
    if (!e || typeof e.fieldsV1 !== "object" || e.fieldsV1 === null) continue;
    const key = JSON.stringify(e.fieldsV1);
    const shared = fieldSets.get(key);
    if (shared) e.fieldsV1 = shared;
    else fieldSets.set(key, deepFreeze(e.fieldsV1));
  }
}

/** Drops what no source reads from Pods and Nodes (spec.containers, volumes, images, …). */
export function slimForEngine(obj: KubeObject): void {
  if (obj.apiVersion !== "v1" || (obj.kind !== "Pod" && obj.kind !== "Node" && obj.kind !== "Service")) {
    shareFieldSets(obj);
    return;
  }
  slimMeta(obj);
  if (obj.kind === "Pod") {
    const spec = obj.spec ?? {};
    const status = obj.status ?? {};
    obj.spec = { hostname: spec.hostname, nodeName: spec.nodeName };
    obj.status = { hostIP: status.hostIP, phase: status.phase, conditions: status.conditions };
  } else if (obj.kind === "Node") {
    const spec = obj.spec ?? {};
    obj.spec = { unschedulable: spec.unschedulable };
    obj.status = { addresses: obj.status?.addresses };
  }
}
