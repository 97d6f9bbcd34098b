// Ported from external-dns source/service_test.go: TestHeadlessServices, TestHeadlessServicesHostIP
// and the EndpointSlice helpers' tests (TestProcessEndpointSlices_*, TestFindPodForEndpoint,
// TestGetTargetsForDomain_*), identical at v0.20.0, v0.21.0 and v0.22.0. Upstream's fixture: one
// IPv4-typed EndpointSlice named after the Service, one endpoint per pod (address = pod IP), pods
// labelled component=foo and selected by the Service.

import { describe, expect, it } from "vitest";
import { defaultAnnotationPrefix } from "../annotations";
import { V20, V21, V22 } from "../config.testkit";
import type { Config, KubeObject, Version } from "../types";
import { expectRows, node, pod, type Row, runServices, slice, svc } from "./service.testkit";

const VERSIONS: Version[] = [V20, V21, V22];

interface Case {
  title: string;
  svcAnnotations: Record<string, string>;
  podAnnotations?: Record<string, string>;
  podIPs: string[];
  hostIPs?: string[];
  podnames: string[];
  hostnames?: string[];
  podsReady?: boolean[];
  publishNotReadyAddresses?: boolean;
  nodes?: KubeObject[];
  cfg?: Partial<Config>;
  expected: Row[];
}

function keyed(version: Version, ann: Record<string, string>): Record<string, string> {
  const P = defaultAnnotationPrefix(version);
  return Object.fromEntries(Object.entries(ann).map(([k, v]) => [P + k, v]));
}

function run(c: Case, version: Version) {
  const labels = { component: "foo" };
  const service = svc({ type: "ClusterIP", clusterIP: "None", selector: labels, labels, annotations: keyed(version, c.svcAnnotations), publishNotReadyAddresses: c.publishNotReadyAddresses });
  const pods = c.podnames.map((name, i) =>
    pod({ name, labels, annotations: keyed(version, c.podAnnotations ?? {}), hostname: c.hostnames?.[i] ?? "", hostIP: c.hostIPs?.[i] ?? "" }),
  );
  const endpoints = c.podnames.map((name, i) => ({ addresses: [c.podIPs[i]], ready: c.podsReady?.[i] ?? true, pod: name }));
  return runServices({ services: [service], pods, endpointSlices: [slice("foo", endpoints)], nodes: c.nodes ?? [] }, { version, ...c.cfg });
}

