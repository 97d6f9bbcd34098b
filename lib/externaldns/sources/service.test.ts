// Ported from external-dns source/service_test.go, TestServiceSource (testServiceSourceEndpoints)
// and testMultipleServicesEndpoints at v0.20.0, v0.21.0 and v0.22.0: the cases are the same at the
// three tags unless a case says otherwise. Each case runs at every version with that version's
// annotation prefix. Cases whose subject dnsdrift does not evaluate (DNS resolution of LB
// hostnames, --compatibility legacy annotations) are pinned to what dnsdrift reports instead.

import { describe, expect, it } from "vitest";
import { defaultAnnotationPrefix } from "../annotations";
import { V20, V21, V22 } from "../config.testkit";
import type { Config, Version } from "../types";
import { expectRows, nameTemplate, type Row, runServices, svc, type SvcInit } from "./service.testkit";

const VERSIONS: Version[] = [V20, V21, V22];

/** Annotation keys without "/" are external-dns's own and get the version's prefix. */
function keyed(version: Version, ann: Record<string, string>): Record<string, string> {
  const P = defaultAnnotationPrefix(version);
  return Object.fromEntries(Object.entries(ann).map(([k, v]) => [k.includes("/") ? k : P + k, v]));
}

interface Case {
  title: string;
  svc: SvcInit;
  cfg?: Partial<Config>;
  template?: string;
  expected: Row[];
}

const LB = (ann: Record<string, string>, lbs: string[], extra: SvcInit = {}): SvcInit => ({ type: "LoadBalancer", annotations: ann, lbs, ...extra });

