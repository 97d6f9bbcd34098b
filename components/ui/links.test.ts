import { describe, expect, it } from "vitest";
import { instanceQuery, pickInstance, withInstance } from "@/components/api/state";
import { hostnameHref, resourceHref } from "./links";

describe("resourceHref: where a resource label links to", () => {
  it.each([
    ["gateway/networking/envoy-external", "/gateways#gateway/networking/envoy-external"],
    ["httproute/default/web", "/gateways#httproute/default/web"],
    ["grpcroute/default/api", "/gateways#grpcroute/default/api"],
    ["listenerset/default/extra", "/gateways#listenerset/default/extra"],
    ["ingress/default/legacy", "/ingresses#ingress/default/legacy"],
    ["crd/default/extra", "/dnsendpoints#crd/default/extra"],
    ["dnsendpoint/default/extra", "/dnsendpoints#dnsendpoint/default/extra"],
    ["service/default/status", "/services#service/default/status"],
    ["record/A/a b.example.com", "/records?q=a%20b.example.com"],
    ["record/TXT/a/b", "/records?q=a%2Fb"],
    // Nothing to link to: a bare word, or a kind without a page.
    ["values", undefined],
    ["configmap/default/x", undefined],
  ])("%s → %s", (resource, href) => {
    expect(resourceHref(resource)).toBe(href);
  });

  it("encodes a hostname into one path segment", () => {
    expect(hostnameHref("*.example.com")).toBe("/hostnames/*.example.com");
    expect(hostnameHref("a/b")).toBe("/hostnames/a%2Fb");
  });
});

describe("the selected instance in links and API calls", () => {
  it.each([
    ["/plan", null, "/plan"],
    ["/plan", "prod", "/plan?instance=prod"],
    ["/records?state=unowned", "prod", "/records?state=unowned&instance=prod"],
    ["/gateways#httproute/default/web", "a b", "/gateways?instance=a%20b#httproute/default/web"],
  ])("withInstance(%s, %s) → %s", (href, id, want) => {
    expect(withInstance(href, id)).toBe(want);
  });

  it.each([
    [null, "?", ""],
    ["prod", "?", "?instance=prod"],
    ["kube-system/external-dns", "&", "&instance=kube-system%2Fexternal-dns"],
  ] as const)("instanceQuery(%s, %s) → %s", (id, sep, want) => {
    expect(instanceQuery(id, sep)).toBe(want);
  });

  it("picks the named instance, else the first", () => {
    const state = { instances: [{ id: "a" }, { id: "b" }] };
    expect(pickInstance(state, "b")).toEqual({ id: "b" });
    expect(pickInstance(state, null)).toEqual({ id: "a" });
    expect(pickInstance(state, "gone")).toEqual({ id: "a" });
    expect(pickInstance(undefined, "a")).toBeUndefined();
    expect(pickInstance({ instances: [] }, null)).toBeUndefined();
  });
});
