// --compatibility, ported from external-dns source/service_test.go (TestServiceSource and
// TestServiceSourceNodePortServices cases with a compatibility mode; v0.20.0–v0.22.0 alike).

import { describe, expect, it } from "vitest";
import { defaultAnnotationPrefix } from "../annotations";
import { V20, V21, V22 } from "../config.testkit";
import type { Config, KubeObject, Version } from "../types";
import { KOPS_EXTERNAL_KEY, KOPS_INTERNAL_KEY } from "./service-compat";
import { expectRows, nameTemplate, node, type Row, runServices, svc, type SvcInit } from "./service.testkit";

const VERSIONS: Version[] = [V20, V21, V22];

interface Case {
  title: string;
  svc: SvcInit;
  cfg: Partial<Config>;
  nodes?: KubeObject[];
  template?: string;
  expected: Row[];
}

const nodes = (role2: string) => [
  { ...node("node1", [["ExternalIP", "54.10.11.1"], ["InternalIP", "10.0.1.1"], ["InternalIP", "2001:DB8::1"]]), metadata: { name: "node1", labels: { "node-role.kubernetes.io/node": "" } } },
  { ...node("node2", [["ExternalIP", "54.10.11.2"], ["InternalIP", "10.0.1.2"], ["InternalIP", "2001:DB8::2"]]), metadata: { name: "node2", labels: { [role2]: "" } } },
];
const NP = (annotations: Record<string, string>): SvcInit => ({ type: "NodePort", externalTrafficPolicy: "Cluster", ports: [{ nodePort: 30192 }], annotations });

