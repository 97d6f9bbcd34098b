// The official `cloudflare` SDK against the emulator: zones, listing with auto-pagination and
// filters, and the record writes.

import { afterAll, beforeEach, describe, expect, it } from "vitest";
import Cloudflare from "cloudflare";
import { baseSeed, OTHER_ZONE_ID, rejection, startHarness, ZONE_ID } from "./test-support";
import type { Harness } from "./test-support";
import type { SeedZone } from "./types";

let h: Harness;
beforeEach(async () => {
  if (!h) h = await startHarness();
  h.emu.seed(baseSeed());
  h.emu.reset();
});
afterAll(() => h?.emu.close());

function manyZones(n: number): SeedZone[] {
  return Array.from({ length: n }, (_, i) => ({ name: `zone${String(i).padStart(2, "0")}.test`, records: [] }));
}

describe("zones", () => {
  it("auto-paginates across pages and stops on the first empty page", async () => {
    h.emu.seed({ zones: manyZones(12) });
    const names: string[] = [];
    for await (const z of h.client().zones.list({ per_page: 5 })) names.push(z.name);
    expect(names).toEqual(manyZones(12).map((z) => z.name));
    const pages = h.emu.stats().recent.filter((r) => r.route === "/zones").map((r) => r.query);
    expect(pages).toEqual(["?per_page=5", "?per_page=5&page=2", "?per_page=5&page=3", "?per_page=5&page=4"]);
  });

  it("answers a page past the end with an empty result and true result_info", async () => {
    h.emu.seed({ zones: manyZones(7) });
    const page = await h.client().zones.list({ per_page: 5, page: 3 });
    expect(page.result).toEqual([]);
    expect(page.result_info).toEqual({ page: 3, per_page: 5, count: 0, total_count: 7, total_pages: 2 });
  });

  it.each([
    [{ name: "example.com" }, ["example.com"]],
    [{ name: "ends_with:.org" }, ["example.org"]],
    [{ name: "contains:EXAMPLE" }, ["example.com", "example.org"]],
    [{ status: "pending" as const }, []],
    [{ name: "example.com", status: "pending" as const, match: "any" as const }, ["example.com"]],
    [{ name: "example.com", status: "pending" as const, match: "all" as const }, []],
    [{ order: "name" as const, direction: "desc" as const }, ["example.org", "example.com"]],
  ])("filters %j", async (query, expected) => {
    const page = await h.client().zones.list(query);
    expect(page.result.map((z) => z.name)).toEqual(expected);
  });

  it.each([
    ["zones per_page above 50", () => h.client().zones.list({ per_page: 500 })],
    ["zones per_page below 5", () => h.client().zones.list({ per_page: 1 })],
    ["records per_page 0", () => h.client().dns.records.list({ zone_id: ZONE_ID, per_page: 0 })],
    ["records per_page not an integer", () => h.client().dns.records.list({ zone_id: ZONE_ID, per_page: 2.5 })],
    ["records page 0", () => h.client().dns.records.list({ zone_id: ZONE_ID, page: 0 })],
    ["a type outside the enum", () => h.client().dns.records.list({ zone_id: ZONE_ID, type: "AXFR" as "A" })],
    ["an order outside the enum", () => h.client().dns.records.list({ zone_id: ZONE_ID, order: "id" as "type" })],
    ["a match outside the enum", () => h.client().dns.records.list({ zone_id: ZONE_ID, match: "some" as "any" })],
  ])("refuses %s with 400, as the contract's ranges and enums say", async (_t, call) => {
    const e = await rejection(call());
    expect(e).toBeInstanceOf(Cloudflare.BadRequestError);
    expect(e.errors[0].message).toMatch(/^Invalid request: (per_page|page|type|order|match) must be/);
  });

  it("takes per_page at both ends of the zones range", async () => {
    expect((await h.client().zones.list({ per_page: 50 })).result_info.per_page).toBe(50);
    expect((await h.client().zones.list({ per_page: 5 })).result_info.per_page).toBe(5);
  });

  it("gets one zone with the fields clients read", async () => {
    const z = await h.client().zones.get({ zone_id: ZONE_ID });
    expect(z).toMatchObject({ id: ZONE_ID, name: "example.com", status: "active", type: "full", paused: false });
    expect(z.name_servers).toHaveLength(2);
  });
});

