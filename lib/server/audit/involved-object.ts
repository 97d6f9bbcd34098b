// Which Kubernetes object an applied change is about: the object named by the change's resource
// label ("httproute/default/app"), as the cluster snapshot has it (served apiVersion and uid, so
// `kubectl describe` finds the Event), or else the external-dns Deployment that plans the record.

import type { ClusterObjects, Config, KubeObject, ObjectBucket } from "../../externaldns/types";

export interface InvolvedObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
}

const GW = "gateway.networking.k8s.io";

interface KindRef {
  bucket: ObjectBucket;
  kind: string;
  /** Used when the stored object lacks apiVersion. */
  apiVersion: string;
}

/** Resource-label prefixes (lower-case kind) → where the object lives in the snapshot. */
const KINDS: Record<string, KindRef> = {
  gateway: { bucket: "gateways", kind: "Gateway", apiVersion: `${GW}/v1` },
  httproute: { bucket: "routes", kind: "HTTPRoute", apiVersion: `${GW}/v1` },
  grpcroute: { bucket: "routes", kind: "GRPCRoute", apiVersion: `${GW}/v1` },
  tlsroute: { bucket: "routes", kind: "TLSRoute", apiVersion: `${GW}/v1` },
  tcproute: { bucket: "routes", kind: "TCPRoute", apiVersion: `${GW}/v1alpha2` },
  udproute: { bucket: "routes", kind: "UDPRoute", apiVersion: `${GW}/v1alpha2` },
  listenerset: { bucket: "listenerSets", kind: "ListenerSet", apiVersion: `${GW}/v1` },
  ingress: { bucket: "ingresses", kind: "Ingress", apiVersion: "networking.k8s.io/v1" },
  service: { bucket: "services", kind: "Service", apiVersion: "v1" },
};

/** "kind/namespace/name" → its parts; undefined for anything else (empty, "dnsdrift", …). */
export function parseResource(resource: string | undefined): { kind: string; namespace: string; name: string } | undefined {
  const parts = (resource ?? "").split("/");
  if (parts.length !== 3 || !parts[0] || !parts[2]) return undefined;
  return { kind: parts[0].toLowerCase(), namespace: parts[1], name: parts[2] };
}

function refFor(kind: string, config: Config): KindRef | undefined {
  // external-dns labels every DNSEndpoint's records "crd/…", whatever --crd-source-kind says.
  if (kind === "crd") return { bucket: "dnsEndpoints", kind: config.crdSourceKind || "DNSEndpoint", apiVersion: config.crdSourceApiVersion || "externaldns.k8s.io/v1alpha1" };
  return KINDS[kind];
}

function asInvolved(obj: KubeObject, ref: KindRef): InvolvedObject {
  const out: InvolvedObject = {
    apiVersion: obj.apiVersion ?? ref.apiVersion,
    kind: obj.kind ?? ref.kind,
    namespace: obj.metadata.namespace ?? "",
    name: obj.metadata.name,
  };
  if (obj.metadata.uid) out.uid = obj.metadata.uid;
  return out;
}

/** The object behind `resource`, when the cluster still has it. */
export function involvedObjectFor(resource: string | undefined, objects: ClusterObjects, config: Config): InvolvedObject | undefined {
  const parsed = parseResource(resource);
  if (!parsed) return undefined;
  const ref = refFor(parsed.kind, config);
  if (!ref) return undefined;
  const obj = (objects[ref.bucket] ?? []).find(
    (o) => (o.kind ?? ref.kind) === ref.kind && o.metadata.name === parsed.name && (o.metadata.namespace ?? "") === parsed.namespace,
  );
  return obj && asInvolved(obj, ref);
}

/** The Deployment of an instance discovered as "namespace/name"; undefined for configured instances. */
export function deploymentOf(instance: { id: string; origin: string }): InvolvedObject | undefined {
  if (instance.origin !== "deployment") return undefined;
  const [namespace, name, ...rest] = instance.id.split("/");
  if (!namespace || !name || rest.length) return undefined;
  return { apiVersion: "apps/v1", kind: "Deployment", namespace, name };
}