const two = { podnames: ["foo-0", "foo-1"], hostnames: ["foo-0", "foo-1"] };
const svcHost = { hostname: "service.example.org" };
const CASES: Case[] = [
  {
    title: "annotated Headless services return IPv4 endpoints for each selected Pod",
    svcAnnotations: svcHost,
    podIPs: ["1.1.1.1", "1.1.1.2"],
    ...two,
    expected: [["foo-0.service.example.org", "A", ["1.1.1.1"]], ["foo-1.service.example.org", "A", ["1.1.1.2"]], ["service.example.org", "A", ["1.1.1.1", "1.1.1.2"]]],
  },
  {
    title: "annotated Headless services return IPv6 endpoints for each selected Pod",
    svcAnnotations: svcHost,
    podIPs: ["2001:db8::1", "2001:db8::2"],
    ...two,
    cfg: { serviceTypeFilter: ["ClusterIP", "LoadBalancer"] },
    expected: [["foo-0.service.example.org", "AAAA", ["2001:db8::1"]], ["foo-1.service.example.org", "AAAA", ["2001:db8::2"]], ["service.example.org", "AAAA", ["2001:db8::1", "2001:db8::2"]]],
  },
  { title: "hostname annotated Headless services are ignored", svcAnnotations: svcHost, podIPs: ["1.1.1.1", "1.1.1.2"], ...two, cfg: { ignoreHostnameAnnotation: true }, expected: [] },
  {
    title: "annotated Headless services return IPv4 endpoints with TTL for each selected Pod",
    svcAnnotations: { ...svcHost, ttl: "1" },
    podIPs: ["1.1.1.1", "1.1.1.2"],
    ...two,
    expected: [["foo-0.service.example.org", "A", ["1.1.1.1"], 1], ["foo-1.service.example.org", "A", ["1.1.1.2"], 1], ["service.example.org", "A", ["1.1.1.1", "1.1.1.2"], 1]],
  },
  {
    title: "annotated Headless services return IPv6 endpoints with TTL for each selected Pod",
    svcAnnotations: { ...svcHost, ttl: "1" },
    podIPs: ["2001:db8::1", "2001:db8::2"],
    ...two,
    expected: [["foo-0.service.example.org", "AAAA", ["2001:db8::1"], 1], ["foo-1.service.example.org", "AAAA", ["2001:db8::2"], 1], ["service.example.org", "AAAA", ["2001:db8::1", "2001:db8::2"], 1]],
  },
  {
    title: "annotated Headless services return endpoints for each selected Pod, which are in running state",
    svcAnnotations: svcHost,
    podIPs: ["1.1.1.1", "1.1.1.2"],
    ...two,
    podsReady: [true, false],
    expected: [["foo-0.service.example.org", "A", ["1.1.1.1"]], ["service.example.org", "A", ["1.1.1.1"]]],
  },
  {
    title: "annotated Headless services return endpoints for all Pod if publishNotReadyAddresses is set",
    svcAnnotations: svcHost,
    podIPs: ["1.1.1.1", "1.1.1.2"],
    ...two,
    podsReady: [true, false],
    publishNotReadyAddresses: true,
    expected: [["foo-0.service.example.org", "A", ["1.1.1.1"]], ["foo-1.service.example.org", "A", ["1.1.1.2"]], ["service.example.org", "A", ["1.1.1.1", "1.1.1.2"]]],
  },
  { title: "annotated Headless services return endpoints for pods missing hostname", svcAnnotations: svcHost, podIPs: ["1.1.1.1", "1.1.1.2"], podnames: ["foo-0", "foo-1"], expected: [["service.example.org", "A", ["1.1.1.1", "1.1.1.2"]]] },
  { title: "annotated Headless services return only a unique set of IPv4 targets", svcAnnotations: svcHost, podIPs: ["1.1.1.1", "1.1.1.1", "1.1.1.2"], podnames: ["foo-0", "foo-1", "foo-3"], expected: [["service.example.org", "A", ["1.1.1.1", "1.1.1.2"]]] },
  { title: "annotated Headless services return only a unique set of IPv6 targets", svcAnnotations: svcHost, podIPs: ["2001:db8::1", "2001:db8::1", "2001:db8::2"], podnames: ["foo-0", "foo-1", "foo-3"], expected: [["service.example.org", "AAAA", ["2001:db8::1", "2001:db8::2"]]] },
  { title: "annotated Headless services return IPv4 targets from pod annotation", svcAnnotations: svcHost, podAnnotations: { target: "1.2.3.4" }, podIPs: ["1.1.1.1"], podnames: ["foo"], cfg: { serviceTypeFilter: ["ClusterIP"] }, expected: [["service.example.org", "A", ["1.2.3.4"]]] },
  { title: "annotated Headless services return IPv6 targets from pod annotation", svcAnnotations: svcHost, podAnnotations: { target: "2001:db8::4" }, podIPs: ["2001:db8::1"], podnames: ["foo"], expected: [["service.example.org", "AAAA", ["2001:db8::4"]]] },
  {
    title: "annotated Headless services return IPv4 targets from node external IP if endpoints-type annotation is set",
    svcAnnotations: { ...svcHost, "endpoints-type": "NodeExternalIP" },
    podIPs: ["1.1.1.1"],
    podnames: ["foo"],
    nodes: [node("", [["ExternalIP", "1.2.3.4"]])],
    expected: [["service.example.org", "A", ["1.2.3.4"]]],
  },
  {
    title: "annotated Headless services return only external IPv6 targets from node IP if endpoints-type annotation is set and exposeInternalIPv6 flag is unset",
    svcAnnotations: { ...svcHost, "endpoints-type": "NodeExternalIP" },
    podIPs: ["2001:db8::1"],
    podnames: ["foo"],
    nodes: [node("", [["InternalIP", "2001:db8::4"], ["ExternalIP", "2001:db8::5"]])],
    expected: [["service.example.org", "AAAA", ["2001:db8::5"]]],
  },
  {
    title: "annotated Headless services return IPv6 targets from node external IP if endpoints-type annotation is set and exposeInternalIPv6 flag set",
    svcAnnotations: { ...svcHost, "endpoints-type": "NodeExternalIP" },
    podIPs: ["2001:db8::1"],
    podnames: ["foo"],
    nodes: [node("", [["InternalIP", "2001:db8::4"]])],
    cfg: { exposeInternalIPv6: true },
    expected: [["service.example.org", "AAAA", ["2001:db8::4"]]],
  },
  {
    title: "annotated Headless services return dual-stack targets from node external IP if endpoints-type annotation is set and exposeInternalIPv6 flag set",
    svcAnnotations: { ...svcHost, "endpoints-type": "NodeExternalIP" },
    podIPs: ["1.1.1.1"],
    podnames: ["foo"],
    nodes: [node("", [["ExternalIP", "1.2.3.4"], ["InternalIP", "2001:db8::4"]])],
    cfg: { exposeInternalIPv6: true },
    expected: [["service.example.org", "A", ["1.2.3.4"]], ["service.example.org", "AAAA", ["2001:db8::4"]]],
  },
  { title: "annotated Headless services return IPv4 targets from hostIP if endpoints-type annotation is set", svcAnnotations: { ...svcHost, "endpoints-type": "HostIP" }, podIPs: ["1.1.1.1"], hostIPs: ["1.2.3.4"], podnames: ["foo"], expected: [["service.example.org", "A", ["1.2.3.4"]]] },
  { title: "annotated Headless services return IPv6 targets from hostIP if endpoints-type annotation is set", svcAnnotations: { ...svcHost, "endpoints-type": "HostIP" }, podIPs: ["2001:db8::1"], hostIPs: ["2001:db8::4"], podnames: ["foo"], expected: [["service.example.org", "AAAA", ["2001:db8::4"]]] },
  {
    title: "headless service with endpoints-type annotation is outside of serviceTypeFilter scope",
    svcAnnotations: { ...svcHost, "endpoints-type": "NodeExternalIP" },
    podIPs: ["2001:db8::1"],
    hostIPs: ["2001:db8::4"],
    podnames: ["foo"],
    nodes: [node("", [["ExternalIP", "1.2.3.4"], ["InternalIP", "10.0.10.12"]])],
    cfg: { serviceTypeFilter: ["ClusterIP"] },
    expected: [],
  },
  {
    title: "headless service with endpoints-type annotation is in the scope of serviceTypeFilter",
    svcAnnotations: { ...svcHost, "endpoints-type": "NodeExternalIP" },
    podIPs: ["2001:db8::1"],
    hostIPs: ["1.2.3.4"],
    podnames: ["foo"],
    nodes: [node("", [["ExternalIP", "1.2.3.4"], ["InternalIP", "10.0.10.12"]])],
    cfg: { serviceTypeFilter: ["ClusterIP", "NodePort"] },
    expected: [["service.example.org", "A", ["1.2.3.4"]]],
  },
  // TestHeadlessServicesHostIP: --publish-host-ip publishes the pods' host IPs.
  {
    title: "TestHeadlessServicesHostIP: annotated Headless services return IPv4 endpoints for each selected Pod",
    svcAnnotations: svcHost,
    podIPs: ["9.9.9.1", "9.9.9.2"],
    hostIPs: ["1.1.1.1", "1.1.1.2"],
    ...two,
    cfg: { publishHostIP: true },
    expected: [["foo-0.service.example.org", "A", ["1.1.1.1"]], ["foo-1.service.example.org", "A", ["1.1.1.2"]], ["service.example.org", "A", ["1.1.1.1", "1.1.1.2"]]],
  },
  {
    title: "TestHeadlessServicesHostIP: annotated Headless services return endpoints for all Pod if publishNotReadyAddresses is set",
    svcAnnotations: svcHost,
    podIPs: ["9.9.9.1", "9.9.9.2"],
    hostIPs: ["1.1.1.1", "1.1.1.2"],
    ...two,
    podsReady: [true, false],
    cfg: { publishHostIP: true, alwaysPublishNotReadyAddresses: true },
    expected: [["foo-0.service.example.org", "A", ["1.1.1.1"]], ["foo-1.service.example.org", "A", ["1.1.1.2"]], ["service.example.org", "A", ["1.1.1.1", "1.1.1.2"]]],
  },
];

