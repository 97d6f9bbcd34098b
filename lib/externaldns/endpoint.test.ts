import { describe, expect, it } from "vitest";
import { byteOrder, endpointsForHostname, hasOverlongLabel, mergeEndpoints, newEndpoint, suitableType } from "./endpoint";
import type { Endpoint, Version } from "./types";

const V20: Version = { major: 0, minor: 20, patch: 0, raw: "v0.20.0" };
const V21: Version = { major: 0, minor: 21, patch: 0, raw: "v0.21.0" };
const V22: Version = { major: 0, minor: 22, patch: 0, raw: "v0.22.0" };

describe("suitableType", () => {
  it.each([
    ["1.2.3.4", "A"],
    ["0.0.0.0", "A"],
    ["255.255.255.255", "A"],
    ["2606:4700:4700::1111", "AAAA"],
    ["::", "AAAA"],
    ["::ffff:1.2.3.4", "AAAA"],
    ["fe80::1%eth0", "AAAA"],
    ["lb.example.com", "CNAME"],
    ["", "CNAME"],
    ["256.256.256.256", "CNAME"],
    ["192.168.1", "CNAME"],
    ["10.0.0.0/8", "CNAME"],
    ["2001:db8::/32", "CNAME"],
    ["01.2.3.4", "CNAME"],
    ["1.2.3.4.", "CNAME"],
    ["[::1]", "CNAME"],
  ])("%s → %s", (target, type) => {
    expect(suitableType(target)).toBe(type);
  });
});

describe("newEndpoint (NewEndpointWithTTL)", () => {
  it.each([
    ["A", V21, "1.2.3.4.", "1.2.3.4"],
    ["CNAME", V21, "lb.example.com.", "lb.example.com"],
    ["MX", V21, "10 mail.example.com.", "10 mail.example.com"],
    ["TXT", V20, "text.", "text."],
    ["NAPTR", V20, "x.", "x."],
    ["SRV", V20, "10 5 5060 sip.example.com.", "10 5 5060 sip.example.com"],
    ["SRV", V21, "10 5 5060 sip.example.com.", "10 5 5060 sip.example.com."],
  ])("%s target at %s: %s → %s", (type, version, target, expected) => {
    expect(newEndpoint({ dnsName: "a.example.com", recordType: type, targets: [target] }, version)?.targets).toEqual([expected]);
  });

  it.each([
    ["a.example.com.", "a.example.com"],
    ["a.example.com..", "a.example.com."],
    ["A.Example.COM", "A.Example.COM"],
  ])("name %s → %s (one dot trimmed, case kept)", (name, expected) => {
    expect(newEndpoint({ dnsName: name, recordType: "A", targets: ["1.2.3.4"] }, V21)?.dnsName).toBe(expected);
  });

  it.each([
    [`${"a".repeat(63)}.example.com`, false],
    [`${"a".repeat(64)}.example.com`, true],
    [`x.${"a".repeat(64)}`, true],
    [`x.${"a".repeat(63)}.`, false],
  ])("overlong label in %s → refused: %s", (name, refused) => {
    expect(hasOverlongLabel(name)).toBe(refused);
    expect(newEndpoint({ dnsName: name, recordType: "A", targets: ["1.2.3.4"] }, V21) === undefined).toBe(refused);
  });

  it("defaults TTL 0, empty set identifier, copies labels and properties", () => {
    const labels = { resource: "x" };
    const providerSpecific = [{ name: "alias", value: "true" }];
    const ep = newEndpoint({ dnsName: "a", recordType: "A", targets: [], labels, providerSpecific }, V21)!;
    expect(ep).toMatchObject({ recordTTL: 0, setIdentifier: "", labels: { resource: "x" } });
    expect(ep.labels).not.toBe(labels);
    expect(ep.providerSpecific).not.toBe(providerSpecific);
  });
});

