// The explain trail of the Gateway sources: the user's seed setup, then every reason code.

import { describe, expect, it } from "vitest";
import type { ClusterObjects, Config, Reason, RouteKind } from "../types";
import { ALPHA, config, gateway, namespace, route, run } from "./gateway.testkit";

describe("seed setup (envoy-external labelled, envoy-internal not, redirect route with controller none)", () => {
  const cfg = config({
    v: "v0.20.0",
    cloudflareProxied: true,
    gatewayLabelFilter: "external-dns.alpha.kubernetes.io/enabled=true",
    sources: ["crd", "ingress", "gateway-httproute"],
  });
  const listeners = [
    { name: "http", protocol: "HTTP", port: 80, hostname: "*.example.com", from: "All" },
    { name: "https", protocol: "HTTPS", port: 443, hostname: "*.example.com", from: "All" },
  ];
  const external = gateway("networking", "envoy-external", {
    labels: { "external-dns.alpha.kubernetes.io/enabled": "true" },
    annotations: { [`${ALPHA}target`]: "external.example.com", [`${ALPHA}cloudflare-proxied`]: "true" },
    addresses: ["192.168.0.239"],
    listeners,
  });
  const internal = gateway("networking", "envoy-internal", {
    annotations: { [`${ALPHA}target`]: "internal.example.com" },
    addresses: ["192.168.0.240"],
    listeners,
  });
  const app = route("default", "app", {
    hostnames: ["app.example.com"],
    parents: [{ name: "envoy-external", namespace: "networking", sectionName: "https" }],
    annotations: { [`${ALPHA}cloudflare-proxied`]: "false" },
  });
  const grafana = route("observability", "grafana", {
    hostnames: ["grafana.example.com"],
    parents: [{ name: "envoy-internal", namespace: "networking", sectionName: "https" }],
  });
  const redirect = route("networking", "envoy-external", {
    parents: [{ name: "envoy-external", sectionName: "http" }],
    annotations: { [`${ALPHA}controller`]: "none" },
  });
  const res = run({ gateways: [external, internal], routes: [app, grafana, redirect] }, cfg);

  it("publishes only the labelled Gateway's route, as a CNAME to its target, proxied flag from the route", () => {
    expect(res.endpoints).toEqual([
      {
        dnsName: "app.example.com",
        recordType: "CNAME",
        targets: ["external.example.com"],
        recordTTL: 0,
        setIdentifier: "",
        labels: { resource: "httproute/default/app" },
        providerSpecific: [{ name: `${ALPHA}cloudflare-proxied`, value: "false" }],
      },
    ]);
    expect(res.reasons).toContainEqual({
      code: "endpoint-produced",
      resource: "httproute/default/app",
      severity: "info",
      message: `host app.example.com via Gateway networking/envoy-external listener https → CNAME external.example.com (${ALPHA}cloudflare-proxied=false)`,
      hostnames: ["app.example.com"],
    });
  });

  it("explains grafana.example.com with the contract's gateway-label-filter message", () => {
    const r = res.reasons.filter((x) => x.hostnames.includes("grafana.example.com"));
    expect(r).toContainEqual({
      code: "gateway-label-filter",
      resource: "httproute/observability/grafana",
      severity: "info",
      message: "parent Gateway networking/envoy-internal does not match --gateway-label-filter external-dns.alpha.kubernetes.io/enabled=true",
      hostnames: ["grafana.example.com"],
    });
    expect(r.some((x) => x.code === "endpoint-produced")).toBe(false);
  });

  it("skips the redirect route by its controller annotation, naming the listener host it would inherit", () => {
    const r = res.reasons.filter((x) => x.resource === "httproute/networking/envoy-external");
    expect(r).toEqual([
      {
        code: "controller-annotation",
        resource: "httproute/networking/envoy-external",
        severity: "info",
        message: `HTTPRoute networking/envoy-external has ${ALPHA}controller=none, not dns-controller, so external-dns skips it`,
        hostnames: ["*.example.com"],
      },
    ]);
    expect(res.endpoints.some((e) => e.labels.resource === "httproute/networking/envoy-external")).toBe(false);
  });

  it("flags cloudflare-proxied on the Gateway as ignored, against the hosts of its routes", () => {
    const r = res.reasons.find((x) => x.code === "annotation-ignored-here" && x.resource === "gateway/networking/envoy-external");
    expect(r?.severity).toBe("warning");
    expect(r?.message).toContain("reads cloudflare-proxied from the routes only");
    expect(r?.message).toContain("--cloudflare-proxied (currently on)");
    expect(r?.hostnames).toEqual(expect.arrayContaining(["app.example.com", "*.example.com"]));
  });
});

