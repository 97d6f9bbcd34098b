// One route through the gateway source: route filters, parent resolution, listener matching,
// endpoint construction — with a reason for each decision.

import { annotationValue, controllerAccepts, parseTTL, providerSpecificFromAnnotations } from "../annotations";
import { byteOrder, endpointsForHostname } from "../endpoint";
import type { Config, Endpoint, KubeObject, Reason, RouteKind } from "../types";
import { routeAnnotationReasons } from "./gateway-annotations";
import {
  annotationHostnames,
  canonicalHost,
  displayHost,
  displayHosts,
  routeHosts,
  specHostnames,
  type TemplateExpander,
  templateRuns,
} from "./gateway-hosts";
import { matchParent } from "./gateway-match";
import {
  findGateway,
  normalizeRef,
  type ParentRef,
  referencedListeners,
  type ResolveContext,
  resolveParent,
  type Selector,
} from "./gateway-parents";
import { type ObjectFilterCode, objectFilterExclusion } from "./object-filters";

export interface RouteContext extends ResolveContext {
  kind: RouteKind;
  labels: Selector;
  annotations: Selector;
  expand?: TemplateExpander;
  /** false: no endpoint-produced reasons (see RunOptions). */
  narrate?: boolean;
}

export interface RouteResult {
  endpoints: Endpoint[];
  reasons: Reason[];
  /**
   * Parents the route points at that exist, with the hostnames concerned: for Gateway-level
   * reasons, which few Gateways have, so the names are worked out only when asked for.
   */
  parents: Array<{ kind: "Gateway" | "ListenerSet"; obj: KubeObject; hostnames: () => string[] }>;
}

const ROUTE_FILTER_MESSAGE: Record<ObjectFilterCode, (routeLabel: string, cfg: Config) => string> = {
  "namespace-filter": (label, cfg) => `${label} is outside --namespace ${cfg.namespace}`,
  "label-filter": (label, cfg) => `the labels of ${label} do not match --label-filter ${cfg.labelFilter}`,
  "annotation-filter": (label, cfg) => `the annotations of ${label} do not match --annotation-filter ${cfg.annotationFilter}`,
};

function statusParents(route: KubeObject): Array<Record<string, unknown>> {
  const ps = route.status?.parents;
  return Array.isArray(ps) ? ps.filter((p) => p && typeof p === "object") : [];
}

function specParentRefs(route: KubeObject): ParentRef[] {
  const ns = route.metadata.namespace ?? "";
  const ps = route.spec?.parentRefs;
  return Array.isArray(ps) ? ps.map((p) => normalizeRef(p, ns)) : [];
}

/** Names the route concerns, before any listener matching: spec + annotation (+ template) hosts. */
export function ownHostnames(route: KubeObject, cfg: Config, expand?: TemplateExpander): string[] {
  const template = expand && templateRuns(route, cfg) ? expand(route) : [];
  return displayHosts([...specHostnames(route), ...annotationHostnames(route, cfg.annotationPrefix), ...template]);
}

/** What a route without hostnames would inherit from the listeners of one parent. */
function inherited(route: KubeObject, ref: ParentRef, ctx: Pick<ResolveContext, "gateways" | "listenerSets">): string[] {
  if (specHostnames(route).length > 0) return [];
  return displayHosts(referencedListeners(ref, ctx).map((l) => l.hostname ?? ""));
}

/** Every hostname the route concerns, inheriting listener hostnames from all parents named anywhere. */
export function concernedHostnames(route: KubeObject, cfg: Config, ctx: Pick<ResolveContext, "gateways" | "listenerSets">, expand?: TemplateExpander): string[] {
  return concernedOf(routeFacts(route, cfg, expand), ctx);
}

/**
 * What processRoute reads from a route more than once, read once: parsing the parent refs and
 * host lists again for every parent and every reason was most of the cost of a large cluster.
 */
interface RouteFacts {
  route: KubeObject;
  cfg: Config;
  /** ownHostnames(route); see ownOf. */
  own?: string[];
  /** displayHosts(own): what every parent contributes when the route has spec hostnames. */
  ownDisplay?: string[];
  hasSpecHosts: boolean;
  specRefs: ParentRef[];
  statusEntries: Array<Record<string, unknown>>;
  statusRefs: ParentRef[];
}

