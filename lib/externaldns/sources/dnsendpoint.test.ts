import { describe, expect, it } from "vitest";
import { GA_PREFIX, LEGACY_PREFIX } from "../annotations";
import { testConfig, V20, V21, V22 } from "../config.testkit";
import type { ClusterObjects, Config, KubeObject } from "../types";
import { dnsEndpointSource, illegalTarget } from "./dnsendpoint";

const config = (over: Partial<Config> = {}): Config => testConfig({ sources: ["crd"], ...over });

function dnsEndpoint(endpoints: unknown, meta: Partial<KubeObject["metadata"]> = {}, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: "externaldns.k8s.io/v1alpha1",
    kind: "DNSEndpoint",
    metadata: { name: "test", namespace: "default", ...meta },
    spec: { endpoints },
    ...extra,
  };
}

function objects(dnsEndpoints: KubeObject[]): ClusterObjects {
  return { gateways: [], routes: [], listenerSets: [], ingresses: [], dnsEndpoints, namespaces: [] };
}

function run(objs: KubeObject[], over: Partial<Config> = {}) {
  return dnsEndpointSource(objects(objs), config(over));
}

const tunnel = {
  dnsName: "external.example.com",
  recordType: "CNAME",
  targets: ["7ee9277a-e2f3-45ae-a0ac-4e85d39fc334.cfargotunnel.com"],
};

describe("dnsEndpointSource — vector #25", () => {
  it.each([
    ["illegal target A", { dnsName: "example.org", recordType: "A", targets: ["1.2.3.4."] }, V22, false],
    ["illegal target NAPTR", { dnsName: "example.org", recordType: "NAPTR", targets: ['100 10 "S" "SIP+D2U" "!^.*$!sip:x@example.org!" _sip._udp.example.org'] }, V22, false],
    ["valid NAPTR (trailing dot)", { dnsName: "example.org", recordType: "NAPTR", targets: ['100 10 "S" "SIP+D2U" "!^.*$!sip:x@example.org!" _sip._udp.example.org.'] }, V22, true],
    ["CNAME target with trailing dot (v0.22)", { dnsName: "example.org", recordType: "CNAME", targets: ["foo.example.org."] }, V22, true],
    ["CNAME target with trailing dot (v0.21)", { dnsName: "example.org", recordType: "CNAME", targets: ["foo.example.org."] }, V21, true],
    ["CNAME target with trailing dot (v0.20)", { dnsName: "example.org", recordType: "CNAME", targets: ["foo.example.org."] }, V20, false],
    ["valid target TXT", { dnsName: "example.org", recordType: "TXT", targets: ["foo.example.org."] }, V20, true],
  ])("%s", (_n, ep, version, emitted) => {
    const r = run([dnsEndpoint([ep])], { version });
    expect(r.endpoints.length).toBe(emitted ? 1 : 0);
    if (emitted) {
      expect(r.endpoints[0].labels.resource).toBe("crd/default/test");
      // Not normalised: the dot stays.
      expect(r.endpoints[0].targets).toEqual(ep.targets);
    } else {
      expect(r.reasons.find((x) => x.code === "invalid-target")).toMatchObject({ severity: "warning", hostnames: ["example.org"] });
    }
  });

  it.each([
    ["TXT", V20, undefined],
    ["CNAME", V20, "illegal"],
    ["CNAME", V21, undefined],
    ["MX", V20, "illegal"],
    ["MX", V21, undefined],
    ["SRV", V21, "illegal"],
    ["SRV", V22, undefined],
    ["DNAME", V21, "illegal"],
    ["DNAME", V22, undefined],
    ["A", V22, "illegal"],
    ["NS", V22, "illegal"],
    ["PTR", V22, "illegal"],
    ["cname", V22, "illegal"],
  ])("a dotted %s target at %s", (type, version, expected) => {
    const problem = illegalTarget(type, ["x.example.org."], version);
    expect(problem === undefined ? undefined : "illegal").toBe(expected);
  });
});

