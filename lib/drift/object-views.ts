// Cluster objects as the dashboard shows them: each Gateway with its routes, each Ingress and
// DNSEndpoint, with the records they produce and the reasons attached to them.

import { annotationValue, parseTTL, splitHostnames } from "../externaldns/annotations";
import { describeGateway } from "../externaldns/sources/gateway";
import { routeKindRule } from "../externaldns/sources/gateway-kinds";
import { normalizeHostname } from "../externaldns/hostname";
import type { KubeObject, Reason, RouteKind } from "../externaldns/types";
import type {
  DnsEndpointView,
  GatewayView,
  IngressView,
  ReasonJSON,
  RecordRef,
  RecordState,
  RecordView,
  RouteView,
} from "../api/types";
import { proxiedOf } from "./plan-json";
import type { PipelineResult } from "./pipeline";

export const NOT_PROXIABLE = new Set(["LOC", "MX", "NS", "SPF", "TXT", "SRV"]);

export function reasonJSON(r: Reason): ReasonJSON {
  return { code: r.code, resource: r.resource, message: r.message, severity: r.severity };
}

function isAccepted(parent: { conditions?: { type?: string; status?: string }[] }): boolean {
  const c = (parent.conditions ?? []).find((x) => x?.type === "Accepted");
  return c?.status === "True";
}

export interface Context {
  result: PipelineResult;
  reasonsByResource: Map<string, Reason[]>;
  desiredByResource: Map<string, PipelineResult["desired"]>;
  stateOf: (name: string, type: string) => RecordState;
}

export function makeContext(result: PipelineResult, rows: RecordView[]): Context {
  const reasonsByResource = new Map<string, Reason[]>();
  // Appended in place: copying the list per item made a resource with many reasons quadratic.
  for (const r of result.reasons) {
    const list = reasonsByResource.get(r.resource);
    if (list) list.push(r);
    else reasonsByResource.set(r.resource, [r]);
  }
  const desiredByResource = new Map<string, PipelineResult["desired"]>();
  for (const e of result.desired) {
    const res = e.labels.resource ?? "";
    const list = desiredByResource.get(res);
    if (list) list.push(e);
    else desiredByResource.set(res, [e]);
  }
  const states = new Map<string, RecordState>();
  for (const row of rows) {
    if (row.state === "ownership") continue;
    const k = `${row.name}\u0000${row.type}`;
    if (!states.has(k) || row.state !== "in-sync") states.set(k, row.state);
  }
  return {
    result,
    reasonsByResource,
    desiredByResource,
    stateOf: (name, type) => states.get(`${normalizeHostname(name)}\u0000${type}`) ?? "blocked",
  };
}

export function recordsOf(ctx: Context, resource: string): RecordRef[] {
  return (ctx.desiredByResource.get(resource) ?? []).map((e) => ({
    name: normalizeHostname(e.dnsName),
    type: e.recordType,
    state: ctx.stateOf(e.dnsName, e.recordType),
  }));
}

export function reasonsOf(ctx: Context, resource: string): ReasonJSON[] {
  return (ctx.reasonsByResource.get(resource) ?? []).map(reasonJSON);
}

function ref(kind: string, o: KubeObject) {
  const namespace = o.metadata.namespace ?? "";
  return { kind, namespace, name: o.metadata.name, resource: `${kind.toLowerCase()}/${namespace}/${o.metadata.name}` };
}

export function routeView(ctx: Context, route: KubeObject): RouteView {
  const { config } = ctx.result;
  const r = ref(route.kind ?? "HTTPRoute", route);
  const annotations = route.metadata.annotations;
  // TCPRoute and UDPRoute have no hostnames for external-dns (Hostnames() returns nil), whatever the spec says.
  const specHostnames = routeKindRule((route.kind ?? "HTTPRoute") as RouteKind)?.hasHostnames !== false && Array.isArray(route.spec?.hostnames);
  const hostnames = [
    ...(specHostnames ? route.spec.hostnames.map(String) : []),
    ...(annotationValue(annotations, config.annotationPrefix, "hostname") !== undefined
      ? splitHostnames(annotationValue(annotations, config.annotationPrefix, "hostname")!).filter(Boolean)
      : []),
  ];
  const parents = (Array.isArray(route.status?.parents) ? route.status.parents : []).map(
    (p: { parentRef?: { name?: string; namespace?: string; sectionName?: string }; conditions?: [] }) => ({
      gateway: `${p.parentRef?.namespace ?? r.namespace}/${p.parentRef?.name ?? ""}`,
      ...(p.parentRef?.sectionName ? { section: p.parentRef.sectionName } : {}),
      accepted: isAccepted(p),
    }),
  );
  const desired = ctx.desiredByResource.get(r.resource) ?? [];
  const ttlRaw = annotationValue(annotations, config.annotationPrefix, "ttl");
  const hasProxiedAnnotation = annotationValue(annotations, config.annotationPrefix, "cloudflare-proxied") !== undefined;
  const proxiable = desired.some((e) => !NOT_PROXIABLE.has(e.recordType));
  // Properties added to the fresh ref, not spread into a new literal: in the V8 of Node 20 every
  // `{ ...a, b }` gets a hidden class of its own (~0.4 KB), which at 10,000 routes is megabytes.
  return Object.assign(r, {
    hostnames,
    parents,
    accepted: parents.some((p: { accepted: boolean }) => p.accepted),
    ttl: ttlRaw === undefined ? 0 : parseTTL(ttlRaw).ttl,
    proxied: desired.length ? proxiedOf(desired[0], config) : null,
    proxiedSource: (desired.length === 0 ? null : !proxiable ? "not-proxiable" : hasProxiedAnnotation ? "annotation" : "flag-default") as RouteView["proxiedSource"],
    records: recordsOf(ctx, r.resource),
    reasons: reasonsOf(ctx, r.resource),
  });
}

