// Resolving a route's status parents to Gateways (or ListenerSets) the way external-dns does
//: status is authoritative, spec.parentRefs only cross-checks it,
// and every step that drops a parent says so with a contract reason code.

import { annotationValue, atLeast, controllerAccepts, splitTargets } from "../annotations";
import { type Selector, selectorFromLabelSelector } from "../label-selector";
import type { Config, KubeObject } from "../types";
import { GATEWAY_GROUP, type Listener, type ListenerOwner, listenersOf } from "./gateway-listeners";

export type { Selector };

export interface ParentRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName: string;
  port?: number;
}

/** A parentRef with the API defaults filled in ("" counts as unset, like external-dns's strVal). */
const strVal = (v: unknown, d: string) => (typeof v === "string" && v !== "" ? v : d);

export function normalizeRef(raw: Record<string, unknown> | undefined, routeNs: string): ParentRef {
  const s = strVal;
  return {
    group: s(raw?.group, GATEWAY_GROUP),
    kind: s(raw?.kind, "Gateway"),
    namespace: s(raw?.namespace, routeNs),
    name: s(raw?.name, ""),
    sectionName: s(raw?.sectionName, ""),
    port: typeof raw?.port === "number" ? raw.port : undefined,
  };
}

export function refLabel(ref: Pick<ParentRef, "kind" | "namespace" | "name">): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}

