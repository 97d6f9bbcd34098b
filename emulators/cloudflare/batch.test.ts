// POST …/dns_records/batch through the SDK: fixed execution order, all-or-nothing with
// rollback, the first error as the batch's error, and the per-plan operation limit.

import Cloudflare from "cloudflare";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { baseSeed, rejection, startHarness, ZONE_ID } from "./test-support";
import type { Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  if (!h) h = await startHarness();
  h.emu.seed(baseSeed());
  h.emu.reset();
});
afterAll(() => h?.emu.close());

const state = () => JSON.stringify(h.emu.state.dump());

describe("batch", () => {
  it("runs deletes, patches, puts, then posts whatever the JSON order", async () => {
    // The post only succeeds because the CNAME delete runs first.
    const res = await h.client().dns.records.batch({
      zone_id: ZONE_ID,
      posts: [{ type: "A", name: "app", content: "198.51.100.50", ttl: 1, proxied: true }],
      puts: [{ id: "a0000000000000000000000000000002", type: "A", name: "www", content: "198.51.100.3", ttl: 120 }],
      patches: [{ id: "a0000000000000000000000000000001", type: "A", name: "www", ttl: 600 }],
      deletes: [{ id: "c0000000000000000000000000000001" }],
    });
    expect(res.deletes?.map((r) => [r.id, r.type, r.content])).toEqual([["c0000000000000000000000000000001", "CNAME", "lb.example.net"]]);
    expect(res.patches?.map((r) => [r.content, r.ttl])).toEqual([["198.51.100.1", 600]]);
    expect(res.puts?.map((r) => [r.content, r.ttl])).toEqual([["198.51.100.3", 120]]);
    expect(res.posts?.map((r) => [r.name, r.type, r.proxied])).toEqual([["app.example.com", "A", true]]);
    const app = await h.client().dns.records.list({ zone_id: ZONE_ID, name: { exact: "app.example.com" } });
    expect(app.result.map((r) => r.type)).toEqual(["A"]);
  });

  it.each<[string, Record<string, unknown>, number, number]>([
    ["a failing post after a delete", { deletes: [{ id: "a0000000000000000000000000000001" }], posts: [{ type: "A", name: "app", content: "198.51.100.9", ttl: 1 }] }, 400, 81054],
    ["a delete of an unknown id after a good delete", { deletes: [{ id: "mx-record-1" }, { id: "0123456789abcdef0123456789abcdef" }] }, 404, 81044],
    ["a second post duplicating the first", { posts: [{ type: "A", name: "n", content: "198.51.100.9", ttl: 1 }, { type: "A", name: "n", content: "198.51.100.9", ttl: 1 }] }, 400, 81058],
    ["a put with a bad TTL after a good patch", { patches: [{ id: "mx-record-1", content: "mx2.example.com" }], puts: [{ id: "a0000000000000000000000000000002", type: "A", name: "www", content: "198.51.100.2", ttl: 7 }] }, 400, 9021],
  ])("rolls everything back on %s and returns the first error", async (_label, body, status, code) => {
    const before = state();
    const e = await rejection(h.client().post(`/zones/${ZONE_ID}/dns_records/batch`, { body }));
    expect(e.status).toBe(status);
    expect(e.errors[0].code).toBe(code);
    expect(e.error).toMatchObject({ success: false, result: null, messages: [] });
    expect(state()).toBe(before);
  });

  it("fails by fault injection after N applied operations, with full rollback", async () => {
    const before = state();
    h.emu.setFault({ kind: "batch", afterOps: 2, count: 1, code: 1004, message: "DNS Validation Error" });
    const body = {
      deletes: [{ id: "a0000000000000000000000000000001" }],
      posts: [{ type: "A", name: "x1", content: "198.51.100.11", ttl: 1 }, { type: "A", name: "x2", content: "198.51.100.12", ttl: 1 }],
    };
    const e = await rejection(h.client().post(`/zones/${ZONE_ID}/dns_records/batch`, { body }));
    expect(e).toBeInstanceOf(Cloudflare.BadRequestError);
    expect(e.errors[0].code).toBe(1004);
    expect(state()).toBe(before);
    // count: 1 — the same batch succeeds the second time.
    const ok = (await h.client().post(`/zones/${ZONE_ID}/dns_records/batch`, { body })) as { result: { posts: unknown[] } };
    expect(ok.result.posts).toHaveLength(2);
  });

  it("refuses more operations than the zone's plan allows (free: 200)", async () => {
    const posts = Array.from({ length: 201 }, (_, i) => ({ type: "A" as const, name: `b${i}`, content: "198.51.100.1", ttl: 1 }));
    const e = await rejection(h.client().dns.records.batch({ zone_id: ZONE_ID, posts }));
    expect(e.status).toBe(400);
    const ok = await h.client().dns.records.batch({ zone_id: ZONE_ID, posts: posts.slice(0, 200) });
    expect(ok.posts).toHaveLength(200);
  });

  it("returns all four arrays even when the body has one", async () => {
    const res = await h.client().dns.records.batch({ zone_id: ZONE_ID, deletes: [{ id: "mx-record-1" }] });
    expect(Object.keys(res).sort()).toEqual(["deletes", "patches", "posts", "puts"]);
  });
});
