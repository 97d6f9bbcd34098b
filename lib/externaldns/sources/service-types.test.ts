// Ported from external-dns source/service_test.go: TestClusterIpServices,
// TestServiceSourceNodePortServices, TestExternalServices and TestNodesExternalTrafficPolicyTypeLocal
// (v0.20.0, v0.21.0, v0.22.0). Where a tag differs the case names it: v0.21.0 made the NodePort SRV
// target fully qualified, started honouring --exclude-unschedulable in this source, and ranks
// externalTrafficPolicy=Local nodes by their best pod.

import { describe, expect, it } from "vitest";
import { defaultAnnotationPrefix } from "../annotations";
import { V20, V21, V22 } from "../config.testkit";
import type { Config, KubeObject, Version } from "../types";
import { expectRows, nameTemplate, node, pod, type PodInit, type Row, runServices, svc, type SvcInit } from "./service.testkit";

const VERSIONS: Version[] = [V20, V21, V22];

function keyed(version: Version, ann: Record<string, string>): Record<string, string> {
  const P = defaultAnnotationPrefix(version);
  return Object.fromEntries(Object.entries(ann).map(([k, v]) => [k.includes("/") ? k : P + k, v]));
}

interface Case {
  title: string;
  svc: SvcInit;
  cfg?: Partial<Config>;
  template?: string;
  nodes?: KubeObject[];
  pods?: PodInit[];
  /** Only from this minor on (cases added upstream later). */
  since?: number;
  expected: Row[] | ((v: Version) => Row[]);
}

function runCase(c: Case, version: Version) {
  const s = svc({ ...c.svc, annotations: keyed(version, c.svc.annotations ?? {}) });
  const cfg = { version, ...(c.template ? { fqdnTemplate: c.template } : {}), ...c.cfg };
  const pods = (c.pods ?? []).map((p) => pod({ ...p, namespace: p.namespace ?? "testing" }));
  return runServices({ services: [s], nodes: c.nodes ?? [], pods }, cfg, c.template ? { expandTemplate: nameTemplate(c.template) } : undefined);
}

function table(name: string, cases: Case[]) {
  describe(name, () => {
    for (const version of VERSIONS) {
      it.each(cases.filter((c) => version.minor >= (c.since ?? 20)))(`${version.raw}: $title`, (c) => {
        expectRows(runCase(c, version).endpoints, typeof c.expected === "function" ? c.expected(version) : c.expected);
      });
    }
  });
}

