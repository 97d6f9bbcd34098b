import { beforeEach, describe, expect, it, vi } from "vitest";
import { GA_PREFIX, LEGACY_PREFIX } from "./annotations";
import { runSources } from "./source-chain";
import { gatewayRouteSource } from "./sources/gateway";
import type { ClusterObjects, Config, Endpoint, KubeObject, Version } from "./types";

// The gateway sources are another module's concern; here only the dispatch to them matters.
vi.mock("./sources/gateway", () => ({ gatewayRouteSource: vi.fn(() => ({ endpoints: [], reasons: [] })) }));
const gatewayMock = vi.mocked(gatewayRouteSource);

const V20: Version = { major: 0, minor: 20, patch: 0, raw: "v0.20.0" };
const V21: Version = { major: 0, minor: 21, patch: 0, raw: "v0.21.0" };
const V22: Version = { major: 0, minor: 22, patch: 0, raw: "v0.22.0" };
const P = LEGACY_PREFIX;

function config(over: Partial<Config> = {}): Config {
  const version = over.version ?? V21;
  return {
    version,
    annotationPrefix: version.minor >= 22 ? GA_PREFIX : LEGACY_PREFIX,
    annotationPrefixExplicit: false,
    provider: "cloudflare",
    sources: ["crd", "ingress"],
    policy: "sync",
    registry: "txt",
    interval: "1m",
    txtOwnerId: "default",
    txtPrefix: "",
    txtSuffix: "",
    txtWildcardReplacement: "",
    txtEncryptEnabled: false,
    txtEncryptAesKey: "",
    migrateFromTxtOwner: "",
    domainFilters: [],
    excludeDomains: [],
    regexDomainFilter: "",
    regexDomainExclusion: "",
    zoneIdFilters: [],
    managedRecordTypes: ["A", "AAAA", "CNAME"],
    excludeRecordTypes: [],
    namespace: "",
    labelFilter: "",
    annotationFilter: "",
    ingressClassNames: [],
    ignoreIngressTLSSpec: false,
    ignoreIngressRulesSpec: false,
    ignoreHostnameAnnotation: false,
    fqdnTemplate: "",
    combineFqdnAndAnnotation: false,
    gatewayName: "",
    gatewayNamespace: "",
    gatewayLabelFilter: "",
    gatewayListenerSets: false,
    crdSourceApiVersion: "externaldns.k8s.io/v1alpha1",
    crdSourceKind: "DNSEndpoint",
    defaultTargets: [],
    forceDefaultTargets: false,
    minTTL: 0,
    cloudflareProxied: false,
    cloudflareRecordComment: "",
    cloudflareDnsRecordsPerPage: 100,
    cloudflareRegionalServices: false,
    cloudflareRegionKey: "",
    cloudflareCustomHostnames: false,
    batchChangeSize: 200,
    dryRun: false,
    once: false,
    issues: [],
    ...over,
  };
}

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

function objects(o: Partial<ClusterObjects>): ClusterObjects {
  return { gateways: [], routes: [], listenerSets: [], ingresses: [], dnsEndpoints: [], namespaces: [], ...o };
}

function summary(eps: Endpoint[]): string[] {
  return eps.map((e) => `${e.dnsName} ${e.recordType} ${e.targets.join(",")}`);
}

