// Sorts raw Kubernetes objects into the buckets the engine reads, checking the fields the
// sources rely on so that a malformed object is reported by name instead of crashing later.

import type { ClusterObjects, KubeObject } from "../externaldns/types";

export function emptyClusterObjects(): ClusterObjects {
  return { gateways: [], routes: [], listenerSets: [], ingresses: [], dnsEndpoints: [], namespaces: [], services: [], endpointSlices: [], pods: [], nodes: [] };
}

const ROUTE_KINDS = new Set(["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks the metadata maps are string→string, as the API server guarantees. */
function metadataProblem(obj: KubeObject): string | undefined {
  for (const field of ["labels", "annotations"] as const) {
    const m = obj.metadata[field];
    if (m === undefined || m === null) continue;
    if (!isRecord(m)) return `metadata.${field} must be a mapping`;
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== "string") {
        return `metadata.${field}["${k}"] must be a string (quote it in YAML), got ${JSON.stringify(v)}`;
      }
    }
  }
  return undefined;
}

/**
 * Adds the object to its bucket. Returns "ignored" for kinds the engine does not read, an error
 * message for an object of a known kind whose shape is wrong, or undefined when added.
 */
export function classifyObject(obj: KubeObject, into: ClusterObjects): string | undefined | "ignored" {
  const kind = obj.kind ?? "";
  const group = (obj.apiVersion ?? "").split("/")[0];
  let bucket: KubeObject[] | undefined;
  if (kind === "Gateway" && group === "gateway.networking.k8s.io") bucket = into.gateways;
  else if (ROUTE_KINDS.has(kind) && group === "gateway.networking.k8s.io") bucket = into.routes;
  else if (kind === "ListenerSet" || kind === "XListenerSet") bucket = into.listenerSets;
  else if (kind === "Ingress" && (group === "networking.k8s.io" || group === "extensions")) bucket = into.ingresses;
  else if (kind === "DNSEndpoint") bucket = into.dnsEndpoints;
  else if (kind === "Namespace" && obj.apiVersion === "v1") bucket = into.namespaces;
  else if (kind === "Service" && obj.apiVersion === "v1") bucket = into.services ??= [];
  else if (kind === "EndpointSlice" && group === "discovery.k8s.io") bucket = into.endpointSlices ??= [];
  else if (kind === "Pod" && obj.apiVersion === "v1") bucket = into.pods ??= [];
  else if (kind === "Node" && obj.apiVersion === "v1") bucket = into.nodes ??= [];
  if (!bucket) return "ignored";

  const problem = metadataProblem(obj);
  if (problem) return problem;
  if (obj.spec !== undefined && obj.spec !== null && !isRecord(obj.spec)) return "spec must be a mapping";
  if (obj.status !== undefined && obj.status !== null && !isRecord(obj.status)) return "status must be a mapping";
  if (kind !== "Namespace" && kind !== "Node" && !obj.metadata.namespace) {
    // kubectl output always carries the namespace; plain manifests often rely on the default one.
    obj = { ...obj, metadata: { ...obj.metadata, namespace: "default" } };
  }
  bucket.push(obj);
  return undefined;
}

/** An apps/v1 Deployment: not engine input, but where external-dns instances are found. */
export function isDeployment(obj: KubeObject): boolean {
  return obj.kind === "Deployment" && (obj.apiVersion ?? "").split("/")[0] === "apps";
}
