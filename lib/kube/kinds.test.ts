import { describe, expect, it } from "vitest";
import { configFromArgs } from "../externaldns/config";
import { BASE_KINDS, requiredKinds, serviceKinds, watchedKinds } from "./kinds";

const cfg = (...args: string[]) => configFromArgs(["--provider=cloudflare", "--policy=sync", ...args], { version: "v0.21.0" });

describe("requiredKinds", () => {
  it.each<[string, ReturnType<typeof cfg>[], string[]]>([
    ["no instance: the base kinds", [], BASE_KINDS],
    ["ingress only", [cfg("--source=ingress")], ["ingresses"]],
    ["crd only", [cfg("--source=crd")], ["dnsendpoints"]],
    ["httproute: gateways and namespaces too", [cfg("--source=gateway-httproute")], ["gateways", "httproutes", "namespaces"]],
    [
      "every route kind",
      [cfg("--source=gateway-grpcroute", "--source=gateway-tlsroute", "--source=gateway-tcproute", "--source=gateway-udproute")],
      ["gateways", "grpcroutes", "namespaces", "tcproutes", "tlsroutes", "udproutes"],
    ],
    ["listener sets with a route source", [cfg("--source=gateway-httproute", "--gateway-listener-sets")], ["gateways", "httproutes", "listenersets", "namespaces"]],
    ["listener sets without a route source read nothing", [cfg("--source=ingress", "--gateway-listener-sets")], ["ingresses"]],
    ["union over instances", [cfg("--source=ingress"), cfg("--source=crd")], ["dnsendpoints", "ingresses"]],
    ["sources dnsdrift does not model", [cfg("--source=node")], []],
    ["service: Services, EndpointSlices, Pods and Nodes", [cfg("--source=service")], ["endpointslices", "nodes", "pods", "services"]],
    ["service limited to LoadBalancer: Services only", [cfg("--source=service", "--service-type-filter=LoadBalancer")], ["services"]],
    ["service limited to ClusterIP: no Nodes", [cfg("--source=service", "--service-type-filter=ClusterIP")], ["endpointslices", "pods", "services"]],
    ["service with an empty filter entry reads everything", [cfg("--source=service", "--service-type-filter=")], ["endpointslices", "nodes", "pods", "services"]],
  ])("%s", (_, configs, want) => {
    expect([...requiredKinds(configs)].sort()).toEqual([...want].sort());
  });
});

describe("watchedKinds", () => {
  it("always includes the base kinds, in table order", () => {
    expect(watchedKinds([cfg("--source=ingress")]).map((k) => k.id)).toEqual(["gateways", "httproutes", "ingresses", "dnsendpoints", "namespaces"]);
  });
  it("adds the service source's kinds only when an instance runs it", () => {
    expect(watchedKinds([cfg("--source=service", "--service-type-filter=LoadBalancer")]).map((k) => k.id)).toEqual(["gateways", "httproutes", "ingresses", "dnsendpoints", "namespaces", "services"]);
  });
  it("adds the route kinds and ListenerSets an instance reads", () => {
    expect(watchedKinds([cfg("--source=gateway-tlsroute", "--gateway-listener-sets")]).map((k) => k.id)).toEqual([
      "gateways",
      "httproutes",
      "tlsroutes",
      "listenersets",
      "ingresses",
      "dnsendpoints",
      "namespaces",
    ]);
  });
});

// The informers external-dns's service source starts (source/service_test.go,
// TestNewServiceSourceInformersEnabled and TestServiceTypes_isNodeInformerRequired, v0.20.0–v0.22.0):
// dnsdrift watches exactly those kinds.
describe("serviceKinds", () => {
  it.each<[string, string[], string[]]>([
    ["serviceTypeFilter is set to empty", [], ["services", "endpointslices", "pods", "nodes"]],
    ["filter with empty string disables serviceTypes", [""], ["services", "endpointslices", "pods", "nodes"]],
    ["serviceTypeFilter contains ClusterIP (no node informer)", ["ClusterIP"], ["services", "endpointslices", "pods"]],
    ["serviceTypeFilter contains NodePort and ExternalName", ["NodePort", "ExternalName"], ["services", "endpointslices", "pods", "nodes"]],
    ["serviceTypeFilter contains ExternalName", ["ExternalName"], ["services"]],
    ["NodePort type absent, filter enabled", ["LoadBalancer"], ["services"]],
    ["NodePort and other filters present", ["LoadBalancer", "NodePort"], ["services", "endpointslices", "pods", "nodes"]],
  ])("%s", (_, filter, want) => {
    expect(serviceKinds(cfg("--source=service", ...filter.map((t) => `--service-type-filter=${t}`)))).toEqual(want);
  });
});