// TestClusterIpServices runs with PublishInternal: true.
const CIP = (ann: Record<string, string>, extra: SvcInit = {}): SvcInit => ({ type: "ClusterIP", clusterIP: "1.2.3.4", annotations: ann, ...extra });
const CLUSTER_IP: Case[] = [
  { title: "hostname annotated ClusterIp services return an endpoint with Cluster IP", svc: CIP({ hostname: "foo.example.org." }), expected: [["foo.example.org", "A", ["1.2.3.4"]]] },
  { title: "target annotated ClusterIp services return an endpoint with the specified A", svc: CIP({ hostname: "foo.example.org.", target: "4.3.2.1" }), expected: [["foo.example.org", "A", ["4.3.2.1"]]] },
  { title: "target annotated ClusterIp services return an endpoint with the specified CNAME", svc: CIP({ hostname: "foo.example.org.", target: "bar.example.org." }), expected: [["foo.example.org", "CNAME", ["bar.example.org"]]] },
  { title: "target annotated ClusterIp services return an endpoint with the specified AAAA", svc: CIP({ hostname: "foo.example.org.", target: "2001:DB8::1" }), expected: [["foo.example.org", "AAAA", ["2001:DB8::1"]]] },
  { title: "multiple target annotated ClusterIp services return an endpoint with the specified CNAMES", svc: CIP({ hostname: "foo.example.org.", target: "bar.example.org.,baz.example.org." }), expected: [["foo.example.org", "CNAME", ["bar.example.org", "baz.example.org"]]] },
  {
    title: "multiple target annotated ClusterIp services return two endpoints with the specified CNAMES and AAAA",
    svc: CIP({ hostname: "foo.example.org.", target: "bar.example.org.,baz.example.org.,2001:DB8::1" }),
    expected: [["foo.example.org", "CNAME", ["bar.example.org", "baz.example.org"]], ["foo.example.org", "AAAA", ["2001:DB8::1"]]],
  },
  { title: "hostname annotated ClusterIp services are ignored", svc: CIP({ hostname: "foo.example.org." }), cfg: { ignoreHostnameAnnotation: true }, expected: [] },
  { title: "hostname and target annotated ClusterIp services are ignored", svc: CIP({ hostname: "foo.example.org.", target: "bar.example.org." }), cfg: { ignoreHostnameAnnotation: true }, expected: [] },
  { title: "hostname and target annotated ClusterIp services return an endpoint with the specified CNAME", svc: CIP({ hostname: "foo.example.org.", target: "bar.example.org." }), expected: [["foo.example.org", "CNAME", ["bar.example.org"]]] },
  { title: "non-annotated ClusterIp services with set fqdnTemplate return an endpoint with target IP", svc: CIP({}, { clusterIP: "4.5.6.7" }), template: "{{.Name}}.bar.example.com", expected: [["foo.bar.example.com", "A", ["4.5.6.7"]]] },
  { title: "Headless services do not generate endpoints", svc: CIP({}, { clusterIP: "None" }), template: "{{.Name}}.bar.example.com", expected: [] },
  { title: "Headless services generate endpoints when target is specified", svc: CIP({ hostname: "foo.example.org.", target: "bar.example.org." }, { clusterIP: "None" }), expected: [["foo.example.org", "CNAME", ["bar.example.org"]]] },
  { title: "ClusterIP service with matching label generates an endpoint", svc: CIP({}, { clusterIP: "4.5.6.7", labels: { app: "web-internal" } }), template: "{{.Name}}.bar.example.com", cfg: { labelFilter: "app=web-internal" }, expected: [["foo.bar.example.com", "A", ["4.5.6.7"]]] },
  { title: "ClusterIP service with matching label and target generates a CNAME endpoint", svc: CIP({ target: "bar.example.com." }, { clusterIP: "4.5.6.7", labels: { app: "web-internal" } }), template: "{{.Name}}.bar.example.com", cfg: { labelFilter: "app=web-internal" }, expected: [["foo.bar.example.com", "CNAME", ["bar.example.com"]]] },
  { title: "ClusterIP service without matching label generates an endpoint", svc: CIP({}, { clusterIP: "4.5.6.7", labels: { app: "web-internal" } }), template: "{{.Name}}.bar.example.com", cfg: { labelFilter: "app=web-external" }, expected: [] },
  { title: "invalid hostname does not generate endpoints", svc: CIP({ hostname: "this-is-an-exceedingly-long-label-that-external-dns-should-reject.example.org." }), expected: [] },
];
table("service source: TestClusterIpServices (upstream service_test.go)", CLUSTER_IP.map((c) => ({ ...c, cfg: { publishInternalServices: true, ...c.cfg } })));