describe("endpointsForHostname", () => {
  const opts = { ttl: 60, setIdentifier: "s", providerSpecific: [], resource: "ingress/ns/n" };

  it("splits by type in the order A, AAAA, CNAME with all hostnames in one CNAME", () => {
    const eps = endpointsForHostname("h.example.com", ["elb.com", "2001:db8::1", "1.2.3.4", "alb.com", "5.6.7.8"], opts, V21);
    expect(eps.map((e) => [e.recordType, e.targets])).toEqual([
      ["A", ["1.2.3.4", "5.6.7.8"]],
      ["AAAA", ["2001:db8::1"]],
      ["CNAME", ["elb.com", "alb.com"]],
    ]);
    expect(eps.every((e) => e.recordTTL === 60 && e.setIdentifier === "s" && e.labels.resource === "ingress/ns/n")).toBe(true);
  });

  it("no targets → no endpoints; overlong name → no endpoints", () => {
    expect(endpointsForHostname("h.example.com", [], opts, V21)).toEqual([]);
    expect(endpointsForHostname(`${"a".repeat(64)}.com`, ["1.2.3.4"], opts, V21)).toEqual([]);
  });
});

function ep(dnsName: string, recordType: string, targets: string[], extra: Partial<Endpoint> = {}): Endpoint {
  return { dnsName, recordType, targets, recordTTL: 0, setIdentifier: "", labels: {}, providerSpecific: [], ...extra };
}

function shape(eps: Endpoint[]): string[] {
  return eps.map((e) => `${e.dnsName} ${e.recordType} ${e.recordTTL} ${e.setIdentifier} [${e.targets.join(",")}]`).sort();
}

describe("mergeEndpoints", () => {
  it("v0.20: nothing merged, each endpoint's targets sorted", () => {
    const out = mergeEndpoints([ep("a", "A", ["2.2.2.2", "1.1.1.1"]), ep("a", "A", ["3.3.3.3"])], V20);
    expect(shape(out)).toEqual(["a A 0  [1.1.1.1,2.2.2.2]", "a A 0  [3.3.3.3]"]);
  });

  it("v0.21: same name/type/set id/TTL merge into the union, first labels and properties kept", () => {
    const first = ep("a", "A", ["2.2.2.2"], { labels: { resource: "one" }, providerSpecific: [{ name: "p", value: "1" }] });
    const second = ep("a", "A", ["1.1.1.1", "2.2.2.2"], { labels: { resource: "two" } });
    const out = mergeEndpoints([first, second], V21);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ targets: ["1.1.1.1", "2.2.2.2"], labels: { resource: "one" }, providerSpecific: [{ name: "p", value: "1" }] });
    expect(first.targets).toEqual(["2.2.2.2"]);
  });

  it.each([
    ["different TTL", { recordTTL: 60 }],
    ["different set identifier", { setIdentifier: "blue" }],
  ])("v0.21: %s → not merged", (_n, extra) => {
    expect(mergeEndpoints([ep("a", "A", ["1.1.1.1"]), ep("a", "A", ["2.2.2.2"], extra)], V21)).toHaveLength(2);
  });

  it.each([
    ["same first target → merged", ["x.com"], ["x.com", "y.com"], ["a CNAME 0  [x.com,y.com]"]],
    ["different first target → separate", ["x.com"], ["y.com"], ["a CNAME 0  [x.com]", "a CNAME 0  [y.com]"]],
  ])("CNAME: %s", (_n, t1, t2, expected) => {
    expect(shape(mergeEndpoints([ep("a", "CNAME", t1), ep("a", "CNAME", t2)], V21))).toEqual(expected);
  });

  it.each([
    [V21, "CNAME", 0],
    [V21, "DNAME", 1],
    [V22, "DNAME", 0],
    [V22, "A", 1],
  ])("target-less at %s: %s kept %i", (version, type, count) => {
    expect(mergeEndpoints([ep("a", type, [])], version)).toHaveLength(count);
  });

  it.each([
    [V21, ["a DNAME 0  [x.com,y.com]"]],
    [V22, ["a DNAME 0  [x.com]", "a DNAME 0  [y.com]"]],
  ])("DNAME with different targets at %s", (version, expected) => {
    expect(shape(mergeEndpoints([ep("a", "DNAME", ["x.com"]), ep("a", "DNAME", ["y.com"])], version))).toEqual(expected);
  });
});

describe("byteOrder", () => {
  it("sorts like Go's sort.Strings (upper case before lower case, digits first)", () => {
    expect(["b", "B", "a", "10", "9"].sort(byteOrder)).toEqual(["10", "9", "B", "a", "b"]);
  });
});
