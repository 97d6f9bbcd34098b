// Builders for the Gateway source tests: plain JSON objects shaped like the API server returns
// them, with the defaults upstream's gateway tests use (HTTP listeners, Accepted=True status).
// Test code only: testkit-boundary.test.ts fails if shipped code imports a testkit.

import { testConfig } from "../config.testkit";
import type { ClusterObjects, Config, KubeObject, RouteKind, SourceResult } from "../types";
import { parseVersion } from "../version";
import { gatewayRouteSource } from "./gateway";

export const ALPHA = "external-dns.alpha.kubernetes.io/";
export const GA = "external-dns.kubernetes.io/";

export function config(overrides: Partial<Config> & { v?: string } = {}): Config {
  const { v = "v0.21.0", ...rest } = overrides;
  return testConfig({ version: parseVersion(v), sources: ["gateway-httproute"], ...rest });
}

export interface ListenerSpec {
  name?: string;
  protocol?: string;
  port?: number;
  hostname?: string;
  from?: string;
  selector?: Record<string, unknown>;
  kinds?: Array<{ group?: string; kind: string }>;
}

export function listener(l: ListenerSpec = {}): Record<string, unknown> {
  const allowed: Record<string, unknown> = {};
  if (l.from) allowed.namespaces = { from: l.from, ...(l.selector ? { selector: l.selector } : {}) };
  if (l.kinds) allowed.kinds = l.kinds;
  return {
    name: l.name ?? "http",
    protocol: l.protocol ?? "HTTP",
    port: l.port ?? 80,
    ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
    ...(Object.keys(allowed).length ? { allowedRoutes: allowed } : {}),
  };
}

export function gateway(
  ns: string,
  name: string,
  opts: {
    listeners?: ListenerSpec[];
    addresses?: string[];
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    apiVersion?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: opts.apiVersion ?? "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name, namespace: ns, labels: opts.labels, annotations: opts.annotations },
    spec: { gatewayClassName: "envoy", listeners: (opts.listeners ?? [{ from: "All" }]).map(listener) },
    status: { addresses: (opts.addresses ?? []).map((value) => ({ type: "IPAddress", value })) },
  };
}

export interface ParentSpec {
  name: string;
  namespace?: string;
  kind?: string;
  group?: string;
  sectionName?: string;
  port?: number;
}

export interface RouteOpts {
  kind?: RouteKind;
  hostnames?: string[];
  parents?: ParentSpec[];
  /** Status parents; defaults to the spec parents. */
  statusParents?: ParentSpec[];
  /** Conditions of every status parent; defaults to Accepted=True. */
  conditions?: Array<{ type: string; status: string }>;
  noStatus?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

function ref(p: ParentSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: p.name };
  for (const k of ["namespace", "kind", "group", "sectionName", "port"] as const) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

export function route(ns: string, name: string, opts: RouteOpts = {}): KubeObject {
  const parents = opts.parents ?? [];
  const statusParents = opts.statusParents ?? parents;
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: opts.kind ?? "HTTPRoute",
    metadata: { name, namespace: ns, labels: opts.labels, annotations: opts.annotations, generation: 1 },
    spec: { ...(opts.hostnames ? { hostnames: opts.hostnames } : {}), parentRefs: parents.map(ref) },
    ...(opts.noStatus
      ? {}
      : {
          status: {
            parents: statusParents.map((p) => ({
              parentRef: ref(p),
              controllerName: "gateway.envoyproxy.io/gatewayclass-controller",
              conditions: opts.conditions ?? [{ type: "Accepted", status: "True" }],
            })),
          },
        }),
  };
}

/**
 * Gateway infra/gw (10.0.0.1) with a listener per protocol — web HTTPS *.example.com, tls TLS
 * *.tls.example.com, tcp TCP, udp UDP — and one route of each kind in apps attached to it:
 * h web.example.com, g grpc.example.com, t db.tls.example.com, c pg.example.com (tcp listener),
 * u dns.example.com (the last two named by the legacy hostname annotation).
 */
export function routeKinds(): { gw: KubeObject; parent: (sectionName?: string) => ParentSpec[]; routes: KubeObject[] } {
  const gw = gateway("infra", "gw", {
    addresses: ["10.0.0.1"],
    listeners: [
      { name: "web", protocol: "HTTPS", port: 443, hostname: "*.example.com", from: "All" },
      { name: "tls", protocol: "TLS", port: 8443, hostname: "*.tls.example.com", from: "All" },
      { name: "tcp", protocol: "TCP", port: 5432, from: "All" },
      { name: "udp", protocol: "UDP", port: 53, from: "All" },
    ],
  });
  const parent = (sectionName?: string) => [{ name: "gw", namespace: "infra", sectionName }];
  const routes = [
    route("apps", "h", { kind: "HTTPRoute", hostnames: ["web.example.com"], parents: parent() }),
    route("apps", "g", { kind: "GRPCRoute", hostnames: ["grpc.example.com"], parents: parent() }),
    route("apps", "t", { kind: "TLSRoute", hostnames: ["db.tls.example.com"], parents: parent() }),
    route("apps", "c", { kind: "TCPRoute", parents: parent("tcp"), annotations: { [`${ALPHA}hostname`]: "pg.example.com" } }),
    route("apps", "u", { kind: "UDPRoute", parents: parent(), annotations: { [`${ALPHA}hostname`]: "dns.example.com" } }),
  ];
  return { gw, parent, routes };
}

export function namespace(name: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

export function cluster(parts: Partial<ClusterObjects>): ClusterObjects {
  return { gateways: [], routes: [], listenerSets: [], ingresses: [], dnsEndpoints: [], namespaces: [], ...parts };
}

export function run(objs: Partial<ClusterObjects>, cfg: Config = config(), kind: RouteKind = "HTTPRoute"): SourceResult {
  return gatewayRouteSource(kind, cluster(objs), cfg);
}

/** Endpoints as sortable one-liners: "name TYPE t1,t2 [ttl=N]". */
export function records(res: SourceResult): string[] {
  return res.endpoints
    .map((e) => `${e.dnsName} ${e.recordType} ${e.targets.join(",")}${e.recordTTL ? ` ttl=${e.recordTTL}` : ""}`)
    .sort();
}

export const codes = (res: SourceResult): string[] => res.reasons.map((r) => r.code);
