// The page-shaped answers of the API (docs/api.md), built from the per-computation views: each
// page asks only for what it shows — a summary, a window of records, one Gateway's routes, one
// hostname — instead of the whole state.

import type {
  DnsEndpointsPageResponse,
  GatewaysResponse,
  GatewaySummary,
  HostnameResponse,
  HostnameSearchResponse,
  IngressesPageResponse,
  InstanceSummary,
  Page,
  PlanPageResponse,
  PlanResponse,
  RecordsPageResponse,
  RouteView,
  SummaryResponse,
} from "../api/types";
import { pathsFor } from "../drift/host-path";
import { filterRecords, parseRecordsQuery, recordFacets } from "../drift/record-query";
import { planResponseFor, planResponseSteps, writesStatus } from "./responses";
import type { Runtime } from "./runtime";
import type { SafetySettings } from "./settings";
import type { InstanceViews } from "./views";
import type { Computed } from "./world";

export const MAX_LIMIT = 1000;

export class PageParamError extends Error {}

/** offset/limit from the query: limit 1…MAX_LIMIT (default `fallback`), offset ≥ 0. */
export function pageParams(params: URLSearchParams, fallback = 100): { offset: number; limit: number } {
  const num = (name: string, def: number) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new PageParamError(`${name} must be a whole number ≥ 0, got "${raw}"`);
    return n;
  };
  const limit = num("limit", fallback);
  if (limit < 1 || limit > MAX_LIMIT) throw new PageParamError(`limit must be 1–${MAX_LIMIT}, got ${limit}`);
  return { offset: num("offset", 0), limit };
}

export function pageOf<T>(all: T[], offset: number, limit: number): Page<T> {
  return { total: all.length, offset, limit, items: all.slice(offset, offset + limit) };
}

export function summaryResponse(rt: Runtime, c: Computed, instances: InstanceViews[]): SummaryResponse {
  return {
    generatedAt: c.generatedAt,
    mode: rt.settings.mode,
    writes: writesStatus(rt, c),
    complete: c.complete,
    cloudflareBudget: rt.world.budget.status(),
    sources: [...c.sources, ...rt.doh.health()],
    instances: instances.map((iv): InstanceSummary => {
      const s = iv.state;
      return {
        id: s.id,
        origin: s.origin,
        config: s.config,
        counts: s.counts,
        warnings: s.warnings,
        plan: s.plan,
        totals: {
          gateways: s.gateways.length,
          routes: s.gateways.reduce((n, g) => n + g.routes.length, s.orphanRoutes.length),
          ingresses: s.ingresses.length,
          dnsEndpoints: s.dnsEndpoints.length,
          records: s.records.length,
          hostnames: s.hostnames.length,
          desired: s.desired.length,
        },
      };
    }),
  };
}

export function recordsPage(iv: InstanceViews, params: URLSearchParams): RecordsPageResponse {
  const query = parseRecordsQuery(params);
  const { offset, limit } = pageParams(params);
  const sorted = iv.sortedRecords(query.sort, query.desc);
  const filtered = query.states.length || query.q.trim() || query.type ? filterRecords(sorted, query) : sorted;
  return {
    instance: iv.id,
    ownerId: iv.state.config.ownerId,
    all: iv.state.records.length,
    counts: recordFacets(iv.state.records, query),
    ...pageOf(filtered, offset, limit),
  };
}

/** A route's state for the Gateway card's tally: the worst of its records. */
const WORST = ["blocked", "missing", "drifted", "orphaned", "other-owner", "unowned", "in-sync"];
function routeState(r: RouteView): string {
  if (!r.records.length) return "none";
  return WORST.find((s) => r.records.some((x) => x.state === s)) ?? "in-sync";
}

export function gatewaysResponse(iv: InstanceViews): GatewaysResponse {
  const s = iv.state;
  return {
    instance: s.id,
    prefix: s.config.annotationPrefix,
    gatewayLabelFilter: s.config.gatewayLabelFilter,
    gateways: s.gateways.map(({ routes, ...g }): GatewaySummary => {
      const routeStates: Record<string, number> = {};
      for (const r of routes) {
        const st = routeState(r);
        routeStates[st] = (routeStates[st] ?? 0) + 1;
      }
      return { ...g, routeCount: routes.length, routeStates };
    }),
    orphanRouteCount: s.orphanRoutes.length,
    ingressCount: s.ingresses.length,
    dnsEndpointCount: s.dnsEndpoints.length,
    services: s.services,
    labelFilter: s.config.labelFilter,
    serviceTypeFilter: s.config.serviceTypeFilter ?? [],
    publishInternalServices: s.config.publishInternalServices ?? false,
  };
}

