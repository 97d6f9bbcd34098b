// Each non-HTTP route kind, ported from upstream's per-kind tests: TestGateway<Kind>RouteSourceEndpoints
// in source/gateway_grpcroute_test.go, gateway_tlsroute_test.go, gateway_tcproute_test.go and
// gateway_udproute_test.go, which exist at v0.20.0, v0.21.0 and v0.22.0. Every tag has the same case:
// Gateway default/internal with one listener of the kind's protocol (no name, port or hostname) and
// status addresses 10.64.0.1, 10.64.0.2; route default/api with the hostname annotation
// api-annotation.foobar.internal, spec.hostnames api-hostnames.foobar.internal where the kind has
// them, Accepted by that Gateway; the template "{{.Name}}-template.foobar.internal" combined with
// the annotation. TCPRoute and UDPRoute have no spec.hostnames, so upstream expects no
// api-hostnames record for them.

import { describe, expect, it } from "vitest";
import type { RouteKind } from "../types";
import { ALPHA, GA, config, gateway, records, route, run } from "./gateway.testkit";
import { SOURCE_NAME } from "./gateway";

interface Case {
  kind: RouteKind;
  file: string;
  protocol: string;
  hostnames: boolean;
}

const CASES: Case[] = [
  { kind: "GRPCRoute", file: "source/gateway_grpcroute_test.go", protocol: "HTTPS", hostnames: true },
  { kind: "TLSRoute", file: "source/gateway_tlsroute_test.go", protocol: "TLS", hostnames: true },
  { kind: "TCPRoute", file: "source/gateway_tcproute_test.go", protocol: "TCP", hostnames: false },
  { kind: "UDPRoute", file: "source/gateway_udproute_test.go", protocol: "UDP", hostnames: false },
];
const TAGS = ["v0.20.0", "v0.21.0", "v0.22.0"];
const IPS = ["10.64.0.1", "10.64.0.2"];

const table = CASES.flatMap((c) => TAGS.map((tag) => ({ ...c, tag })));

describe("per-kind upstream tests (TestGateway<Kind>SourceEndpoints)", () => {
  it.each(table)("$kind at $tag ($file)", ({ kind, protocol, hostnames, tag }) => {
    // annotations.HostnameKey is the release's own prefix: alpha before v0.22.0, GA from it.
    const prefix = tag === "v0.22.0" ? GA : ALPHA;
    const gw = gateway("default", "internal", { addresses: IPS, listeners: [{ protocol }] });
    const rt = route("default", "api", {
      kind,
      hostnames: hostnames ? ["api-hostnames.foobar.internal"] : undefined,
      parents: [{ name: "internal", namespace: "default", group: "gateway.networking.k8s.io", kind: "Gateway" }],
      annotations: { [`${prefix}hostname`]: "api-annotation.foobar.internal" },
    });
    const cfg = config({
      v: tag,
      sources: [SOURCE_NAME[kind]],
      fqdnTemplate: "{{.Name}}-template.foobar.internal",
      combineFqdnAndAnnotation: true,
    });
    const res = run({ gateways: [gw], routes: [rt] }, cfg, kind);
    expect(res.error).toBeUndefined();
    const want = [
      `api-annotation.foobar.internal A ${IPS.join(",")}`,
      ...(hostnames ? [`api-hostnames.foobar.internal A ${IPS.join(",")}`] : []),
      `api-template.foobar.internal A ${IPS.join(",")}`,
    ];
    expect(records(res)).toEqual(want);
  });
});

// gwProtocolMatches (source/gateway.go, the same body at v0.20.0, v0.21.0 and v0.22.0): HTTPS counts
// as HTTP on both sides, and a TCPRoute may use a TLS listener. GRPCRoute's Protocol() is HTTPS.
const ATTACHES: Array<[RouteKind, Record<string, boolean>]> = [
  ["GRPCRoute", { HTTP: true, HTTPS: true, TLS: false, TCP: false, UDP: false }],
  ["TLSRoute", { HTTP: false, HTTPS: false, TLS: true, TCP: false, UDP: false }],
  ["TCPRoute", { HTTP: false, HTTPS: false, TLS: true, TCP: true, UDP: false }],
  ["UDPRoute", { HTTP: false, HTTPS: false, TLS: false, TCP: false, UDP: true }],
];

