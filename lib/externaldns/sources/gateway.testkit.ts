// Builders for the Gateway source tests: plain JSON objects shaped like the API server returns
// them, with the defaults upstream's gateway tests use (HTTP listeners, Accepted=True status).

import { defaultAnnotationPrefix } from "../annotations";
import type { ClusterObjects, Config, KubeObject, RouteKind, SourceResult } from "../types";
import { parseVersion } from "../version";
import { gatewayRouteSource } from "./gateway";

export const ALPHA = "external-dns.alpha.kubernetes.io/";
export const GA = "external-dns.kubernetes.io/";

export function config(overrides: Partial<Config> & { v?: string } = {}): Config {
  const { v = "v0.21.0", ...rest } = overrides;
  const version = parseVersion(v);
  return {
    version,
    annotationPrefix: defaultAnnotationPrefix(version),
    annotationPrefixExplicit: false,
    provider: "cloudflare",
    sources: ["gateway-httproute"],
    policy: "sync",
    registry: "txt",
    interval: "1m",
    txtOwnerId: "default",
    txtPrefix: "",
    txtSuffix: "",
    txtWildcardReplacement: "",
    txtEncryptEnabled: false,
    txtEncryptAesKey: "",
    migrateFromTxtOwner: "",
    domainFilters: [],
    excludeDomains: [],
    regexDomainFilter: "",
    regexDomainExclusion: "",
    zoneIdFilters: [],
    managedRecordTypes: ["A", "AAAA", "CNAME"],
    excludeRecordTypes: [],
    namespace: "",
    labelFilter: "",
    annotationFilter: "",
    ingressClassNames: [],
    ignoreIngressTLSSpec: false,
    ignoreIngressRulesSpec: false,
    ignoreHostnameAnnotation: false,
    fqdnTemplate: "",
    combineFqdnAndAnnotation: false,
    gatewayName: "",
    gatewayNamespace: "",
    gatewayLabelFilter: "",
    gatewayListenerSets: false,
    crdSourceApiVersion: "externaldns.k8s.io/v1alpha1",
    crdSourceKind: "DNSEndpoint",
    defaultTargets: [],
    forceDefaultTargets: false,
    minTTL: 0,
    cloudflareProxied: false,
    cloudflareRecordComment: "",
    cloudflareDnsRecordsPerPage: 100,
    cloudflareRegionalServices: false,
    cloudflareRegionKey: "",
    cloudflareCustomHostnames: false,
    batchChangeSize: 200,
    dryRun: false,
    once: false,
    issues: [],
    ...rest,
  };
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