const CASES: Case[] = [
  { title: "services annotated with legacy mate annotations are ignored in default mode", svc: { lbs: ["1.2.3.4"], annotations: { "zalando.org/dnsname": "foo.example.org." } }, cfg: {}, expected: [] },
  { title: "services annotated with legacy mate annotations return an endpoint in compatibility mode", svc: { lbs: ["1.2.3.4"], annotations: { "zalando.org/dnsname": "foo.example.org." } }, cfg: { compatibility: "mate" }, expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  {
    title: "services annotated with legacy molecule annotations return an endpoint in compatibility mode",
    svc: { lbs: ["1.2.3.4"], labels: { dns: "route53" }, annotations: { domainName: "foo.example.org., bar.example.org" } },
    cfg: { compatibility: "molecule" },
    expected: [["foo.example.org", "A", ["1.2.3.4"]], ["bar.example.org", "A", ["1.2.3.4"]]],
  },
  {
    title: "load balancer services annotated with DNS Controller annotations return an endpoint with A and CNAME targets in compatibility mode",
    svc: { lbs: ["1.2.3.4", "lb.example.com"], annotations: { [KOPS_INTERNAL_KEY]: "internal.foo.example.org" } },
    cfg: { compatibility: "kops-dns-controller" },
    expected: [["internal.foo.example.org", "A", ["1.2.3.4"]], ["internal.foo.example.org", "CNAME", ["lb.example.com"]]],
  },
  {
    title: "load balancer services annotated with DNS Controller annotations return an endpoint with both annotations in compatibility mode",
    svc: { lbs: ["1.2.3.4"], annotations: { [KOPS_INTERNAL_KEY]: "internal.foo.example.org., internal.bar.example.org", [KOPS_EXTERNAL_KEY]: "foo.example.org., bar.example.org" } },
    cfg: { compatibility: "kops-dns-controller" },
    expected: [["foo.example.org", "A", ["1.2.3.4"]], ["bar.example.org", "A", ["1.2.3.4"]], ["internal.foo.example.org", "A", ["1.2.3.4"]], ["internal.bar.example.org", "A", ["1.2.3.4"]]],
  },
  {
    title: "compatibility annotated services with tmpl. compatibility takes precedence",
    svc: { lbs: ["1.2.3.4"], annotations: { "zalando.org/dnsname": "mate.example.org." } },
    cfg: { compatibility: "mate" },
    template: "{{.Name}}.fqdn.com",
    expected: [["mate.example.org", "A", ["1.2.3.4"]]],
  },
  {
    title: "node port services annotated DNS Controller annotations return an endpoint where all targets has the node role",
    svc: NP({ [KOPS_INTERNAL_KEY]: "internal.foo.example.org., internal.bar.example.org" }),
    cfg: { compatibility: "kops-dns-controller" },
    nodes: nodes("node-role.kubernetes.io/control-plane"),
    expected: [["internal.foo.example.org", "A", ["10.0.1.1"]], ["internal.foo.example.org", "AAAA", ["2001:DB8::1"]], ["internal.bar.example.org", "A", ["10.0.1.1"]], ["internal.bar.example.org", "AAAA", ["2001:DB8::1"]]],
  },
  {
    title: "node port services annotated with internal DNS Controller annotations return an endpoint in compatibility mode",
    svc: NP({ [KOPS_INTERNAL_KEY]: "internal.foo.example.org., internal.bar.example.org" }),
    cfg: { compatibility: "kops-dns-controller" },
    nodes: nodes("node-role.kubernetes.io/node"),
    expected: [
      ["internal.foo.example.org", "A", ["10.0.1.1", "10.0.1.2"]],
      ["internal.foo.example.org", "AAAA", ["2001:DB8::1", "2001:DB8::2"]],
      ["internal.bar.example.org", "A", ["10.0.1.1", "10.0.1.2"]],
      ["internal.bar.example.org", "AAAA", ["2001:DB8::1", "2001:DB8::2"]],
    ],
  },
  {
    title: "node port services annotated with external DNS Controller annotations return an endpoint in compatibility mode with exposeInternalIPv6 flag set",
    svc: NP({ [KOPS_EXTERNAL_KEY]: "foo.example.org., bar.example.org" }),
    cfg: { compatibility: "kops-dns-controller", exposeInternalIPv6: true },
    nodes: nodes("node-role.kubernetes.io/node"),
    expected: [
      ["foo.example.org", "A", ["54.10.11.1", "54.10.11.2"]],
      ["foo.example.org", "AAAA", ["2001:DB8::1", "2001:DB8::2"]],
      ["bar.example.org", "A", ["54.10.11.1", "54.10.11.2"]],
      ["bar.example.org", "AAAA", ["2001:DB8::1", "2001:DB8::2"]],
    ],
  },
  {
    title: "node port services annotated with both kops dns controller annotations return an empty set of addons",
    svc: NP({ [KOPS_INTERNAL_KEY]: "internal.foo.example.org., internal.bar.example.org", [KOPS_EXTERNAL_KEY]: "foo.example.org., bar.example.org" }),
    cfg: { compatibility: "kops-dns-controller" },
    nodes: nodes("node-role.kubernetes.io/node"),
    expected: [],
  },
];

describe("service source: --compatibility (upstream service_test.go)", () => {
  for (const version of VERSIONS) {
    it.each(CASES)(`${version.raw}: $title`, (c) => {
      const cfg = { version, excludeUnschedulable: false, ...(c.template ? { fqdnTemplate: c.template } : {}), ...c.cfg };
      const r = runServices({ services: [svc(c.svc)], nodes: c.nodes ?? [] }, cfg, c.template ? { expandTemplate: nameTemplate(c.template) } : undefined);
      expectRows(r.endpoints, c.expected);
    });
  }

  it("legacy annotations only apply when the Service's own annotations yield nothing, and carry no resource label", () => {
    const P = defaultAnnotationPrefix(V21);
    const both = svc({ lbs: ["1.2.3.4"], annotations: { [`${P}hostname`]: "own.example.org", "zalando.org/dnsname": "mate.example.org" } });
    expectRows(runServices({ services: [both] }, { compatibility: "mate" }).endpoints, [["own.example.org", "A", ["1.2.3.4"]]]);
    const legacy = runServices({ services: [svc({ lbs: ["1.2.3.4"], annotations: { "zalando.org/dnsname": "mate.example.org" } })] }, { compatibility: "mate" });
    expect(legacy.endpoints[0].labels.resource).toBeUndefined();
    expect(legacy.reasons).toContainEqual(expect.objectContaining({ code: "endpoint-produced", resource: "service/testing/foo", hostnames: ["mate.example.org"] }));
  });
});