describe("service source: TestHeadlessServices (upstream service_test.go, v0.20.0–v0.22.0)", () => {
  for (const version of VERSIONS) {
    it.each(CASES)(`${version.raw}: $title`, (c) => {
      expectRows(run(c, version).endpoints, c.expected);
    });
  }
});

describe("service source: EndpointSlice helpers (TestProcessEndpointSlices_*, TestFindPodForEndpoint)", () => {
  const P = defaultAnnotationPrefix(V21);
  const labels = { component: "foo" };
  const headless = svc({ type: "ClusterIP", clusterIP: "None", selector: labels, annotations: { [`${P}hostname`]: "service.example.org" } });
  const base = [pod({ name: "foo-0", labels })];

  it.each([
    ["a targetRef to a Pod", { addresses: ["1.1.1.1"], pod: "foo-0" }, [["service.example.org", "A", ["1.1.1.1"]]] as Row[], undefined],
    ["no targetRef (PublishPodIPsPodNil)", { addresses: ["1.1.1.1"], pod: null }, [], "pod-not-found"],
    ["a targetRef to another kind", { addresses: ["1.1.1.1"], pod: "foo-0", kind: "Node" }, [], "pod-not-found"],
    ["a targetRef to a pod the selector does not pick", { addresses: ["1.1.1.1"], pod: "bar-0" }, [], "pod-not-found"],
  ])("%s", (_t, ep, expected, code) => {
    const r = runServices({ services: [headless], pods: base, endpointSlices: [slice("foo", [ep])] });
    expectRows(r.endpoints, expected);
    if (code) expect(r.reasons).toContainEqual(expect.objectContaining({ code, hostnames: ["service.example.org"] }));
  });

  it("an FQDN-typed slice is skipped when pod IPs are published (PublishPodIPsUnsupportedAddressType), used with HostIP (PublishPodIPsFalse)", () => {
    const pods = [pod({ name: "foo-0", labels, hostIP: "10.0.0.1" })];
    const fqdnSlice = slice("foo", [{ addresses: ["foo.internal"], pod: "foo-0" }], "FQDN");
    expectRows(runServices({ services: [headless], pods, endpointSlices: [fqdnSlice] }).endpoints, []);
    expectRows(runServices({ services: [headless], pods, endpointSlices: [fqdnSlice] }, { publishHostIP: true }).endpoints, [["service.example.org", "A", ["10.0.0.1"]]]);
  });

  it("a not-ready endpoint is explained, and published with --always-publish-not-ready-addresses (NotReadyWithPublishNotReady)", () => {
    const notReady = slice("foo", [{ addresses: ["1.1.1.1"], pod: "foo-0", ready: false }]);
    const r = runServices({ services: [headless], pods: base, endpointSlices: [notReady] });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: "endpoint-not-ready", hostnames: ["service.example.org"] }));
    expectRows(runServices({ services: [headless], pods: base, endpointSlices: [notReady] }, { alwaysPublishNotReadyAddresses: true }).endpoints, [["service.example.org", "A", ["1.1.1.1"]]]);
  });

  it("NodeExternalIP for a pod on a node that does not exist gives a node-not-found warning (TestGetTargetsForDomain_NodeExternalIP)", () => {
    const s = svc({ type: "ClusterIP", clusterIP: "None", selector: labels, annotations: { [`${P}hostname`]: "service.example.org", [`${P}endpoints-type`]: "NodeExternalIP" } });
    const pods = [pod({ name: "foo-0", labels, nodeName: "gone" })];
    const r = runServices({ services: [s], pods, endpointSlices: [slice("foo", [{ addresses: ["1.1.1.1"], pod: "foo-0" }])], nodes: [node("other", [["ExternalIP", "1.2.3.4"]])] });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: "node-not-found" }));
  });

  it("only slices labelled with the Service's name in its namespace are read (TestEndpointSlicesIndexer)", () => {
    const other = slice("foo", [{ addresses: ["9.9.9.9"], pod: "foo-0" }], "IPv4", "elsewhere");
    const mine = slice("foo", [{ addresses: ["1.1.1.1"], pod: "foo-0" }]);
    const r = runServices({ services: [headless], pods: base, endpointSlices: [other, mine, slice("bar", [{ addresses: ["8.8.8.8"], pod: "foo-0" }])] });
    expectRows(r.endpoints, [["service.example.org", "A", ["1.1.1.1"]]]);
  });
});