describe("dnsEndpointSource — decoding", () => {
  it("seed: the cloudflared tunnel CNAME passes through as written", () => {
    const r = run([dnsEndpoint([tunnel], { name: "cloudflared", namespace: "networking" })]);
    expect(r.endpoints).toEqual([
      {
        dnsName: "external.example.com",
        recordType: "CNAME",
        targets: ["7ee9277a-e2f3-45ae-a0ac-4e85d39fc334.cfargotunnel.com"],
        recordTTL: 0,
        setIdentifier: "",
        labels: { resource: "crd/networking/cloudflared" },
        providerSpecific: [],
      },
    ]);
    expect(r.reasons.find((x) => x.code === "endpoint-produced")?.hostnames).toEqual(["external.example.com"]);
  });

  it("keeps user labels, recordTTL, set identifier and providerSpecific; forces the resource label", () => {
    const ps = [{ name: `${LEGACY_PREFIX}cloudflare-proxied`, value: "false" }];
    const r = run([
      dnsEndpoint([{ dnsName: "Foo.Example.com.", recordType: "A", targets: ["1.2.3.4"], recordTTL: 300, setIdentifier: "x", labels: { team: "a", resource: "fake" }, providerSpecific: ps }]),
    ]);
    expect(r.endpoints[0]).toEqual({
      dnsName: "Foo.Example.com.",
      recordType: "A",
      targets: ["1.2.3.4"],
      recordTTL: 300,
      setIdentifier: "x",
      labels: { team: "a", resource: "crd/default/test" },
      providerSpecific: ps,
    });
  });

  it.each([
    ["spec.endpoints not a list", "nope", "spec.endpoints"],
    ["dnsName missing", [{ recordType: "A", targets: ["1.2.3.4"] }], "spec.endpoints[0].dnsName"],
    ["targets not strings", [{ dnsName: "a.example.com", recordType: "A", targets: [1] }], "spec.endpoints[0].targets"],
    ["recordTTL a string", [{ dnsName: "a.example.com", recordType: "A", targets: ["1.2.3.4"], recordTTL: "300" }], "spec.endpoints[0].recordTTL"],
    ["providerSpecific malformed", [{ dnsName: "a.example.com", targets: [], providerSpecific: [{ value: "x" }] }], "providerSpecific[0]"],
    ["endpoint not an object", ["a.example.com"], "spec.endpoints[0]"],
  ])("bad shape (%s) → warning naming the field, no crash", (_n, endpoints, field) => {
    const r = run([dnsEndpoint(endpoints, { name: "broken" })]);
    expect(r.endpoints).toEqual([]);
    const reason = r.reasons.find((x) => x.code === "invalid-spec");
    expect(reason).toMatchObject({ resource: "crd/default/broken", severity: "warning" });
    expect(reason?.message).toContain(field);
  });

  it("a bad endpoint does not take its siblings down", () => {
    const r = run([dnsEndpoint([{ dnsName: 3 }, tunnel])]);
    expect(r.endpoints.map((e) => e.dnsName)).toEqual(["external.example.com"]);
  });

  it("no spec at all is simply empty", () => {
    const r = run([{ metadata: { name: "x", namespace: "default" } }]);
    expect(r).toEqual({ endpoints: [], reasons: [] });
  });
});

describe("dnsEndpointSource — merge by version", () => {
  const two = [
    dnsEndpoint([{ dnsName: "a.example.com", recordType: "A", targets: ["10.0.0.2"] }], { name: "one" }),
    dnsEndpoint([{ dnsName: "a.example.com", recordType: "A", targets: ["10.0.0.1"] }], { name: "two" }),
  ];

  it("v0.20: no merge, targets as decoded", () => {
    const r = run(two, { version: V20 });
    expect(r.endpoints.map((e) => e.targets)).toEqual([["10.0.0.2"], ["10.0.0.1"]]);
  });

  it("v0.21: same name/type/TTL merge, first object's labels win", () => {
    const r = run(two, { version: V21 });
    expect(r.endpoints).toHaveLength(1);
    expect(r.endpoints[0]).toMatchObject({ targets: ["10.0.0.1", "10.0.0.2"], labels: { resource: "crd/default/one" } });
  });

  const dnames = [
    dnsEndpoint([{ dnsName: "d.example.com", recordType: "DNAME", targets: ["x.example.net"] }], { name: "one" }),
    dnsEndpoint([{ dnsName: "d.example.com", recordType: "DNAME", targets: ["y.example.net"] }], { name: "two" }),
  ];

  it("v0.21: DNAME merges like A", () => {
    expect(run(dnames, { version: V21 }).endpoints.map((e) => e.targets)).toEqual([["x.example.net", "y.example.net"]]);
  });

  it("v0.22: DNAME keys on its first target, so different targets stay apart", () => {
    expect(run(dnames, { version: V22 }).endpoints.map((e) => e.targets)).toEqual([["x.example.net"], ["y.example.net"]]);
  });

  it.each([
    [V20, 1, "yields no record"],
    [V21, 0, "dropped by external-dns's merge step"],
  ])("target-less CNAME at %s", (version, count, message) => {
    const r = run([dnsEndpoint([{ dnsName: "c.example.com", recordType: "CNAME", targets: [] }])], { version });
    expect(r.endpoints).toHaveLength(count);
    expect(r.reasons.find((x) => x.code === "no-targets")).toMatchObject({ hostnames: ["c.example.com"], message: expect.stringContaining(message) });
  });

  it("target-less A is kept for --default-targets", () => {
    const r = run([dnsEndpoint([{ dnsName: "a.example.com", recordType: "A" }])], { defaultTargets: ["1.2.3.4"] });
    expect(r.endpoints).toHaveLength(1);
    expect(r.reasons.find((x) => x.code === "no-targets")?.severity).toBe("info");
  });
});