// testServiceSourceEndpoints
const CASES: Case[] = [
  { title: "no annotated services return no endpoints", svc: LB({}, ["1.2.3.4"]), expected: [] },
  { title: "annotated services return an endpoint with target IP", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"]), cfg: { serviceTypeFilter: ["LoadBalancer"] }, expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "hostname annotation on services is ignored", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"]), cfg: { ignoreHostnameAnnotation: true }, expected: [] },
  { title: "annotated ClusterIp aren't processed without explicit authorization", svc: { type: "ClusterIP", clusterIP: "1.2.3.4", annotations: { hostname: "foo.example.org." } }, expected: [] },
  {
    title: "FQDN template with multiple hostnames return an endpoint with target IP",
    svc: LB({}, ["1.2.3.4"]),
    template: "{{.Name}}.fqdn.org,{{.Name}}.fqdn.com",
    cfg: { serviceTypeFilter: ["LoadBalancer", "NodePort"] },
    expected: [["foo.fqdn.org", "A", ["1.2.3.4"]], ["foo.fqdn.com", "A", ["1.2.3.4"]]],
  },
  { title: "with excluded service type should not generate endpoints", svc: LB({}, ["1.2.3.4"]), template: "{{.Name}}.fqdn.org,{{.Name}}.fqdn.com", cfg: { serviceTypeFilter: ["NodePort"] }, expected: [] },
  {
    title: "FQDN template with multiple hostnames return an endpoint with target IP when ignoring annotations",
    svc: LB({}, ["1.2.3.4"]),
    template: "{{.Name}}.fqdn.org,{{.Name}}.fqdn.com",
    cfg: { ignoreHostnameAnnotation: true },
    expected: [["foo.fqdn.org", "A", ["1.2.3.4"]], ["foo.fqdn.com", "A", ["1.2.3.4"]]],
  },
  {
    title: "FQDN template and annotation both with multiple hostnames return an endpoint with target IP",
    svc: LB({ hostname: "foo.example.org., bar.example.org." }, ["1.2.3.4"]),
    template: "{{.Name}}.fqdn.org,{{.Name}}.fqdn.com",
    cfg: { combineFqdnAndAnnotation: true },
    expected: [["foo.example.org", "A", ["1.2.3.4"]], ["bar.example.org", "A", ["1.2.3.4"]], ["foo.fqdn.org", "A", ["1.2.3.4"]], ["foo.fqdn.com", "A", ["1.2.3.4"]]],
  },
  {
    title: "FQDN template and annotation both with multiple hostnames while ignoring annotations will only return FQDN endpoints",
    svc: LB({ hostname: "foo.example.org., bar.example.org." }, ["1.2.3.4"]),
    template: "{{.Name}}.fqdn.org,{{.Name}}.fqdn.com",
    cfg: { combineFqdnAndAnnotation: true, ignoreHostnameAnnotation: true },
    expected: [["foo.fqdn.org", "A", ["1.2.3.4"]], ["foo.fqdn.com", "A", ["1.2.3.4"]]],
  },
  { title: "annotated services with multiple hostnames return an endpoint with target IP", svc: LB({ hostname: "foo.example.org., bar.example.org." }, ["1.2.3.4"]), expected: [["foo.example.org", "A", ["1.2.3.4"]], ["bar.example.org", "A", ["1.2.3.4"]]] },
  { title: "annotated services with multiple hostnames and without trailing period return an endpoint with target IP", svc: LB({ hostname: "foo.example.org, bar.example.org" }, ["1.2.3.4"]), expected: [["foo.example.org", "A", ["1.2.3.4"]], ["bar.example.org", "A", ["1.2.3.4"]]] },
  { title: "annotated services return an endpoint with target hostname", svc: LB({ hostname: "foo.example.org." }, ["lb.example.com"]), expected: [["foo.example.org", "CNAME", ["lb.example.com"]]] },
  { title: "annotated services can omit trailing dot", svc: LB({ hostname: "foo.example.org" }, ["1.2.3.4", "lb.example.com"]), expected: [["foo.example.org", "A", ["1.2.3.4"]], ["foo.example.org", "CNAME", ["lb.example.com"]]] },
  { title: "our controller type is kops dns controller", svc: LB({ controller: "dns-controller", hostname: "foo.example.org." }, ["1.2.3.4"]), cfg: { serviceTypeFilter: ["LoadBalancer", "NodePort"] }, expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "different controller types are ignored even (with template specified)", svc: LB({ controller: "some-other-tool", hostname: "foo.example.org." }, ["1.2.3.4"]), template: "{{.Name}}.ext-dns.test.com", expected: [] },
  { title: "services are found in target namespace", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"]), cfg: { namespace: "testing" }, expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "services that are not in target namespace are ignored", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"], { namespace: "other-testing" }), cfg: { namespace: "testing" }, expected: [] },
  { title: "services are found in all namespaces", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"], { namespace: "other-testing" }), expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  {
    title: "valid matching annotation filter expression",
    svc: LB({ hostname: "foo.example.org.", "service.beta.kubernetes.io/external-traffic": "Global" }, ["1.2.3.4"]),
    cfg: { annotationFilter: "service.beta.kubernetes.io/external-traffic in (Global, OnlyLocal)" },
    expected: [["foo.example.org", "A", ["1.2.3.4"]]],
  },
  {
    title: "valid non-matching annotation filter expression",
    svc: LB({ hostname: "foo.example.org.", "service.beta.kubernetes.io/external-traffic": "SomethingElse" }, ["1.2.3.4"]),
    cfg: { annotationFilter: "service.beta.kubernetes.io/external-traffic in (Global, OnlyLocal)" },
    expected: [],
  },
  { title: "valid matching annotation filter label", svc: LB({ hostname: "foo.example.org.", "service.beta.kubernetes.io/external-traffic": "Global" }, ["1.2.3.4"]), cfg: { annotationFilter: "service.beta.kubernetes.io/external-traffic=Global" }, expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "valid non-matching annotation filter label", svc: LB({ hostname: "foo.example.org.", "service.beta.kubernetes.io/external-traffic": "OnlyLocal" }, ["1.2.3.4"]), cfg: { annotationFilter: "service.beta.kubernetes.io/external-traffic=Global" }, expected: [] },
  { title: "no external entrypoints return no endpoints", svc: LB({ hostname: "foo.example.org." }, []), expected: [] },
  { title: "annotated service with externalIPs returns a single endpoint with multiple targets", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"], { externalIPs: ["10.2.3.4", "11.2.3.4"] }), expected: [["foo.example.org", "A", ["10.2.3.4", "11.2.3.4"]]] },
  { title: "multiple external entrypoints return a single endpoint with multiple targets", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4", "8.8.8.8"]), expected: [["foo.example.org", "A", ["1.2.3.4", "8.8.8.8"]]] },
  { title: "services annotated with legacy mate annotations are ignored in default mode", svc: LB({ "zalando.org/dnsname": "foo.example.org." }, ["1.2.3.4"]), expected: [] },
  { title: "not annotated services with set fqdnTemplate return an endpoint with target IP", svc: LB({}, ["1.2.3.4", "elb.com"]), template: "{{.Name}}.bar.example.com", expected: [["foo.bar.example.com", "A", ["1.2.3.4"]], ["foo.bar.example.com", "CNAME", ["elb.com"]]] },
  { title: "annotated services with set fqdnTemplate annotation takes precedence", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4", "elb.com"]), template: "{{.Name}}.bar.example.com", expected: [["foo.example.org", "A", ["1.2.3.4"]], ["foo.example.org", "CNAME", ["elb.com"]]] },
  { title: "ttl not annotated should have RecordTTL.IsConfigured set to false", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"]), expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "ttl annotated but invalid should have RecordTTL.IsConfigured set to false", svc: LB({ hostname: "foo.example.org.", ttl: "foo" }, ["1.2.3.4"]), expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "ttl annotated and is valid should set Record.TTL", svc: LB({ hostname: "foo.example.org.", ttl: "10" }, ["1.2.3.4"]), expected: [["foo.example.org", "A", ["1.2.3.4"], 10]] },
  { title: "ttl annotated (in duration format) and is valid should set Record.TTL", svc: LB({ hostname: "foo.example.org.", ttl: "1m" }, ["1.2.3.4"]), expected: [["foo.example.org", "A", ["1.2.3.4"], 60]] },
  { title: "Negative ttl is not valid", svc: LB({ hostname: "foo.example.org.", ttl: "-10" }, ["1.2.3.4"]), expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "filter on service types should include matching services", svc: LB({ hostname: "foo.example.org." }, ["1.2.3.4"]), cfg: { serviceTypeFilter: ["LoadBalancer"] }, expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "filter on service types should exclude non-matching services", svc: { type: "NodePort", annotations: { hostname: "foo.example.org." }, lbs: ["1.2.3.4"] }, cfg: { serviceTypeFilter: ["LoadBalancer"] }, expected: [] },
  {
    title: "internal-host annotated and host annotated clusterip services return an endpoint with Cluster IP",
    svc: { type: "ClusterIP", clusterIP: "1.1.1.1", lbs: ["1.2.3.4"], annotations: { hostname: "foo.example.org.", "internal-hostname": "foo.internal.example.org." } },
    expected: [["foo.internal.example.org", "A", ["1.1.1.1"]]],
  },
  { title: "internal-host annotated loadbalancer services return an endpoint with Cluster IP", svc: LB({ "internal-hostname": "foo.internal.example.org." }, ["1.2.3.4"], { clusterIP: "1.1.1.1" }), expected: [["foo.internal.example.org", "A", ["1.1.1.1"]]] },
  {
    title: "internal-host annotated and host annotated loadbalancer services return an endpoint with Cluster IP and an endpoint with lb IP",
    svc: LB({ hostname: "foo.example.org.", "internal-hostname": "foo.internal.example.org." }, ["1.2.3.4"], { clusterIP: "1.1.1.1" }),
    expected: [["foo.internal.example.org", "A", ["1.1.1.1"]], ["foo.example.org", "A", ["1.2.3.4"]]],
  },
  { title: "service with matching labels and fqdn filter should be included", svc: LB({}, ["1.2.3.4"], { labels: { app: "web-external" }, clusterIP: "1.1.1.1" }), cfg: { labelFilter: "app=web-external" }, template: "{{.Name}}.bar.example.com", expected: [["foo.bar.example.com", "A", ["1.2.3.4"]]] },
  { title: "service with matching labels and hostname annotation should be included", svc: LB({ hostname: "annotation.bar.example.com" }, ["1.2.3.4"], { labels: { app: "web-external" } }), cfg: { labelFilter: "app=web-external" }, expected: [["annotation.bar.example.com", "A", ["1.2.3.4"]]] },
  { title: "service without matching labels and fqdn filter should be excluded", svc: LB({}, ["1.2.3.4"], { labels: { app: "web-internal" } }), cfg: { labelFilter: "app=web-external" }, template: "{{.Name}}.bar.example.com", expected: [] },
  { title: "service without matching labels and hostname annotation should be excluded", svc: LB({ hostname: "annotation.bar.example.com" }, ["1.2.3.4"], { labels: { app: "web-internal" } }), cfg: { labelFilter: "app=web-external" }, expected: [] },
  { title: "dual-stack load-balancer service gets both addresses", svc: LB({ hostname: "foobar.example.org" }, ["1.1.1.1", "2001:db8::1"], { clusterIP: "1.1.1.2,2001:db8::2" }), expected: [["foobar.example.org", "A", ["1.1.1.1"]], ["foobar.example.org", "AAAA", ["2001:db8::1"]]] },
  { title: "IPv6-only load-balancer service gets IPv6 endpoint", svc: LB({ hostname: "foobar-v6.example.org" }, ["2001:db8::2"], { clusterIP: "2001:db8::1" }), expected: [["foobar-v6.example.org", "AAAA", ["2001:db8::2"]]] },
];

describe("service source: TestServiceSource/Endpoints (upstream service_test.go, v0.20.0–v0.22.0)", () => {
  for (const version of VERSIONS) {
    it.each(CASES)(`${version.raw}: $title`, (c) => {
      const s = svc({ ...c.svc, annotations: keyed(version, c.svc.annotations ?? {}) });
      const cfg = { version, ...(c.template ? { fqdnTemplate: c.template } : {}), ...c.cfg };
      const r = runServices({ services: [s] }, cfg, c.template ? { expandTemplate: nameTemplate(c.template) } : undefined);
      expectRows(r.endpoints, c.expected);
    });
  }

  it("not annotated services with unknown tmpl field should not return anything (expectError): the source fails as a whole", () => {
    const template = "{{.Calibre}}.bar.example.com";
    const r = runServices({ services: [svc({ lbs: ["1.2.3.4"] })] }, { fqdnTemplate: template }, { expandTemplate: nameTemplate(template) });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: "fqdn-template", severity: "error", resource: "service/testing/foo" }));
  });

  it("provider-specific annotation is converted to endpoint property (and the Cloudflare keys keep their full name)", () => {
    for (const version of VERSIONS) {
      const P = defaultAnnotationPrefix(version);
      const r = runServices({ services: [svc({ lbs: ["1.2.3.4"], annotations: keyed(version, { hostname: "foo.example.org", "aws-weight": "10", "cloudflare-proxied": "true", "set-identifier": "a" }) })] }, { version });
      expect(r.endpoints).toHaveLength(1);
      expect(r.endpoints[0].providerSpecific).toEqual(expect.arrayContaining([{ name: "aws/weight", value: "10" }, { name: `${P}cloudflare-proxied`, value: "true" }]));
      expect(r.endpoints[0].setIdentifier).toBe("a");
      expect(r.endpoints[0].labels.resource).toBe("service/testing/foo");
    }
  });

  it("annotated services return an endpoint with hostname then resolve hostname: resolution is reported, not guessed", () => {
    const r = runServices({ services: [svc({ lbs: ["example.com"], annotations: keyed(V22, { hostname: "foo.example.org." }) })] }, { version: V22, resolveServiceLoadBalancerHostname: true });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: "lb-hostname-not-resolved", hostnames: ["foo.example.org"] }));
  });

  // The same cases through dnsdrift's real Go-template evaluator (no stand-in expander).
  it.each(VERSIONS)("%s: the real template engine names the Service from its fields", (version) => {
    const r = runServices({ services: [svc({ lbs: ["1.2.3.4"] })] }, { version, fqdnTemplate: "{{.Name}}.{{.Namespace}}.example.org" });
    expect(r.endpoints.map((e) => [e.dnsName, e.recordType, e.targets])).toEqual([["foo.testing.example.org", "A", ["1.2.3.4"]]]);
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: "fqdn-template", resource: "service/testing/foo", hostnames: ["foo.testing.example.org"] }));
  });

  it.each(VERSIONS)("%s: a template that fails on a Service stops the source with an error", (version) => {
    const r = runServices({ services: [svc({ lbs: ["1.2.3.4"] })] }, { version, fqdnTemplate: "{{.Calibre}}.bar.example.com" });
    expect(r.endpoints).toEqual([]);
    expect(r.error).toMatch(/Calibre/);
  });
});

