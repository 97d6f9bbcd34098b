import { describe, expect, it } from "vitest";
import { compareVersions, guessPlural, ResourceRegistry, type ServingConfig } from "./resources";

const GW = "gateway.networking.k8s.io";

describe("servedVersions", () => {
  it.each<[string, ServingConfig, string, string[]]>([
    ["defaults", {}, "HTTPRoute", ["v1", "v1beta1"]],
    ["v1beta1 only", { gatewayApiVersions: ["v1beta1"] }, "HTTPRoute", ["v1beta1"]],
    ["v1beta1 only leaves alpha kinds", { gatewayApiVersions: ["v1beta1"] }, "TCPRoute", ["v1alpha2"]],
    ["v1beta1 only hides v1-only kinds", { gatewayApiVersions: ["v1beta1"] }, "ListenerSet", []],
    ["TLSRoute at v1alpha2 only", { crds: { tlsroutes: ["v1alpha2"] } }, "TLSRoute", ["v1alpha2"]],
    ["by Kind", { crds: { GRPCRoute: false } }, "GRPCRoute", []],
    ["by qualified plural", { crds: { [`gateways.${GW}`]: false } }, "Gateway", []],
    ["whole group", { crds: { [GW]: false } }, "Gateway", []],
    ["explicit true", { crds: { gateways: true } }, "Gateway", ["v1", "v1beta1"]],
  ])("%s", (_name, config, kind, want) => {
    const reg = new ResourceRegistry(config);
    const def = reg.byGroupKind(GW, kind);
    expect(def).toBeDefined();
    expect(reg.servedVersions(def!)).toEqual(want);
  });

  it("hides a not-installed CRD from paths and groups", () => {
    const reg = new ResourceRegistry({ crds: { dnsendpoints: false } });
    expect(reg.byPath("externaldns.k8s.io", "v1alpha1", "dnsendpoints")).toBeUndefined();
    expect(reg.servedGroups().map((g) => g.group)).not.toContain("externaldns.k8s.io");
    expect(new ResourceRegistry().byPath("externaldns.k8s.io", "v1alpha1", "dnsendpoints")?.kind).toBe("DNSEndpoint");
  });

  it("registers unknown kinds on first sight", () => {
    const reg = new ResourceRegistry();
    const def = reg.forObject("example.com/v2", "Policy", true);
    expect(def).toMatchObject({ plural: "policies", namespaced: true, versions: ["v2"] });
    expect(reg.byPath("example.com", "v2", "policies")).toBe(def);
  });
});

it.each([
  ["Gateway", "gateways"],
  ["Ingress", "ingresses"],
  ["Policy", "policies"],
  ["Gateway", "gateways"],
  ["Box", "boxes"],
  ["Key", "keys"],
])("guessPlural(%s) = %s", (kind, plural) => expect(guessPlural(kind)).toBe(plural));

it("orders versions GA > beta > alpha, newer first", () => {
  expect(["v1alpha2", "v1beta1", "v1", "v2", "v1alpha3", "v2beta1"].sort(compareVersions)).toEqual([
    "v2",
    "v1",
    "v2beta1",
    "v1beta1",
    "v1alpha3",
    "v1alpha2",
  ]);
});
