// The Kubernetes kinds dnsdrift reads, where each one is served, and which external-dns sources
// need it. The reader watches the base kinds always (the dashboard shows them) and the other
// route kinds and ListenerSets only when some instance's configuration reads them.

import type { Config, ObjectBucket } from "../externaldns/types";

export interface KindSpec {
  /** The plural; the health id is `cluster/<id>`. */
  id: string;
  group: string;
  kind: string;
  plural: string;
  /** Versions to try, preferred first; the first one the cluster serves is read. */
  versions: string[];
  /** Human name for the health label, e.g. "HTTPRoutes". */
  label: string;
  /** Compiled into every API server: no discovery probe needed, list items lack kind/apiVersion. */
  builtin: boolean;
  bucket?: ObjectBucket;
  /** Only for the Deployment watch: restricts to one namespace / a label selector. */
  namespace?: string;
  labelSelector?: string;
}

const GW = "gateway.networking.k8s.io";

const gw = (kind: string, plural: string, label: string, versions: string[], bucket: ObjectBucket): KindSpec => ({
  id: plural,
  group: GW,
  kind,
  plural,
  versions,
  label,
  builtin: false,
  bucket,
});

export const KINDS: readonly KindSpec[] = [
  gw("Gateway", "gateways", "Gateways", ["v1", "v1beta1"], "gateways"),
  gw("HTTPRoute", "httproutes", "HTTPRoutes", ["v1", "v1beta1"], "routes"),
  gw("GRPCRoute", "grpcroutes", "GRPCRoutes", ["v1", "v1alpha2"], "routes"),
  gw("TLSRoute", "tlsroutes", "TLSRoutes", ["v1", "v1alpha2"], "routes"),
  gw("TCPRoute", "tcproutes", "TCPRoutes", ["v1alpha2"], "routes"),
  gw("UDPRoute", "udproutes", "UDPRoutes", ["v1alpha2"], "routes"),
  gw("ListenerSet", "listenersets", "ListenerSets", ["v1"], "listenerSets"),
  { id: "ingresses", group: "networking.k8s.io", kind: "Ingress", plural: "ingresses", versions: ["v1"], label: "Ingresses", builtin: true, bucket: "ingresses" },
  {
    id: "dnsendpoints",
    group: "externaldns.k8s.io",
    kind: "DNSEndpoint",
    plural: "dnsendpoints",
    versions: ["v1alpha1"],
    label: "DNSEndpoints",
    builtin: false,
    bucket: "dnsEndpoints",
  },
  { id: "namespaces", group: "", kind: "Namespace", plural: "namespaces", versions: ["v1"], label: "Namespaces", builtin: true, bucket: "namespaces" },
  // Read only for --source=service, like external-dns's informers (see requiredKinds).
  { id: "services", group: "", kind: "Service", plural: "services", versions: ["v1"], label: "Services", builtin: true, bucket: "services" },
  {
    id: "endpointslices",
    group: "discovery.k8s.io",
    kind: "EndpointSlice",
    plural: "endpointslices",
    versions: ["v1"],
    label: "EndpointSlices",
    builtin: true,
    bucket: "endpointSlices",
  },
  { id: "pods", group: "", kind: "Pod", plural: "pods", versions: ["v1"], label: "Pods", builtin: true, bucket: "pods" },
  { id: "nodes", group: "", kind: "Node", plural: "nodes", versions: ["v1"], label: "Nodes", builtin: true, bucket: "nodes" },
];

/** Watched whatever the instances say: what the dashboard shows for any external-dns setup. */
export const BASE_KINDS = ["gateways", "httproutes", "ingresses", "dnsendpoints", "namespaces"];

const ROUTE_SOURCES: Record<string, string> = {
  "gateway-httproute": "httproutes",
  "gateway-grpcroute": "grpcroutes",
  "gateway-tlsroute": "tlsroutes",
  "gateway-tcproute": "tcproutes",
  "gateway-udproute": "udproutes",
};

/**
 * Kinds the instances' sources read: a missing or failing one makes the snapshot incomplete.
 * With no instance known, the base kinds stand in (what a default Gateway/Ingress/CRD setup reads).
 */
export function requiredKinds(configs: Config[]): Set<string> {
  if (configs.length === 0) return new Set(BASE_KINDS);
  const out = new Set<string>();
  for (const cfg of configs) {
    const routes = cfg.sources.filter((s) => ROUTE_SOURCES[s]).map((s) => ROUTE_SOURCES[s]);
    if (routes.length > 0) {
      // Routes attach to Gateways, and allowedRoutes selectors read Namespace labels.
      out.add("gateways").add("namespaces");
      for (const r of routes) out.add(r);
      if (cfg.gatewayListenerSets) out.add("listenersets");
    }
    if (cfg.sources.includes("ingress")) out.add("ingresses");
    if (cfg.sources.includes("crd")) out.add("dnsendpoints");
    if (cfg.sources.includes("service")) for (const k of serviceKinds(cfg)) out.add(k);
  }
  return out;
}

/**
 * What external-dns's service source starts informers for: Services always; EndpointSlices and
 * Pods when --service-type-filter admits NodePort or ClusterIP (headless Services, Local traffic
 * policy); Nodes when it admits NodePort.
 */
export function serviceKinds(cfg: Config): string[] {
  const filter = cfg.serviceTypeFilter;
  const all = filter.length === 0 || filter.includes("");
  const admits = (t: string) => all || filter.includes(t);
  const out = ["services"];
  if (admits("NodePort") || admits("ClusterIP")) out.push("endpointslices", "pods");
  if (admits("NodePort")) out.push("nodes");
  return out;
}

/** Kinds to watch: the base ones plus whatever an instance requires, in table order. */
export function watchedKinds(configs: Config[]): KindSpec[] {
  const wanted = new Set([...BASE_KINDS, ...requiredKinds(configs)]);
  return KINDS.filter((k) => wanted.has(k.id));
}

export function apiVersionOf(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

/** The deployment watch used for zero-configuration discovery of external-dns. */
export function deploymentKind(selector: string, namespace?: string): KindSpec {
  return {
    id: "deployments",
    group: "apps",
    kind: "Deployment",
    plural: "deployments",
    versions: ["v1"],
    label: "external-dns Deployments",
    builtin: true,
    namespace: namespace || undefined,
    labelSelector: selector || undefined,
  };
}
