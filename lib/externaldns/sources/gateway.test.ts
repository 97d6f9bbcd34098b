// Upstream test vectors #1–#15, endpoint construction, route kinds.

import { describe, expect, it } from "vitest";
import { ALPHA, codes, config, gateway, namespace, records, route, routeKinds, run } from "./gateway.testkit";

describe("upstream vectors", () => {
  it("#1 GatewayName: only the named Gateway contributes", () => {
    const gws = [
      gateway("gateway-namespace", "gateway-name", { addresses: ["1.2.3.4"] }),
      gateway("gateway-namespace", "not-gateway-name", { addresses: ["2.3.4.5"] }),
    ];
    const rt = route("route-namespace", "test", {
      hostnames: ["test.example.internal"],
      parents: [
        { name: "gateway-name", namespace: "gateway-namespace" },
        { name: "not-gateway-name", namespace: "gateway-namespace" },
      ],
    });
    const res = run({ gateways: gws, routes: [rt] }, config({ gatewayName: "gateway-name" }));
    expect(records(res)).toEqual(["test.example.internal A 1.2.3.4"]);
    expect(res.reasons).toContainEqual(
      expect.objectContaining({
        code: "gateway-name-filter",
        resource: "httproute/route-namespace/test",
        message: "parent Gateway gateway-namespace/not-gateway-name does not match --gateway-name gateway-name",
        hostnames: ["test.example.internal"],
      }),
    );
  });

  it("#2 GatewayNameNoneAccepted: a status parent without Accepted gives nothing", () => {
    const gws = [gateway("gateway-namespace", "gateway-name", { addresses: ["1.2.3.4"] })];
    const rt = route("route-namespace", "test", {
      hostnames: ["test.example.internal"],
      parents: [{ name: "gateway-name", namespace: "gateway-namespace" }],
      conditions: [],
    });
    const res = run({ gateways: gws, routes: [rt] }, config({ gatewayName: "gateway-name" }));
    expect(records(res)).toEqual([]);
    expect(codes(res)).toContain("route-not-accepted");
  });

  it("#2b the first Accepted condition decides", () => {
    const gws = [gateway("ns", "gw", { addresses: ["1.2.3.4"] })];
    const rt = route("ns", "r", {
      hostnames: ["a.example.internal"],
      parents: [{ name: "gw" }],
      conditions: [
        { type: "ResolvedRefs", status: "True" },
        { type: "Accepted", status: "False" },
        { type: "Accepted", status: "True" },
      ],
    });
    expect(records(run({ gateways: gws, routes: [rt] }))).toEqual([]);
  });

  it("#3 GatewayNamespace: Gateways elsewhere are excluded", () => {
    const gws = [
      gateway("gateway-namespace", "test", { addresses: ["1.2.3.4"] }),
      gateway("not-gateway-namespace", "test", { addresses: ["2.3.4.5"] }),
    ];
    const rt = route("route-namespace", "test", {
      hostnames: ["test.example.internal"],
      parents: [
        { name: "test", namespace: "gateway-namespace" },
        { name: "test", namespace: "not-gateway-namespace" },
      ],
    });
    const res = run({ gateways: gws, routes: [rt] }, config({ gatewayNamespace: "gateway-namespace" }));
    expect(records(res)).toEqual(["test.example.internal A 1.2.3.4"]);
    expect(res.reasons).toContainEqual(
      expect.objectContaining({
        code: "gateway-namespace-filter",
        message: "parent Gateway not-gateway-namespace/test is outside --gateway-namespace gateway-namespace",
      }),
    );
  });

  it("#4 MultipleGateways: one endpoint with the union of targets", () => {
    const gws = [gateway("default", "one", { addresses: ["1.2.3.4"] }), gateway("default", "two", { addresses: ["2.3.4.5"] })];
    const rt = route("default", "test", { hostnames: ["test.example.internal"], parents: [{ name: "one" }, { name: "two" }] });
    const res = run({ gateways: gws, routes: [rt] });
    expect(res.endpoints).toHaveLength(1);
    expect(records(res)).toEqual(["test.example.internal A 1.2.3.4,2.3.4.5"]);
  });

  describe("#5 MultipleListeners / SectionNameMatch", () => {
    const gw = gateway("default", "gw", {
      addresses: ["1.2.3.4"],
      listeners: [
        { name: "foo", hostname: "foo.example.internal", from: "All" },
        { name: "bar", hostname: "bar.example.internal", from: "All" },
      ],
    });
    it.each([
      [undefined, ["bar.example.internal A 1.2.3.4", "foo.example.internal A 1.2.3.4"]],
      ["foo", ["foo.example.internal A 1.2.3.4"]],
    ])("sectionName %s", (sectionName, want) => {
      const rt = route("default", "r", { hostnames: ["*.example.internal"], parents: [{ name: "gw", sectionName }] });
      expect(records(run({ gateways: [gw], routes: [rt] }))).toEqual(want);
    });
  });

  it("#6 PortNumberMatch: status parentRef port selects listeners", () => {
    const gw = gateway("default", "gw", {
      addresses: ["1.2.3.4"],
      listeners: [
        { name: "foo", port: 80, hostname: "foo.example.internal", from: "All" },
        { name: "bar", port: 80, hostname: "bar.example.internal", from: "All" },
        { name: "qux", port: 8080, hostname: "qux.example.internal", from: "All" },
      ],
    });
    const rt = route("default", "r", { hostnames: ["*.example.internal"], parents: [{ name: "gw", port: 80 }] });
    const res = run({ gateways: [gw], routes: [rt] });
    expect(records(res)).toEqual(["bar.example.internal A 1.2.3.4", "foo.example.internal A 1.2.3.4"]);
  });

  it.each([
    ["WildcardInGateway", "*.example.internal", "foo.example.internal", "foo.example.internal"],
    ["WildcardInRoute", "foo.example.internal", "*.example.internal", "foo.example.internal"],
    ["WildcardInRouteAndGateway", "*.example.internal", "*.example.internal", "*.example.internal"],
  ])("#7 %s", (_n, listenerHost, routeHost, want) => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"], listeners: [{ hostname: listenerHost, from: "All" }] });
    const rt = route("default", "r", { hostnames: [routeHost], parents: [{ name: "gw" }] });
    expect(records(run({ gateways: [gw], routes: [rt] }))).toEqual([`${want} A 1.2.3.4`]);
  });

  it.each([
    ["NoRouteHostname", "foo.example.internal", ["foo.example.internal A 1.2.3.4"]],
    ["NoHostnames", undefined, []],
  ])("#8 %s", (_n, listenerHost, want) => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"], listeners: [{ hostname: listenerHost, from: "All" }] });
    const rt = route("default", "r", { parents: [{ name: "gw" }] });
    const res = run({ gateways: [gw], routes: [rt] });
    expect(records(res)).toEqual(want);
    if (want.length === 0) expect(codes(res)).toContain("hostname-not-in-listener");
  });

  it("#9 HostnameAnnotation: annotation hosts join spec hosts", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"] });
    const a = route("default", "without-hostname", {
      parents: [{ name: "gw" }],
      annotations: { [`${ALPHA}hostname`]: "annotation.without-hostname.internal" },
    });
    const b = route("default", "with-hostname", {
      hostnames: ["with-hostname.internal"],
      parents: [{ name: "gw" }],
      annotations: { [`${ALPHA}hostname`]: "annotation.with-hostname.internal" },
    });
    expect(records(run({ gateways: [gw], routes: [a, b] }))).toEqual([
      "annotation.with-hostname.internal A 1.2.3.4",
      "annotation.without-hostname.internal A 1.2.3.4",
      "with-hostname.internal A 1.2.3.4",
    ]);
  });

  describe("#10 gateway-hostname-source", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"] });
    it.each([
      ["defined-hosts-only", "test.example.internal", "test.org.internal", ["test.example.internal A 1.2.3.4"]],
      ["annotation-only", "test.example.internal", "test.org.internal", ["test.org.internal A 1.2.3.4"]],
      [
        "invalid-value",
        "route.invalid.internal",
        "annotation.invalid.internal",
        ["annotation.invalid.internal A 1.2.3.4", "route.invalid.internal A 1.2.3.4"],
      ],
    ])("%s", (source, spec, annotated, want) => {
      const rt = route("default", "r", {
        hostnames: [spec],
        parents: [{ name: "gw" }],
        annotations: { [`${ALPHA}hostname`]: annotated, [`${ALPHA}gateway-hostname-source`]: source },
      });
      const res = run({ gateways: [gw], routes: [rt] });
      expect(records(res)).toEqual(want);
      if (source === "invalid-value") {
        expect(res.reasons.find((r) => r.code === "invalid-annotation")?.message).toContain("Falling back to default behavior.");
      } else {
        expect(codes(res)).toContain("hostname-source");
      }
    });
  });

  it("#11 TTL: valid durations apply, invalid values give 0 with a warning", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"] });
    const valid = route("default", "valid-ttl", {
      hostnames: ["valid-ttl.internal"],
      parents: [{ name: "gw" }],
      annotations: { [`${ALPHA}ttl`]: "15s" },
    });
    const invalid = route("default", "invalid-ttl", {
      hostnames: ["invalid-ttl.internal"],
      parents: [{ name: "gw" }],
      annotations: { [`${ALPHA}ttl`]: "abc" },
    });
    const res = run({ gateways: [gw], routes: [valid, invalid] });
    expect(records(res)).toEqual(["invalid-ttl.internal A 1.2.3.4", "valid-ttl.internal A 1.2.3.4 ttl=15"]);
    expect(res.reasons).toContainEqual(
      expect.objectContaining({ code: "invalid-annotation", severity: "warning", resource: "httproute/default/invalid-ttl", hostnames: ["invalid-ttl.internal"] }),
    );
  });

  it("#12 AllowedRoutesSameNamespace", () => {
    const gw = gateway("same-namespace", "gw", { addresses: ["1.2.3.4"], listeners: [{ from: "Same" }] });
    const same = route("same-namespace", "r", { hostnames: ["same-namespace.example.internal"], parents: [{ name: "gw" }] });
    const other = route("other-namespace", "r", {
      hostnames: ["other-namespace.example.internal"],
      parents: [{ name: "gw", namespace: "same-namespace" }],
    });
    const res = run({ gateways: [gw], routes: [same, other] });
    expect(records(res)).toEqual(["same-namespace.example.internal A 1.2.3.4"]);
    expect(res.reasons).toContainEqual(
      expect.objectContaining({ code: "allowed-routes-namespace", hostnames: ["other-namespace.example.internal"] }),
    );
  });

  it("#12 AllowedRoutesNamespaceSelector", () => {
    const gw = gateway("infra", "gw", {
      addresses: ["1.2.3.4"],
      listeners: [{ from: "Selector", selector: { matchLabels: { team: "foo" } } }],
    });
    const mk = (ns: string) => route(ns, "r", { hostnames: [`${ns}.example.internal`], parents: [{ name: "gw", namespace: "infra" }] });
    const res = run({ gateways: [gw], routes: [mk("foo"), mk("bar")], namespaces: [namespace("foo", { team: "foo" }), namespace("bar", { team: "bar" })] });
    expect(records(res)).toEqual(["foo.example.internal A 1.2.3.4"]);
  });

  it("#13 AnnotationOverride / MultipleGatewaysOneAnnotationOverride", () => {
    const one = gateway("default", "one", { addresses: ["1.2.3.4"], annotations: { [`${ALPHA}target`]: "4.3.2.1" } });
    const two = gateway("default", "two", { addresses: ["2.3.4.5"] });
    const single = route("default", "r", { hostnames: ["test.example.internal"], parents: [{ name: "one" }] });
    expect(records(run({ gateways: [one], routes: [single] }))).toEqual(["test.example.internal A 4.3.2.1"]);
    const both = route("default", "r", { hostnames: ["test.example.internal"], parents: [{ name: "one" }, { name: "two" }] });
    expect(records(run({ gateways: [one, two], routes: [both] }))).toEqual(["test.example.internal A 2.3.4.5,4.3.2.1"]);
  });

  it("#14 ParentRefsMismatch / NoParentRefs", () => {
    const gws = [gateway("default", "default-gateway", { addresses: ["1.2.3.4"] }), gateway("default", "other-gateway", { addresses: ["2.3.4.5"] })];
    const mismatch = route("default", "m", {
      hostnames: ["test.example.internal"],
      parents: [{ name: "default-gateway" }],
      statusParents: [{ name: "other-gateway" }],
    });
    const none = route("default", "n", { hostnames: ["test.example.internal"], parents: [], statusParents: [{ name: "default-gateway" }] });
    const res = run({ gateways: gws, routes: [mismatch, none] });
    expect(records(res)).toEqual([]);
    expect(res.reasons.filter((r) => r.code === "parent-not-in-spec").map((r) => r.resource)).toEqual(["httproute/default/m"]);
    expect(res.reasons.filter((r) => r.code === "no-parent-refs").map((r) => r.resource)).toEqual(["httproute/default/n"]);
  });

  it("#14b sectionName and port are not part of the spec cross-check", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"], listeners: [{ name: "a", from: "All" }] });
    const rt = route("default", "r", {
      hostnames: ["x.example.internal"],
      parents: [{ name: "gw", sectionName: "b" }],
      statusParents: [{ name: "gw", sectionName: "a" }],
    });
    expect(records(run({ gateways: [gw], routes: [rt] }))).toEqual(["x.example.internal A 1.2.3.4"]);
  });

  it.each([
    ["something-else", 0],
    ["dns-controller", 1],
  ])("#15 controller annotation %s", (value, n) => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"] });
    const rt = route("default", "r", { hostnames: ["x.example.internal"], parents: [{ name: "gw" }], annotations: { [`${ALPHA}controller`]: value } });
    const res = run({ gateways: [gw], routes: [rt] });
    expect(res.endpoints).toHaveLength(n);
    expect(codes(res).includes("controller-annotation")).toBe(n === 0);
  });
});