export function resourceOfObject(kind: string, obj: KubeObject): string {
  return `${kind.toLowerCase()}/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
}

/** The Gateway's targets: its target annotation when non-empty, else every status address. */
export function gatewayTargets(
  gw: KubeObject,
  prefix: string,
): { targets: string[]; source: "annotation" | "status" | "none" } {
  const fromAnnotation = splitTargets(annotationValue(gw.metadata.annotations, prefix, "target") ?? "");
  if (fromAnnotation.length > 0) return { targets: fromAnnotation, source: "annotation" };
  const addrs: unknown[] = Array.isArray(gw.status?.addresses) ? gw.status.addresses : [];
  const values = addrs
    .map((a) => (a as { value?: unknown })?.value)
    .filter((v): v is string => typeof v === "string");
  return { targets: values, source: values.length > 0 ? "status" : "none" };
}

/** Gateway controller annotations are honoured only after v0.22 (HEAD at the time of writing). */
export function gatewayControllerApplies(cfg: Config): boolean {
  return atLeast(cfg.version, 23);
}

export interface Exclusion {
  code: string;
  message: string;
}

/**
 * Why a Gateway is invisible to the gateway sources (namespace, label filter, and — after
 * v0.22 — its controller annotation), phrased from a route's point of view.
 */
export function gatewayExclusion(gw: KubeObject, cfg: Config, labels: Selector): Exclusion | undefined {
  const name = `${gw.metadata.namespace ?? ""}/${gw.metadata.name}`;
  if (cfg.gatewayNamespace && gw.metadata.namespace !== cfg.gatewayNamespace) {
    return {
      code: "gateway-namespace-filter",
      message: `parent Gateway ${name} is outside --gateway-namespace ${cfg.gatewayNamespace}`,
    };
  }
  if (!labels.matches(gw.metadata.labels)) {
    return {
      code: "gateway-label-filter",
      message: `parent Gateway ${name} does not match --gateway-label-filter ${cfg.gatewayLabelFilter}`,
    };
  }
  if (gatewayControllerApplies(cfg) && !controllerAccepts(gw.metadata.annotations, cfg.annotationPrefix)) {
    const v = annotationValue(gw.metadata.annotations, cfg.annotationPrefix, "controller");
    return {
      code: "controller-annotation",
      message: `parent Gateway ${name} has ${cfg.annotationPrefix}controller=${v}, not dns-controller`,
    };
  }
  return undefined;
}

export function gatewayNameExclusion(gw: KubeObject, cfg: Config): Exclusion | undefined {
  if (!cfg.gatewayName || cfg.gatewayName === gw.metadata.name) return undefined;
  return {
    code: "gateway-name-filter",
    message: `parent Gateway ${gw.metadata.namespace ?? ""}/${gw.metadata.name} does not match --gateway-name ${cfg.gatewayName}`,
  };
}

/** First condition of the given type decides; observedGeneration is not looked at. */
export function conditionTrue(conditions: unknown, type: string): boolean {
  if (!Array.isArray(conditions)) return false;
  const c = conditions.find((x) => (x as { type?: unknown })?.type === type) as { status?: unknown } | undefined;
  return c?.status === "True";
}

export interface ResolvedParent {
  ref: ParentRef;
  /** "Gateway ns/name" or "ListenerSet ns/name". */
  label: string;
  /** Resource string of the object the listeners and targets come from. */
  resource: string;
  /** The Gateway itself, or the ListenerSet's parent Gateway. */
  gateway: KubeObject;
  owner: ListenerOwner;
  /** Listeners after section selection. */
  listeners: Listener[];
  targets: string[];
}

export type ParentOutcome = { parent: ResolvedParent } | { failure: Exclusion & { severity: "info" | "warning" } };

export interface ResolveContext {
  cfg: Config;
  gatewayLabels: Selector;
  gateways: KubeObject[];
  listenerSets: KubeObject[];
  namespaces: KubeObject[];
  /** Remembers per Gateway what does not depend on the route; valid for one source run only. */
  memo?: GatewayMemo;
}

interface GatewayFacts {
  excluded?: Exclusion;
  /** Shared by every parent resolved from this Gateway: never mutated, only replaced. */
  listeners: Listener[];
  targets: string[];
}

/**
 * Thousands of routes name the same few Gateways; looking each one up and reading its filters,
 * listeners and targets once per run instead of once per route keeps a large cluster linear.
 */
export interface GatewayMemo {
  /** namespace → name → the first Gateway of that name (two levels: no key string per lookup). */
  byName?: Map<string, Map<string, KubeObject>>;
  facts: Map<KubeObject, GatewayFacts>;
}

export function newGatewayMemo(): GatewayMemo {
  return { facts: new Map() };
}

function find(objs: KubeObject[], ns: string, name: string): KubeObject | undefined {
  return objs.find((o) => (o.metadata.namespace ?? "") === ns && o.metadata.name === name);
}

/** The first Gateway with that namespace and name, as find() would answer. */
export function findGateway(ctx: Pick<ResolveContext, "gateways" | "memo">, ns: string, name: string): KubeObject | undefined {
  const memo = ctx.memo;
  if (!memo) return find(ctx.gateways, ns, name);
  if (!memo.byName) {
    memo.byName = new Map();
    for (const g of ctx.gateways) {
      const gwNs = String(g.metadata.namespace ?? ""); // as the key string it replaces compared them
      let names = memo.byName.get(gwNs);
      if (!names) memo.byName.set(gwNs, (names = new Map()));
      if (!names.has(g.metadata.name)) names.set(g.metadata.name, g);
    }
  }
  return memo.byName.get(String(ns))?.get(name);
}

function gatewayFacts(gw: KubeObject, ctx: ResolveContext): GatewayFacts {
  const known = ctx.memo?.facts.get(gw);
  if (known) return known;
  const facts: GatewayFacts = {
    excluded: gatewayExclusion(gw, ctx.cfg, ctx.gatewayLabels) ?? gatewayNameExclusion(gw, ctx.cfg),
    listeners: listenersOf(gw),
    targets: gatewayTargets(gw, ctx.cfg.annotationPrefix).targets,
  };
  ctx.memo?.facts.set(gw, facts);
  return facts;
}

export function listenerSetsEnabled(cfg: Config): boolean {
  return cfg.gatewayListenerSets && atLeast(cfg.version, 21);
}

/**
 * One status parent → the listeners and targets it contributes, or the reason it contributes
 * nothing. Order of checks follows external-dns; the route's Accepted condition comes last.
 */
export function resolveParent(
  statusEntry: Record<string, unknown>,
  route: KubeObject,
  ctx: ResolveContext,
  /** The route's spec.parentRefs already normalised, when the caller has them. */
  normalizedSpecRefs?: ParentRef[],
  /** statusEntry.parentRef already normalised, when the caller has it. */
  normalizedRef?: ParentRef,
): ParentOutcome {
  const routeNs = route.metadata.namespace ?? "";
  const ref = normalizedRef ?? normalizeRef(statusEntry.parentRef as Record<string, unknown> | undefined, routeNs);
  const rawSpecRefs: unknown[] = Array.isArray(route.spec?.parentRefs) ? route.spec.parentRefs : [];
  const specRefs = normalizedSpecRefs ?? rawSpecRefs.map((r) => normalizeRef(r as Record<string, unknown>, routeNs));
  const inSpec = specRefs.some((s) => s.group === ref.group && s.kind === ref.kind && s.namespace === ref.namespace && s.name === ref.name);
  const fail = (code: string, message: string, severity: "info" | "warning" = "warning"): ParentOutcome => ({
    failure: { code, message, severity },
  });
  if (!inSpec) {
    return fail(
      "parent-not-in-spec",
      `status parent ${refLabel(ref)} is not among the route's spec.parentRefs (stale status), so it is skipped`,
    );
  }
  const isListenerSet = ref.group === GATEWAY_GROUP && ref.kind === "ListenerSet" && listenerSetsEnabled(ctx.cfg);
  if (ref.group !== GATEWAY_GROUP || (ref.kind !== "Gateway" && !isListenerSet)) {
    const hint =
      ref.kind === "ListenerSet"
        ? atLeast(ctx.cfg.version, 21)
          ? " (enable --gateway-listener-sets)"
          : ` (ListenerSets are supported from v0.21.0; this is ${ctx.cfg.version.raw})`
        : "";
    return fail("unsupported-parent", `parent ${ref.group}/${ref.kind} ${ref.namespace}/${ref.name} is not a supported parent kind${hint}`, "info");
  }
  const outcome = isListenerSet ? resolveListenerSet(ref, ctx) : resolveGateway(ref, ctx);
  if ("failure" in outcome) return outcome;
  if (!conditionTrue(statusEntry.conditions, "Accepted")) {
    return fail("route-not-accepted", `${refLabel(ref)} has not accepted the route (no Accepted=True condition in its status parent entry)`);
  }
  const p = outcome.parent;
  if (ref.sectionName !== "") {
    const lis = p.listeners.filter((l) => l.name === ref.sectionName);
    if (lis.length === 0) {
      const known = p.listeners.map((l) => l.name).join(", ") || "none";
      return fail("section-not-found", `${refLabel(ref)} has no listener named ${ref.sectionName} (listeners: ${known})`);
    }
    p.listeners = lis;
  }
  return outcome;
}

