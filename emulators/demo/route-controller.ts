// The demo cluster's Gateway controller, standing in for Envoy Gateway: for every route attached
// to a Gateway of its classes it writes status.parents[] (Accepted and ResolvedRefs, with the
// route's observedGeneration) through the /status subresource, as Envoy Gateway does. So a route
// applied with kubectl is accepted and external-dns (and dnsdrift) publish it.

import type { KubeEmulator, KubeObject } from "../kube/server";

export const ENVOY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";
const GW = "gateway.networking.k8s.io";
const FIELD_MANAGER = "envoy-gateway";

/** Route kinds by plural, with the listener protocols they may attach to by default. */
const ROUTES: Record<string, { kind: string; protocols: string[] }> = {
  httproutes: { kind: "HTTPRoute", protocols: ["HTTP", "HTTPS"] },
  grpcroutes: { kind: "GRPCRoute", protocols: ["HTTP", "HTTPS"] },
  tlsroutes: { kind: "TLSRoute", protocols: ["TLS"] },
  tcproutes: { kind: "TCPRoute", protocols: ["TCP"] },
  udproutes: { kind: "UDPRoute", protocols: ["UDP"] },
};

type Obj = Record<string, unknown>;
interface Condition {
  type: string;
  status: "True" | "False";
  reason: string;
  message: string;
  observedGeneration: number;
  lastTransitionTime: string;
}
interface ParentRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}
interface ParentStatus {
  parentRef: ParentRef;
  controllerName: string;
  conditions: Condition[];
}
interface Listener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  allowedRoutes?: { namespaces?: { from?: string; selector?: { matchLabels?: Record<string, string> } }; kinds?: { group?: string; kind: string }[] };
}

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Gateway API hostname intersection (a wildcard covers one or more labels). */
export function hostnamesIntersect(listener: string | undefined, route: string): boolean {
  if (!listener) return true;
  const [l, r] = [listener.toLowerCase(), route.toLowerCase()];
  const lw = l.startsWith("*.") ? l.slice(1) : undefined;
  const rw = r.startsWith("*.") ? r.slice(1) : undefined;
  if (lw && rw) return lw.endsWith(rw) || rw.endsWith(lw);
  if (lw) return r.endsWith(lw);
  if (rw) return l.endsWith(rw);
  return l === r;
}

export interface RouteControllerOptions {
  /** GatewayClass names this controller owns even without a GatewayClass object (the seed's "envoy"). */
  classNames?: string[];
  now?: () => Date;
}

export interface RouteController {
  /** Reconciles every route now (also done on start). */
  resync(): Promise<void>;
  stop(): void;
}