describe("endpoint construction", () => {
  it("labels, TTL, provider-specific and set identifier come from the route; type split A/AAAA/CNAME", () => {
    const gw = gateway("infra", "gw", {
      addresses: ["1.2.3.4", "2001:db8::1", "lb-a.example.net", "lb-b.example.net"],
      annotations: { [`${ALPHA}ttl`]: "300", [`${ALPHA}cloudflare-proxied`]: "true" },
      listeners: [{ from: "All" }],
    });
    const rt = route("apps", "web", {
      hostnames: ["Web.Example.com"],
      parents: [{ name: "gw", namespace: "infra" }],
      annotations: { [`${ALPHA}ttl`]: "60", [`${ALPHA}cloudflare-proxied`]: "false", [`${ALPHA}set-identifier`]: "blue" },
    });
    const res = run({ gateways: [gw], routes: [rt] });
    expect(res.endpoints.map((e) => [e.dnsName, e.recordType, e.targets, e.recordTTL, e.setIdentifier, e.labels, e.providerSpecific])).toEqual(
      ["A", "AAAA", "CNAME"].map((t) => [
        "web.example.com",
        t,
        { A: ["1.2.3.4"], AAAA: ["2001:db8::1"], CNAME: ["lb-a.example.net", "lb-b.example.net"] }[t],
        60,
        "blue",
        { resource: "httproute/apps/web" },
        [{ name: `${ALPHA}cloudflare-proxied`, value: "false" }],
      ]),
    );
  });

  it("a Gateway read as v1beta1 is used like any other", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"], apiVersion: "gateway.networking.k8s.io/v1beta1" });
    const rt = route("default", "r", { hostnames: ["x.example.com"], parents: [{ name: "gw" }] });
    expect(records(run({ gateways: [gw], routes: [rt] }, config({ v: "v0.22.0" })))).toEqual(["x.example.com A 1.2.3.4"]);
  });

  it("hosts with underscores get no record and an invalid-hostname reason", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"] });
    const rt = route("default", "r", {
      hostnames: ["ok.example.com"],
      parents: [{ name: "gw" }],
      annotations: { [`${ALPHA}hostname`]: "bad_name.example.com" },
    });
    const res = run({ gateways: [gw], routes: [rt] });
    expect(records(res)).toEqual(["ok.example.com A 1.2.3.4"]);
    expect(res.reasons).toContainEqual(expect.objectContaining({ code: "invalid-hostname", hostnames: ["bad_name.example.com"] }));
  });
});