// testMultipleServicesEndpoints: services named foo<lb>, each with one LB IP
interface MultiCase {
  title: string;
  services: Record<string, Record<string, string>>;
  expected: Array<[Row, string]>;
}

const MULTI: MultiCase[] = [
  {
    title: "test that services with different hostnames do not get merged together",
    services: { "1.2.3.4": { hostname: "foo.example.org" }, "1.2.3.5": { hostname: "bar.example.org" } },
    expected: [[["foo.example.org", "A", ["1.2.3.4"]], "service/testing/foo1.2.3.4"], [["bar.example.org", "A", ["1.2.3.5"]], "service/testing/foo1.2.3.5"]],
  },
  {
    title: "test that services with the same hostname get merged together",
    services: { "1.2.3.5": { hostname: "foo.example.org" }, "10.1.1.3": { hostname: "bar.example.org" }, "10.1.1.1": { hostname: "bar.example.org" }, "1.2.3.4": { hostname: "foo.example.org" }, "10.1.1.2": { hostname: "bar.example.org" }, "20.1.1.1": { hostname: "foobar.example.org" }, "1.2.3.6": { hostname: "foo.example.org" } },
    expected: [
      [["foo.example.org", "A", ["1.2.3.4", "1.2.3.5", "1.2.3.6"]], "service/testing/foo1.2.3.4"],
      [["bar.example.org", "A", ["10.1.1.1", "10.1.1.2", "10.1.1.3"]], "service/testing/foo10.1.1.1"],
      [["foobar.example.org", "A", ["20.1.1.1"]], "service/testing/foo20.1.1.1"],
    ],
  },
  {
    title: "test that services with different set-identifier do not get merged together",
    services: { "1.2.3.5": { hostname: "foo.example.org", "set-identifier": "a" }, "10.1.1.3": { hostname: "foo.example.org", "set-identifier": "b" } },
    expected: [[["foo.example.org", "A", ["1.2.3.5"], 0, "a"], "service/testing/foo1.2.3.5"], [["foo.example.org", "A", ["10.1.1.3"], 0, "b"], "service/testing/foo10.1.1.3"]],
  },
  {
    title: "test that services with CNAME types do not get merged together",
    services: { "a.elb.com": { hostname: "foo.example.org" }, "b.elb.com": { hostname: "foo.example.org" } },
    expected: [[["foo.example.org", "CNAME", ["a.elb.com"]], "service/testing/fooa.elb.com"], [["foo.example.org", "CNAME", ["b.elb.com"]], "service/testing/foob.elb.com"]],
  },
];