// One case per reason code: objects, config, then the reason expected (a subset of its fields).
interface Case {
  code: string;
  objs: Partial<ClusterObjects>;
  cfg?: Config;
  kind?: RouteKind;
  want: Partial<Reason>;
  endpoints?: number;
}

const gw = (opts: Parameters<typeof gateway>[2] = {}) => gateway("infra", "gw", { addresses: ["1.2.3.4"], ...opts });
const rt = (opts: Parameters<typeof route>[2] = {}) =>
  route("apps", "r", { hostnames: ["a.example.com"], parents: [{ name: "gw", namespace: "infra" }], ...opts });

const cases: Case[] = [
  {
    code: "gateway-label-filter",
    objs: { gateways: [gw()], routes: [rt()] },
    cfg: config({ gatewayLabelFilter: "dns=on" }),
    want: { message: "parent Gateway infra/gw does not match --gateway-label-filter dns=on", hostnames: ["a.example.com"] },
  },
  {
    code: "gateway-name-filter",
    objs: { gateways: [gw()], routes: [rt()] },
    cfg: config({ gatewayName: "other" }),
    want: { resource: "httproute/apps/r" },
  },
  {
    code: "gateway-namespace-filter",
    objs: { gateways: [gw()], routes: [rt()] },
    cfg: config({ gatewayNamespace: "elsewhere" }),
    want: { resource: "httproute/apps/r" },
  },
  { code: "gateway-not-found", objs: { routes: [rt()] }, want: { message: "parent Gateway infra/gw does not exist", severity: "warning" } },
  {
    code: "controller-annotation",
    objs: { gateways: [gw()], routes: [rt({ annotations: { [`${ALPHA}controller`]: "none" } })] },
    want: { hostnames: ["a.example.com"] },
  },
  { code: "no-parent-refs", objs: { gateways: [gw()], routes: [rt({ parents: [] })] }, want: { severity: "warning" } },
  { code: "no-route-status", objs: { gateways: [gw()], routes: [rt({ noStatus: true })] }, want: { hostnames: ["a.example.com"] } },
  {
    code: "parent-not-in-spec",
    objs: { gateways: [gw()], routes: [rt({ statusParents: [{ name: "gw", namespace: "other" }] })] },
    want: { resource: "httproute/apps/r" },
  },
  {
    code: "route-not-accepted",
    objs: { gateways: [gw()], routes: [rt({ conditions: [{ type: "Accepted", status: "False" }] })] },
    want: { message: "Gateway infra/gw has not accepted the route (no Accepted=True condition in its status parent entry)" },
  },
  {
    code: "section-not-found",
    objs: { gateways: [gw()], routes: [rt({ parents: [{ name: "gw", namespace: "infra", sectionName: "https" }] })] },
    want: { message: "Gateway infra/gw has no listener named https (listeners: http)" },
  },
  {
    code: "port-mismatch",
    objs: { gateways: [gw()], routes: [rt({ parents: [{ name: "gw", namespace: "infra", port: 443 }] })] },
    want: { message: "the route's status parentRef asks for port 443, but listener http of Gateway infra/gw listens on port 80" },
  },
  {
    code: "protocol-mismatch",
    objs: { gateways: [gw({ listeners: [{ protocol: "UDP", from: "All" }] })], routes: [rt()] },
    want: { hostnames: ["a.example.com"] },
  },
  {
    code: "allowed-routes-namespace",
    objs: { gateways: [gw({ listeners: [{ hostname: "*.example.com" }] })], routes: [rt({ hostnames: undefined })] },
    // A route without hostnames is explained under the listener hostname it would inherit.
    want: { hostnames: ["*.example.com"] },
  },
  {
    code: "allowed-routes-kind",
    objs: { gateways: [gw({ listeners: [{ from: "All", kinds: [{ kind: "GRPCRoute" }] }] })], routes: [rt()] },
    want: { resource: "httproute/apps/r" },
  },
  {
    code: "hostname-not-in-listener",
    objs: { gateways: [gw({ listeners: [{ name: "web", hostname: "*.other.com", from: "All" }] })], routes: [rt()] },
    want: { message: "a.example.com matches no listener hostname of Gateway infra/gw (listeners: web (*.other.com))", hostnames: ["a.example.com"] },
  },
  {
    code: "no-targets",
    objs: { gateways: [gw({ addresses: [] })], routes: [rt()] },
    want: { resource: "gateway/infra/gw", hostnames: ["a.example.com"], severity: "warning" },
  },
  {
    code: "annotation-prefix-mismatch",
    objs: { gateways: [gw()], routes: [rt({ annotations: { [`${ALPHA}ttl`]: "60" } })] },
    cfg: config({ v: "v0.22.0" }),
    endpoints: 1,
    want: { resource: "httproute/apps/r", severity: "warning" },
  },
  {
    code: "annotation-ignored-here",
    objs: { gateways: [gw()], routes: [rt({ annotations: { [`${ALPHA}target`]: "x.example.net" } })] },
    endpoints: 1,
    want: {
      resource: "httproute/apps/r",
      message: `annotation ${ALPHA}target on HTTPRoute apps/r is ignored: targets come only from the parent Gateway (or ListenerSet); set ${ALPHA}target on the Gateway instead`,
    },
  },
  {
    code: "label-filter",
    objs: { gateways: [gw()], routes: [rt({ labels: { team: "b" } })] },
    cfg: config({ labelFilter: "team=a" }),
    want: { message: "the labels of HTTPRoute apps/r do not match --label-filter team=a" },
  },
  {
    code: "annotation-filter",
    objs: { gateways: [gw()], routes: [rt()] },
    cfg: config({ annotationFilter: "dns in (public)" }),
    want: { resource: "httproute/apps/r" },
  },
  { code: "endpoint-produced", objs: { gateways: [gw()], routes: [rt()] }, endpoints: 1, want: { severity: "info" } },
  {
    code: "invalid-annotation",
    objs: { gateways: [gw()], routes: [rt({ annotations: { [`${ALPHA}ttl`]: "abc" } })] },
    endpoints: 1,
    want: { severity: "warning" },
  },
  {
    code: "invalid-hostname",
    objs: { gateways: [gw()], routes: [rt({ hostnames: ["my_app.example.com"] })] },
    want: { hostnames: ["my_app.example.com"] },
  },
  {
    code: "hostname-source",
    objs: {
      gateways: [gw()],
      routes: [rt({ annotations: { [`${ALPHA}hostname`]: "b.example.com", [`${ALPHA}gateway-hostname-source`]: "defined-hosts-only" } })],
    },
    endpoints: 1,
    want: { hostnames: ["b.example.com"] },
  },
  {
    code: "namespace-filter",
    objs: { gateways: [gw()], routes: [rt()] },
    cfg: config({ namespace: "prod" }),
    want: { message: "HTTPRoute apps/r is outside --namespace prod" },
  },
  {
    code: "unsupported-parent",
    objs: { gateways: [gw()], routes: [rt({ parents: [{ name: "svc", kind: "Service", group: "" }] })] },
    want: { severity: "info" },
  },
  {
    code: "fqdn-template",
    objs: { gateways: [gw()], routes: [rt({ hostnames: undefined })] },
    cfg: config({ fqdnTemplate: "{{.Name}}.{{.Namespace}}.example.com" }),
    endpoints: 1,
    want: { resource: "httproute/apps/r", severity: "info", hostnames: ["r.apps.example.com"] },
  },
  {
    code: "fqdn-template-error",
    objs: { gateways: [gw()], routes: [rt({ hostnames: undefined })] },
    cfg: config({ fqdnTemplate: "{{ toLower .Labels.team }}.example.com" }),
    endpoints: 0,
    want: { resource: "httproute/apps/r", severity: "error", message: expect.stringContaining("invalid value; expected string") },
  },
  {
    code: "fqdn-template-not-evaluated",
    objs: { gateways: [gw()], routes: [rt({ hostnames: undefined })] },
    cfg: config({ fqdnTemplate: "{{ .CreationTimestamp }}.example.com" }),
    endpoints: 0,
    want: { resource: "httproute/apps/r", severity: "warning" },
  },
];

