import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CloudflareRecord, CloudflareZone, Config, Endpoint } from "../../types";
import { indexRecords, zoneRecordsToEndpoints } from "./records";
import { testConfig } from "../../config.testkit";

const P = "external-dns.alpha.kubernetes.io/";

function cfg(minor = 21, over: Partial<Config> = {}): Config {
  return testConfig({ version: { major: 0, minor, patch: 0, raw: `v0.${minor}.0` }, annotationPrefix: P, ...over });
}

let nextId = 0;
function rec(name: string, type: string, content: string, extra: Partial<CloudflareRecord> = {}): CloudflareRecord {
  return { id: `r${++nextId}`, name, type, content, ttl: 1, proxied: false, ...extra };
}

const zone = (name: string, records: CloudflareRecord[], id = name): CloudflareZone => ({ id, name, records });
const props = (e: Endpoint) => Object.fromEntries(e.providerSpecific.map((p) => [p.name, p.value]));
const find = (eps: Endpoint[], name: string, type: string) => eps.find((e) => e.dnsName === name && e.recordType === type);

describe("zoneRecordsToEndpoints", () => {
  it("groups records by name and type into one endpoint with every content as a target", () => {
    const eps = zoneRecordsToEndpoints(
      [zone("example.com", [
        rec("app.example.com", "A", "1.1.1.1", { ttl: 300 }),
        rec("app.example.com", "AAAA", "2001:db8::1"),
        rec("app.example.com", "A", "2.2.2.2", { ttl: 600, proxied: true }),
      ])],
      cfg(),
    );
    expect(eps).toHaveLength(2);
    const a = find(eps, "app.example.com", "A")!;
    expect(a.targets).toEqual(["1.1.1.1", "2.2.2.2"]);
    // TTL and proxied come from one record of the group (the first here).
    expect(a.recordTTL).toBe(300);
    expect(props(a)[P + "cloudflare-proxied"]).toBe("false");
  });

  it.each([
    ["A", 21, true], ["AAAA", 21, true], ["CNAME", 21, true], ["SRV", 21, true], ["TXT", 21, true],
    ["NS", 21, true], ["MX", 21, true], ["DNAME", 21, false], ["DNAME", 22, true],
    ["CAA", 22, false], ["PTR", 22, false], ["LOC", 22, false], ["SPF", 22, false], ["HTTPS", 22, false],
  ])("reads type %s at v0.%s: %s", (type, minor, kept) => {
    const content = type === "MX" ? "mail.example.com" : "x";
    const eps = zoneRecordsToEndpoints([zone("example.com", [rec("t.example.com", type, content)])], cfg(minor));
    expect(eps.length).toBe(kept ? 1 : 0);
  });

  it.each([
    [10, "mail.example.com", "10 mail.example.com"],
    [0, "mx0.example.com", "0 mx0.example.com"],
    [undefined, "nopriority.example.com", "0 nopriority.example.com"],
  ])("formats MX priority %s host %s as %j", (priority, host, expected) => {
    const eps = zoneRecordsToEndpoints([zone("example.com", [rec("example.com", "MX", host, { priority })])], cfg());
    expect(eps[0].targets).toEqual([expected]);
  });

  it("lower-cases names, trims one trailing dot, keeps TXT content with its quotes", () => {
    const txt = '"heritage=external-dns,external-dns/owner=default"';
    const eps = zoneRecordsToEndpoints(
      [zone("example.com", [rec("A-App.Example.com.", "TXT", txt), rec("WWW.example.com", "CNAME", "Target.example.net.")])],
      cfg(),
    );
    expect(find(eps, "a-app.example.com", "TXT")!.targets).toEqual([txt]);
    expect(find(eps, "www.example.com", "CNAME")!.targets).toEqual(["Target.example.net"]);
  });

  it("every endpoint carries the proxied property; comment and tags only when present", () => {
    const eps = zoneRecordsToEndpoints(
      [zone("example.com", [
        rec("a.example.com", "A", "1.1.1.1", { proxied: undefined }),
        rec("b.example.com", "A", "1.1.1.2", { proxied: true, comment: "hi", tags: ["z:1", "a:2"] }),
        rec("c.example.com", "A", "1.1.1.3", { comment: null, tags: [] }),
      ])],
      cfg(),
    );
    expect(props(find(eps, "a.example.com", "A")!)).toEqual({ [P + "cloudflare-proxied"]: "false" });
    expect(props(find(eps, "b.example.com", "A")!)).toEqual({
      [P + "cloudflare-proxied"]: "true",
      [P + "cloudflare-record-comment"]: "hi",
      [P + "cloudflare-tags"]: "a:2,z:1",
    });
    expect(props(find(eps, "c.example.com", "A")!)).toEqual({ [P + "cloudflare-proxied"]: "false" });
  });

  it("uses the configured prefix for property names", () => {
    const GA = "external-dns.kubernetes.io/";
    const eps = zoneRecordsToEndpoints([zone("example.com", [rec("a.example.com", "A", "1.1.1.1")])], cfg(22, { annotationPrefix: GA }));
    expect(props(eps[0])).toEqual({ [GA + "cloudflare-proxied"]: "false" });
  });

  it("adds the region key for A/AAAA/CNAME only when regional services are on", () => {
    const zones = [zone("example.com", [rec("a.example.com", "A", "1.1.1.1"), rec("b.example.com", "A", "1.1.1.2"), rec("t.example.com", "TXT", "x")])];
    const off = zoneRecordsToEndpoints(zones, cfg());
    expect(off.every((e) => props(e)[P + "cloudflare-region-key"] === undefined)).toBe(true);
    const on = zoneRecordsToEndpoints(zones, cfg(21, { cloudflareRegionKey: "eu" }), { regionalHostnames: { "a.example.com": "us" } });
    expect(props(find(on, "a.example.com", "A")!)[P + "cloudflare-region-key"]).toBe("us");
    expect(props(find(on, "b.example.com", "A")!)[P + "cloudflare-region-key"]).toBe("");
    expect(props(find(on, "t.example.com", "TXT")!)[P + "cloudflare-region-key"]).toBeUndefined();
  });

  it("skips names with a label over 63 characters", () => {
    const long = "x".repeat(64) + ".example.com";
    expect(zoneRecordsToEndpoints([zone("example.com", [rec(long, "A", "1.1.1.1")])], cfg())).toEqual([]);
  });

  it("collapses records sharing name, type and content as the provider's map does (MX with one host)", () => {
    const eps = zoneRecordsToEndpoints(
      [zone("example.com", [rec("example.com", "MX", "mx.example.com", { priority: 10 }), rec("example.com", "MX", "mx.example.com", { priority: 20 })])],
      cfg(),
    );
    expect(eps[0].targets).toEqual(["20 mx.example.com"]);
  });

  it("keeps zones apart: the same name in two zones gives two endpoints", () => {
    const eps = zoneRecordsToEndpoints(
      [zone("example.com", [rec("a.sub.example.com", "A", "1.1.1.1")]), zone("sub.example.com", [rec("a.sub.example.com", "A", "2.2.2.2")])],
      cfg(),
    );
    expect(eps.map((e) => e.targets)).toEqual([["1.1.1.1"], ["2.2.2.2"]]);
  });
});