describe("service source: several Services on one name (upstream service_test.go)", () => {
  for (const version of VERSIONS) {
    const P = defaultAnnotationPrefix(version);
    it(`${version.raw}: TestMultipleServicesPointingToSameLoadBalancer`, () => {
      const services = ["istio-ingressgateway", "istio-ingressgatewayudp"].map((name, i) =>
        svc({ name, namespace: "default", clusterIP: `10.118.22${i}.3`, lbs: ["34.66.66.77"], ports: [{ nodePort: 30127 + i }], annotations: { [`${P}hostname`]: "example.org" } }),
      );
      const r = runServices({ services }, { version });
      expectRows(r.endpoints, [["example.org", "A", ["34.66.66.77"]]]);
      expect(r.endpoints[0].labels.resource).toBe("service/default/istio-ingressgateway");
    });

    it(`${version.raw}: TestMultipleHeadlessServicesPointingToPodsOnTheSameNode`, () => {
      const labels = { app: "kafka" };
      const services = ["kafka", "kafka-2"].map((name) => svc({ name, namespace: "default", type: "ClusterIP", clusterIP: "None", selector: labels, labels, annotations: { [`${P}hostname`]: "example.org" } }));
      const ips = ["10.244.1.2", "10.244.1.3", "10.244.1.4"];
      const pods = ips.map((_, n) => pod({ name: `kafka-${n}`, namespace: "default", labels, hostname: `kafka-${n}`, nodeName: "local-dev-worker", hostIP: "172.18.0.2" }));
      const ep = (n: number) => ({ addresses: [ips[n]], ready: true, pod: `kafka-${n}` });
      const endpointSlices = [slice("kafka", [ep(0), ep(1)], "IPv4", "default", "kafka-xhrc9"), slice("kafka-2", [ep(0), ep(1), ep(2)], "IPv4", "default", "kafka-2-svwsg")];
      const r = runServices({ services, pods, endpointSlices }, { version });
      expectRows(r.endpoints, [
        ["example.org", "A", ips],
        ["kafka-0.example.org", "A", ["10.244.1.2"]],
        ["kafka-1.example.org", "A", ["10.244.1.3"]],
        ["kafka-2.example.org", "A", ["10.244.1.4"]],
      ]);
    });
  }
});
