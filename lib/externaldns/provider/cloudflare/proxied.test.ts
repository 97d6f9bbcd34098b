import { describe, expect, it } from "vitest";
import type { Config, Endpoint, ProviderSpecificProperty } from "../../types";
import { adjustEndpoints, parseGoBool, parseTags, proxiedSourceOf, shouldBeProxied } from "./proxied";
import { toRecordChanges } from "./changes";
import { testConfig } from "../../config.testkit";

const ALPHA = "external-dns.alpha.kubernetes.io/";
const GA = "external-dns.kubernetes.io/";

function cfg(over: Partial<Config> = {}): Config {
  return testConfig({ annotationPrefix: ALPHA, ...over });
}

function ep(dnsName: string, recordType: string, props: ProviderSpecificProperty[] = [], ttl = 0): Endpoint {
  return {
    dnsName,
    recordType,
    targets: [recordType === "A" ? "1.2.3.4" : "target.example.com"],
    recordTTL: ttl,
    setIdentifier: "",
    labels: { resource: "httproute/default/app" },
    providerSpecific: props,
  };
}

const prop = (suffix: string, value: string, prefix = ALPHA) => ({ name: prefix + suffix, value });
const valueOf = (e: Endpoint, name: string) => e.providerSpecific.find((p) => p.name === name)?.value;

describe("parseGoBool (strconv.ParseBool)", () => {
  it.each([
    ["1", true], ["t", true], ["T", true], ["TRUE", true], ["true", true], ["True", true],
    ["0", false], ["f", false], ["F", false], ["FALSE", false], ["false", false], ["False", false],
    ["yes", undefined], ["TRue", undefined], ["", undefined], [" true", undefined], ["2", undefined], ["asfasdfa", undefined],
  ])("%j → %j", (input, expected) => {
    expect(parseGoBool(input)).toBe(expected);
  });
});

describe("vector #33: Cloudflare proxied and TTL", () => {
  it("ProxiedDefault: --cloudflare-proxied and no annotation → proxied, TTL auto", () => {
    const c = cfg({ cloudflareProxied: true });
    const { endpoints, reasons } = adjustEndpoints([ep("bar.com", "A", [], 0)], c);
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-proxied")).toBe("true");
    expect(endpoints[0].recordTTL).toBe(0);
    expect(reasons).toEqual([]);
    const zones = [{ id: "z1", name: "bar.com", records: [] }];
    const sent = toRecordChanges({ create: endpoints, updateOld: [], updateNew: [], delete: [] }, zones, c).changes;
    expect(sent).toMatchObject([{ action: "create", proxied: true, ttl: 1 }]);
  });

  it("OverrideFalse: annotation false beats the default", () => {
    const { endpoints } = adjustEndpoints([ep("bar.com", "A", [prop("cloudflare-proxied", "false")])], cfg({ cloudflareProxied: true }));
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-proxied")).toBe("false");
  });

  it("OverrideIllegal: an unparsable value keeps the default and is reported", () => {
    const { endpoints, reasons } = adjustEndpoints(
      [ep("Bar.com", "A", [prop("cloudflare-proxied", "asfasdfa")])],
      cfg({ cloudflareProxied: true }),
    );
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-proxied")).toBe("true");
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatchObject({
      code: "invalid-annotation",
      resource: "httproute/default/app",
      severity: "warning",
      hostnames: ["bar.com"],
    });
    expect(reasons[0].message).toContain("asfasdfa");
    expect(reasons[0].message).toContain("httproute/default/app");
  });

  it.each([
    ["bar.com", "A", true],
    ["bar.com", "CNAME", true],
    ["bar.com", "TXT", false],
    ["bar.com", "MX", false],
    ["bar.com", "NS", false],
    ["bar.com", "SPF", false],
    ["bar.com", "SRV", false],
    ["bar.com", "LOC", false],
    ["*.bar.com", "A", true],
    ["*.docs.bar.com", "CNAME", true],
  ])("SetProxied: %s %s with annotation true → proxied %s", (name, type, expected) => {
    const { endpoints } = adjustEndpoints([ep(name, type, [prop("cloudflare-proxied", "true")], 120)], cfg());
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-proxied")).toBe(String(expected));
    // TTL is only zeroed when the record really ends up proxied.
    expect(endpoints[0].recordTTL).toBe(expected ? 0 : 120);
  });

  it("CustomTTL: an unproxied record keeps its TTL and writes it", () => {
    const c = cfg();
    const { endpoints } = adjustEndpoints([ep("ttl.bar.com", "A", [], 120)], c);
    expect(endpoints[0].recordTTL).toBe(120);
    const zones = [{ id: "z1", name: "bar.com", records: [] }];
    const sent = toRecordChanges({ create: endpoints, updateOld: [], updateNew: [], delete: [] }, zones, c).changes;
    expect(sent[0]).toMatchObject({ ttl: 120, proxied: false });
  });

  it("CustomTTLWithEnabledProxyNotChanged: TTL 300 on a proxied record → desired 0, written 1, no churn", () => {
    const c = cfg({ cloudflareProxied: true });
    const { endpoints } = adjustEndpoints([ep("bar.com", "A", [], 300)], c);
    expect(endpoints[0].recordTTL).toBe(0);
    const current: Endpoint = {
      ...endpoints[0],
      providerSpecific: [prop("cloudflare-proxied", "true")],
    };
    const zones = [{ id: "z1", name: "bar.com", records: [{ id: "r1", type: "A", name: "bar.com", content: "1.2.3.4", proxied: true, ttl: 1 }] }];
    // Even if a planner emitted the pair, the PUT would change nothing, so nothing is listed.
    const out = toRecordChanges({ create: [], updateOld: [current], updateNew: endpoints, delete: [] }, zones, c);
    expect(out.changes).toEqual([]);
  });
});

