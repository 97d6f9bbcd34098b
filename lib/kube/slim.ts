// Pods and Nodes are the largest and most numerous objects dnsdrift reads; like external-dns's own
// informer transforms, keep only the fields the service source reads so a big cluster's caches
// stay small. Objects are slimmed in place as they arrive from a list or a watch event.

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

/** Drops what no source reads from Pods and Nodes (spec.containers, volumes, images, …). */
export function slimForEngine(obj: KubeObject): void {
  if (obj.apiVersion !== "v1" || (obj.kind !== "Pod" && obj.kind !== "Node" && obj.kind !== "Service")) return;
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