describe("service source: TestServiceSource/MultipleServices (upstream service_test.go, v0.20.0–v0.22.0)", () => {
  for (const version of VERSIONS) {
    it.each(MULTI)(`${version.raw}: $title`, (c) => {
      const services = Object.entries(c.services).map(([lb, ann]) => svc({ name: `foo${lb}`, lbs: [lb], annotations: keyed(version, ann) }));
      const r = runServices({ services }, { version });
      expectRows(r.endpoints, c.expected.map(([row]) => row));
      for (const [[name, type, targets, , setId = ""], owner] of c.expected) {
        const ep = r.endpoints.find((e) => e.dnsName === name && e.recordType === type && e.setIdentifier === setId && e.targets.join() === targets.join());
        expect(ep?.labels.resource).toBe(owner);
      }
    });
  }

  it("merged Services leave a merged-targets reason on both, naming the owner", () => {
    const services = ["1.2.3.5", "1.2.3.4"].map((lb) => svc({ name: `foo${lb}`, lbs: [lb], annotations: keyed(V21, { hostname: "foo.example.org" }) }));
    const r = runServices({ services });
    const merged = r.reasons.filter((x) => x.code === "merged-targets");
    expect(merged.map((x) => x.resource).sort()).toEqual(["service/testing/foo1.2.3.4", "service/testing/foo1.2.3.5"]);
    expect(merged[0].message).toContain("record of service/testing/foo1.2.3.4");
  });
});