describe("adjustEndpoints, other rules", () => {
  it("reads only the configured prefix: an alpha-prefixed property is ignored under the GA prefix", () => {
    const { endpoints } = adjustEndpoints([ep("a.bar.com", "A", [prop("cloudflare-proxied", "true", ALPHA)])], cfg({ annotationPrefix: GA }));
    expect(valueOf(endpoints[0], GA + "cloudflare-proxied")).toBe("false");
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-proxied")).toBe("true");
  });

  it("the first proxied property wins, and is the one overwritten", () => {
    const props = [prop("cloudflare-proxied", "true"), prop("cloudflare-proxied", "false")];
    const { endpoints } = adjustEndpoints([ep("a.bar.com", "A", props)], cfg());
    expect(endpoints[0].providerSpecific.map((p) => p.value)).toEqual(["true", "false"]);
    expect(endpoints[0].recordTTL).toBe(0);
  });

  it("an illegal value on a never-proxiable type is still reported, and stays unproxied", () => {
    const { endpoints, reasons } = adjustEndpoints([ep("bar.com", "TXT", [prop("cloudflare-proxied", "yes")])], cfg({ cloudflareProxied: true }));
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-proxied")).toBe("false");
    expect(reasons.map((r) => r.code)).toEqual(["invalid-annotation"]);
  });

  it.each([
    [false, "b.example.com,a.example.com", undefined],
    [true, "b.example.com,a.example.com", "a.example.com,b.example.com"],
    [true, "only.example.com", "only.example.com"],
  ])("custom hostnames (enabled=%s): %j → %j", (enabled, value, expected) => {
    const { endpoints } = adjustEndpoints([ep("a.bar.com", "A", [prop("cloudflare-custom-hostname", value)])], cfg({ cloudflareCustomHostnames: enabled }));
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-custom-hostname")).toBe(expected);
  });

  it.each([
    ["team:b, env:prod ,,a:1", "a:1,env:prod,team:b"],
    ["", ""],
    [" , ", ""],
  ])("tags %j are canonicalised to %j", (value, expected) => {
    const { endpoints } = adjustEndpoints([ep("a.bar.com", "A", [prop("cloudflare-tags", value)])], cfg());
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-tags")).toBe(expected);
  });

  it("parseTags sorts by byte order", () => {
    expect(parseTags("b,B,a")).toEqual(["B", "a", "b"]);
  });

  it.each<[string, Partial<Config>, ProviderSpecificProperty[], string | undefined]>([
    ["A", {}, [prop("cloudflare-region-key", "eu")], undefined],
    ["A", { cloudflareRegionKey: "eu" }, [], "eu"],
    ["A", { cloudflareRegionalServices: true }, [], ""],
    ["CNAME", { cloudflareRegionKey: "eu" }, [prop("cloudflare-region-key", "us")], "us"],
    ["TXT", { cloudflareRegionKey: "eu" }, [prop("cloudflare-region-key", "us")], undefined],
  ])("region key on %s with %j and %j → %j", (type, over, props, expected) => {
    const { endpoints } = adjustEndpoints([ep("a.bar.com", type, props)], cfg(over));
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-region-key")).toBe(expected);
  });

  it.each([
    ["", [], undefined],
    ["managed by external-dns", [], "managed by external-dns"],
    ["managed by external-dns", [prop("cloudflare-record-comment", "mine")], "mine"],
  ])("default comment %j with %j → %j", (flag, props, expected) => {
    const { endpoints } = adjustEndpoints([ep("a.bar.com", "A", props as ProviderSpecificProperty[])], cfg({ cloudflareRecordComment: flag }));
    expect(valueOf(endpoints[0], ALPHA + "cloudflare-record-comment")).toBe(expected);
  });

  it("leaves its input untouched", () => {
    const input = ep("a.bar.com", "A", [prop("cloudflare-tags", "b,a")], 300);
    const snapshot = structuredClone(input);
    adjustEndpoints([input], cfg({ cloudflareProxied: true }));
    expect(input).toEqual(snapshot);
  });
});

describe("proxiedSourceOf / shouldBeProxied", () => {
  it.each<[string, ProviderSpecificProperty[], string, boolean]>([
    ["A", [], "flag-default", true],
    ["A", [prop("cloudflare-proxied", "false")], "annotation", false],
    ["A", [prop("cloudflare-proxied", "nope")], "flag-default", true],
    ["CNAME", [prop("cloudflare-proxied", "1")], "annotation", true],
    ["TXT", [prop("cloudflare-proxied", "true")], "not-proxiable", false],
    ["MX", [], "not-proxiable", false],
  ])("%s %j → %s (proxied %s with --cloudflare-proxied)", (type, props, source, proxied) => {
    const c = cfg({ cloudflareProxied: true });
    const e = ep("a.bar.com", type, props);
    expect(proxiedSourceOf(e, c)).toBe(source);
    expect(shouldBeProxied(e, c)).toBe(proxied);
  });
});