function routeFacts(route: KubeObject, cfg: Config, expand?: TemplateExpander): RouteFacts {
  const ns = route.metadata.namespace ?? "";
  const statusEntries = statusParents(route);
  return {
    route,
    cfg,
    // With a template configured the names are read now, as before: evaluating it records
    // reasons, whose order must not depend on which reason asks first. Without one they are
    // read when a reason needs them (most routes have none).
    own: expand ? ownHostnames(route, cfg, expand) : undefined,
    hasSpecHosts: specHostnames(route).length > 0,
    specRefs: specParentRefs(route),
    statusEntries,
    statusRefs: statusEntries.map((p) => normalizeRef(p.parentRef as Record<string, unknown>, ns)),
  };
}

function ownOf(facts: RouteFacts): string[] {
  return (facts.own ??= ownHostnames(facts.route, facts.cfg));
}

function ownDisplayOf(facts: RouteFacts): string[] {
  return (facts.ownDisplay ??= displayHosts(ownOf(facts)));
}

/** The route's own names plus what it inherits from one parent's listeners. */
function parentHostsOf(facts: RouteFacts, ref: ParentRef, ctx: Pick<ResolveContext, "gateways" | "listenerSets">): string[] {
  // A route with spec hostnames inherits nothing (see inherited), so every parent gives the same list.
  if (facts.hasSpecHosts) return ownDisplayOf(facts);
  return displayHosts([...ownOf(facts), ...inherited(facts.route, ref, ctx)]);
}

function concernedOf(facts: RouteFacts, ctx: Pick<ResolveContext, "gateways" | "listenerSets">): string[] {
  if (facts.hasSpecHosts) return ownDisplayOf(facts);
  const refs = [...facts.specRefs, ...facts.statusRefs];
  return displayHosts([...ownOf(facts), ...refs.flatMap((r) => inherited(facts.route, r, ctx))]);
}

export function processRoute(route: KubeObject, ctx: RouteContext): RouteResult {
  const { cfg, kind } = ctx;
  const ns = route.metadata.namespace ?? "";
  const label = `${kind} ${ns}/${route.metadata.name}`;
  const resource = `${kind.toLowerCase()}/${ns}/${route.metadata.name}`;
  const facts = routeFacts(route, cfg, ctx.expand);
  // The names a route-level reason is about: worked out for the first such reason only.
  let concernedNames: string[] | undefined;
  const concerned = () => (concernedNames ??= concernedOf(facts, ctx));
  const hostInfo = routeHosts(route, cfg, ctx.expand);
  const reasons: Reason[] = routeAnnotationReasons(route, label, resource, cfg, concerned);
  const result: RouteResult = { endpoints: [], reasons, parents: [] };
  const reason = (code: string, message: string, severity: Reason["severity"], hostnames?: string[]) =>
    reasons.push({ code, resource, message, severity, hostnames: hostnames ?? concerned() });

  for (const d of hostInfo.dropped) {
    const h = displayHost(d.host);
    if (h) reason("hostname-source", `hostname ${h} of ${label} is not used: ${d.why}`, "info", [h]);
  }
  collectParents(facts, ctx, result);

  const annotations = route.metadata.annotations;
  const filtered = objectFilterExclusion(route, cfg, ctx);
  if (filtered) {
    reason(filtered, ROUTE_FILTER_MESSAGE[filtered](label, cfg), "info");
    return result;
  }
  if (!controllerAccepts(annotations, cfg.annotationPrefix)) {
    const v = annotationValue(annotations, cfg.annotationPrefix, "controller");
    reason("controller-annotation", `${label} has ${cfg.annotationPrefix}controller=${v}, not dns-controller, so external-dns skips it`, "info");
    return result;
  }
  // external-dns evaluates the template here (resolve → hosts); an error fails the whole source.
  if (ctx.expand && templateRuns(route, cfg)) ctx.expand(route, true);

  // Invalid route hosts never match any listener; say so once instead of once per listener.
  const hosts: string[] = [];
  for (const h of hostInfo.hosts) {
    const c = canonicalHost(h);
    if (c !== undefined) hosts.push(c);
    else reason("invalid-hostname", `hostname "${h}" of ${label} is not a valid DNS-1123 name (or is an IP address) and gets no record`, "warning", displayHosts([h]));
  }

  if (facts.specRefs.length === 0) {
    reason("no-parent-refs", `${label} has no spec.parentRefs, so it is attached to no Gateway`, "warning");
    return result;
  }
  const parents = facts.statusEntries;
  if (parents.length === 0) {
    reason("no-route-status", `${label} has no status.parents yet (no Gateway controller has processed it), and external-dns reads parents from status only`, "warning");
    return result;
  }

  // Per record name, every parent's targets and listeners (a route usually has one parent: its maps are taken as they are).
  let hostTargets: Map<string, string[]> | undefined;
  let via: Map<string, string[]> | undefined;
  for (let i = 0; i < parents.length; i++) {
    const outcome = resolveParent(parents[i], route, ctx, facts.specRefs, facts.statusRefs[i]);
    if ("failure" in outcome) {
      reason(outcome.failure.code, outcome.failure.message, outcome.failure.severity, parentHostsOf(facts, facts.statusRefs[i], ctx));
      continue;
    }
    const m = matchParent(outcome.parent, hosts, { route, kind, namespaces: ctx.namespaces, port: outcome.parent.ref.port }, resource, ctx.narrate !== false);
    reasons.push(...m.reasons);
    if (!hostTargets || !via) {
      hostTargets = m.hostTargets;
      via = m.via;
      continue;
    }
    for (const [h, ts] of m.hostTargets) {
      const list = hostTargets.get(h);
      if (list) list.push(...ts);
      else hostTargets.set(h, ts);
    }
    for (const [h, vs] of m.via) {
      const list = via.get(h);
      if (list) list.push(...vs);
      else via.set(h, vs);
    }
  }
  if (!hostTargets || !via || hostTargets.size === 0) return result;

  // No annotation reads as TTL 0 (what parseTTL gives ""), without building its error message.
  const ttlValue = annotationValue(annotations, cfg.annotationPrefix, "ttl");
  const ttl = ttlValue === undefined ? 0 : parseTTL(ttlValue).ttl;
  const { providerSpecific, setIdentifier } = providerSpecificFromAnnotations(annotations, cfg.annotationPrefix, cfg.version);
  for (const [host, raw] of hostTargets) {
    const targets = raw.length === 1 ? raw : [...new Set(raw)].sort(byteOrder);
    const eps = endpointsForHostname(host, targets, { ttl, setIdentifier, providerSpecific, resource }, cfg.version);
    if (eps.length === 0) continue;
    result.endpoints.push(...eps);
    if (ctx.narrate === false) continue;
    const records = eps.map((e) => `${e.recordType} ${e.targets.join(", ")}`).join("; ");
    const extras = [
      ttl > 0 ? `TTL ${ttl}` : "",
      ...providerSpecific.map((p) => `${p.name}=${p.value}`),
      setIdentifier ? `set-identifier ${setIdentifier}` : "",
    ].filter(Boolean);
    reason(
      "endpoint-produced",
      `host ${displayHost(host)} via ${[...new Set(via.get(host))].join(", ")} → ${records}${extras.length ? ` (${extras.join(", ")})` : ""}`,
      "info",
      displayHosts([host]),
    );
  }
  return result;
}