describe("indexRecords", () => {
  const r1 = rec("app.example.com", "A", "1.1.1.1");
  const r2 = rec("example.com", "MX", "mx.example.com", { priority: 10 });
  const r3 = rec("a.sub.example.com", "A", "1.1.1.1");
  const zones = [zone("example.com", [r1, r2], "z1"), zone("sub.example.com", [r3], "z2")];
  const index = indexRecords(zones);

  it.each<[string, string, string, string | undefined, string | undefined]>([
    ["app.example.com", "A", "1.1.1.1", undefined, r1.id],
    ["APP.example.com.", "A", "1.1.1.1", undefined, r1.id],
    ["app.example.com", "A", "1.1.1.2", undefined, undefined],
    ["app.example.com", "CNAME", "1.1.1.1", undefined, undefined],
    ["example.com", "MX", "mx.example.com", undefined, r2.id],
    ["example.com", "MX", "10 mx.example.com", undefined, undefined],
    ["a.sub.example.com", "A", "1.1.1.1", "z2", r3.id],
    ["a.sub.example.com", "A", "1.1.1.1", "z1", undefined],
  ])("(%s, %s, %s) in zone %s → %s", (name, type, content, zoneId, expected) => {
    expect(index.get(name, type, content, zoneId)?.record.id).toBe(expected);
  });

  it("returns the zone with the record", () => {
    expect(index.get("a.sub.example.com", "A", "1.1.1.1")?.zone.id).toBe("z2");
  });
});

