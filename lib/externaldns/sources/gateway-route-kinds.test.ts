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
