// The Gateway API sources (gateway-httproute, -grpcroute, -tlsroute, -tcproute, -udproute):
// routes → endpoints, plus the explain trail.
//
// Reason codes: every code of the CLI contract that applies to Gateway routes (gateway-label-filter,
// gateway-name-filter, gateway-namespace-filter, gateway-not-found, controller-annotation,
// no-parent-refs, no-route-status, parent-not-in-spec, route-not-accepted, section-not-found,
// port-mismatch, protocol-mismatch, allowed-routes-namespace, allowed-routes-kind,
// hostname-not-in-listener, no-targets, annotation-prefix-mismatch, annotation-ignored-here,
// label-filter, annotation-filter), plus these informational codes, which the contract allows:
//   endpoint-produced         info     one per host that yields records: via which parent/listener, which records
//   invalid-annotation        warning  a value external-dns cannot parse (ttl → 0, gateway-hostname-source → default)
//   invalid-hostname          warning  a route or listener host that is not DNS-1123 (e.g. has "_") or is an IP
//   hostname-source           info     a host dropped by gateway-hostname-source or --ignore-hostname-annotation
//   namespace-filter          info     the route is outside --namespace
//   unsupported-parent        info     a parent that is not a Gateway (or a ListenerSet without --gateway-listener-sets)
//   listener-set-not-accepted warning  a ListenerSet parent not allowed by its Gateway or not Accepted
//   route-version-not-served  error    the cluster does not serve the route kind (or Gateway, ListenerSet) at the version this release lists
//   fqdn-template / fqdn-template-error / fqdn-template-not-evaluated: see fqdn-templates.ts
// Reasons about a route use resource "<kind>/<ns>/<name>"; reasons about a Gateway's own
// annotations, listeners or targets use "gateway/<ns>/<name>" (or "listenerset/…").

import { mergeEndpoints } from "../endpoint";
import type { Selector } from "../label-selector";
import type { ClusterObjects, Config, Endpoint, KubeObject, Reason, RouteKind, RunOptions, SourceResult } from "../types";
import { gatewayAnnotationReasons } from "./gateway-annotations";
import { routeTransforms, sourceTemplates } from "./fqdn-templates";
import { annotationHostnames, displayHosts, specHostnames, type TemplateExpander } from "./gateway-hosts";
import { informedKinds, routeTypeMeta, versionNotServed } from "./gateway-kinds";
import { newGatewayMemo } from "./gateway-parents";
import { processRoute, type RouteContext } from "./gateway-route";
import { compileSelectorFlags } from "./object-filters";
import { runSteps, type Steps } from "../steps";

export { describeGateway, type GatewayDescription } from "./gateway-describe";
export type { TemplateExpander } from "./gateway-hosts";

export const SOURCE_NAME: Record<RouteKind, string> = {
  HTTPRoute: "gateway-httproute",
  GRPCRoute: "gateway-grpcroute",
  TLSRoute: "gateway-tlsroute",
  TCPRoute: "gateway-tcproute",
  UDPRoute: "gateway-udproute",
};

/** All three selector flags, or the first one that does not parse, as the source's only reason. */
function selectors(cfg: Config): { labels: Selector; annotations: Selector; gatewayLabels: Selector } | Reason {
  const compiled = compileSelectorFlags(cfg, ["label-filter", "annotation-filter", "gateway-label-filter"]);
  if (compiled.ok) {
    const s = compiled.selectors;
    return { labels: s["label-filter"], annotations: s["annotation-filter"], gatewayLabels: s["gateway-label-filter"] };
  }
  const { flag, problem } = compiled.invalid[0];
  return {
    code: flag,
    resource: "config",
    severity: "error",
    message: `--${flag}: ${problem}; external-dns would not start`,
    hostnames: [],
  };
}

/** The endpoints one gateway-*route source produces, and the reasons behind every route's outcome. */
export function gatewayRouteSource(kind: RouteKind, objects: ClusterObjects, cfg: Config, opts: RunOptions = {}): SourceResult {
  return runSteps(gatewayRouteSourceSteps(kind, objects, cfg, opts));
}

/** Routes read between pauses: tens of thousands of routes are one source's work. */
const ROUTES_PER_STEP = 1000;

/** The same, pausing every ROUTES_PER_STEP routes. */
export function* gatewayRouteSourceSteps(
  kind: RouteKind,
  objects: ClusterObjects,
  cfg: Config,
  opts: RunOptions = {},
): Steps<SourceResult> {
  const sel = selectors(cfg);
  if ("code" in sel) return { endpoints: [], reasons: [sel] };
  const unserved = informedKinds(kind, cfg)
    .map((k) => versionNotServed(k, objects.servedVersions?.[k], cfg.version))
    .find((r) => r !== undefined);
  if (unserved) return { endpoints: [], reasons: [unserved], error: unserved.message };
  const reasons: Reason[] = [];
  const templates = sourceTemplates(cfg, SOURCE_NAME[kind], reasons, routeTransforms(cfg));
  const typeMeta = routeTypeMeta(kind, cfg.version);
  const expand: TemplateExpander | undefined = templates.configured
    ? (route, record = false) => {
        const resource = `${kind.toLowerCase()}/${route.metadata.namespace ?? ""}/${route.metadata.name}`;
        const named = displayHosts([...specHostnames(route), ...annotationHostnames(route, cfg.annotationPrefix)]);
        return templates.hostnames(route, resource, named, { typeMeta, record }) ?? [];
      }
    : undefined;
  const ctx: RouteContext = {
    cfg,
    kind,
    labels: sel.labels,
    annotations: sel.annotations,
    gatewayLabels: sel.gatewayLabels,
    gateways: objects.gateways,
    listenerSets: objects.listenerSets,
    namespaces: objects.namespaces,
    expand,
    memo: newGatewayMemo(),
    narrate: opts.narrate !== false,
  };

  const endpoints: Endpoint[] = [];
  // Keyed by the object: a parent is always the first Gateway (or ListenerSet) of its namespace
  // and name, so one object stands for one kind/namespace/name. Only parents whose annotations
  // give reasons collect hosts (most Gateways have none, and thousands of routes use each).
  const parentHosts = new Map<KubeObject, { kind: "Gateway" | "ListenerSet"; hosts: Set<string> } | null>();
  let read = 0;
  for (const route of objects.routes) {
    if (route.kind !== kind) continue;
    if (++read % ROUTES_PER_STEP === 0) yield;
    const r = processRoute(route, ctx);
    for (const ep of r.endpoints) endpoints.push(ep);
    for (const reason of r.reasons) reasons.push(reason);
    for (const p of r.parents) {
      let entry = parentHosts.get(p.obj);
      if (entry === undefined) {
        entry = gatewayAnnotationReasons(p.obj, p.kind, cfg, []).length > 0 ? { kind: p.kind, hosts: new Set<string>() } : null;
        parentHosts.set(p.obj, entry);
      }
      if (entry) for (const h of p.hostnames()) entry.hosts.add(h);
    }
  }
  // Annotation mistakes on Gateways are reported once, against every host of the routes using them.
  for (const [obj, entry] of parentHosts) {
    if (entry) reasons.push(...gatewayAnnotationReasons(obj, entry.kind, cfg, [...entry.hosts]));
  }
  // A template error fails the whole source (Endpoints() returns it); the endpoints stay for display only.
  return { endpoints: mergeEndpoints(endpoints, cfg.version), reasons, ...(templates.error ? { error: templates.error } : {}) };
}
