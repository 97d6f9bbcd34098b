// --target-net-filter / --exclude-target-net. The match table is upstream's targetFilterTests
// (endpoint/target_filter_test.go, the same at v0.20.0, v0.21.0 and v0.22.0); the endpoint cases
// follow source/wrappers/targetfiltersource.go.
import { describe, expect, it } from "vitest";
import { testConfig } from "./config.testkit";
import { endpointsForHostname } from "./endpoint";
import { runSources } from "./source-chain";
import { filterTargets, makeTargetNetFilter } from "./target-filter";
import type { Endpoint, Reason } from "./types";

describe("TargetNetFilter.Match (target_filter_test.go targetFilterTests)", () => {
  it.each<[string[], string[], string, boolean]>([
    [["10.0.0.0/8"], [], "10.1.2.3", true],
    [[" 10.0.0.0/8 "], [], "10.1.2.3", true], // trimmed
    [["0"], [], "10.1.2.3", true], // not a CIDR: skipped, so the filter is empty
    [["10.0.0.0/8"], [], "1.1.1.1", false],
    [[], ["10.0.0.0/8"], "1.1.1.1", true],
    [[], ["10.0.0.0/8"], "10.1.2.3", false],
    [[], ["10.0.0.0/8"], "49.13.41.161", true],
    [[], ["10.0.0.0/8"], "10.0.1.101", false],
    // beyond upstream's table, from the Go semantics (net.ParseIP, IPNet.Contains)
    [["10.0.0.0/8"], [], "lb.example.com", false], // a hostname is never inside a net
    [[], ["10.0.0.0/8"], "lb.example.com", true],
    [["2001:db8::/32"], [], "2001:db8::1", true],
    [["10.0.0.0/8"], [], "2001:db8::1", false],
    [["10.0.0.0/8"], [], "::ffff:10.1.2.3", true], // IPv4-mapped reads as IPv4
    [["10.0.0.0/8"], ["10.1.0.0/16"], "10.1.2.3", false], // exclusion wins
  ])("filter %j exclude %j: %s → %s", (filter, exclude, target, expected) => {
    expect(makeTargetNetFilter({ targetNetFilters: filter, excludeTargetNets: exclude }).match(target)).toBe(expected);
  });

  it.each<[string[], string[], boolean]>([
    [[], [], false],
    [["10.0.0.0/8"], [], true],
    [[], ["10.0.0.0/8"], true],
    [["10.0.0.0/8"], ["192.168.0.0/16"], true],
    [["not-a-net"], [], false],
  ])("IsEnabled: filter %j exclude %j → %s", (filter, exclude, expected) => {
    expect(makeTargetNetFilter({ targetNetFilters: filter, excludeTargetNets: exclude }).enabled).toBe(expected);
  });
});

describe("targetFilterSource", () => {
  const ep = (name: string, targets: string[]): Endpoint => ({ ...endpointsForHostname(name, targets, { ttl: 0, setIdentifier: "", providerSpecific: [], resource: "ingress/default/a" }, testConfig().version)[0] });

  it("keeps the matching targets, drops an endpoint left with none, and says so", () => {
    const reasons: Reason[] = [];
    const cfg = testConfig({ targetNetFilters: ["10.0.0.0/8"] });
    const out = filterTargets([ep("a.example.com", ["10.0.0.1", "1.1.1.1"]), ep("b.example.com", ["1.1.1.1"]), ep("c.example.com", ["lb.example.net"])], cfg, reasons);
    expect(out.map((e) => [e.dnsName, e.targets])).toEqual([["a.example.com", ["10.0.0.1"]]]);
    expect(reasons.map((r) => [r.code, r.severity, r.hostnames[0]])).toEqual([
      ["target-net-filter", "info", "a.example.com"],
      ["target-net-filter", "warning", "b.example.com"],
      ["target-net-filter", "warning", "c.example.com"],
    ]);
  });

  it("is not in the chain without filters", () => {
    const reasons: Reason[] = [];
    const eps = [ep("a.example.com", ["1.1.1.1"])];
    expect(filterTargets(eps, testConfig(), reasons)).toBe(eps);
    expect(reasons).toEqual([]);
  });

  it("runs in the source chain after dedup (an Ingress's status IPs are filtered)", () => {
    const ingress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "a", namespace: "default" },
      spec: { rules: [{ host: "a.example.com" }] },
      status: { loadBalancer: { ingress: [{ ip: "10.0.0.1" }, { ip: "203.0.113.7" }] } },
    };
    const objects = { gateways: [], routes: [], listenerSets: [], ingresses: [ingress], dnsEndpoints: [], namespaces: [] };
    const r = runSources(objects, testConfig({ sources: ["ingress"], excludeTargetNets: ["10.0.0.0/8"] }));
    expect(r.endpoints.map((e) => [e.dnsName, e.recordType, e.targets])).toEqual([["a.example.com", "A", ["203.0.113.7"]]]);
  });
});