function gatewayEndpoint(targets: string[], extra: Partial<Endpoint> = {}): Endpoint {
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

beforeEach(() => {
  gatewayMock.mockReset();
  gatewayMock.mockReturnValue({ endpoints: [], reasons: [] });
});

const tunnel = crd("cloudflared", [{ dnsName: "external.example.com", recordType: "CNAME", targets: ["7ee9277a.cfargotunnel.com"] }]);

describe("runSources — multiSource", () => {
  it("seed: crd, ingress, gateway-httproute in flag order, --ingress-class=external", () => {
    gatewayMock.mockReturnValue({ endpoints: [gatewayEndpoint(["192.168.0.239"])], reasons: [] });
    const r = runSources(
      objects({
        dnsEndpoints: [tunnel],
        ingresses: [
          ing("app", "app.example.com", [{ hostname: "external.example.com" }], { className: "external" }),
          ing("lan", "lan.example.com", [{ ip: "192.168.0.240" }], { className: "internal" }),
        ],
      }),
      config({ sources: ["crd", "ingress", "gateway-httproute"], ingressClassNames: ["external"], cloudflareProxied: true }),
    );
    expect(summary(r.endpoints)).toEqual([
      "external.example.com CNAME 7ee9277a.cfargotunnel.com",
      "app.example.com CNAME external.example.com",
      "gw.example.com A 192.168.0.239",
    ]);
    expect(gatewayMock).toHaveBeenCalledWith("HTTPRoute", expect.anything(), expect.anything());
    expect(r.reasons.find((x) => x.code === "ingress-class")?.hostnames).toEqual(["lan.example.com"]);
  });

  it.each([
    ["gateway-grpcroute", "GRPCRoute"],
    ["gateway-tlsroute", "TLSRoute"],
    ["gateway-tcproute", "TCPRoute"],
    ["gateway-udproute", "UDPRoute"],
  ])("%s dispatches to the gateway source for %s", (source, kind) => {
    runSources(objects({}), config({ sources: [source] }));
    expect(gatewayMock).toHaveBeenCalledWith(kind, expect.anything(), expect.anything());
  });

  it.each(["service", "node", "istio-gateway", "traefik-proxy"])("--source=%s is reported unsupported, with no endpoints", (source) => {
    const r = runSources(objects({ dnsEndpoints: [tunnel] }), config({ sources: [source] }));
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toEqual([expect.objectContaining({ code: "unsupported-source", severity: "warning", resource: "config" })]);
    expect(r.reasons[0].message).toContain(source);
  });
});

describe("runSources — default targets", () => {
  const emptyA = crd("lb", [{ dnsName: "a.example.com", recordType: "A", recordTTL: 120, labels: { team: "x" } }]);

  it("a target-less endpoint is rebuilt from --default-targets, typed by them, labels kept", () => {
    const r = runSources(objects({ dnsEndpoints: [emptyA] }), config({ sources: ["crd"], defaultTargets: ["1.2.3.4", "lb.example.com."] }));
    expect(summary(r.endpoints)).toEqual(["a.example.com A 1.2.3.4", "a.example.com CNAME lb.example.com"]);
    expect(r.endpoints.every((e) => e.recordTTL === 120 && e.labels.team === "x" && e.labels.resource === "crd/networking/lb")).toBe(true);
    expect(r.reasons.find((x) => x.code === "default-targets")?.hostnames).toEqual(["a.example.com"]);
  });

  it("endpoints with targets keep them unless --force-default-targets", () => {
    const o = objects({ ingresses: [ing("app", "app.example.com", [{ ip: "10.0.0.1" }])] });
    const kept = runSources(o, config({ sources: ["ingress"], defaultTargets: ["1.2.3.4"] }));
    expect(summary(kept.endpoints)).toEqual(["app.example.com A 10.0.0.1"]);
    const forced = runSources(o, config({ sources: ["ingress"], defaultTargets: ["lb.example.com"], forceDefaultTargets: true }));
    expect(summary(forced.endpoints)).toEqual(["app.example.com CNAME lb.example.com"]);
    expect(forced.endpoints[0].labels.resource).toBe("ingress/apps/app");
  });

  it("without --default-targets nothing is rewritten, even with --force-default-targets", () => {
    const r = runSources(objects({ dnsEndpoints: [emptyA] }), config({ sources: ["crd"], forceDefaultTargets: true }));
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
    const r = runSources(objects({ dnsEndpoints: [hostnameA] }), config({ version, sources: ["crd"] }));
    expect(r.endpoints).toHaveLength(count);
    const reason = r.reasons.find((x) => x.code === "invalid-endpoint");
    if (count === 0) expect(reason).toMatchObject({ hostnames: ["bad.example.com"], resource: "crd/networking/bad", severity: "warning" });
    else expect(reason).toBeUndefined();
  });

  it("drops exact duplicates across sources, keeping the first, and names the hostname", () => {
    const dup = crd("dup", [{ dnsName: "app.example.com", recordType: "A", targets: ["10.0.0.1"] }]);
    const r = runSources(
      objects({ dnsEndpoints: [dup], ingresses: [ing("app", "app.example.com", [{ ip: "10.0.0.1" }])] }),
      config({ sources: ["ingress", "crd"] }),
    );
    expect(r.endpoints).toHaveLength(1);
    expect(r.endpoints[0].labels.resource).toBe("ingress/apps/app");
    expect(r.reasons.find((x) => x.code === "duplicate-endpoint")).toMatchObject({ hostnames: ["app.example.com"], resource: "crd/networking/dup" });
  });

  it("same name and type with different targets from two sources are not merged", () => {
    const other = crd("other", [{ dnsName: "app.example.com", recordType: "A", targets: ["10.0.0.2"] }]);
    const r = runSources(
      objects({ dnsEndpoints: [other], ingresses: [ing("app", "app.example.com", [{ ip: "10.0.0.1" }])] }),
      config({ sources: ["ingress", "crd"] }),
    );
    expect(summary(r.endpoints)).toEqual(["app.example.com A 10.0.0.1", "app.example.com A 10.0.0.2"]);
  });

  it.each([
    [V20, ["10.0.0.2,10.0.0.1,10.0.0.2", "10.0.0.1,10.0.0.2"]],
    [V21, ["10.0.0.1,10.0.0.2"]],
  ])("multi-target lists are sorted and de-duplicated before comparing only from v0.21 (%s)", (version, expected) => {
    gatewayMock.mockReturnValue({ endpoints: [gatewayEndpoint(["10.0.0.2", "10.0.0.1", "10.0.0.2"]), gatewayEndpoint(["10.0.0.1", "10.0.0.2"])], reasons: [] });
    const r = runSources(objects({}), config({ version, sources: ["gateway-httproute"] }));
    expect(r.endpoints.map((e) => e.targets.join(","))).toEqual(expected);
  });
});

describe("runSources — postProcessor", () => {
  const props = [
    { name: `${P}cloudflare-proxied`, value: "true" },
    { name: "aws/weight", value: "10" },
    { name: "alias", value: "true" },
  ];

  it("--min-ttl fills only unset TTLs", () => {
    gatewayMock.mockReturnValue({ endpoints: [gatewayEndpoint(["1.1.1.1"]), gatewayEndpoint(["2.2.2.2"], { recordTTL: 30 })], reasons: [] });
    const r = runSources(objects({}), config({ version: V20, sources: ["gateway-httproute"], minTTL: 300 }));
    expect(r.endpoints.map((e) => e.recordTTL)).toEqual([300, 30]);
  });

  it.each([
    [V20, "cloudflare", [`${P}cloudflare-proxied`, "aws/weight", "alias"]],
    [V21, "cloudflare", ["alias", "aws/weight", `${P}cloudflare-proxied`]],
    [V22, "aws", ["alias", "aws/weight"]],
  ])("provider properties at %s with provider %s", (version, provider, names) => {
    gatewayMock.mockReturnValue({ endpoints: [gatewayEndpoint(["1.1.1.1"], { providerSpecific: props })], reasons: [] });
    const r = runSources(objects({}), config({ version, provider, sources: ["gateway-httproute"] }));
    expect(r.endpoints[0].providerSpecific.map((p) => p.name)).toEqual(names);
  });

  it("does not mutate what the sources returned", () => {
    const original = gatewayEndpoint(["1.1.1.1"], { providerSpecific: [...props] });
    gatewayMock.mockReturnValue({ endpoints: [original], reasons: [] });
    runSources(objects({}), config({ sources: ["gateway-httproute"], minTTL: 60 }));
    expect(original.recordTTL).toBe(0);
    expect(original.providerSpecific.map((p) => p.name)).toEqual(props.map((p) => p.name));
  });
});
