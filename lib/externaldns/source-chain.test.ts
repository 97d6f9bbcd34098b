// The wrapped source chain, run on real cluster objects through the real Ingress, CRD and Gateway
// sources; the stage functions are called directly only for properties no source output can show.

import { describe, expect, it } from "vitest";
import { LEGACY_PREFIX } from "./annotations";
import { testConfig, V20, V21, V22 } from "./config.testkit";
import { dedupEndpoints, postProcess, runSources } from "./source-chain";
import { cluster, gateway, route, routeKinds } from "./sources/gateway.testkit";
import type { Config, Endpoint, KubeObject, Reason, RouteKind } from "./types";

const P = LEGACY_PREFIX;

const config = (over: Partial<Config> = {}): Config => testConfig({ sources: ["crd", "ingress"], ...over });

function crd(name: string, endpoints: unknown[]): KubeObject {
  return { apiVersion: "externaldns.k8s.io/v1alpha1", kind: "DNSEndpoint", metadata: { name, namespace: "networking" }, spec: { endpoints } };
}

function ing(name: string, host: string, lb: Array<{ ip?: string; hostname?: string }>, opts: { className?: string; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    metadata: { name, namespace: "apps", annotations: opts.annotations },
    spec: { ingressClassName: opts.className, rules: [{ host }] },
    status: { loadBalancer: { ingress: lb } },
  };
}

function summary(eps: Endpoint[]): string[] {
  return eps.map((e) => `${e.dnsName} ${e.recordType} ${e.targets.join(",")}`);
}

function endpoint(targets: string[], extra: Partial<Endpoint> = {}): Endpoint {
  return {
    dnsName: "gw.example.com",
    recordType: "A",
    targets,
    recordTTL: 0,
    setIdentifier: "",
    labels: { resource: "httproute/apps/web" },
    providerSpecific: [],
    ...extra,
  };
}

const tunnel = crd("cloudflared", [{ dnsName: "external.example.com", recordType: "CNAME", targets: ["7ee9277a.cfargotunnel.com"] }]);
const envoy = gateway("networking", "envoy", { addresses: ["192.168.0.239"] });
/** An HTTPRoute in apps attached to the envoy Gateway's only (HTTP, any host, all namespaces) listener. */
const webRoute = (name: string, host: string, annotations?: Record<string, string>) =>
  route("apps", name, { hostnames: [host], parents: [{ name: "envoy", namespace: "networking" }], annotations });

describe("runSources — multiSource", () => {
  it("seed: crd, ingress, gateway-httproute in flag order, --ingress-class=external, --gateway-label-filter", () => {
    const enabled = { "external-dns.alpha.kubernetes.io/enabled": "true" };
    const r = runSources(
      cluster({
        dnsEndpoints: [tunnel],
        ingresses: [
          ing("app", "app.example.com", [{ hostname: "external.example.com" }], { className: "external" }),
          ing("lan", "lan.example.com", [{ ip: "192.168.0.240" }], { className: "internal" }),
        ],
        gateways: [
          gateway("networking", "envoy-external", { addresses: ["192.168.0.239"], labels: enabled }),
          gateway("networking", "envoy-internal", { addresses: ["192.168.0.240"] }),
        ],
        routes: [
          route("apps", "web", { hostnames: ["gw.example.com"], parents: [{ name: "envoy-external", namespace: "networking" }] }),
          route("observability", "grafana", { hostnames: ["grafana.example.com"], parents: [{ name: "envoy-internal", namespace: "networking" }] }),
        ],
      }),
      config({
        sources: ["crd", "ingress", "gateway-httproute"],
        ingressClassNames: ["external"],
        cloudflareProxied: true,
        gatewayLabelFilter: "external-dns.alpha.kubernetes.io/enabled=true",
      }),
    );
    expect(summary(r.endpoints)).toEqual([
      "external.example.com CNAME 7ee9277a.cfargotunnel.com",
      "app.example.com CNAME external.example.com",
      "gw.example.com A 192.168.0.239",
    ]);
    expect(r.endpoints[2].labels.resource).toBe("httproute/apps/web");
    expect(r.reasons.find((x) => x.code === "ingress-class")?.hostnames).toEqual(["lan.example.com"]);
    expect(r.reasons.find((x) => x.code === "gateway-label-filter")).toMatchObject({
      resource: "httproute/observability/grafana",
      hostnames: ["grafana.example.com"],
    });
  });

  describe("each gateway-*route source reads only its own route kind", () => {
    const { gw, routes } = routeKinds();
    it.each<[string, RouteKind, string, string]>([
      ["gateway-httproute", "HTTPRoute", "web.example.com", "httproute/apps/h"],
      ["gateway-grpcroute", "GRPCRoute", "grpc.example.com", "grpcroute/apps/g"],
      ["gateway-tlsroute", "TLSRoute", "db.tls.example.com", "tlsroute/apps/t"],
      ["gateway-tcproute", "TCPRoute", "pg.example.com", "tcproute/apps/c"],
      ["gateway-udproute", "UDPRoute", "dns.example.com", "udproute/apps/u"],
    ])("--source=%s → the %s's record", (source, _kind, host, resource) => {
      const r = runSources(cluster({ gateways: [gw], routes }), config({ sources: [source] }));
      expect(summary(r.endpoints)).toEqual([`${host} A 10.0.0.1`]);
      expect(r.endpoints[0].labels.resource).toBe(resource);
    });
  });

  it.each(["node", "pod", "istio-gateway", "traefik-proxy"])("--source=%s is reported unsupported, with no endpoints", (source) => {
    const r = runSources(cluster({ dnsEndpoints: [tunnel] }), config({ sources: [source] }));
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toEqual([expect.objectContaining({ code: "unsupported-source", severity: "warning", resource: "config" })]);
    expect(r.reasons[0].message).toContain(source);
  });
});

