// Whether a Gateway (or ListenerSet) listener accepts a route: protocol, port and allowedRoutes
//. Each check answers with the contract's reason code so the explain chain can say
// exactly which listener turned the route away.

import { type LabelSelectorObject, selectorFromLabelSelector } from "../label-selector";
import type { KubeObject, RouteKind } from "../types";

export const GATEWAY_GROUP = "gateway.networking.k8s.io";

export interface Listener {
  name: string;
  protocol: string;
  port: number;
  hostname?: string;
  allowedRoutes?: {
    namespaces?: { from?: string; selector?: LabelSelectorObject };
    kinds?: Array<{ group?: string; kind: string }>;
  };
}

const ROUTE_PROTOCOL: Record<RouteKind, string> = {
  HTTPRoute: "HTTP",
  GRPCRoute: "HTTPS",
  TLSRoute: "TLS",
  TCPRoute: "TCP",
  UDPRoute: "UDP",
};

export function routeProtocol(kind: RouteKind): string {
  return ROUTE_PROTOCOL[kind];
}

/** HTTPS counts as HTTP on both sides; a TCP route also rides a TLS listener (not the reverse). */
export function protocolMatches(routeProto: string, listenerProto: string): boolean {
  const a = routeProto === "HTTPS" ? "HTTP" : routeProto;
  let b = listenerProto === "HTTPS" ? "HTTP" : listenerProto;
  if (a === "TCP" && b === "TLS") b = "TCP";
  return a === b;
}

export function listenersOf(obj: KubeObject): Listener[] {
  const ls = obj.spec?.listeners;
  if (!Array.isArray(ls)) return [];
  return ls.map((l: Record<string, unknown>) => ({
    name: String(l.name ?? ""),
    protocol: String(l.protocol ?? ""),
    port: Number(l.port ?? 0),
    hostname: typeof l.hostname === "string" && l.hostname !== "" ? l.hostname : undefined,
    allowedRoutes: (l.allowedRoutes ?? undefined) as Listener["allowedRoutes"],
  }));
}

/** The object a listener belongs to, as far as allowedRoutes is concerned. */
export interface ListenerOwner {
  /** "Gateway ns/name" or "ListenerSet ns/name", for messages. */
  label: string;
  namespace: string;
}

export interface ListenerContext {
  route: KubeObject;
  kind: RouteKind;
  /** port from the status parentRef, when set. */
  port?: number;
  namespaces: KubeObject[];
}

export interface ListenerFailure {
  code: "protocol-mismatch" | "port-mismatch" | "allowed-routes-namespace" | "allowed-routes-kind";
  message: string;
}

/** The first check (in external-dns's order) that makes the listener ignore the route. */
export function listenerFailure(owner: ListenerOwner, lis: Listener, ctx: ListenerContext): ListenerFailure | undefined {
  // Named only in a failure: every route checks every listener of its parent.
  const where = () => `listener ${lis.name} of ${owner.label}`;
  const proto = routeProtocol(ctx.kind);
  if (!protocolMatches(proto, lis.protocol)) {
    return {
      code: "protocol-mismatch",
      message: `${where()} has protocol ${lis.protocol || "(none)"}, which does not carry a ${ctx.kind} (${proto})`,
    };
  }
  if (ctx.port !== undefined && ctx.port !== lis.port) {
    return {
      code: "port-mismatch",
      message: `the route's status parentRef asks for port ${ctx.port}, but ${where()} listens on port ${lis.port}`,
    };
  }
  const ns = namespaceFailure(owner, lis, ctx);
  if (ns) return { code: "allowed-routes-namespace", message: `${where()}: ${ns}` };
  const kinds = lis.allowedRoutes?.kinds ?? [];
  if (kinds.length > 0) {
    const ok = kinds.some((k) => (k.group || GATEWAY_GROUP) === GATEWAY_GROUP && k.kind === ctx.kind);
    if (!ok) {
      const listed = kinds.map((k) => `${k.group || GATEWAY_GROUP}/${k.kind}`).join(", ");
      return {
        code: "allowed-routes-kind",
        message: `${where()} allows only route kinds ${listed}, not ${GATEWAY_GROUP}/${ctx.kind}`,
      };
    }
  }
  return undefined;
}

function namespaceFailure(owner: ListenerOwner, lis: Listener, ctx: ListenerContext): string | undefined {
  const routeNs = ctx.route.metadata.namespace ?? "";
  const from = lis.allowedRoutes?.namespaces?.from || "Same";
  switch (from) {
    case "All":
      return undefined;
    case "Same":
      return routeNs === owner.namespace
        ? undefined
        : `allowedRoutes.namespaces.from is Same, so only routes in namespace ${owner.namespace} attach, not ${routeNs}`;
    case "Selector": {
      let matches: (labels: Record<string, string> | undefined) => boolean;
      try {
        const sel = selectorFromLabelSelector(lis.allowedRoutes?.namespaces?.selector ?? {});
        matches = (l) => sel.matches(l);
      } catch (e) {
        return `allowedRoutes.namespaces.selector is invalid (${(e as Error).message}), so no route attaches`;
      }
      const nsObj = ctx.namespaces.find((n) => n.metadata.name === routeNs);
      if (!nsObj) return `allowedRoutes.namespaces.from is Selector, but Namespace ${routeNs} was not found`;
      return matches(nsObj.metadata.labels)
        ? undefined
        : `the labels of Namespace ${routeNs} do not match allowedRoutes.namespaces.selector ${JSON.stringify(lis.allowedRoutes?.namespaces?.selector ?? {})}`;
    }
    default:
      return `allowedRoutes.namespaces.from has the unknown value ${JSON.stringify(from)}, so no route attaches`;
  }
}