describe("grouping as the provider's map does it", () => {
  // The provider's reading, spelled out: a map keyed by (name, type, content) in which a later
  // record replaces an earlier one in place, grouped by (name, type) in first-seen order.
  function reference(records: CloudflareRecord[]): Array<{ name: string; type: string; records: CloudflareRecord[] }> {
    const norm = (n: string) => n.toLowerCase().replace(/\.$/, "");
    const byKey = new Map<string, CloudflareRecord>();
    for (const r of records) byKey.set(`${norm(r.name)}\u0000${r.type}\u0000${r.content}`, r);
    const groups = new Map<string, { name: string; type: string; records: CloudflareRecord[] }>();
    for (const r of byKey.values()) {
      const key = `${norm(r.name)}\u0000${r.type}`;
      const g = groups.get(key) ?? { name: norm(r.name), type: r.type, records: [] };
      g.records.push(r);
      groups.set(key, g);
    }
    return [...groups.values()];
  }
  const shape = (eps: Endpoint[]) => eps.map((e) => ({ name: e.dnsName, type: e.recordType, targets: e.targets, ttl: e.recordTTL, proxied: props(e)[P + "cloudflare-proxied"] }));
  const expected = (records: CloudflareRecord[]) =>
    reference(records).map((g) => ({ name: g.name, type: g.type, targets: g.records.map((r) => r.content), ttl: g.records[0].ttl, proxied: String(g.records[0].proxied ?? false) }));

  it("orders endpoints by the first record of each name and type, however they interleave", () => {
    const records = [
      rec("b.example.com", "A", "1.1.1.1"),
      rec("a.example.com", "A", "1.1.1.1"),
      rec("b.example.com", "TXT", '"x"'),
      rec("a.example.com", "A", "2.2.2.2"),
      rec("B.example.com.", "A", "3.3.3.3"),
      rec("b.example.com", "CNAME", "c.example.net"),
      rec("b.example.com", "TXT", '"y"'),
    ];
    expect(shape(zoneRecordsToEndpoints([zone("example.com", records)], cfg()))).toEqual([
      { name: "b.example.com", type: "A", targets: ["1.1.1.1", "3.3.3.3"], ttl: 1, proxied: "false" },
      { name: "a.example.com", type: "A", targets: ["1.1.1.1", "2.2.2.2"], ttl: 1, proxied: "false" },
      { name: "b.example.com", type: "TXT", targets: ['"x"', '"y"'], ttl: 1, proxied: "false" },
      { name: "b.example.com", type: "CNAME", targets: ["c.example.net"], ttl: 1, proxied: "false" },
    ]);
  });

  it("puts a later record with the same name, type and content in the earlier one's place", () => {
    const records = [rec("a.example.com", "A", "1.1.1.1", { ttl: 300 }), rec("a.example.com", "A", "2.2.2.2"), rec("A.example.com", "A", "1.1.1.1", { ttl: 600, proxied: true })];
    const [a] = zoneRecordsToEndpoints([zone("example.com", records)], cfg());
    expect([a.targets, a.recordTTL, props(a)[P + "cloudflare-proxied"]]).toEqual([["1.1.1.1", "2.2.2.2"], 600, "true"]);
    expect(indexRecords([zone("example.com", records)]).get("a.example.com", "A", "1.1.1.1")?.record).toBe(records[2]);
  });

  it("agrees with the map-based reading on random zones", () => {
    const arb = fc.array(
      fc.record({
        name: fc.constantFrom("a.example.com", "A.example.com.", "b.example.com", "c.example.com"),
        type: fc.constantFrom("A", "AAAA", "CNAME", "TXT"),
        content: fc.constantFrom("1", "2", "3"),
        ttl: fc.constantFrom(1, 300),
        proxied: fc.boolean(),
      }),
      { maxLength: 14 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const records = raw.map((r, i) => ({ id: `p${i}`, ...r }));
        expect(shape(zoneRecordsToEndpoints([zone("example.com", records)], cfg()))).toEqual(expected(records));
        const index = indexRecords([zone("example.com", records)]);
        for (const r of records) {
          const last = [...records].reverse().find((x) => x.type === r.type && x.content === r.content && x.name.toLowerCase().replace(/\.$/, "") === r.name.toLowerCase().replace(/\.$/, ""));
          expect(index.get(r.name, r.type, r.content)?.record).toBe(last);
        }
      }),
      { numRuns: 500 },
    );
  });
});
