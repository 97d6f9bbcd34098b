// What each Gateway API route kind is to external-dns, per release (source/gateway_*route.go):
// the protocol it claims when matching listeners, whether it has spec.hostnames, and the API
// version its informer lists (which is also the TypeMeta templates see as .APIVersion).

import { atLeast } from "../annotations";
import type { Config, GatewayApiKind, Reason, RouteKind, Version } from "../types";

export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";

interface KindRule {
  /** Route.Protocol(): HTTP for HTTPRoute, HTTPS for GRPCRoute, TLS, TCP, UDP. */
  protocol: string;
  /** Route.Hostnames(): TCPRoute and UDPRoute return nil, so only annotations (and templates) name them. */
  hasHostnames: boolean;
  /** The version the informer lists, by external-dns minor version. */
  apiVersion: (v: Version) => string;
}

const RULES: Record<RouteKind, KindRule> = {
  // v0.20 lists HTTPRoutes through the v1beta1 informer; v0.21 moved to v1.
  HTTPRoute: { protocol: "HTTP", hasHostnames: true, apiVersion: (v) => (atLeast(v, 21) ? "v1" : "v1beta1") },
  GRPCRoute: { protocol: "HTTPS", hasHostnames: true, apiVersion: () => "v1" },
  // v0.22 reads TLSRoute at v1 (Gateway API 1.5); before, v1alpha2.
  TLSRoute: { protocol: "TLS", hasHostnames: true, apiVersion: (v) => (atLeast(v, 22) ? "v1" : "v1alpha2") },
  TCPRoute: { protocol: "TCP", hasHostnames: false, apiVersion: () => "v1alpha2" },
  UDPRoute: { protocol: "UDP", hasHostnames: false, apiVersion: () => "v1alpha2" },
};

export function routeKindRule(kind: RouteKind): KindRule {
  return RULES[kind];
}

/** The TypeMeta the route lister sets on every route it returns. */
export function routeTypeMeta(kind: RouteKind, v: Version): { kind: string; apiVersion: string } {
  return { kind, apiVersion: `${GATEWAY_API_GROUP}/${RULES[kind].apiVersion(v)}` };
}

/** The version a release lists Gateways (v1beta1 at v0.20, v1 later), ListenerSets (v1) and each route kind at. */
export function listedVersion(kind: GatewayApiKind, v: Version): string {
  if (kind === "Gateway") return atLeast(v, 21) ? "v1" : "v1beta1";
  if (kind === "ListenerSet") return "v1";
  return RULES[kind].apiVersion(v);
}

/** What a gateway-*route source's informers list, in the order they must sync: Gateways, ListenerSets, the routes. */
export function informedKinds(kind: RouteKind, cfg: Config): GatewayApiKind[] {
  return ["Gateway", ...(cfg.gatewayListenerSets && atLeast(cfg.version, 21) ? (["ListenerSet"] as const) : []), kind];
}

/**
 * external-dns lists each Gateway API kind at exactly one version. When the cluster's CRD does not
 * serve it (a TLSRoute CRD at v1alpha2 only, under v0.22.0 which reads v1), the informer never
 * syncs, building the source fails after the 60 s sync timeout and external-dns exits: no record
 * is written or deleted. `served` is what discovery says the CRD serves; undefined = not known (files).
 */
export function versionNotServed(kind: GatewayApiKind, served: string[] | undefined, v: Version): Reason | undefined {
  if (served === undefined || served.length === 0) return undefined;
  const version = listedVersion(kind, v);
  if (served.includes(version)) return undefined;
  const type = `*${version}.${kind}`;
  // informers.WaitForCacheSync's message, which differs between v0.20 and v0.21.
  const sync = atLeast(v, 21)
    ? `failed to sync ${type} after 1m0s: context deadline exceeded`
    : `failed to sync ${type}: context deadline exceeded with timeout 1m0s`;
  return {
    code: "route-version-not-served",
    resource: "config",
    severity: "error",
    message:
      `external-dns ${v.raw} lists ${kind}s at ${GATEWAY_API_GROUP}/${version}, which this cluster does not serve ` +
      `(its ${kind} CRD serves ${served.join(", ")}): the ${kind} informer never syncs and external-dns exits (${sync}), ` +
      `so it writes nothing. Install a Gateway API release whose ${kind} CRD serves ${version}, or run an external-dns release that reads ${served.join(" or ")}.`,
    hostnames: [],
  };
}