describe("runSources — default targets", () => {
  const emptyA = crd("lb", [{ dnsName: "a.example.com", recordType: "A", recordTTL: 120, labels: { team: "x" } }]);

  it("a target-less endpoint is rebuilt from --default-targets, typed by them, labels kept", () => {
    const r = runSources(cluster({ dnsEndpoints: [emptyA] }), config({ sources: ["crd"], defaultTargets: ["1.2.3.4", "lb.example.com."] }));
    expect(summary(r.endpoints)).toEqual(["a.example.com A 1.2.3.4", "a.example.com CNAME lb.example.com"]);
    expect(r.endpoints.every((e) => e.recordTTL === 120 && e.labels.team === "x" && e.labels.resource === "crd/networking/lb")).toBe(true);
    expect(r.reasons.find((x) => x.code === "default-targets")?.hostnames).toEqual(["a.example.com"]);
  });

  it("endpoints with targets keep them unless --force-default-targets", () => {
    const o = cluster({ ingresses: [ing("app", "app.example.com", [{ ip: "10.0.0.1" }])] });
    const kept = runSources(o, config({ sources: ["ingress"], defaultTargets: ["1.2.3.4"] }));
    expect(summary(kept.endpoints)).toEqual(["app.example.com A 10.0.0.1"]);
    const forced = runSources(o, config({ sources: ["ingress"], defaultTargets: ["lb.example.com"], forceDefaultTargets: true }));
    expect(summary(forced.endpoints)).toEqual(["app.example.com CNAME lb.example.com"]);
    expect(forced.endpoints[0].labels.resource).toBe("ingress/apps/app");
  });

  it("without --default-targets nothing is rewritten, even with --force-default-targets", () => {
    const r = runSources(cluster({ dnsEndpoints: [emptyA] }), config({ sources: ["crd"], forceDefaultTargets: true }));
    expect(summary(r.endpoints)).toEqual(["a.example.com A "]);
  });
});