// TestServiceSourceNodePortServices: one port with nodePort 30192 and no selector (every pod of the namespace).
const NP = (ann: Record<string, string>, policy = "Cluster"): SvcInit => ({ type: "NodePort", externalTrafficPolicy: policy, ports: [{ nodePort: 30192 }], annotations: ann });
const srv = (host: string, v: Version, ttl?: number): Row => {
  const row: Row = [`_foo._tcp.${host}`, "SRV", [`0 50 30192 ${host}${v.minor >= 21 ? "." : ""}`]];
  if (ttl !== undefined) row.push(ttl);
  return row;
};
const PUBLIC_NODES = [
  node("node1", [["ExternalIP", "54.10.11.1"], ["InternalIP", "10.0.1.1"], ["ExternalIP", "2001:DB8::1"], ["InternalIP", "2001:DB8::2"]]),
  node("node2", [["ExternalIP", "54.10.11.2"], ["InternalIP", "10.0.1.2"], ["ExternalIP", "2001:DB8::3"], ["InternalIP", "2001:DB8::4"]]),
];
const PRIVATE_NODES = [node("node1", [["InternalIP", "10.0.1.1"], ["InternalIP", "2001:DB8::1"]]), node("node2", [["InternalIP", "10.0.1.2"], ["InternalIP", "2001:DB8::2"]])];
const MIXED_NODES = [
  node("node1", [["ExternalIP", "54.10.11.1"], ["InternalIP", "10.0.1.1"], ["InternalIP", "2001:DB8::1"]]),
  node("node2", [["ExternalIP", "54.10.11.2"], ["InternalIP", "10.0.1.2"], ["InternalIP", "2001:DB8::2"]]),
];
const THREE_NODES = [node("node1", [["ExternalIP", "54.10.11.1"], ["InternalIP", "10.0.1.1"]]), node("node2", [["ExternalIP", "54.10.11.2"], ["InternalIP", "10.0.1.2"]]), node("node3", [["ExternalIP", "54.10.11.3"], ["InternalIP", "10.0.1.3"]])];
const host = "foo.example.org";
const NODEPORT: Case[] = [
  { title: "annotated NodePort services return an endpoint with IP addresses of the cluster's nodes", svc: NP({ hostname: "foo.example.org." }), nodes: PUBLIC_NODES, expected: (v) => [srv(host, v), [host, "A", ["54.10.11.1", "54.10.11.2"]], [host, "AAAA", ["2001:DB8::1", "2001:DB8::3"]]] },
  { title: "hostname annotated NodePort services are ignored", svc: NP({ hostname: "foo.example.org." }), nodes: PUBLIC_NODES, cfg: { ignoreHostnameAnnotation: true }, expected: [] },
  {
    title: "non-annotated NodePort services with set fqdnTemplate return an endpoint with target IP",
    svc: NP({}),
    nodes: PUBLIC_NODES,
    template: "{{.Name}}.bar.example.com",
    expected: (v) => [srv("foo.bar.example.com", v), ["foo.bar.example.com", "A", ["54.10.11.1", "54.10.11.2"]], ["foo.bar.example.com", "AAAA", ["2001:DB8::1", "2001:DB8::3"]]],
  },
  { title: "annotated NodePort services return an endpoint with IP addresses of the private cluster's nodes", svc: NP({ hostname: "foo.example.org." }), nodes: PRIVATE_NODES, expected: (v) => [srv(host, v), [host, "A", ["10.0.1.1", "10.0.1.2"]], [host, "AAAA", ["2001:DB8::1", "2001:DB8::2"]]] },
  {
    title: "annotated NodePort services with ExternalTrafficPolicy=Local return an endpoint with IP addresses of the cluster's nodes where pods is running only",
    svc: NP({ hostname: "foo.example.org." }, "Local"),
    nodes: PUBLIC_NODES,
    pods: [{ name: "pod-0", nodeName: "node2", ready: false, terminating: true }],
    expected: (v) => [srv(host, v), [host, "A", ["54.10.11.2"]], [host, "AAAA", ["2001:DB8::3"]]],
  },
  {
    title: "annotated NodePort services with ExternalTrafficPolicy=Local and multiple pods on a single node return an endpoint with unique IP addresses of the cluster's nodes where pods is running only",
    svc: NP({ hostname: "foo.example.org." }, "Local"),
    nodes: PUBLIC_NODES,
    pods: [{ name: "pod-0", nodeName: "node2", ready: false, terminating: true }, { name: "pod-1", nodeName: "node2", ready: false, terminating: true }],
    expected: (v) => [srv(host, v), [host, "A", ["54.10.11.2"]], [host, "AAAA", ["2001:DB8::3"]]],
  },
  {
    title: "annotated NodePort services with ExternalTrafficPolicy=Local return pods in Ready & Running state",
    svc: NP({ hostname: "foo.example.org." }, "Local"),
    nodes: [node("node1", [["ExternalIP", "54.10.11.1"], ["InternalIP", "10.0.1.1"]]), node("node2", [["ExternalIP", "54.10.11.2"], ["InternalIP", "10.0.1.2"]])],
    pods: [{ name: "pod-0", nodeName: "node1", ready: true, terminating: true }, { name: "pod-1", nodeName: "node2", ready: false, terminating: true }],
    expected: (v) => [srv(host, v), [host, "A", ["54.10.11.1"]]],
  },
  {
    title: "annotated NodePort services with ExternalTrafficPolicy=Local return pods in Ready & Running state & not in Terminating",
    svc: NP({ hostname: "foo.example.org." }, "Local"),
    nodes: THREE_NODES,
    pods: [{ name: "pod-0", nodeName: "node1", ready: true }, { name: "pod-1", nodeName: "node2", ready: false }, { name: "pod-2", nodeName: "node3", ready: true, terminating: true }],
    expected: (v) => [srv(host, v), [host, "A", ["54.10.11.1"]]],
  },
  { title: "access=private annotation NodePort services return an endpoint with private IP addresses of the cluster's nodes", svc: NP({ hostname: "foo.example.org.", access: "private" }), nodes: MIXED_NODES, expected: (v) => [srv(host, v), [host, "A", ["10.0.1.1", "10.0.1.2"]], [host, "AAAA", ["2001:DB8::1", "2001:DB8::2"]]] },
  {
    title: "access=public annotation NodePort services return an endpoint with external IP addresses of the cluster's nodes if exposeInternalIPv6 is unset",
    svc: NP({ hostname: "foo.example.org.", access: "public" }),
    nodes: PUBLIC_NODES,
    expected: (v) => [srv(host, v), [host, "A", ["54.10.11.1", "54.10.11.2"]], [host, "AAAA", ["2001:DB8::1", "2001:DB8::3"]]],
  },
  {
    title: "access=public annotation NodePort services return an endpoint with public IP addresses of the cluster's nodes if exposeInternalIPv6 is set to true",
    svc: NP({ hostname: "foo.example.org.", access: "public" }),
    nodes: PUBLIC_NODES,
    cfg: { exposeInternalIPv6: true },
    expected: (v) => [srv(host, v), [host, "A", ["54.10.11.1", "54.10.11.2"]], [host, "AAAA", ["2001:DB8::1", "2001:DB8::2", "2001:DB8::3", "2001:DB8::4"]]],
  },
  {
    title: "NodePort services ignore unschedulable node",
    since: 21,
    svc: NP({ hostname: "foo.example.org.", access: "public" }),
    nodes: [node("node1", [["ExternalIP", "54.10.11.1"], ["InternalIP", "10.0.1.1"], ["ExternalIP", "2001:DB8::1"], ["InternalIP", "2001:DB8::2"]], true), PUBLIC_NODES[1]],
    cfg: { excludeUnschedulable: true },
    expected: (v) => [srv(host, v), [host, "A", ["54.10.11.2"]], [host, "AAAA", ["2001:DB8::3"]]],
  },
  {
    title: "annotated NodePort service with TTL produces SRV endpoint with TTL",
    since: 21,
    svc: NP({ hostname: "foo.example.org.", ttl: "300" }),
    nodes: PUBLIC_NODES,
    expected: (v) => [srv(host, v, 300), [host, "A", ["54.10.11.1", "54.10.11.2"], 300], [host, "AAAA", ["2001:DB8::1", "2001:DB8::3"], 300]],
  },
];
// Upstream's harness turns --exclude-unschedulable off unless a case sets it.
table("service source: TestServiceSourceNodePortServices (upstream service_test.go)", NODEPORT.map((c) => ({ ...c, cfg: { excludeUnschedulable: false, ...c.cfg } })));

