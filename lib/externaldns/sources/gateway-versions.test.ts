// Version-dependent behaviour of the Gateway sources and ListenerSets.

import { describe, expect, it } from "vitest";
import { ALPHA, GA, codes, config, gateway, records, route, run } from "./gateway.testkit";

describe("version differences", () => {
  const gw1 = gateway("default", "one", { addresses: ["1.2.3.4"] });
  const gw2 = gateway("default", "two", { addresses: ["2.3.4.5"] });

  it("MergeEndpoints from v0.21: same host from two routes becomes one endpoint", () => {
    const a = route("default", "a", { hostnames: ["x.example.com"], parents: [{ name: "one" }] });
    const b = route("default", "b", { hostnames: ["x.example.com"], parents: [{ name: "two" }] });
    expect(records(run({ gateways: [gw1, gw2], routes: [a, b] }, config({ v: "v0.21.0" })))).toEqual(["x.example.com A 1.2.3.4,2.3.4.5"]);
    expect(records(run({ gateways: [gw1, gw2], routes: [a, b] }, config({ v: "v0.20.0" })))).toEqual([
      "x.example.com A 1.2.3.4",
      "x.example.com A 2.3.4.5",
    ]);
  });

  it("gateway-hostname-source is ignored at v0.20 (with a reason) and honoured at v0.21", () => {
    const rt = route("default", "r", {
      hostnames: ["spec.example.com"],
      parents: [{ name: "one" }],
      annotations: { [`${ALPHA}hostname`]: "anno.example.com", [`${ALPHA}gateway-hostname-source`]: "annotation-only" },
    });
    const v20 = run({ gateways: [gw1], routes: [rt] }, config({ v: "v0.20.0" }));
    expect(records(v20)).toEqual(["anno.example.com A 1.2.3.4", "spec.example.com A 1.2.3.4"]);
    expect(v20.reasons.find((r) => r.code === "annotation-ignored-here")?.message).toContain("read from v0.21.0");
    expect(records(run({ gateways: [gw1], routes: [rt] }, config({ v: "v0.21.0" })))).toEqual(["anno.example.com A 1.2.3.4"]);
  });

  it("record-type is a provider-specific property from v0.21 only", () => {
    const rt = route("default", "r", { hostnames: ["x.example.com"], parents: [{ name: "one" }], annotations: { [`${ALPHA}record-type`]: "A" } });
    const v21 = run({ gateways: [gw1], routes: [rt] }, config({ v: "v0.21.0" }));
    expect(v21.endpoints[0].providerSpecific).toEqual([{ name: "record-type", value: "A" }]);
    const v20 = run({ gateways: [gw1], routes: [rt] }, config({ v: "v0.20.0" }));
    expect(v20.endpoints[0].providerSpecific).toEqual([]);
    expect(codes(v20)).toContain("annotation-ignored-here");
  });

  it("v0.22 reads only the GA prefix: alpha controller/hostname/target annotations are ignored, each with a reason", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"], annotations: { [`${ALPHA}target`]: "lb.example.net" } });
    const rt = route("default", "redirect", {
      hostnames: ["spec.example.com"],
      parents: [{ name: "gw" }],
      annotations: { [`${ALPHA}controller`]: "none", [`${ALPHA}hostname`]: "anno.example.com" },
    });
    const v22 = run({ gateways: [gw], routes: [rt] }, config({ v: "v0.22.0" }));
    expect(records(v22)).toEqual(["spec.example.com A 1.2.3.4"]);
    const mismatches = v22.reasons.filter((r) => r.code === "annotation-prefix-mismatch");
    expect(mismatches.map((r) => r.resource).sort()).toEqual(["gateway/default/gw", "httproute/default/redirect", "httproute/default/redirect"]);
    expect(mismatches.every((r) => r.severity === "warning")).toBe(true);
    expect(mismatches.find((r) => r.message.includes(`${ALPHA}hostname`))?.hostnames).toContain("anno.example.com");
    expect(mismatches.find((r) => r.resource.startsWith("gateway/"))?.message).toBe(
      `annotation ${ALPHA}target on Gateway default/gw is ignored: external-dns v0.22.0 reads only the prefix ${GA}; write it as ${GA}target (targets fall back to the Gateway's status.addresses)`,
    );
    // The same objects at v0.21 behave as their author meant.
    const v21 = run({ gateways: [gw], routes: [rt] }, config({ v: "v0.21.0" }));
    expect(records(v21)).toEqual([]);
    expect(codes(v21)).toContain("controller-annotation");
  });

  it("the controller annotation on a Gateway is not applied up to v0.22", () => {
    const gw = gateway("default", "gw", { addresses: ["1.2.3.4"], annotations: { [`${GA}controller`]: "other" } });
    const rt = route("default", "r", { hostnames: ["x.example.com"], parents: [{ name: "gw" }] });
    const res = run({ gateways: [gw], routes: [rt] }, config({ v: "v0.22.0" }));
    expect(records(res)).toEqual(["x.example.com A 1.2.3.4"]);
    expect(res.reasons.find((r) => r.code === "annotation-ignored-here")?.message).toContain("checks the controller annotation on routes only");
  });
});

