// A Gateway as the dashboard's gateway page shows it: is external-dns looking at it, where do its
// targets come from, what listeners does it have, which of its annotations are dead weight.

import type { ClusterObjects, Config, KubeObject, Reason } from "../types";
import { gatewayAnnotationReasons } from "./gateway-annotations";
import { displayHosts } from "./gateway-hosts";
import { listenersOf } from "./gateway-listeners";
import { gatewayExclusion, gatewayNameExclusion, gatewayTargets, normalizeRef, referencedListeners } from "./gateway-parents";
import { ownHostnames } from "./gateway-route";
import { compileSelectorFlags } from "./object-filters";
import { addToList } from "../append";

export interface GatewayDescription {
  resource: string;
  processed: boolean;
  exclusion?: Reason;
  targets: string[];
  targetSource: "annotation" | "status" | "none";
  listeners: Array<{ name: string; protocol: string; port: number; hostname?: string }>;
  ignoredAnnotations: Reason[];
}

type GatewayRef = ReturnType<typeof normalizeRef>;

/**
 * Routes by the Gateway they name as a parent (in spec or status), with those refs, in the order
 * of `routes`: built once per list of routes, so describing every Gateway reads each route once
 * instead of once per Gateway (50 Gateways × 10,000 routes was most of the Gateways page's cost).
 */
const routesByGatewayCache = new WeakMap<KubeObject[], Map<string, { route: KubeObject; refs: GatewayRef[] }[]>>();

function routesByGateway(routes: KubeObject[]): Map<string, { route: KubeObject; refs: GatewayRef[] }[]> {
  const hit = routesByGatewayCache.get(routes);
  if (hit) return hit;
  const out = new Map<string, { route: KubeObject; refs: GatewayRef[] }[]>();
  for (const route of routes) {
    const ns = route.metadata.namespace ?? "";
    const raw: unknown[] = [
      ...(Array.isArray(route.spec?.parentRefs) ? route.spec.parentRefs : []),
      ...(Array.isArray(route.status?.parents) ? route.status.parents.map((p: { parentRef?: unknown }) => p?.parentRef) : []),
    ];
    const byGateway = new Map<string, GatewayRef[]>();
    for (const r of raw.map((x) => normalizeRef(x as Record<string, unknown>, ns))) {
      if (r.kind !== "Gateway") continue;
      const key = `${r.namespace}/${r.name}`;
      byGateway.set(key, [...(byGateway.get(key) ?? []), r]);
    }
    for (const [key, refs] of byGateway) addToList(out, key, { route, refs });
  }
  routesByGatewayCache.set(routes, out);
  return out;
}

/** Hostnames of the routes (any kind) that name this Gateway as a parent, in spec or status. */
function attachedHostnames(gw: KubeObject, objects: ClusterObjects, cfg: Config): string[] {
  const out: string[] = [];
  for (const { route, refs } of routesByGateway(objects.routes).get(`${gw.metadata.namespace ?? ""}/${gw.metadata.name}`) ?? []) {
    out.push(...ownHostnames(route, cfg));
    if (!(Array.isArray(route.spec?.hostnames) && route.spec.hostnames.length > 0)) {
      for (const ref of refs) out.push(...referencedListeners(ref, { gateways: [gw], listenerSets: [] }).map((l) => l.hostname ?? ""));
    }
  }
  return displayHosts(out);
}

export function describeGateway(gw: KubeObject, objects: ClusterObjects, cfg: Config): GatewayDescription {
  const resource = `gateway/${gw.metadata.namespace ?? ""}/${gw.metadata.name}`;
  const hostnames = attachedHostnames(gw, objects, cfg);
  let exclusion: Reason | undefined;
  const compiled = compileSelectorFlags(cfg, ["gateway-label-filter"]);
  if (!compiled.ok) {
    exclusion = {
      code: "gateway-label-filter",
      resource,
      severity: "error",
      message: `--gateway-label-filter: ${compiled.invalid[0].problem}`,
      hostnames,
    };
  } else {
    const ex = gatewayExclusion(gw, cfg, compiled.selectors["gateway-label-filter"]) ?? gatewayNameExclusion(gw, cfg);
    if (ex) exclusion = { code: ex.code, resource, severity: "info", message: ex.message.replace(/^parent /, ""), hostnames };
  }
  const { targets, source } = gatewayTargets(gw, cfg.annotationPrefix);
  return {
    resource,
    processed: exclusion === undefined,
    ...(exclusion ? { exclusion } : {}),
    targets,
    targetSource: source,
    listeners: listenersOf(gw).map((l) => ({
      name: l.name,
      protocol: l.protocol,
      port: l.port,
      ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
    })),
    ignoredAnnotations: gatewayAnnotationReasons(gw, "Gateway", cfg, hostnames),
  };
}