function resolveGateway(ref: ParentRef, ctx: ResolveContext): ParentOutcome {
  const gw = findGateway(ctx, ref.namespace, ref.name);
  if (!gw) {
    return { failure: { code: "gateway-not-found", message: `parent Gateway ${ref.namespace}/${ref.name} does not exist`, severity: "warning" } };
  }
  const facts = gatewayFacts(gw, ctx);
  if (facts.excluded) return { failure: { ...facts.excluded, severity: "info" } };
  return {
    parent: {
      ref,
      label: refLabel(ref),
      resource: resourceOfObject("Gateway", gw),
      gateway: gw,
      owner: { label: refLabel(ref), namespace: ref.namespace },
      listeners: facts.listeners,
      targets: facts.targets,
    },
  };
}

function resolveListenerSet(ref: ParentRef, ctx: ResolveContext): ParentOutcome {
  const ls = find(ctx.listenerSets, ref.namespace, ref.name);
  const label = refLabel(ref);
  const fail = (code: string, message: string, severity: "info" | "warning" = "warning"): ParentOutcome => ({
    failure: { code, message, severity },
  });
  if (!ls) return fail("gateway-not-found", `parent ListenerSet ${ref.namespace}/${ref.name} does not exist`);
  const gwRef = normalizeRef(ls.spec?.parentRef, ref.namespace);
  const gw = find(ctx.gateways, gwRef.namespace, gwRef.name);
  if (!gw) return fail("gateway-not-found", `${label}: its parent Gateway ${gwRef.namespace}/${gwRef.name} does not exist`);
  const excluded = gatewayExclusion(gw, ctx.cfg, ctx.gatewayLabels) ?? gatewayNameExclusion(gw, ctx.cfg);
  if (excluded) return fail(excluded.code, `${label}: ${excluded.message}`, "info");
  if (gatewayControllerApplies(ctx.cfg) && !controllerAccepts(ls.metadata.annotations, ctx.cfg.annotationPrefix)) {
    return fail("controller-annotation", `${label} has a ${ctx.cfg.annotationPrefix}controller annotation other than dns-controller`, "info");
  }
  const notAllowed = listenerSetNotAllowed(gw, ls, ctx.namespaces);
  if (notAllowed) return fail("listener-set-not-accepted", `${label}: ${notAllowed}`);
  if (!conditionTrue(ls.status?.conditions, "Accepted")) {
    return fail("listener-set-not-accepted", `${label} has no Accepted=True condition`);
  }
  const statuses: unknown[] = Array.isArray(ls.status?.listeners) ? ls.status.listeners : [];
  const accepted = (name: string) =>
    statuses.some((s) => (s as { name?: unknown }).name === name && conditionTrue((s as { conditions?: unknown }).conditions, "Accepted"));
  const own = annotationValue(ls.metadata.annotations, ctx.cfg.annotationPrefix, "target");
  const ownTargets = splitTargets(own ?? "");
  return {
    parent: {
      ref,
      label,
      resource: resourceOfObject("ListenerSet", ls),
      gateway: gw,
      owner: { label, namespace: ref.namespace },
      listeners: listenersOf(ls).filter((l) => accepted(l.name)),
      targets: ownTargets.length > 0 ? ownTargets : gatewayTargets(gw, ctx.cfg.annotationPrefix).targets,
    },
  };
}