describe("dns_records list", () => {
  it("serves 6,000 records in two pages of 5,000 plus the empty page", async () => {
    const records = Array.from({ length: 6000 }, (_, i) => ({ type: "A", name: `h${i}.example.com`, content: `198.51.${i >> 8}.${i & 255}`, ttl: 1 }));
    h.emu.seed({ zones: [{ id: ZONE_ID, name: "example.com", records }] });
    let count = 0;
    for await (const r of h.client().dns.records.list({ zone_id: ZONE_ID, per_page: 5000 })) count += r.type === "A" ? 1 : 0;
    expect(count).toBe(6000);
    expect(h.emu.stats().byRoute["GET /zones/:zone_id/dns_records"]).toBe(3);
  });

  const ids = async (query: Record<string, unknown>) => {
    const page = await h.client().dns.records.list({ zone_id: ZONE_ID, ...query });
    return page.result.map((r) => r.id).sort();
  };

  it.each<[string, Record<string, unknown>, string[]]>([
    ["name.exact, case-insensitive", { name: { exact: "WWW.example.com" } }, ["a0000000000000000000000000000001", "a0000000000000000000000000000002"]],
    ["name.startswith", { name: { startswith: "cname-" } }, ["f0000000000000000000000000000001"]],
    ["name.endswith + type", { name: { endswith: "example.com" }, type: "MX" }, ["mx-record-1"]],
    ["content.contains", { content: { contains: "owner=default" } }, ["f0000000000000000000000000000001"]],
    ["content.exact", { content: { exact: "198.51.100.2" } }, ["a0000000000000000000000000000002"]],
    ["proxied", { proxied: true }, ["c0000000000000000000000000000001"]],
    ["match any", { type: "CNAME", content: { exact: "mx.example.com" }, match: "any" }, ["c0000000000000000000000000000001", "mx-record-1"]],
    ["match all (default)", { type: "CNAME", content: { exact: "mx.example.com" } }, []],
    ["comment.present", { comment: { present: "" } }, ["c0000000000000000000000000000001"]],
    ["tag name:value", { tag: { exact: "owner:TEAM-A" } }, ["c0000000000000000000000000000001"]],
    ["tag.absent", { tag: { absent: "owner" }, type: "CNAME" }, []],
  ])("filters by %s", async (_label, query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it("accepts the plain name= alias the 7.x types no longer expose", async () => {
    const res = await fetch(`${h.emu.url}/zones/${ZONE_ID}/dns_records?name=app.example.com`, { headers: { authorization: "Bearer edit-token" } });
    const body = (await res.json()) as { result: { id: string }[] };
    expect(body.result.map((r) => r.id)).toEqual(["c0000000000000000000000000000001"]);
  });

  it("orders by type by default and honours order/direction", async () => {
    const page = await h.client().dns.records.list({ zone_id: ZONE_ID });
    expect(page.result.map((r) => r.type)).toEqual(["A", "A", "CNAME", "MX", "TXT"]);
    const byTtl = await h.client().dns.records.list({ zone_id: ZONE_ID, order: "ttl", direction: "desc" });
    expect(byTtl.result.map((r) => r.ttl)).toEqual([3600, 300, 300, 1, 1]);
  });
});

describe("dns_records writes", () => {
  it("creates with a relative name, normalises content and returns 200 with the full record", async () => {
    const cf = h.client();
    const r = await cf.dns.records.create({ zone_id: ZONE_ID, type: "AAAA", name: "v6", content: "2001:0db8:0:0::1", ttl: 120 });
    expect(r).toMatchObject({ name: "v6.example.com", content: "2001:db8::1", proxied: false, proxiable: true, ttl: 120, comment: null, tags: [], meta: {}, settings: {} });
    expect(r.id).toMatch(/^[0-9a-f]{32}$/);
    expect(r.created_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(await cf.dns.records.get(r.id, { zone_id: ZONE_ID })).toEqual(r);
  });

  it("expands @ to the apex and forces ttl 1 on proxied records", async () => {
    const r = await h.client().dns.records.create({ zone_id: ZONE_ID, type: "A", name: "@", content: "198.51.100.7", ttl: 3600, proxied: true });
    expect(r).toMatchObject({ name: "example.com", proxied: true, ttl: 1 });
  });

  it("PUT overwrites: fields left out fall back to defaults", async () => {
    const r = await h.client().dns.records.update("c0000000000000000000000000000001", {
      zone_id: ZONE_ID, type: "CNAME", name: "app.example.com", content: "lb2.example.net", ttl: 300,
    });
    expect(r).toMatchObject({ content: "lb2.example.net", proxied: false, ttl: 300, comment: null, tags: [] });
    expect(r.created_on < r.modified_on).toBe(true);
  });

  it("PATCH changes only the fields sent", async () => {
    const cf = h.client();
    await cf.patch(`/zones/${ZONE_ID}/dns_records/c0000000000000000000000000000001`, { body: { content: "lb3.example.net" } });
    const r = await cf.dns.records.get("c0000000000000000000000000000001", { zone_id: ZONE_ID });
    expect(r).toMatchObject({ content: "lb3.example.net", proxied: true, comment: "managed by external-dns", tags: ["owner:team-a"] });
    const edited = await cf.dns.records.edit("a0000000000000000000000000000001", { zone_id: ZONE_ID, type: "A", name: "www", ttl: 600, comment: "x" });
    expect(edited).toMatchObject({ content: "198.51.100.1", ttl: 600, comment: "x" });
    expect(edited.comment_modified_on).toBe(edited.modified_on);
  });

  it("DELETE returns { id } and the record is gone", async () => {
    const cf = h.client();
    expect(await cf.dns.records.delete("mx-record-1", { zone_id: ZONE_ID })).toEqual({ id: "mx-record-1" });
    const page = await cf.dns.records.list({ zone_id: ZONE_ID, type: "MX" });
    expect(page.result).toEqual([]);
  });

  // BEHAVIOUR.md §3: names without a trailing dot are relative (the zone is appended, even to
  // another zone of the account, as observed on the real API); an absolute name outside the zone
  // is refused.
  it.each([
    ["www.example.org.", "another zone of the account, absolute"],
    ["www.other.com.", "an unrelated domain, absolute"],
    ["example.co.", "a suffix of the zone's name that is not the zone"],
  ])("refuses %s (%s) with a 400 DNS Validation Error, and stores nothing", async (name) => {
    const before = (await h.client().dns.records.list({ zone_id: ZONE_ID })).result.length;
    const e = await rejection(h.client().dns.records.create({ zone_id: ZONE_ID, type: "A", name, content: "198.51.100.9", ttl: 1 }));
    expect(e).toBeInstanceOf(Cloudflare.BadRequestError);
    expect(e.status).toBe(400);
    const body = e.error as { errors: { code: number; error_chain?: { message: string }[] }[] };
    expect(body.errors[0].code).toBe(1004);
    expect(body.errors[0].error_chain?.[0].message).toBe(`DNS record name ${name} is not in the zone example.com.`);
    expect((await h.client().dns.records.list({ zone_id: ZONE_ID })).result).toHaveLength(before);
  });

  it.each([
    ["www.example.com.", "www.example.com"],
    ["example.com.", "example.com"],
    ["www.example.org", "www.example.org.example.com"],
  ])("accepts %s as %s", async (name, stored) => {
    const r = await h.client().dns.records.create({ zone_id: ZONE_ID, type: "A", name, content: "198.51.100.9", ttl: 1 });
    expect(r.name).toBe(stored);
  });

  it("an absolute name outside the zone fails a batch as a whole, and updates are held to it too", async () => {
    const cf = h.client();
    const e = await rejection(cf.dns.records.batch({ zone_id: ZONE_ID, posts: [{ type: "A", name: "ok", content: "198.51.100.1", ttl: 1 }, { type: "A", name: "www.other.com.", content: "198.51.100.2", ttl: 1 }] }));
    expect(e.status).toBe(400);
    expect((await cf.dns.records.list({ zone_id: ZONE_ID, name: { exact: "ok.example.com" } })).result).toEqual([]);
    const put = await rejection(cf.dns.records.update("a0000000000000000000000000000001", { zone_id: ZONE_ID, type: "A", name: "www.other.com.", content: "198.51.100.1", ttl: 1 }));
    expect(put.status).toBe(400);
  });

  it("keeps zones apart", async () => {
    await h.client().dns.records.create({ zone_id: OTHER_ZONE_ID, type: "A", name: "www", content: "198.51.100.1", ttl: 1 });
    const other = await h.client().dns.records.list({ zone_id: OTHER_ZONE_ID });
    expect(other.result.map((r) => r.name)).toEqual(["www.example.org"]);
  });
});

describe("token verification", () => {
  it("verifies a token on the user and account endpoints", async () => {
    const cf = h.client();
    expect(await cf.user.tokens.verify()).toMatchObject({ status: "active" });
    expect(await cf.accounts.tokens.verify({ account_id: "0123" })).toMatchObject({ status: "active" });
  });
});
