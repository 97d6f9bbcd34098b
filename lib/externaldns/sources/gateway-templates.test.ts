// --fqdn-template in the gateway route sources, per release: when hosts() runs it (v0.20.0 and
// v0.21.0/v0.22.0 source/gateway.go), the TypeMeta each route lister sets (gateway_*route.go),
// isSource binding (v0.22.0), and an error failing the whole source.

import { describe, expect, it } from "vitest";
import type { RouteKind } from "../types";
import { ALPHA, config, records, route, routeKinds, run } from "./gateway.testkit";

const kinds = routeKinds();
const byKind = (k: RouteKind) => kinds.routes.find((r) => r.kind === k)!;

describe("the TypeMeta a template sees (.Kind/.APIVersion), as each lister sets it", () => {
  it.each<[RouteKind, string, string]>([
    ["HTTPRoute", "v0.20.0", "httproute-v1beta1"],
    ["HTTPRoute", "v0.21.0", "httproute-v1"],
    ["GRPCRoute", "v0.20.0", "grpcroute-v1"],
    ["TLSRoute", "v0.21.0", "tlsroute-v1alpha2"],
    ["TLSRoute", "v0.22.0", "tlsroute-v1"],
    ["TCPRoute", "v0.22.0", "tcproute-v1alpha2"],
    ["UDPRoute", "v0.20.0", "udproute-v1alpha2"],
  ])("%s at %s", (kind, v, label) => {
    const cfg = config({ v, fqdnTemplate: '{{ toLower .Kind }}-{{ trimPrefix .APIVersion "gateway.networking.k8s.io/" }}.example.com', combineFqdnAndAnnotation: true });
    const res = run({ gateways: [kinds.gw], routes: [byKind(kind)] }, cfg, kind);
    expect(res.error).toBeUndefined();
    expect(res.reasons).toContainEqual(expect.objectContaining({ code: "fqdn-template", hostnames: [`${label}.example.com`] }));
  });
});

describe("when hosts() runs the template", () => {
  const annotated = route("apps", "r", { parents: [{ name: "gw", namespace: "infra" }], annotations: { [`${ALPHA}hostname`]: "a.example.com" } });
  it.each<[string, string, boolean, string[]]>([
    // No spec hostnames: the route also inherits the listener's *.example.com (hosts() adds "").
    // v0.20: annotation hostnames count before the template is considered.
    ["v0.20.0", "annotation only", false, ["*.example.com A 10.0.0.1", "a.example.com A 10.0.0.1"]],
    ["v0.20.0", "annotation + combine", true, ["*.example.com A 10.0.0.1", "a.example.com A 10.0.0.1", "r.example.com A 10.0.0.1"]],
    // v0.21: the template runs before annotations are read, so only spec hostnames stop it.
    ["v0.21.0", "annotation only", false, ["*.example.com A 10.0.0.1", "a.example.com A 10.0.0.1", "r.example.com A 10.0.0.1"]],
  ])("%s %s", (v, _n, combine, want) => {
    const cfg = config({ v, fqdnTemplate: "{{ .Name }}.example.com", combineFqdnAndAnnotation: combine });
    expect(records(run({ gateways: [kinds.gw], routes: [annotated] }, cfg))).toEqual(want);
  });

  it("isSource is bound to the running source (v0.22.0 Engine.WithSource)", () => {
    const cfg = config({ v: "v0.22.0", fqdnTemplate: '{{ if isSource "gateway-tcproute" }}{{ .Name }}.tcp.example.com{{ end }}' });
    const tcp = run({ gateways: [kinds.gw], routes: [byKind("TCPRoute")] }, cfg, "TCPRoute");
    expect(records(tcp)).toContain("c.tcp.example.com A 10.0.0.1");
    const udp = run({ gateways: [kinds.gw], routes: [byKind("UDPRoute")] }, cfg, "UDPRoute");
    expect(records(udp)).not.toContain("u.tcp.example.com A 10.0.0.1");
  });
});

describe("a failing template", () => {
  const bad = config({ fqdnTemplate: "{{ toLower .Labels.team }}.example.com" });
  const r = route("apps", "r", { parents: [{ name: "gw", namespace: "infra" }] });
  it("fails the source with external-dns's message naming the route", () => {
    const res = run({ gateways: [kinds.gw], routes: [r] }, bad);
    expect(res.error).toContain("failed to apply template on HTTPRoute apps/r");
    expect(res.error).toContain("invalid value; expected string");
  });
  it("is never evaluated for a route external-dns skips (controller annotation)", () => {
    const skipped = route("apps", "r", { parents: [{ name: "gw", namespace: "infra" }], annotations: { [`${ALPHA}controller`]: "other" } });
    expect(run({ gateways: [kinds.gw], routes: [skipped] }, bad).error).toBeUndefined();
  });
});

describe("route kinds without hostnames (v0.20.0–v0.22.0 gateway_tcproute.go / gateway_udproute.go: Hostnames() returns nil)", () => {
  it.each<[RouteKind]>([["TCPRoute"], ["UDPRoute"]])("%s: spec.hostnames is ignored, so the template names it", (kind) => {
    const base = byKind(kind);
    const rt = { ...base, spec: { ...base.spec, hostnames: ["ignored.example.com"] }, metadata: { ...base.metadata, annotations: {} } };
    const res = run({ gateways: [kinds.gw], routes: [rt] }, config({ fqdnTemplate: "{{ .Name }}.example.com" }), kind);
    const names = records(res).map((r) => r.split(" ")[0]);
    expect(names).not.toContain("ignored.example.com");
    expect(names).toContain(`${base.metadata.name}.example.com`);
  });
});
