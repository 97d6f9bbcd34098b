// The Gateways page's route rows for every route kind: one Gateway with an HTTPS, a TLS, a TCP
// and a UDP listener and a route of each kind on it, run through the whole pipeline as the
// dashboard runs it. Each kind's row has the same columns as an HTTPRoute's: hostnames as
// external-dns reads them, parents, proxied and where it comes from, record states, the why trail.

import { describe, expect, it } from "vitest";
import { parseConfigText } from "../externaldns/config";
import { cluster, route, routeKinds } from "../externaldns/sources/gateway.testkit";
import type { CloudflareZone } from "../externaldns/types";
import { runPipeline } from "./pipeline";
import { makeContext, gatewayViewsSteps } from "./object-views";
import { instanceState } from "./state";

const ARGS = [
  "--provider=cloudflare",
  "--policy=sync",
  "--registry=txt",
  "--txt-owner-id=default",
  "--domain-filter=example.com",
  "--cloudflare-proxied",
  ...["httproute", "grpcroute", "tlsroute", "tcproute", "udproute"].map((k) => `--source=gateway-${k}`),
];

const ZONE: CloudflareZone = {
  id: "z1",
  name: "example.com",
  records: [
    // grpc.example.com published and in sync, with its ownership TXT.
    { id: "r1", type: "A", name: "grpc.example.com", content: "10.0.0.1", proxied: true, ttl: 1 },
    { id: "r2", type: "TXT", name: "a-grpc.example.com", content: '"heritage=external-dns,external-dns/owner=default,external-dns/resource=grpcroute/apps/g"', proxied: false, ttl: 1 },
  ],
};

function gatewayState() {
  const kinds = routeKinds();
  // A TCPRoute's spec.hostnames is not read by external-dns, so the row must not show it.
  const tcp = kinds.routes.find((r) => r.kind === "TCPRoute")!;
  tcp.spec.hostnames = ["ignored.example.com"];
  const unattached = route("apps", "lost", { kind: "TLSRoute", hostnames: ["lost.tls.example.com"], parents: [{ name: "gone", namespace: "infra" }] });
  const config = parseConfigText(ARGS.map((a) => `- ${a}`).join("\n"), "args.yaml", { version: "v0.21.0" });
  const objects = cluster({ gateways: [kinds.gw], routes: [...kinds.routes, unattached] });
  return instanceState("test", "file", runPipeline({ config, objects, zones: [ZONE] }));
}

describe("route rows of every kind", () => {
  const s = gatewayState();
  const rows = s.gateways.flatMap((g) => g.routes);
  const row = (resource: string) => rows.find((r) => r.resource === resource)!;

  it("lists each kind under its Gateway, with its kind and parent", () => {
    expect(rows.map((r) => `${r.kind} ${r.resource}`).sort()).toEqual([
      "GRPCRoute grpcroute/apps/g",
      "HTTPRoute httproute/apps/h",
      "TCPRoute tcproute/apps/c",
      "TLSRoute tlsroute/apps/t",
      "UDPRoute udproute/apps/u",
    ]);
    for (const r of rows) expect(r.parents).toEqual([{ gateway: "infra/gw", ...(r.kind === "TCPRoute" ? { section: "tcp" } : {}), accepted: true }]);
  });

  it("shows the hostnames external-dns reads: spec.hostnames where the kind has them, else the annotation", () => {
    expect(row("grpcroute/apps/g").hostnames).toEqual(["grpc.example.com"]);
    expect(row("tlsroute/apps/t").hostnames).toEqual(["db.tls.example.com"]);
    expect(row("tcproute/apps/c").hostnames).toEqual(["pg.example.com"]);
    expect(row("udproute/apps/u").hostnames).toEqual(["dns.example.com"]);
  });

  it("shows each record's state and proxied with where it comes from", () => {
    expect(row("grpcroute/apps/g").reasons.map((r) => r.code)).toContain("in-sync");
    expect(row("grpcroute/apps/g").records).toEqual([{ name: "grpc.example.com", type: "A", state: "in-sync" }]);
    expect(row("grpcroute/apps/g")).toMatchObject({ proxied: true, proxiedSource: "flag-default" });
    expect(row("tlsroute/apps/t").records).toEqual([{ name: "db.tls.example.com", type: "A", state: "missing" }]);
    expect(row("tcproute/apps/c").records).toEqual([{ name: "pg.example.com", type: "A", state: "missing" }]);
    expect(row("udproute/apps/u").records).toEqual([{ name: "dns.example.com", type: "A", state: "missing" }]);
  });

  it("carries the why trail of each route", () => {
    for (const [resource, host, listener] of [
      ["grpcroute/apps/g", "grpc.example.com", "web"],
      ["tlsroute/apps/t", "db.tls.example.com", "tls"],
      ["tcproute/apps/c", "pg.example.com", "tcp"],
      ["udproute/apps/u", "dns.example.com", "udp"],
    ]) {
      const produced = row(resource).reasons.find((r) => r.code === "endpoint-produced");
      expect(produced?.message).toBe(`host ${host} via Gateway infra/gw listener ${listener} → A 10.0.0.1`);
    }
  });

  it("keeps a route whose Gateway is missing as an orphan row, with gateway-not-found", () => {
    const lost = s.orphanRoutes.find((r) => r.resource === "tlsroute/apps/lost")!;
    expect(lost.records).toEqual([]);
    expect(lost.reasons.map((r) => r.code)).toContain("gateway-not-found");
  });
});

describe("route rows of a large estate", () => {
  // 2,500 routes on the Gateway and 10 on none: the server builds these rows between requests, so
  // the work pauses (yields) every thousand routes instead of holding the event loop throughout.
  const kinds = routeKinds();
  const many = Array.from({ length: 2500 }, (_, i) => route("apps", `r${i}`, { hostnames: [`r${i}.example.com`], parents: kinds.parent("web") }));
  const lost = Array.from({ length: 10 }, (_, i) => route("apps", `lost${i}`, { hostnames: [`lost${i}.example.com`], parents: [{ name: "gone", namespace: "infra" }] }));
  const config = parseConfigText(ARGS.map((a) => `- ${a}`).join("\n"), "args.yaml", { version: "v0.21.0" });
  const result = runPipeline({ config, objects: cluster({ gateways: [kinds.gw], routes: [...many, ...lost] }), zones: [ZONE] });
  const ctx = makeContext(result, instanceState("test", "file", result).records);

  it("pauses every thousand routes and lists every route once, under its Gateway or none", () => {
    const steps = gatewayViewsSteps(ctx);
    let pauses = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) pauses++;
    expect(pauses).toBe(2);
    const { gateways, orphanRoutes } = r.value;
    expect(gateways.map((g) => g.resource)).toEqual(["gateway/infra/gw"]);
    expect(gateways[0].routes.map((x) => x.name)).toEqual(many.map((m) => m.metadata.name));
    expect(orphanRoutes.map((x) => x.name)).toEqual(lost.map((m) => m.metadata.name));
    expect(gateways[0].routes[1234].records).toEqual([{ name: "r1234.example.com", type: "A", state: "missing" }]);
  });
});