/** Existing Gateways/ListenerSets the route names, regardless of filters. */
function collectParents(facts: RouteFacts, ctx: RouteContext, result: RouteResult): void {
  const { specRefs, statusRefs } = facts;
  const count = specRefs.length + statusRefs.length;
  const refAt = (i: number) => (i < specRefs.length ? specRefs[i] : statusRefs[i - specRefs.length]);
  for (let i = 0; i < count; i++) {
    const ref = refAt(i);
    // A route has a handful of refs at most: an earlier one naming the same object is looked for in place.
    let repeated = false;
    for (let j = 0; j < i && !repeated; j++) {
      const o = refAt(j);
      repeated = o.kind === ref.kind && o.namespace === ref.namespace && o.name === ref.name;
    }
    if (repeated) continue;
    const obj =
      ref.kind === "Gateway"
        ? findGateway(ctx, ref.namespace, ref.name)
        : ref.kind === "ListenerSet"
          ? ctx.listenerSets.find((o) => (o.metadata.namespace ?? "") === ref.namespace && o.metadata.name === ref.name)
          : undefined;
    if (!obj) continue;
    let names: string[] | undefined;
    const hostnames = () => (names ??= parentHostsOf(facts, ref, ctx));
    result.parents.push({ kind: ref.kind as "Gateway" | "ListenerSet", obj, hostnames });
    if (ref.kind === "ListenerSet") {
      // The ListenerSet's Gateway supplies the targets, so its annotations matter to these hosts too.
      const gwRef = normalizeRef(obj.spec?.parentRef, ref.namespace);
      const gw = ctx.gateways.find((g) => (g.metadata.namespace ?? "") === gwRef.namespace && g.metadata.name === gwRef.name);
      if (gw) result.parents.push({ kind: "Gateway", obj: gw, hostnames });
    }
  }
}