describe("dnsEndpointSource — filters and annotations", () => {
  it.each([
    ["namespace", { namespace: "other" }, { namespace: "networking" }, "namespace-filter"],
    ["label", { labels: { a: "b" } }, { labelFilter: "a=c" }, "label-filter"],
    ["annotation", { annotations: { x: "1" } }, { annotationFilter: "x=2" }, "annotation-filter"],
  ])("%s filter excludes and names the hostnames", (_n, meta, over, code) => {
    const r = run([dnsEndpoint([tunnel], meta as Partial<KubeObject["metadata"]>)], over as Partial<Config>);
    expect(r.endpoints).toEqual([]);
    expect(r.reasons.find((x) => x.code === code)?.hostnames).toEqual(["external.example.com"]);
  });

  it("no controller check: controller=none does not exclude, but is flagged as ignored", () => {
    const r = run([dnsEndpoint([tunnel], { annotations: { [`${LEGACY_PREFIX}controller`]: "none" } })]);
    expect(r.endpoints).toHaveLength(1);
    expect(r.reasons.find((x) => x.code === "annotation-ignored-here")?.message).toContain("no controller-annotation check");
  });

  it("a ttl annotation does nothing on a DNSEndpoint", () => {
    const r = run([dnsEndpoint([tunnel], { annotations: { [`${LEGACY_PREFIX}ttl`]: "60" } })]);
    expect(r.endpoints[0].recordTTL).toBe(0);
    expect(r.reasons.some((x) => x.code === "annotation-ignored-here" && x.message.includes("recordTTL"))).toBe(true);
  });

  it("v0.22: providerSpecific with the alpha prefix is flagged as a prefix mismatch (still passed through)", () => {
    const ps = [{ name: `${LEGACY_PREFIX}cloudflare-proxied`, value: "true" }];
    const r = run([dnsEndpoint([{ ...tunnel, providerSpecific: ps }])], { version: V22 });
    expect(r.endpoints[0].providerSpecific).toEqual(ps);
    expect(r.reasons.find((x) => x.code === "annotation-prefix-mismatch")).toMatchObject({
      hostnames: ["external.example.com"],
      message: expect.stringContaining(`${GA_PREFIX}cloudflare-proxied`),
    });
  });

  it.each([
    ["v0.20 honours --crd-source-kind", V20, "Other", 0],
    ["v0.21 ignores --crd-source-kind", V21, "Other", 1],
    ["v0.20 with the default kind", V20, "DNSEndpoint", 1],
  ])("%s", (_n, version, kind, count) => {
    const r = run([dnsEndpoint([tunnel])], { version, crdSourceKind: kind });
    expect(r.endpoints).toHaveLength(count);
    if (count === 0) expect(r.reasons.find((x) => x.code === "crd-source-kind")?.hostnames).toEqual(["external.example.com"]);
  });

  it("v0.20 does not read objects of another apiVersion than --crd-source-apiversion", () => {
    const r = run([dnsEndpoint([tunnel], {}, { apiVersion: "externaldns.k8s.io/v1alpha2" })], { version: V20 });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons.some((x) => x.code === "crd-source-kind")).toBe(true);
  });
});