describe("which listener protocols each kind attaches to (gwProtocolMatches, source/gateway.go v0.20.0–v0.22.0)", () => {
  const rows = ATTACHES.flatMap(([kind, byListener]) => Object.entries(byListener).map(([listener, attaches]) => ({ kind, listener, attaches })));
  it.each(rows)("$kind on a $listener listener: attaches $attaches", ({ kind, listener, attaches }) => {
    const hasHostnames = CASES.find((c) => c.kind === kind)!.hostnames;
    const gw = gateway("default", "internal", { addresses: IPS, listeners: [{ protocol: listener }] });
    const rt = route("default", "api", {
      kind,
      hostnames: hasHostnames ? ["api-hostnames.foobar.internal"] : undefined,
      parents: [{ name: "internal", namespace: "default" }],
      annotations: { [`${ALPHA}hostname`]: "api-annotation.foobar.internal" },
    });
    const res = run({ gateways: [gw], routes: [rt] }, config({ v: "v0.21.0", sources: [SOURCE_NAME[kind]] }), kind);
    expect(records(res).length > 0).toBe(attaches);
    // Not attaching is explained, naming the route and the listener's protocol.
    const mismatch = res.reasons.find((r) => r.code === "protocol-mismatch");
    expect(mismatch !== undefined).toBe(!attaches);
    if (mismatch) expect(mismatch.resource).toBe(`${kind.toLowerCase()}/default/api`);
  });
});

// The version each release's lister reads (NewGateway<Kind>RouteSource in source/gateway_<kind>route.go):
// HTTPRoute v1beta1 at v0.20.0 and v1 from v0.21.0; GRPCRoute v1; TLSRoute v1alpha2 until v0.21.0
// and v1 at v0.22.0; TCPRoute and UDPRoute v1alpha2. A CRD that does not serve that version makes
// the informer time out (informers.WaitForCacheSync) and external-dns exit.
const LISTS: Array<[RouteKind, string, string]> = [
  ["HTTPRoute", "v0.20.0", "v1beta1"],
  ["HTTPRoute", "v0.21.0", "v1"],
  ["HTTPRoute", "v0.22.0", "v1"],
  ["GRPCRoute", "v0.20.0", "v1"],
  ["GRPCRoute", "v0.22.0", "v1"],
  ["TLSRoute", "v0.20.0", "v1alpha2"],
  ["TLSRoute", "v0.21.0", "v1alpha2"],
  ["TLSRoute", "v0.22.0", "v1"],
  ["TCPRoute", "v0.22.0", "v1alpha2"],
  ["UDPRoute", "v0.22.0", "v1alpha2"],
];

