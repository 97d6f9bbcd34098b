// Fault switches (in-process and over /__admin), the optional rate limiter and request counters,
// as the SDK experiences them.

import Cloudflare from "cloudflare";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { baseSeed, OTHER_ZONE_ID, rejection, startHarness, ZONE_ID } from "./test-support";
import type { Harness } from "./test-support";
import type { Fault } from "./faults";

let h: Harness;
beforeEach(async () => {
  if (!h) h = await startHarness();
  h.emu.seed(baseSeed());
  h.emu.reset();
});
afterAll(() => h?.emu.close());

const listZone = (zone = ZONE_ID, cf = h.client()) => cf.dns.records.list({ zone_id: zone });

describe("fault switches", () => {
  it("429 surfaces as RateLimitError with retry-after and x-ratelimit headers", async () => {
    h.emu.setFault({ kind: "rateLimit", retryAfter: 7, count: 1 });
    const e = await rejection(listZone());
    expect(e).toBeInstanceOf(Cloudflare.RateLimitError);
    expect(e.status).toBe(429);
    expect(e.errors[0].code).toBe(971);
    expect(e.headers?.get("retry-after")).toBe("7");
    expect(e.headers?.get("x-ratelimit-limit")).toBe("1200");
    expect(e.headers?.get("x-ratelimit-remaining")).toBe("0");
    expect(new Date(e.headers?.get("x-ratelimit-reset") ?? "").getTime()).toBeGreaterThan(Date.now());
    await expect(listZone()).resolves.toBeDefined();
  });

  it("the SDK's own retry honours retry-after and then succeeds", async () => {
    h.emu.setFault({ kind: "rateLimit", retryAfter: 1, count: 1 });
    const cf = new Cloudflare({ apiToken: "edit-token", baseURL: h.emu.url, maxRetries: 1 });
    const started = Date.now();
    await listZone(ZONE_ID, cf);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.emu.stats().byStatus).toEqual({ "429": 1, "200": 1 });
  });

  it.each<[string, Fault, new (...args: never[]) => Error, number]>([
    ["500 JSON", { kind: "serverError" }, Cloudflare.InternalServerError, 500],
    ["503 HTML page", { kind: "serverError", status: 503, html: true }, Cloudflare.InternalServerError, 503],
    ["custom 409", { kind: "error", status: 409, code: 1234, message: "conflict" }, Cloudflare.ConflictError, 409],
    ["custom 403", { kind: "error", status: 403, code: 10000, message: "Authentication error" }, Cloudflare.PermissionDeniedError, 403],
  ])("%s surfaces as the typed error", async (_label, fault, cls, status) => {
    h.emu.setFault({ ...fault, count: 1 });
    const e = await rejection(listZone());
    expect(e).toBeInstanceOf(cls);
    expect(e.status).toBe(status);
  });

  it.each([1, 3])("fails exactly the next %i requests", async (n) => {
    h.emu.setFault({ kind: "serverError", status: 502, count: n });
    for (let i = 0; i < n; i++) expect((await rejection(listZone())).status).toBe(502);
    await expect(listZone()).resolves.toBeDefined();
  });

  it("a fault without count stays until removed", async () => {
    const id = h.emu.setFault({ kind: "serverError" });
    for (let i = 0; i < 3; i++) await rejection(listZone());
    h.emu.removeFault(id);
    await expect(listZone()).resolves.toBeDefined();
  });

  it("matches per zone, method and path", async () => {
    h.emu.setFault({ kind: "serverError", match: { zoneId: OTHER_ZONE_ID } });
    h.emu.setFault({ kind: "error", status: 400, code: 1004, match: { method: "POST", path: "/dns_records" } });
    await expect(listZone(ZONE_ID)).resolves.toBeDefined();
    expect((await rejection(listZone(OTHER_ZONE_ID))).status).toBe(500);
    const post = h.client().dns.records.create({ zone_id: ZONE_ID, type: "A", name: "n", content: "198.51.100.1", ttl: 1 });
    expect((await rejection(post)).errors[0].code).toBe(1004);
  });

  it("delay beyond the client timeout gives APIConnectionTimeoutError", async () => {
    h.emu.setFault({ kind: "delay", ms: 2000, count: 1 });
    const e = await rejection(listZone(ZONE_ID, h.client("edit-token", 200)));
    expect(e).toBeInstanceOf(Cloudflare.APIConnectionTimeoutError);
  });

  it("a short delay only slows the call down", async () => {
    h.emu.setFault({ kind: "delay", ms: 150, count: 1 });
    const started = Date.now();
    await listZone();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("matches one record by name or id: alone, in a batch, and on its own path", async () => {
    h.emu.setFault({ kind: "error", status: 400, code: 81053, message: "An A, AAAA, or CNAME record with that host already exists.", match: { record: "Bad.example.com." } });
    h.emu.setFault({ kind: "serverError", status: 500, match: { record: "c0000000000000000000000000000001" } });
    const cf = h.client();
    const create = (name: string) => cf.dns.records.create({ zone_id: ZONE_ID, type: "A", name, content: "198.51.100.9", ttl: 1 });
    await expect(create("good.example.com")).resolves.toMatchObject({ name: "good.example.com" });
    expect((await rejection(create("bad.example.com"))).errors[0].code).toBe(81053);
    const batch = cf.dns.records.batch({ zone_id: ZONE_ID, posts: [{ type: "A", name: "ok2.example.com", content: "198.51.100.9", ttl: 1 }, { type: "A", name: "bad.example.com", content: "198.51.100.9", ttl: 1 }] } as never);
    expect((await rejection(batch)).errors[0].code).toBe(81053);
    expect([...h.emu.state.zone(ZONE_ID)!.records.values()].some((r) => r.name === "ok2.example.com")).toBe(false);
    expect((await rejection(cf.dns.records.delete("c0000000000000000000000000000001", { zone_id: ZONE_ID }))).status).toBe(500);
    await expect(cf.dns.records.delete("a0000000000000000000000000000001", { zone_id: ZONE_ID })).resolves.toBeDefined();
  });

  it("slowAnswer reads the data at once and answers late", async () => {
    h.emu.setFault({ kind: "slowAnswer", ms: 300, count: 1, match: { method: "GET", path: "/dns_records" } });
    const started = Date.now();
    const listing = listZone();
    while (h.emu.faults().length > 0) await new Promise((r) => setTimeout(r, 5));
    // Consumed: the listing has read the zone; a record added now is not in its answer.
    await h.client().dns.records.create({ zone_id: ZONE_ID, type: "A", name: "late.example.com", content: "198.51.100.9", ttl: 1 });
    const page = await listing;
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(page.result.map((r) => r.name)).not.toContain("late.example.com");
    expect((await listZone()).result.map((r) => r.name)).toContain("late.example.com");
  });

  it("reset drops the connection: APIConnectionError", async () => {
    h.emu.setFault({ kind: "reset", count: 1 });
    expect(await rejection(listZone())).toBeInstanceOf(Cloudflare.APIConnectionError);
  });
});

describe("rate limiter", () => {
  it("refuses requests past the budget with 429 / 971 for the rest of the window", async () => {
    const limited = await startHarness({ rateLimit: { limit: 3, windowSeconds: 60 } });
    try {
      for (let i = 0; i < 3; i++) await limited.client().zones.list();
      const e = await rejection(limited.client().zones.list());
      expect(e).toBeInstanceOf(Cloudflare.RateLimitError);
      expect(e.errors[0].code).toBe(971);
      expect(Number(e.headers?.get("retry-after"))).toBeGreaterThan(50);
      limited.emu.reset();
      await expect(limited.client().zones.list()).resolves.toBeDefined();
    } finally {
      await limited.emu.close();
    }
  });
});

describe("the budget as Cloudflare reports it", () => {
  const api = (path: string, token?: string) => fetch(`${h.emu.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("every authenticated answer carries x-ratelimit-limit/-remaining/-reset, counting down", async () => {
    const first = await api("/zones", "edit-token");
    const second = await api(`/zones/${ZONE_ID}/dns_records/0123456789abcdef0123456789abcdef`, "edit-token"); // a 404 counts too
    expect(second.status).toBe(404);
    for (const res of [first, second]) {
      expect(res.headers.get("x-ratelimit-limit")).toBe("1200");
      expect(new Date(res.headers.get("x-ratelimit-reset") ?? "").getTime()).toBeGreaterThan(Date.now());
    }
    expect(Number(first.headers.get("x-ratelimit-remaining")) - Number(second.headers.get("x-ratelimit-remaining"))).toBe(1);
  });

  it("authentication comes before the budget: a bad or missing credential is refused as such, and costs nothing", async () => {
    const limited = await startHarness({ rateLimit: { limit: 2, windowSeconds: 60 } });
    const call = (token?: string) => fetch(`${limited.emu.url}/zones`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    try {
      expect((await call("not-a-known-token")).status).toBe(401);
      expect((await call()).status).toBe(401);
      expect((await call("edit-token")).status).toBe(200);
      const last = await call("edit-token");
      expect(last.status).toBe(200); // the two refused calls were not charged
      expect(last.headers.get("x-ratelimit-remaining")).toBe("0");
      expect((await call("edit-token")).status).toBe(429);
      expect((await call("not-a-known-token")).status).toBe(401); // still an auth error, not a 429
    } finally {
      await limited.emu.close();
    }
  });

  it("GET /ips needs no credentials, is outside the budget and lists the edge ranges", async () => {
    const res = await api("/ips");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-remaining")).toBeNull();
    const body = (await res.json()) as { success: boolean; result: { ipv4_cidrs: string[]; ipv6_cidrs: string[]; etag: string } };
    expect(body.success).toBe(true);
    expect(body.result.ipv4_cidrs).toContain("104.16.0.0/13");
    expect(body.result.ipv6_cidrs).toContain("2606:4700::/32");
    expect(body.result.etag).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("stats", () => {
  it("counts Cloudflare calls per route and status, not admin calls", async () => {
    await h.client().zones.list();
    await listZone();
    await rejection(h.client().dns.records.get("0123456789abcdef0123456789abcdef", { zone_id: ZONE_ID }));
    await fetch(`${h.emu.adminUrl}/state`);
    const s = h.emu.stats();
    expect(s.total).toBe(3);
    expect(s.byRoute).toEqual({
      "GET /zones": 1,
      "GET /zones/:zone_id/dns_records": 1,
      "GET /zones/:zone_id/dns_records/:dns_record_id": 1,
    });
    expect(s.byStatus).toEqual({ "200": 2, "404": 1 });
    h.emu.resetStats();
    expect(h.emu.stats().total).toBe(0);
  });
});

describe("admin over HTTP", () => {
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.emu.adminUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("sets, lists and clears faults", async () => {
    const added = await admin("POST", "/faults", [{ kind: "serverError", status: 504, count: 1 }, { kind: "delay", ms: 10 }]);
    expect((added.body.ids as string[]).length).toBe(2);
    expect(((await admin("GET", "/faults")).body as unknown as unknown[]).length).toBe(2);
    expect((await rejection(listZone())).status).toBe(504);
    await admin("DELETE", "/faults");
    expect((await admin("GET", "/faults")).body).toEqual([]);
  });

  it("refuses a malformed fault with 400", async () => {
    const res = await admin("POST", "/faults", { kind: "explode" });
    expect(res.status).toBe(400);
    expect(String(res.body.error)).toMatch(/fault.kind/);
  });

  it("seeds, dumps state, and resets to the last seed", async () => {
    await admin("POST", "/seed", { zones: [{ name: "demo.test", records: [{ type: "A", name: "www", content: "198.51.100.1" }] }] });
    const zones = await h.client().zones.list();
    expect(zones.result.map((z) => z.name)).toEqual(["demo.test"]);
    const zoneId = zones.result[0].id;
    await h.client().dns.records.create({ zone_id: zoneId, type: "A", name: "api", content: "198.51.100.2", ttl: 1 });
    const dumped = (await admin("GET", "/state")).body as { zones: { records: { name: string }[] }[] };
    expect(dumped.zones[0].records.map((r) => r.name).sort()).toEqual(["api.demo.test", "www.demo.test"]);
    await admin("POST", "/reset");
    const after = await h.client().dns.records.list({ zone_id: zoneId });
    expect(after.result.map((r) => r.name)).toEqual(["www.demo.test"]);
    expect((await admin("GET", "/stats")).body.total).toBe(1);
  });

  it("gives seed ids that survive a restart when the seed has none", async () => {
    const seed = { zones: [{ name: "demo.test", records: [{ type: "A", name: "www", content: "198.51.100.1" }] }] };
    await admin("POST", "/seed", seed);
    const first = JSON.stringify((await admin("GET", "/state")).body);
    await admin("POST", "/seed", seed);
    const a = JSON.parse(first).zones[0];
    const b = ((await admin("GET", "/state")).body as { zones: { id: string; records: { id: string }[] }[] }).zones[0];
    expect([b.id, b.records[0].id]).toEqual([a.id, a.records[0].id]);
    expect(b.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses a seed that is not a seed document", async () => {
    expect((await admin("POST", "/seed", { nope: 1 })).status).toBe(400);
    expect((await admin("GET", "/health")).body).toEqual({ ok: true });
  });
});