/**
 * Routes by the Gateways they name as a parent (in spec or status), each route once per Gateway
 * and in the routes' order: one pass over the routes instead of one per Gateway.
 */
function routesByGateway(routes: KubeObject[]): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const route of routes) {
    const ns = route.metadata.namespace ?? "";
    const refs = [
      ...(Array.isArray(route.spec?.parentRefs) ? route.spec.parentRefs : []),
      ...(Array.isArray(route.status?.parents) ? route.status.parents.map((p: { parentRef?: unknown }) => p?.parentRef) : []),
    ] as { name?: string; namespace?: string; kind?: string }[];
    const keys = new Set(refs.filter((p) => p && (p.kind ?? "Gateway") === "Gateway").map((p) => gatewayKey(p.namespace ?? ns, p.name)));
    for (const key of keys) {
      const list = out.get(key);
      if (list) list.push(route);
      else out.set(key, [route]);
    }
  }
  return out;
}

const gatewayKey = (namespace: string | undefined, name: string | undefined) => JSON.stringify([namespace ?? null, name ?? null]);

/** Route views between pauses: at 10,000 routes the whole set is several hundred ms of work. */
const ROUTES_PER_STEP = 1000;

/** Each Gateway with its routes, and the routes no Gateway lists; pauses (yields) every ROUTES_PER_STEP routes. */
export function* gatewayViewsSteps(ctx: Context): Generator<void, { gateways: GatewayView[]; orphanRoutes: RouteView[] }> {
  const { objects, config } = { objects: ctx.result.objects, config: ctx.result.config };
  const attached = new Set<KubeObject>();
  const byGateway = routesByGateway(objects.routes);
  let done = 0;
  const gateways: GatewayView[] = [];
  for (const gw of objects.gateways) {
    const d = describeGateway(gw, objects, config);
    // A Gateway without a namespace is named by no route (a route's parentRef always has one).
    const routes = gw.metadata.namespace === undefined ? [] : (byGateway.get(gatewayKey(gw.metadata.namespace, gw.metadata.name)) ?? []);
    routes.forEach((rt) => attached.add(rt));
    const views: RouteView[] = [];
    for (const rt of routes) {
      if (++done % ROUTES_PER_STEP === 0) yield;
      views.push(routeView(ctx, rt));
    }
    gateways.push({
      ...ref("Gateway", gw),
      processed: d.processed,
      ...(d.exclusion ? { exclusion: reasonJSON(d.exclusion) } : {}),
      labels: gw.metadata.labels ?? {},
      targets: d.targets,
      targetSource: d.targetSource,
      addresses: (Array.isArray(gw.status?.addresses) ? gw.status.addresses : []).map((a: { value?: string }) => String(a?.value ?? "")),
      listeners: d.listeners,
      ignoredAnnotations: d.ignoredAnnotations.map(reasonJSON),
      routes: views,
    });
  }
  const orphanRoutes: RouteView[] = [];
  for (const rt of objects.routes) {
    if (attached.has(rt)) continue;
    if (++done % ROUTES_PER_STEP === 0) yield;
    orphanRoutes.push(routeView(ctx, rt));
  }
  return { gateways, orphanRoutes };
}

export function ingressViews(ctx: Context): IngressView[] {
  return ctx.result.objects.ingresses.map((ing) => {
    const r = ref("Ingress", ing);
    const hosts = [
      ...(Array.isArray(ing.spec?.rules) ? ing.spec.rules.map((x: { host?: string }) => x?.host ?? "") : []),
      ...(Array.isArray(ing.spec?.tls) ? ing.spec.tls.flatMap((t: { hosts?: string[] }) => t?.hosts ?? []) : []),
    ].filter(Boolean);
    return Object.assign(r, {
      ingressClass: ing.spec?.ingressClassName || ing.metadata.annotations?.["kubernetes.io/ingress.class"] || "",
      hosts: [...new Set(hosts)],
      targets: [...new Set((ctx.desiredByResource.get(r.resource) ?? []).flatMap((e) => e.targets))],
      records: recordsOf(ctx, r.resource),
      reasons: reasonsOf(ctx, r.resource),
    });
  });
}

export function dnsEndpointViews(ctx: Context): DnsEndpointView[] {
  return ctx.result.objects.dnsEndpoints.map((o) => {
    const r = ref("DNSEndpoint", o);
    const resource = `crd/${r.namespace}/${r.name}`;
    const eps = Array.isArray(o.spec?.endpoints) ? o.spec.endpoints : [];
    return Object.assign(r, {
      resource,
      endpoints: eps.map((e: { dnsName?: unknown; recordType?: unknown; targets?: unknown; recordTTL?: unknown }) => ({
        dnsName: String(e?.dnsName ?? ""),
        recordType: String(e?.recordType ?? ""),
        targets: Array.isArray(e?.targets) ? e.targets.map(String) : [],
        ttl: typeof e?.recordTTL === "number" ? e.recordTTL : 0,
      })),
      records: recordsOf(ctx, resource),
      reasons: reasonsOf(ctx, resource),
    });
  });
}