export async function startRouteController(emu: KubeEmulator, opts: RouteControllerOptions = {}): Promise<RouteController> {
  const classNames = new Set(opts.classNames ?? ["envoy"]);
  const now = opts.now ?? (() => new Date());
  let queue = Promise.resolve();
  let stopped = false;

  const ours = (gw: KubeObject) => {
    const cls = String((gw.spec as Obj | undefined)?.gatewayClassName ?? "");
    const gc = emu.get(`${GW}/v1`, "GatewayClass", undefined, cls);
    return gc ? (gc.spec as Obj | undefined)?.controllerName === ENVOY_CONTROLLER : classNames.has(cls);
  };

  function namespaceAllowed(l: Listener, gw: KubeObject, route: KubeObject): boolean {
    const from = l.allowedRoutes?.namespaces?.from ?? "Same";
    if (from === "All") return true;
    if (from === "Same") return route.metadata.namespace === gw.metadata.namespace;
    const labels = emu.get("v1", "Namespace", undefined, route.metadata.namespace ?? "")?.metadata.labels ?? {};
    return Object.entries(l.allowedRoutes?.namespaces?.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  }

  function kindAllowed(l: Listener, kind: string, protocols: string[]): boolean {
    const kinds = l.allowedRoutes?.kinds;
    return kinds?.length ? kinds.some((k) => k.kind === kind && (k.group ?? GW) === GW) : protocols.includes(l.protocol);
  }

  function accepted(route: KubeObject, ref: ParentRef, gw: KubeObject, plural: string): Pick<Condition, "status" | "reason" | "message"> {
    const { kind, protocols } = ROUTES[plural];
    const listeners = arr<Listener>((gw.spec as Obj | undefined)?.listeners).filter(
      (l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port),
    );
    if (!listeners.length) return { status: "False", reason: "NoMatchingParent", message: "No listeners match this parent ref" };
    const allowed = listeners.filter((l) => namespaceAllowed(l, gw, route) && kindAllowed(l, kind, protocols));
    if (!allowed.length) return { status: "False", reason: "NotAllowedByListeners", message: "No listeners included by this parent ref allowed this attachment." };
    const hostnames = arr<string>((route.spec as Obj | undefined)?.hostnames);
    if (hostnames.length && !allowed.some((l) => hostnames.some((h) => hostnamesIntersect(l.hostname, h)))) {
      return { status: "False", reason: "NoMatchingListenerHostname", message: `There were no hostname intersections between the ${kind} and this parent ref's Listener(s).` };
    }
    return { status: "True", reason: "Accepted", message: "Route is accepted" };
  }

  function resolvedRefs(route: KubeObject): Pick<Condition, "status" | "reason" | "message"> {
    const rules = arr<Obj>((route.spec as Obj | undefined)?.rules);
    for (const [i, rule] of rules.entries()) {
      for (const [j, b] of arr<{ kind?: string; group?: string; name: string; namespace?: string }>(rule.backendRefs).entries()) {
        if ((b.kind ?? "Service") !== "Service" || (b.group ?? "") !== "") continue;
        const ns = b.namespace ?? route.metadata.namespace ?? "default";
        if (!emu.get("v1", "Service", ns, b.name)) {
          return { status: "False", reason: "BackendNotFound", message: `Failed to process route rule ${i} backendRef ${j}: service ${ns}/${b.name} not found.` };
        }
      }
    }
    return { status: "True", reason: "ResolvedRefs", message: "Resolved all the Object references for the Route" };
  }

  /** Our entries for this route; entries of other controllers are kept as they are. */
  function desiredParents(route: KubeObject, plural: string): ParentStatus[] {
    const generation = route.metadata.generation ?? 1;
    const existing = arr<ParentStatus>((route.status as Obj | undefined)?.parents);
    const out = existing.filter((p) => p.controllerName !== ENVOY_CONTROLLER);
    for (const ref of arr<ParentRef>((route.spec as Obj | undefined)?.parentRefs)) {
      if ((ref.group ?? GW) !== GW || (ref.kind ?? "Gateway") !== "Gateway") continue;
      const gw = emu.get(`${GW}/v1`, "Gateway", ref.namespace ?? route.metadata.namespace, ref.name);
      if (!gw || !ours(gw)) continue;
      const before = existing.find((p) => p.controllerName === ENVOY_CONTROLLER && sameRef(p.parentRef, ref, route));
      const condition = (type: string, c: Pick<Condition, "status" | "reason" | "message">): Condition => {
        const old = before?.conditions.find((x) => x.type === type);
        const since = old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now().toISOString().replace(/\.\d+Z$/, "Z");
        return { type, ...c, observedGeneration: generation, lastTransitionTime: since };
      };
      out.push({ parentRef: ref, controllerName: ENVOY_CONTROLLER, conditions: [condition("Accepted", accepted(route, ref, gw, plural)), condition("ResolvedRefs", resolvedRefs(route))] });
    }
    return out;
  }

  async function reconcile(plural: string, route: KubeObject): Promise<void> {
    const current = emu.get(`${GW}/v1`, ROUTES[plural].kind, route.metadata.namespace, route.metadata.name);
    if (!current || current.metadata.deletionTimestamp) return;
    const parents = desiredParents(current, plural);
    const had = arr<ParentStatus>((current.status as Obj | undefined)?.parents);
    if (JSON.stringify(parents) === JSON.stringify(had)) return;
    const version = plural === "tcproutes" || plural === "udproutes" ? "v1alpha2" : "v1";
    const url = `${emu.url}/apis/${GW}/${version}/namespaces/${current.metadata.namespace}/${plural}/${current.metadata.name}/status?fieldManager=${FIELD_MANAGER}`;
    const res = await fetch(url, {
      method: "PATCH",
      headers: { "content-type": "application/merge-patch+json", "user-agent": `${FIELD_MANAGER}/demo` },
      body: JSON.stringify({ metadata: { resourceVersion: current.metadata.resourceVersion }, status: { parents } }),
    });
    // 409: the route changed meanwhile; its own change event reconciles it again.
    if (!res.ok && res.status !== 409 && res.status !== 404) console.error(`demo route controller: ${url}: HTTP ${res.status} ${await res.text()}`);
  }

  function routes(): [string, KubeObject][] {
    return Object.entries(ROUTES).flatMap(([plural, r]) => emu.objects(`${GW}/v1`, r.kind).map((o) => [plural, o] as [string, KubeObject]));
  }

  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((e: unknown) => console.error(`demo route controller: ${(e as Error).message}`));
    return queue;
  };
  const resync = () => enqueue(async () => {
    for (const [plural, r] of routes()) if (!stopped) await reconcile(plural, r);
  });

  const unsubscribe = emu.onChange((c) => {
    if (stopped) return;
    const [plural, ...group] = c.key.split(".");
    if (group.join(".") === GW && plural in ROUTES) {
      if (c.type !== "DELETED") void enqueue(() => reconcile(plural, c.object));
    }
    // A Gateway, GatewayClass, Service or Namespace change can change any route's answer.
    else if (["gateways", "gatewayclasses", "services", "namespaces"].includes(plural)) void resync();
  });

  await resync();
  return {
    resync,
    stop: () => {
      stopped = true;
      unsubscribe();
    },
  };
}

function sameRef(a: ParentRef, b: ParentRef, route: KubeObject): boolean {
  const ns = (r: ParentRef) => r.namespace ?? route.metadata.namespace;
  return a.name === b.name && ns(a) === ns(b) && a.sectionName === b.sectionName && a.port === b.port;
}
