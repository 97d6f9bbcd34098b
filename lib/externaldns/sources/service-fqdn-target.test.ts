// --fqdn-target-template and --target-template in the service source. The v0.22.0 cases are
// ported from TestServiceFQDNTemplate in source/service_fqdn_test.go at v0.22.0 (its
// "fqdn-target-template cases"): Service default/my-svc, ClusterIP 10.0.0.1, PublishInternal on.
// At v0.21.0 (source/service.go, source/template/engine.go) only the unstructured source reads
// the target templates, so the service source yields what it yields without them.

import { describe, expect, it } from "vitest";
import { parseVersion } from "../version";
import { expectRows, runServices, svc, type Row } from "./service.testkit";

const V22 = parseVersion("v0.22.0");
const V21 = parseVersion("v0.21.0");
const GA = "external-dns.kubernetes.io/";

const makeSvc = (annotations: Record<string, string> = {}) =>
  svc({ name: "my-svc", namespace: "default", type: "ClusterIP", clusterIP: "10.0.0.1", annotations });

interface Case {
  title: string;
  annotations?: Record<string, string>;
  fqdnTemplate?: string;
  fqdnTargetTemplate?: string;
  combine?: boolean;
  expected: Row[];
}

const V22_CASES: Case[] = [
  {
    title: "fqdn-target-template generates A record when no annotation-derived endpoints",
    fqdnTargetTemplate: "{{.Name}}.example.com:1.2.3.4",
    expected: [["my-svc.example.com", "A", ["1.2.3.4"]]],
  },
  {
    title: "fqdn-target-template generates CNAME for hostname target",
    fqdnTargetTemplate: "{{.Name}}.example.com:lb.example.com",
    expected: [["my-svc.example.com", "CNAME", ["lb.example.com"]]],
  },
  {
    title: "fqdn-target-template with combine adds endpoint alongside annotation-derived",
    annotations: { [`${GA}hostname`]: "annotated.example.com" },
    fqdnTargetTemplate: "{{.Name}}.tmpl.example.com:lb.example.com",
    combine: true,
    expected: [
      ["annotated.example.com", "A", ["10.0.0.1"]],
      ["my-svc.tmpl.example.com", "CNAME", ["lb.example.com"]],
    ],
  },
  {
    title: "fqdn-target-template without combine is ignored when annotation-derived endpoints exist",
    annotations: { [`${GA}hostname`]: "annotated.example.com" },
    fqdnTargetTemplate: "{{.Name}}.tmpl.example.com:lb.example.com",
    expected: [["annotated.example.com", "A", ["10.0.0.1"]]],
  },
  {
    title: "fqdn-target-template can reference .Kind",
    fqdnTargetTemplate: "{{.Kind | toLower}}.{{.Name}}.example.com:1.2.3.4",
    expected: [["service.my-svc.example.com", "A", ["1.2.3.4"]]],
  },
  { title: "fqdn-target-template pair missing colon is skipped", fqdnTargetTemplate: "{{.Name}}.example.com", expected: [] },
  {
    title: "fqdn-target-template can reference .APIVersion",
    fqdnTargetTemplate: "{{.Name}}.{{.APIVersion}}.example.com:1.2.3.4",
    expected: [["my-svc.v1.example.com", "A", ["1.2.3.4"]]],
  },
  // Beyond the upstream table, from the same engine code (template.Engine.ApplyFQDNTargetTemplate,
  // then CombineWithEndpoints for --fqdn-template): pairs found keep the fqdn pass away unless combining,
  // several pairs on one name and type merge, an IPv6 target is AAAA.
  {
    title: "pairs suppress --fqdn-template without combine",
    fqdnTemplate: "{{.Name}}.fqdn.example.com",
    fqdnTargetTemplate: "{{.Name}}.example.com:1.2.3.4",
    expected: [["my-svc.example.com", "A", ["1.2.3.4"]]],
  },
  {
    title: "pairs and --fqdn-template both, with combine",
    fqdnTemplate: "{{.Name}}.fqdn.example.com",
    fqdnTargetTemplate: "{{.Name}}.example.com:1.2.3.4",
    combine: true,
    expected: [
      ["my-svc.example.com", "A", ["1.2.3.4"]],
      ["my-svc.fqdn.example.com", "A", ["10.0.0.1"]],
    ],
  },
  {
    title: "pairs on one name and type merge; IPv6 is AAAA",
    fqdnTargetTemplate: "{{.Name}}.example.com:1.2.3.4,{{.Name}}.example.com:1.2.3.5, {{.Name}}.example.com:2001:db8::1",
    expected: [
      ["my-svc.example.com", "A", ["1.2.3.4", "1.2.3.5"]],
      ["my-svc.example.com", "AAAA", ["2001:db8::1"]],
    ],
  },
];