describe("ListenerSets (v0.21+, --gateway-listener-sets)", () => {
  const gw = gateway("infra", "gw", {
    addresses: ["1.2.3.4"],
    annotations: { [`${ALPHA}target`]: "gw.example.net" },
  });
  gw.spec.allowedListeners = { namespaces: { from: "All" } };
  const ls = (annotations?: Record<string, string>, accepted = "True") => ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "ListenerSet",
    metadata: { name: "extra", namespace: "team", annotations },
    spec: {
      parentRef: { name: "gw", namespace: "infra" },
      listeners: [{ name: "web", protocol: "HTTPS", port: 443, hostname: "*.team.example.com" }],
    },
    status: {
      conditions: [{ type: "Accepted", status: accepted }],
      listeners: [{ name: "web", conditions: [{ type: "Accepted", status: "True" }] }],
    },
  });
  const rt = route("team", "r", { hostnames: ["app.team.example.com"], parents: [{ name: "extra", kind: "ListenerSet" }] });

  it("uses the Gateway's target unless the ListenerSet has its own", () => {
    const cfg = config({ v: "v0.21.0", gatewayListenerSets: true });
    expect(records(run({ gateways: [gw], listenerSets: [ls()], routes: [rt] }, cfg))).toEqual(["app.team.example.com CNAME gw.example.net"]);
    const own = ls({ [`${ALPHA}target`]: "ls.example.net" });
    expect(records(run({ gateways: [gw], listenerSets: [own], routes: [rt] }, cfg))).toEqual(["app.team.example.com CNAME ls.example.net"]);
  });

  it.each([
    ["flag off", config({ v: "v0.21.0" }), "unsupported-parent"],
    ["v0.20", config({ v: "v0.20.0", gatewayListenerSets: true }), "unsupported-parent"],
  ])("is ignored when %s", (_n, cfg, code) => {
    const res = run({ gateways: [gw], listenerSets: [ls()], routes: [rt] }, cfg);
    expect(records(res)).toEqual([]);
    expect(codes(res)).toContain(code);
  });

  it("needs an Accepted ListenerSet", () => {
    const res = run({ gateways: [gw], listenerSets: [ls(undefined, "False")], routes: [rt] }, config({ gatewayListenerSets: true }));
    expect(records(res)).toEqual([]);
    expect(codes(res)).toContain("listener-set-not-accepted");
  });

  it("needs the Gateway to allow ListenerSets (default None)", () => {
    const closed = gateway("infra", "gw", { addresses: ["1.2.3.4"] });
    const res = run({ gateways: [closed], listenerSets: [ls()], routes: [rt] }, config({ gatewayListenerSets: true }));
    expect(records(res)).toEqual([]);
    expect(res.reasons.find((r) => r.code === "listener-set-not-accepted")?.message).toContain("does not allow ListenerSets");
  });
});