describe("every reason code", () => {
  it.each(cases.map((c) => [c.code, c] as const))("%s", (code, c) => {
    const res = run(c.objs, c.cfg ?? config(), c.kind);
    expect(res.endpoints).toHaveLength(c.endpoints ?? 0);
    expect(res.reasons).toContainEqual(expect.objectContaining({ code, ...c.want }));
  });

  it("an unparsable selector stops the source with an error reason", () => {
    const res = run({ gateways: [gw()], routes: [rt()] }, config({ gatewayLabelFilter: "a in (b" }));
    expect(res.endpoints).toEqual([]);
    expect(res.reasons).toEqual([expect.objectContaining({ code: "gateway-label-filter", severity: "error", resource: "config" })]);
  });

  it("names the listener check that blocks a host rather than hostname-not-in-listener", () => {
    const g = gw({
      listeners: [
        { name: "a", hostname: "*.a.example.com", from: "All" },
        { name: "b", hostname: "*.b.example.com", from: "Same" },
      ],
    });
    const res = run({ gateways: [g], routes: [rt({ hostnames: ["x.a.example.com", "x.b.example.com", "x.c.example.com"] })] });
    expect(res.endpoints.map((e) => e.dnsName)).toEqual(["x.a.example.com"]);
    const byCode = Object.fromEntries(res.reasons.filter((r) => r.resource === "httproute/apps/r").map((r) => [r.code, r.hostnames]));
    expect(byCode["allowed-routes-namespace"]).toEqual(["x.b.example.com"]);
    expect(byCode["hostname-not-in-listener"]).toEqual(["x.c.example.com"]);
  });

  it("reports a route that has no hosts against listeners that have none", () => {
    const res = run({ gateways: [gw()], routes: [rt({ hostnames: undefined })] });
    expect(res.reasons).toContainEqual(
      expect.objectContaining({ code: "hostname-not-in-listener", message: expect.stringContaining("the route has no hostnames") }),
    );
  });

  it("the hostname-source annotation at v0.20 and a Gateway ttl are both annotation-ignored-here", () => {
    const res = run(
      { gateways: [gw({ annotations: { [`${ALPHA}ttl`]: "60" } })], routes: [rt({ annotations: { [`${ALPHA}gateway-hostname-source`]: "annotation-only" } })] },
      config({ v: "v0.20.0" }),
    );
    expect(res.reasons.filter((r) => r.code === "annotation-ignored-here").map((r) => r.resource).sort()).toEqual([
      "gateway/infra/gw",
      "httproute/apps/r",
    ]);
  });

  it("selects Namespace labels for allowedRoutes Selector", () => {
    const g = gw({ listeners: [{ from: "Selector", selector: { matchLabels: { dns: "public" } } }] });
    const objs = { gateways: [g], routes: [rt()] };
    expect(run({ ...objs, namespaces: [namespace("apps", { dns: "public" })] }).endpoints).toHaveLength(1);
    const none = run({ ...objs, namespaces: [namespace("apps")] });
    expect(none.endpoints).toHaveLength(0);
    expect(none.reasons.map((r) => r.code)).toContain("allowed-routes-namespace");
  });
});