/** Gateway spec.allowedListeners (default None) decides whether a ListenerSet may attach. */
function listenerSetNotAllowed(gw: KubeObject, ls: KubeObject, namespaces: KubeObject[]): string | undefined {
  const nsSpec = gw.spec?.allowedListeners?.namespaces;
  const from: string = nsSpec?.from || "None";
  const lsNs = ls.metadata.namespace ?? "";
  const gwName = `Gateway ${gw.metadata.namespace ?? ""}/${gw.metadata.name}`;
  switch (from) {
    case "All":
      return undefined;
    case "Same":
      return lsNs === gw.metadata.namespace ? undefined : `${gwName} allows ListenerSets from its own namespace only`;
    case "Selector": {
      try {
        const sel = selectorFromLabelSelector(nsSpec?.selector ?? {});
        const nsObj = namespaces.find((n) => n.metadata.name === lsNs);
        if (nsObj && sel.matches(nsObj.metadata.labels)) return undefined;
        return `Namespace ${lsNs} does not match the allowedListeners selector of ${gwName}`;
      } catch {
        return `${gwName} has an invalid allowedListeners selector`;
      }
    }
    default:
      return `${gwName} does not allow ListenerSets (spec.allowedListeners.namespaces.from is ${from})`;
  }
}

/**
 * Listeners a parentRef points at, ignoring every filter: used to name the hostnames a route
 * without hostnames would inherit, so that reasons about excluded parents still reach them.
 */
export function referencedListeners(ref: ParentRef, ctx: Pick<ResolveContext, "gateways" | "listenerSets">): Listener[] {
  const list = ctx.gateways;
  const obj =
    ref.kind === "ListenerSet" ? find(ctx.listenerSets, ref.namespace, ref.name) : ref.kind === "Gateway" ? find(list, ref.namespace, ref.name) : undefined;
  if (!obj) return [];
  const ls = listenersOf(obj);
  return ref.sectionName ? ls.filter((l) => l.name === ref.sectionName) : ls;
}