function textFilter<T>(items: T[], q: string, hay: (t: T) => string): T[] {
  const terms = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return items;
  return items.filter((t) => {
    const h = hay(t).toLowerCase();
    return terms.every((x) => h.includes(x));
  });
}

const routeHay = (r: RouteView) => `${r.namespace}/${r.name} ${r.hostnames.join(" ")} ${r.records.map((x) => x.state).join(" ")}`;

/** undefined when the Gateway (or the route) does not exist. With ?route=RESOURCE: that route alone, under its first Gateway. */
export function routesPage(iv: InstanceViews, params: URLSearchParams) {
  const route = params.get("route");
  if (route) {
    const gateway = iv.gatewayOfRoute(route);
    if (gateway === undefined) return undefined;
    const items = (iv.routesOf(gateway) ?? []).filter((r) => r.resource === route);
    return { gateway, total: items.length, offset: 0, limit: items.length, items };
  }
  const gateway = params.get("gateway") ?? "";
  const routes = iv.routesOf(gateway);
  if (!routes) return undefined;
  const { offset, limit } = pageParams(params);
  return { gateway, ...pageOf(textFilter(routes, params.get("q") ?? "", routeHay), offset, limit) };
}

export function ingressesPage(iv: InstanceViews, params: URLSearchParams): IngressesPageResponse {
  const { offset, limit } = pageParams(params);
  const list = textFilter(iv.state.ingresses, params.get("q") ?? "", (i) => `${i.namespace}/${i.name} ${i.hosts.join(" ")} ${i.ingressClass}`);
  return { prefix: iv.state.config.annotationPrefix, ...pageOf(list, offset, limit) };
}

export function dnsEndpointsPage(iv: InstanceViews, params: URLSearchParams): DnsEndpointsPageResponse {
  const { offset, limit } = pageParams(params);
  const list = textFilter(iv.state.dnsEndpoints, params.get("q") ?? "", (d) => `${d.namespace}/${d.name} ${d.endpoints.map((e) => e.dnsName).join(" ")}`);
  return { prefix: iv.state.config.annotationPrefix, ...pageOf(list, offset, limit) };
}

export function hostnameResponse(iv: InstanceViews, name: string): HostnameResponse {
  const view = iv.hostname(name);
  const records = iv.recordsOf(name);
  const first = name.split(".")[0];
  const similar = view || records.length || !first ? [] : iv.state.hostnames.filter((h) => h.name.includes(first)).slice(0, 5).map((h) => h.name);
  return { name, view, records, path: pathsFor(iv.state, name), similar };
}

/** Names starting with the text first, then names containing it. */
export function searchHostnames(iv: InstanceViews, q: string, limit: number): HostnameSearchResponse {
  const needle = q.trim().toLowerCase();
  const names = iv.state.hostnames.map((h) => h.name);
  if (!needle) return { items: names.slice(0, limit), total: names.length };
  const starts: string[] = [];
  const contains: string[] = [];
  for (const n of names) {
    if (n.startsWith(needle)) starts.push(n);
    else if (n.includes(needle)) contains.push(n);
  }
  return { items: [...starts, ...contains].slice(0, limit), total: starts.length + contains.length };
}

const plans = new WeakMap<InstanceViews, PlanResponse>();

export function fullPlan(c: Computed, iv: InstanceViews, safety?: SafetySettings): PlanResponse {
  let p = plans.get(iv);
  if (!p) {
    p = planResponseFor(c, iv.ir, safety);
    plans.set(iv, p);
  }
  return p;
}

/** Builds the plan fullPlan answers from, in steps (a server does this before it is asked). */
export function* fullPlanSteps(c: Computed, iv: InstanceViews, safety?: SafetySettings): Generator<void, void> {
  if (!plans.has(iv)) plans.set(iv, yield* planResponseSteps(c, iv.ir, safety));
}

/** The plan with one window of its changes; the hash, summary and confirmation cover the whole plan. */
export function planPage(c: Computed, iv: InstanceViews, params: URLSearchParams, safety?: SafetySettings): PlanPageResponse {
  const plan = fullPlan(c, iv, safety);
  const { offset, limit } = pageParams(params, MAX_LIMIT);
  const end = offset + limit;
  return {
    ...plan,
    desired: [],
    changes: plan.changes.slice(offset, end),
    reverts: plan.reverts.filter((r) => r.index >= offset && r.index < end),
    total: plan.changes.length,
    offset,
    limit,
  };
}