describe("service source: NodePort differences between tags", () => {
  const unschedulable = [node("node1", [["ExternalIP", "54.10.11.1"]], true), node("node2", [["ExternalIP", "54.10.11.2"]])];
  it.each([
    [V20, ["54.10.11.1", "54.10.11.2"]],
    [V21, ["54.10.11.2"]],
    [V22, ["54.10.11.2"]],
  ])("%o: --exclude-unschedulable (default true) is read by the service source from v0.21.0 only", (version, targets) => {
    const r = runServices({ services: [svc({ ...NP(keyed(version, { hostname: host })) })], nodes: unschedulable }, { version });
    expect(r.endpoints.find((e) => e.recordType === "A")?.targets).toEqual(targets);
  });

  // TestNodesExternalTrafficPolicyTypeLocal (v0.21.0+): a node ranks by its best pod. v0.20 ranked
  // a node by the first of its pods it met, so a not-ready pod listed first hid a ready one.
  it.each([
    [V20, ["54.10.11.1", "54.10.11.2"]],
    [V21, ["54.10.11.2"]],
  ])("%o: externalTrafficPolicy Local with a not-ready then a ready pod on one node", (version, targets) => {
    const nodes = [node("node1", [["ExternalIP", "54.10.11.1"]]), node("node2", [["ExternalIP", "54.10.11.2"]])];
    const pods = [
      pod({ name: "a", nodeName: "node1", ready: false }),
      pod({ name: "b", nodeName: "node2", ready: false }),
      pod({ name: "c", nodeName: "node2", ready: true }),
    ];
    const r = runServices({ services: [svc(NP(keyed(version, { hostname: host }), "Local"))], nodes, pods }, { version });
    expect(r.endpoints.find((e) => e.recordType === "A")?.targets).toEqual(targets);
  });

  it("a NodePort Service with no nodes publishes only its SRV record", () => {
    const r = runServices({ services: [svc(NP(keyed(V21, { hostname: host })))] });
    expectRows(r.endpoints, [srv(host, V21)]);
  });

  it("the SRV protocol label follows spec.ports[].protocol, lower-cased", () => {
    const s = svc({ ...NP(keyed(V21, { hostname: host })), ports: [{ nodePort: 30053, protocol: "UDP" }, { nodePort: 0 }] });
    expect(runServices({ services: [s] }).endpoints.map((e) => `${e.dnsName} ${e.targets.join()}`)).toEqual([`_foo._udp.${host} 0 50 30053 ${host}.`]);
  });
});