describe("the API version each release lists a route kind at, against what the cluster serves", () => {
  const ALL: Record<RouteKind, string[]> = {
    HTTPRoute: ["v1", "v1beta1"],
    GRPCRoute: ["v1", "v1alpha2"],
    TLSRoute: ["v1", "v1alpha3", "v1alpha2"],
    TCPRoute: ["v1alpha2"],
    UDPRoute: ["v1alpha2"],
  };
  const objectsFor = (kind: RouteKind, tag: string) => {
    const hasHostnames = kind !== "TCPRoute" && kind !== "UDPRoute";
    const gw = gateway("default", "internal", { addresses: IPS, listeners: [{ protocol: CASES.find((c) => c.kind === kind)?.protocol ?? "HTTP" }] });
    const rt = route("default", "api", {
      kind,
      hostnames: hasHostnames ? ["api-hostnames.foobar.internal"] : undefined,
      parents: [{ name: "internal", namespace: "default" }],
      annotations: { [`${tag === "v0.22.0" ? GA : ALPHA}hostname`]: "api-annotation.foobar.internal" },
    });
    return { gateways: [gw], routes: [rt] };
  };

  it.each(LISTS)("%s at %s: read at %s; the source fails when the CRD serves every version but that one", (kind, tag, version) => {
    const cfg = config({ v: tag, sources: [SOURCE_NAME[kind]] });
    // Served at that version (among others): the routes are seen.
    const ok = run({ ...objectsFor(kind, tag), servedVersions: { [kind]: ALL[kind] } }, cfg, kind);
    expect(ok.error).toBeUndefined();
    expect(records(ok).length).toBeGreaterThan(0);
    // Served at every other version only.
    const others = ALL[kind].filter((x) => x !== version);
    const served = others.length ? others : ["v9"];
    const res = run({ ...objectsFor(kind, tag), servedVersions: { [kind]: served } }, cfg, kind);
    expect(res.endpoints).toEqual([]);
    expect(res.error).toMatch(new RegExp(`failed to sync \\*${version}\\.${kind}`));
    const reason = res.reasons.find((r) => r.code === "route-version-not-served");
    expect(reason).toMatchObject({ severity: "error", resource: "config" });
    expect(reason?.message).toContain(`lists ${kind}s at gateway.networking.k8s.io/${version}`);
    expect(reason?.message).toContain(`serves ${served.join(", ")}`);
  });

  it("the sync error reads as each release writes it (informers.WaitForCacheSync at v0.20.0 and v0.21.0)", () => {
    const only = { servedVersions: { TLSRoute: ["v1"] } };
    const v20 = run({ ...objectsFor("TLSRoute", "v0.20.0"), ...only }, config({ v: "v0.20.0", sources: ["gateway-tlsroute"] }), "TLSRoute");
    expect(v20.error).toContain("failed to sync *v1alpha2.TLSRoute: context deadline exceeded with timeout 1m0s");
    const v21 = run({ ...objectsFor("TLSRoute", "v0.21.0"), ...only }, config({ v: "v0.21.0", sources: ["gateway-tlsroute"] }), "TLSRoute");
    expect(v21.error).toContain("failed to sync *v1alpha2.TLSRoute after 1m0s: context deadline exceeded");
  });

  it("unknown served versions (manifests from files) do not stop the source", () => {
    const res = run(objectsFor("TLSRoute", "v0.22.0"), config({ v: "v0.22.0", sources: ["gateway-tlsroute"] }), "TLSRoute");
    expect(res.error).toBeUndefined();
    expect(records(res).length).toBeGreaterThan(0);
  });
});

// The Gateway informer every route source starts (source/gateway.go): Gateway().V1beta1() at
// v0.20.0, V1() at v0.21.0 and v0.22.0; with --gateway-listener-sets (v0.21+) also V1().ListenerSets().
describe("Gateways and ListenerSets at the version each release lists them", () => {
  const grpc = () => {
    const gw = gateway("default", "internal", { addresses: IPS, listeners: [{ protocol: "HTTPS" }] });
    const rt = route("default", "api", { kind: "GRPCRoute", hostnames: ["api.foobar.internal"], parents: [{ name: "internal", namespace: "default" }] });
    return { gateways: [gw], routes: [rt] };
  };
  it.each<[string, string[], string | undefined]>([
    ["v0.20.0", ["v1"], "failed to sync *v1beta1.Gateway"],
    ["v0.20.0", ["v1beta1"], undefined],
    ["v0.21.0", ["v1beta1"], "failed to sync *v1.Gateway"],
    ["v0.22.0", ["v1", "v1beta1"], undefined],
  ])("%s on a cluster serving Gateways at %j", (tag, served, error) => {
    const res = run({ ...grpc(), servedVersions: { Gateway: served, GRPCRoute: ["v1"] } }, config({ v: tag, sources: ["gateway-grpcroute"] }), "GRPCRoute");
    if (error) {
      expect(res.error).toContain(error);
      expect(res.endpoints).toEqual([]);
    } else {
      expect(res.error).toBeUndefined();
      expect(records(res)).toEqual([`api.foobar.internal A ${IPS.join(",")}`]);
    }
  });

  it("ListenerSets count only with --gateway-listener-sets", () => {
    const served = { Gateway: ["v1"], GRPCRoute: ["v1"], ListenerSet: [] as string[], HTTPRoute: ["v1"] };
    const without = run({ ...grpc(), servedVersions: { ...served, ListenerSet: ["v1alpha1"] } }, config({ v: "v0.21.0", sources: ["gateway-grpcroute"] }), "GRPCRoute");
    expect(without.error).toBeUndefined();
    const withSets = run(
      { ...grpc(), servedVersions: { ...served, ListenerSet: ["v1alpha1"] } },
      config({ v: "v0.21.0", sources: ["gateway-grpcroute"], gatewayListenerSets: true }),
      "GRPCRoute",
    );
    expect(withSets.error).toContain("failed to sync *v1.ListenerSet after 1m0s");
  });
});