describe("route kinds", () => {
  const { gw, parent: p, routes } = routeKinds();
  it.each([
    ["HTTPRoute", ["web.example.com A 10.0.0.1"], "httproute/apps/h"],
    ["GRPCRoute", ["grpc.example.com A 10.0.0.1"], "grpcroute/apps/g"],
    ["TLSRoute", ["db.tls.example.com A 10.0.0.1"], "tlsroute/apps/t"],
    ["TCPRoute", ["pg.example.com A 10.0.0.1"], "tcproute/apps/c"],
    ["UDPRoute", ["dns.example.com A 10.0.0.1"], "udproute/apps/u"],
  ] as const)("%s only sees its own routes and listeners", (kind, want, resource) => {
    const res = run({ gateways: [gw], routes }, config(), kind);
    expect(records(res)).toEqual(want);
    expect(res.endpoints.every((e) => e.labels.resource === resource)).toBe(true);
  });

  it("a TCPRoute also rides a TLS listener and inherits its wildcard", () => {
    const rt = route("apps", "c2", { kind: "TCPRoute", parents: p(), annotations: { [`${ALPHA}hostname`]: "pg.tls.example.com" } });
    expect(records(run({ gateways: [gw], routes: [rt] }, config(), "TCPRoute"))).toEqual([
      "*.tls.example.com A 10.0.0.1",
      "pg.tls.example.com A 10.0.0.1",
    ]);
  });

  it("a TLSRoute on a TCP listener is a protocol mismatch", () => {
    const rt = route("apps", "t2", { kind: "TLSRoute", hostnames: ["x.example.com"], parents: p("tcp") });
    const res = run({ gateways: [gw], routes: [rt] }, config(), "TLSRoute");
    expect(records(res)).toEqual([]);
    expect(res.reasons).toContainEqual(
      expect.objectContaining({
        code: "protocol-mismatch",
        message: "listener tcp of Gateway infra/gw has protocol TCP, which does not carry a TLSRoute (TLS)",
        hostnames: ["x.example.com"],
      }),
    );
  });
});