// TestExternalServices
table("service source: TestExternalServices (upstream service_test.go)", [
  { title: "external services return an A endpoint for the external name that is an IPv4 address", svc: { type: "ExternalName", externalName: "111.111.111.111", annotations: { hostname: "service.example.org" } }, expected: [["service.example.org", "A", ["111.111.111.111"]]] },
  { title: "external services return an AAAA endpoint for the external name that is an IPv6 address", svc: { type: "ExternalName", externalName: "2001:db8::111", annotations: { hostname: "service.example.org" } }, expected: [["service.example.org", "AAAA", ["2001:db8::111"]]] },
  { title: "external services return a CNAME endpoint for the external name that is a domain", svc: { type: "ExternalName", externalName: "remote.example.com", annotations: { hostname: "service.example.org" } }, expected: [["service.example.org", "CNAME", ["remote.example.com"]]] },
  { title: "annotated ExternalName service with externalIPs returns a single endpoint with multiple targets", svc: { type: "ExternalName", externalName: "service.example.org", externalIPs: ["10.2.3.4", "11.2.3.4"], annotations: { hostname: "service.example.org" } }, expected: [["service.example.org", "A", ["10.2.3.4", "11.2.3.4"]]] },
  { title: "annotated ExternalName service with externalIPs of dualstack addresses returns 2 endpoints with multiple targets", svc: { type: "ExternalName", externalName: "service.example.org", externalIPs: ["10.2.3.4", "11.2.3.4", "2001:db8::1", "2001:db8::2"], annotations: { hostname: "service.example.org" } }, expected: [["service.example.org", "A", ["10.2.3.4", "11.2.3.4"]], ["service.example.org", "AAAA", ["2001:db8::1", "2001:db8::2"]]] },
  { title: "annotated ExternalName service with externalIPs of dualstack and excluded in serviceTypeFilter", svc: { type: "ExternalName", externalName: "service.example.org", externalIPs: ["10.2.3.4", "2001:db8::1"], annotations: { hostname: "service.example.org" } }, cfg: { serviceTypeFilter: ["NodePort", "ClusterIP"] }, expected: [] },
]);