describe("--fqdn-target-template at v0.22.0 (TestServiceFQDNTemplate, source/service_fqdn_test.go v0.22.0)", () => {
  it.each(V22_CASES)("$title", ({ annotations, fqdnTemplate, fqdnTargetTemplate, combine, expected }) => {
    const res = runServices(
      { services: [makeSvc(annotations)] },
      { version: V22, annotationPrefix: GA, publishInternalServices: true, fqdnTemplate: fqdnTemplate ?? "", fqdnTargetTemplate: fqdnTargetTemplate ?? "", combineFqdnAndAnnotation: combine ?? false },
    );
    expect(res.error).toBeUndefined();
    expectRows(res.endpoints, expected);
  });

  it("records from pairs carry no resource, so their ownership TXT names none", () => {
    const res = runServices({ services: [makeSvc()] }, { version: V22, annotationPrefix: GA, fqdnTargetTemplate: "{{.Name}}.example.com:1.2.3.4" });
    expect(res.endpoints.map((e) => e.labels.resource)).toEqual([undefined]);
    expect(res.reasons).toContainEqual(expect.objectContaining({ code: "endpoint-produced", resource: "service/default/my-svc", hostnames: ["my-svc.example.com"] }));
  });

  it("a skipped pair is explained", () => {
    const res = runServices({ services: [makeSvc()] }, { version: V22, annotationPrefix: GA, fqdnTargetTemplate: "{{.Name}}.example.com" });
    expect(res.reasons.find((r) => r.code === "fqdn-target-template")?.message).toContain("has no ':'");
  });

  it("an execution error stops the source, wrapped as CombineWithEndpoints wraps it", () => {
    const res = runServices({ services: [makeSvc()] }, { version: V22, annotationPrefix: GA, fqdnTargetTemplate: "{{ toLower .Labels.team }}.example.com:1.2.3.4" });
    expect(res.endpoints).toEqual([]);
    expect(res.error).toMatch(/^failed to get endpoints from template: failed to apply template on Service default\/my-svc: /);
  });
});

describe("the target templates at v0.21.0: only the unstructured source reads them", () => {
  it.each([
    ["--fqdn-target-template", { fqdnTargetTemplate: "{{.Name}}.example.com:1.2.3.4" }],
    ["--target-template", { targetTemplate: "1.2.3.4" }],
  ])("%s changes nothing the service source yields", (_flag, over) => {
    const res = runServices({ services: [makeSvc()] }, { version: V21, publishInternalServices: true, ...over });
    expect(res.error).toBeUndefined();
    expect(res.endpoints).toEqual([]);
  });
});

describe("--target-template at v0.22.0: the modelled sources do not read it (gloo, traefik, f5 and unstructured do)", () => {
  it("an fqdn-named Service keeps its own targets", () => {
    const res = runServices(
      { services: [makeSvc()] },
      { version: V22, annotationPrefix: GA, publishInternalServices: true, fqdnTemplate: "{{.Name}}.example.com", targetTemplate: "9.9.9.9" },
    );
    expectRows(res.endpoints, [["my-svc.example.com", "A", ["10.0.0.1"]]]);
  });
});
