// The explain trail of the service source: every Service that yields nothing says why, with the
// reason code the README documents, on the hostnames it concerns.

import { describe, expect, it } from "vitest";
import { GA_PREFIX, LEGACY_PREFIX } from "../annotations";
import { V20, V22 } from "../config.testkit";
import { runSources } from "../source-chain";
import type { Reason } from "../types";
import { objects, runServices, serviceConfig, svc } from "./service.testkit";

const H = `${LEGACY_PREFIX}hostname`;

function codes(reasons: Reason[], host = "foo.example.org"): string[] {
  return reasons.filter((r) => r.hostnames.includes(host)).map((r) => r.code);
}

describe("service source reasons", () => {
  it.each([
    ["a ClusterIP Service without --publish-internal-services", svc({ type: "ClusterIP", clusterIP: "10.0.0.1", annotations: { [H]: "foo.example.org" } }), {}, "internal-service"],
    ["a LoadBalancer not yet provisioned", svc({ annotations: { [H]: "foo.example.org" } }), {}, "no-targets"],
    ["a type left out by --service-type-filter", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } }), { serviceTypeFilter: ["ClusterIP"] }, "service-type-filter"],
    ["another controller", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org", [`${LEGACY_PREFIX}controller`]: "other" } }), {}, "controller-annotation"],
    ["outside --namespace", svc({ lbs: ["1.2.3.4"], namespace: "a", annotations: { [H]: "foo.example.org" } }), { namespace: "b" }, "namespace-filter"],
    ["not matching --label-filter", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } }), { labelFilter: "team=dns" }, "label-filter"],
    ["not matching --annotation-filter", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } }), { annotationFilter: "dns=yes" }, "annotation-filter"],
    ["hostname ignored by flag", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } }), { ignoreHostnameAnnotation: true, fqdnTemplate: "x" }, "ignored-by-flag"],
    ["a published record", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } }), {}, "endpoint-produced"],
    ["an unparsable ttl", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org", [`${LEGACY_PREFIX}ttl`]: "abc" } }), {}, "invalid-annotation"],
    ["access on a LoadBalancer", svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org", [`${LEGACY_PREFIX}access`]: "public" } }), {}, "annotation-ignored-here"],
    ["ClusterIP missing in a manifest", svc({ type: "ClusterIP", annotations: { [H]: "foo.example.org" } }), { publishInternalServices: true }, "invalid-spec"],
  ])("%s → %s", (_t, service, cfg, code) => {
    expect(codes(runServices({ services: [service] }, cfg).reasons)).toContain(code);
  });

  it("the v0.21 hostname annotation on a v0.22 cluster is an annotation-prefix-mismatch on that host", () => {
    const r = runServices({ services: [svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } })] }, { version: V22, annotationPrefix: GA_PREFIX });
    expect(r.endpoints).toEqual([]);
    expect(codes(r.reasons)).toContain("annotation-prefix-mismatch");
  });

  // TestServiceSource "invalid annotation filter expression" (v0.20.0, v0.21.0: expectError; from
  // v0.22.0 the filter is parsed at startup, which fails the same way).
  it("an --annotation-filter that does not parse stops the source with an error", () => {
    const service = svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org.", "service.beta.kubernetes.io/external-traffic": "OnlyLocal" } });
    const r = runServices({ services: [service] }, { annotationFilter: "service.beta.kubernetes.io/external-traffic in (Global OnlyLocal)" });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toEqual([expect.objectContaining({ code: "annotation-filter", severity: "error", resource: "config" })]);
  });

  it("an unknown --service-type-filter value stops the source with an error", () => {
    const r = runServices({ services: [svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } })] }, { serviceTypeFilter: ["Headless"] });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toEqual([expect.objectContaining({ code: "service-type-filter", severity: "error", resource: "config" })]);
  });

  it("v0.20 leaves a lone endpoint's targets in status order; v0.21 sorts them (MergeEndpoints)", () => {
    const service = svc({ lbs: ["2.2.2.2", "1.1.1.1"], annotations: { [H]: "foo.example.org" } });
    expect(runServices({ services: [service] }, { version: V20 }).endpoints[0].targets).toEqual(["2.2.2.2", "1.1.1.1"]);
    expect(runServices({ services: [service] }).endpoints[0].targets).toEqual(["1.1.1.1", "2.2.2.2"]);
  });

  it("two Services on one name with different TTLs merge into the first Service's record and TTL", () => {
    const a = svc({ name: "a", lbs: ["1.1.1.1"], annotations: { [H]: "foo.example.org", [`${LEGACY_PREFIX}ttl`]: "60" } });
    const b = svc({ name: "b", lbs: ["2.2.2.2"], annotations: { [H]: "foo.example.org", [`${LEGACY_PREFIX}ttl`]: "300" } });
    const r = runServices({ services: [b, a] });
    expect(r.endpoints).toEqual([expect.objectContaining({ dnsName: "foo.example.org", targets: ["1.1.1.1", "2.2.2.2"], recordTTL: 60, labels: { resource: "service/testing/a" } })]);
  });

  it("--source=service runs through the source chain", () => {
    const r = runSources(objects({ services: [svc({ lbs: ["1.2.3.4"], annotations: { [H]: "foo.example.org" } })] }), serviceConfig());
    expect(r.endpoints.map((e) => e.dnsName)).toEqual(["foo.example.org"]);
    expect(r.reasons.some((x) => x.code === "unsupported-source")).toBe(false);
  });
});
