import { describe, expect, it } from "vitest";
import type { RouteKind } from "../types";
import { type Listener, listenerFailure, protocolMatches, routeProtocol } from "./gateway-listeners";
import { namespace, route } from "./gateway.testkit";

describe("protocolMatches (vector #17)", () => {
  it.each([
    ["HTTP", "HTTPS", true],
    ["TCP", "HTTPS", false],
    ["TLS", "TLS", true],
    ["TCP", "TLS", true],
    ["TLS", "TCP", false],
    ["HTTPS", "HTTP", true],
    ["UDP", "UDP", true],
    ["UDP", "TCP", false],
  ])("route %s on listener %s → %s", (r, l, ok) => expect(protocolMatches(r, l)).toBe(ok));
});

describe("route kinds on listener protocols", () => {
  const kinds: RouteKind[] = ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"];
  const table: Record<RouteKind, string[]> = {
    HTTPRoute: ["HTTP", "HTTPS"],
    GRPCRoute: ["HTTP", "HTTPS"],
    TLSRoute: ["TLS"],
    TCPRoute: ["TCP", "TLS"],
    UDPRoute: ["UDP"],
  };
  const protocols = ["HTTP", "HTTPS", "TLS", "TCP", "UDP"];
  it.each(kinds.flatMap((k) => protocols.map((p) => [k, p, table[k].includes(p)] as const)))(
    "%s on %s → %s",
    (kind, proto, ok) => expect(protocolMatches(routeProtocol(kind), proto)).toBe(ok),
  );
});

describe("listenerFailure", () => {
  const owner = { label: "Gateway infra/gw", namespace: "infra" };
  const lis = (allowedRoutes?: Listener["allowedRoutes"], extra: Partial<Listener> = {}): Listener => ({
    name: "web",
    protocol: "HTTP",
    port: 80,
    allowedRoutes,
    ...extra,
  });
  const namespaces = [namespace("infra"), namespace("foo", { team: "foo" }), namespace("bar", { team: "bar" })];
  const ctx = (ns: string, kind: RouteKind = "HTTPRoute", port?: number) => ({ route: route(ns, "r", { kind }), kind, port, namespaces });

  it.each([
    ["missing allowedRoutes means Same: same ns", undefined, "infra", undefined],
    ["missing allowedRoutes means Same: other ns", undefined, "foo", "allowed-routes-namespace"],
    ["Same, other ns", { namespaces: { from: "Same" } }, "foo", "allowed-routes-namespace"],
    ["All", { namespaces: { from: "All" } }, "foo", undefined],
    ["Selector match", { namespaces: { from: "Selector", selector: { matchLabels: { team: "foo" } } } }, "foo", undefined],
    ["Selector mismatch", { namespaces: { from: "Selector", selector: { matchLabels: { team: "foo" } } } }, "bar", "allowed-routes-namespace"],
    ["Selector, Namespace object missing", { namespaces: { from: "Selector", selector: { matchLabels: { team: "foo" } } } }, "ghost", "allowed-routes-namespace"],
    [
      "Selector with expressions",
      { namespaces: { from: "Selector", selector: { matchExpressions: [{ key: "team", operator: "In", values: ["bar", "baz"] }] } } },
      "bar",
      undefined,
    ],
    [
      "invalid selector",
      { namespaces: { from: "Selector", selector: { matchExpressions: [{ key: "team", operator: "Near" }] } } },
      "foo",
      "allowed-routes-namespace",
    ],
    ["unknown from", { namespaces: { from: "Everywhere" } }, "infra", "allowed-routes-namespace"],
    ["kinds list includes HTTPRoute", { namespaces: { from: "All" }, kinds: [{ kind: "HTTPRoute" }] }, "foo", undefined],
    ["kinds list without HTTPRoute", { namespaces: { from: "All" }, kinds: [{ kind: "GRPCRoute" }] }, "foo", "allowed-routes-kind"],
    [
      "kinds list with foreign group",
      { namespaces: { from: "All" }, kinds: [{ group: "example.io", kind: "HTTPRoute" }] },
      "foo",
      "allowed-routes-kind",
    ],
  ] as const)("%s", (_name, allowed, ns, code) => {
    expect(listenerFailure(owner, lis(allowed as Listener["allowedRoutes"]), ctx(ns))?.code).toBe(code);
  });

  it("checks protocol before port before allowedRoutes", () => {
    const l = lis({ namespaces: { from: "Same" } }, { protocol: "UDP", port: 53 });
    expect(listenerFailure(owner, l, ctx("foo", "HTTPRoute", 80))?.code).toBe("protocol-mismatch");
    expect(listenerFailure(owner, { ...l, protocol: "HTTP" }, ctx("foo", "HTTPRoute", 80))?.code).toBe("port-mismatch");
    expect(listenerFailure(owner, { ...l, protocol: "HTTP", port: 80 }, ctx("foo", "HTTPRoute", 80))?.code).toBe(
      "allowed-routes-namespace",
    );
  });

  it("names the listener, the namespaces and the kinds in its messages", () => {
    expect(listenerFailure(owner, lis(), ctx("foo"))?.message).toBe(
      "listener web of Gateway infra/gw: allowedRoutes.namespaces.from is Same, so only routes in namespace infra attach, not foo",
    );
    expect(listenerFailure(owner, lis({ namespaces: { from: "All" }, kinds: [{ kind: "GRPCRoute" }] }), ctx("foo"))?.message).toBe(
      "listener web of Gateway infra/gw allows only route kinds gateway.networking.k8s.io/GRPCRoute, not gateway.networking.k8s.io/HTTPRoute",
    );
  });
});