describe("runSources — dedupSource", () => {
  const hostnameA = crd("bad", [{ dnsName: "bad.example.com", recordType: "A", targets: ["lb.example.com"] }]);

  it.each([
    [V20, 1],
    [V21, 0],
    [V22, 0],
  ])("an A record with a hostname target at %s", (version, count) => {
    const r = runSources(cluster({ dnsEndpoints: [hostnameA] }), config({ version, sources: ["crd"] }));
    expect(r.endpoints).toHaveLength(count);
    const reason = r.reasons.find((x) => x.code === "invalid-endpoint");
    if (count === 0) expect(reason).toMatchObject({ hostnames: ["bad.example.com"], resource: "crd/networking/bad", severity: "warning" });
    else expect(reason).toBeUndefined();
  });

  it("drops exact duplicates across sources, keeping the first, and names the hostname", () => {
    const dup = crd("dup", [{ dnsName: "app.example.com", recordType: "A", targets: ["10.0.0.1"] }]);
    const r = runSources(
      cluster({ dnsEndpoints: [dup], ingresses: [ing("app", "app.example.com", [{ ip: "10.0.0.1" }])] }),
      config({ sources: ["ingress", "crd"] }),
    );
    expect(r.endpoints).toHaveLength(1);
    expect(r.endpoints[0].labels.resource).toBe("ingress/apps/app");
    expect(r.reasons.find((x) => x.code === "duplicate-endpoint")).toMatchObject({ hostnames: ["app.example.com"], resource: "crd/networking/dup" });
  });

  it("a Gateway route and a DNSEndpoint publishing the same record: the first source in flag order wins", () => {
    const same = crd("same", [{ dnsName: "gw.example.com", recordType: "A", targets: ["192.168.0.239"] }]);
    const r = runSources(
      cluster({ dnsEndpoints: [same], gateways: [envoy], routes: [webRoute("web", "gw.example.com")] }),
      config({ sources: ["gateway-httproute", "crd"] }),
    );
    expect(summary(r.endpoints)).toEqual(["gw.example.com A 192.168.0.239"]);
    expect(r.endpoints[0].labels.resource).toBe("httproute/apps/web");
    expect(r.reasons.find((x) => x.code === "duplicate-endpoint")).toMatchObject({ resource: "crd/networking/same", hostnames: ["gw.example.com"] });
  });

  it("same name and type with different targets from two sources are not merged", () => {
    const other = crd("other", [{ dnsName: "app.example.com", recordType: "A", targets: ["10.0.0.2"] }]);
    const r = runSources(
      cluster({ dnsEndpoints: [other], ingresses: [ing("app", "app.example.com", [{ ip: "10.0.0.1" }])] }),
      config({ sources: ["ingress", "crd"] }),
    );
    expect(summary(r.endpoints)).toEqual(["app.example.com A 10.0.0.1", "app.example.com A 10.0.0.2"]);
  });

  // Every source sorts its own targets, so only dedupEndpoints itself can show this step.
  it.each([
    [V20, ["10.0.0.2,10.0.0.1,10.0.0.2", "10.0.0.1,10.0.0.2"]],
    [V21, ["10.0.0.1,10.0.0.2"]],
  ])("multi-target lists are sorted and de-duplicated before comparing only from v0.21 (%s)", (version, expected) => {
    const reasons: Reason[] = [];
    const out = dedupEndpoints([endpoint(["10.0.0.2", "10.0.0.1", "10.0.0.2"]), endpoint(["10.0.0.1", "10.0.0.2"])], config({ version }), reasons);
    expect(out.map((e) => e.targets.join(","))).toEqual(expected);
  });
});

describe("runSources — postProcessor", () => {
  it("--min-ttl fills only unset TTLs", () => {
    const r = runSources(
      cluster({ gateways: [envoy], routes: [webRoute("web", "gw.example.com"), webRoute("api", "api.example.com", { [`${P}ttl`]: "30" })] }),
      config({ version: V20, sources: ["gateway-httproute"], minTTL: 300 }),
    );
    expect(r.endpoints.map((e) => `${e.dnsName} ${e.recordTTL}`)).toEqual(["gw.example.com 300", "api.example.com 30"]);
  });

  // The route's annotations give the properties in the order alias, cloudflare-proxied, aws/weight.
  it.each([
    [V20, "cloudflare", ["alias", `${P}cloudflare-proxied`, "aws/weight"]],
    [V21, "cloudflare", ["alias", "aws/weight", `${P}cloudflare-proxied`]],
    [V22, "aws", ["alias", "aws/weight"]],
  ])("provider properties at %s with provider %s", (version, provider, names) => {
    const cfg = config({ version, provider, sources: ["gateway-httproute"] });
    const prefix = cfg.annotationPrefix;
    const annotations = { [`${prefix}cloudflare-proxied`]: "true", [`${prefix}aws-weight`]: "10", [`${prefix}alias`]: "true" };
    const r = runSources(cluster({ gateways: [envoy], routes: [webRoute("web", "gw.example.com", annotations)] }), cfg);
    expect(r.endpoints[0].providerSpecific.map((p) => p.name)).toEqual(names);
  });

  it("postProcess returns new endpoints and leaves the ones it was given as they were", () => {
    const props = [
      { name: `${P}cloudflare-proxied`, value: "true" },
      { name: "aws/weight", value: "10" },
      { name: "alias", value: "true" },
    ];
    const original = endpoint(["1.1.1.1"], { providerSpecific: [...props] });
    const [out] = postProcess([original], config({ minTTL: 60 }));
    expect(out.recordTTL).toBe(60);
    expect(out.providerSpecific.map((p) => p.name)).toEqual(["alias", "aws/weight", `${P}cloudflare-proxied`]);
    expect(original.recordTTL).toBe(0);
    expect(original.providerSpecific.map((p) => p.name)).toEqual(props.map((p) => p.name));
  });
});
