// The page-shaped API (lib/server/pages.ts, page-route.ts) over a real snapshot-mode runtime (files → snapshot cluster reader →
// World → route handlers, as Next calls them): paging, filters, facet counts, the per-Gateway
// routes, the hostname index, the paged plan, and ETag/304 on each.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createdRuntime, forgetRuntime } from "../lib/server/app-runtime";
import { writeEstate } from "../bench/cli/estate";
import type {
  GatewaysResponse,
  HostnameResponse,
  HostnameSearchResponse,
  PlanPageResponse,
  PlanResponse,
  RecordsPageResponse,
  RoutesPageResponse,
  StateResponse,
  SummaryResponse,
} from "../lib/api/types";
import { filterRecords, parseRecordsQuery, sortRecords } from "../lib/drift/record-query";
import { registerServer, unregisterServer } from "../lib/server/auth/peer";
import { GET as summary } from "../app/api/summary/route";
import { GET as records } from "../app/api/records/route";
import { GET as gateways } from "../app/api/gateways/route";
import { GET as routes } from "../app/api/gateways/routes/route";
import { GET as objects } from "../app/api/objects/[kind]/route";
import { GET as hostnames } from "../app/api/hostnames/route";
import { GET as hostname } from "../app/api/hostnames/[hostname]/route";
import { GET as plan } from "../app/api/plan/route";
import { GET as state } from "../app/api/state/route";

const ORIGIN = "http://127.0.0.1:3000";
const saved = { ...process.env };
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-pages-"));
  const files = writeEstate({ routes: 300, records: 600, dir: tmp });
  Object.assign(process.env, {
    DNSDRIFT_MODE: "snapshot",
    DNSDRIFT_SNAPSHOT_MANIFESTS: files.manifests,
    DNSDRIFT_SNAPSHOT_RECORDS: files.records,
    DNSDRIFT_EXTERNALDNS_CONFIG: files.config,
    DNSDRIFT_EXTERNALDNS_VERSION: "v0.21.0",
    DNSDRIFT_AUTH_MODE: "none",
    DNSDRIFT_DOH: "off",
  });
  registerServer("127.0.0.1");
});

afterAll(async () => {
  await (await createdRuntime()?.catch(() => undefined))?.world.close();
  forgetRuntime();
  unregisterServer();
  process.env = saved;
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Route handlers differ in their second argument (the dynamic route params).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, ctx: any) => Promise<Response> | Response;

async function get<T>(handler: Handler, url: string, opts: { params?: Record<string, string>; etag?: string } = {}) {
  const u = new URL(url, ORIGIN);
  const req = new Request(u, { headers: { host: u.host, ...(opts.etag ? { "if-none-match": opts.etag } : {}) } });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag") ?? "", cache: res.headers.get("cache-control"), text, body: (text ? JSON.parse(text) : undefined) as T };
}

async function wholeState(): Promise<StateResponse> {
  return (await get<StateResponse>(state, "/api/state")).body;
}

describe("ETag and 304", () => {
  it.each([
    ["summary", summary, "/api/summary", {}],
    ["records", records, "/api/records?state=missing&limit=5", {}],
    ["gateways", gateways, "/api/gateways", {}],
    ["hostname search", hostnames, "/api/hostnames?q=app", {}],
    ["ingresses", objects, "/api/objects/ingresses?limit=3", { kind: "ingresses" }],
    ["plan page", plan, "/api/plan?limit=10", {}],
    ["state", state, "/api/state", {}],
  ] as const)("%s answers 304 to its own ETag, 200 to another", async (_, handler, url, params) => {
    const first = await get(handler as Handler, url, { params });
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect(first.cache).toBe("private, no-cache");
    const again = await get(handler as Handler, url, { params, etag: first.etag });
    expect([again.status, again.text, again.etag]).toEqual([304, "", first.etag]);
    const other = await get(handler as Handler, url, { params, etag: '"something-else"' });
    expect([other.status, other.text]).toEqual([200, first.text]);
  });

  it("gives different answers different ETags", async () => {
    const a = await get(records, "/api/records?limit=5");
    const b = await get(records, "/api/records?limit=5&offset=5");
    expect(a.etag).not.toBe(b.etag);
  });
});

describe("GET /api/summary", () => {
  it("has the counts, plan and totals of the whole state, without its lists", async () => {
    const s = await wholeState();
    const { body, text } = await get<SummaryResponse>(summary, "/api/summary");
    const i = s.instances[0];
    expect(body.instances[0]).toMatchObject({ id: i.id, counts: i.counts, plan: i.plan, config: i.config });
    expect(body.instances[0].totals).toEqual({
      gateways: i.gateways.length,
      routes: i.gateways.reduce((n, g) => n + g.routes.length, i.orphanRoutes.length),
      ingresses: i.ingresses.length,
      dnsEndpoints: i.dnsEndpoints.length,
      records: i.records.length,
      hostnames: i.hostnames.length,
      desired: i.desired.length,
    });
    expect(body.instances[0].totals.routes).toBe(300);
    expect(text.length).toBeLessThan(JSON.stringify(s).length / 20);
  });
});

describe("GET /api/records", () => {
  it("pages the sorted records without gaps or overlaps", async () => {
    const all = (await wholeState()).instances[0].records;
    const seen: string[] = [];
    for (let offset = 0; ; offset += 250) {
      const { body } = await get<RecordsPageResponse>(records, `/api/records?sort=ttl&dir=desc&limit=250&offset=${offset}`);
      expect(body.total).toBe(all.length);
      seen.push(...body.items.map((r) => `${r.id ?? "-"} ${r.name} ${r.type} ${r.content}`));
      if (body.items.length < 250) break;
    }
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
    expect(seen).toEqual(sortRecords(all, "ttl", true).map((r) => `${r.id ?? "-"} ${r.name} ${r.type} ${r.content}`));
  });

  it.each([
    ["state=missing", { states: ["missing"] }],
    ["state=drifted,orphaned&type=CNAME", { states: ["drifted", "orphaned"], type: "CNAME" }],
    ["q=svc-1%20a", { q: "svc-1 a" }],
    ["type=txt&sort=state", { type: "TXT" }],
  ])("filters %s on the server, with facet counts", async (qs, expected) => {
    const all = (await wholeState()).instances[0].records;
    const { body } = await get<RecordsPageResponse>(records, `/api/records?${qs}&limit=1000`);
    const query = parseRecordsQuery(new URLSearchParams(qs));
    expect(query).toMatchObject(expected);
    const want = filterRecords(all, query);
    expect(want.length).toBeGreaterThan(0);
    expect(body.total).toBe(want.length);
    expect(body.all).toBe(all.length);
    expect(new Set(body.items)).toEqual(new Set(want));
    // The state chips count what the text and type leave, whatever states are picked.
    const chips = filterRecords(all, { ...query, states: [] });
    for (const [st, n] of Object.entries(body.counts.states)) expect([st, n]).toEqual([st, chips.filter((r) => r.state === st).length]);
    const types = filterRecords(all, { ...query, type: "" });
    for (const [t, n] of Object.entries(body.counts.types)) expect([t, n]).toEqual([t, types.filter((r) => r.type === t).length]);
  });

  it.each([
    ["limit=0", /limit must be 1–1000/],
    ["limit=1001", /limit must be 1–1000/],
    ["offset=-1", /offset must be a whole number/],
    ["limit=ten", /limit must be a whole number/],
  ])("refuses %s with 400", async (qs, message) => {
    const res = await get<{ error: { code: string; message: string } }>(records, `/api/records?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid-parameter");
    expect(res.body.error.message).toMatch(message);
  });

  it("answers 404 for an unknown instance", async () => {
    const res = await get<{ error: { code: string } }>(records, "/api/records?instance=nope");
    expect([res.status, res.body.error.code]).toEqual([404, "instance-not-found"]);
  });
});

describe("GET /api/gateways and /api/gateways/routes", () => {
  it("lists Gateways with route tallies, and each Gateway's routes a page at a time", async () => {
    const i = (await wholeState()).instances[0];
    const { body } = await get<GatewaysResponse>(gateways, "/api/gateways");
    expect(body.gateways.map((g) => g.resource)).toEqual(i.gateways.map((g) => g.resource));
    expect(body.gateways.some((g) => "routes" in g)).toBe(false);
    for (const g of body.gateways) {
      const full = i.gateways.find((x) => x.resource === g.resource)!;
      expect(g.routeCount).toBe(full.routes.length);
      expect(Object.values(g.routeStates).reduce((a, b) => a + b, 0)).toBe(full.routes.length);
    }
    const big = i.gateways.reduce((a, b) => (b.routes.length > a.routes.length ? b : a));
    const page1 = await get<RoutesPageResponse>(routes, `/api/gateways/routes?gateway=${encodeURIComponent(big.resource)}&limit=10`);
    const page2 = await get<RoutesPageResponse>(routes, `/api/gateways/routes?gateway=${encodeURIComponent(big.resource)}&limit=10&offset=10`);
    expect(page1.body.total).toBe(big.routes.length);
    expect([...page1.body.items, ...page2.body.items].map((r) => r.resource)).toEqual(big.routes.slice(0, 20).map((r) => r.resource));
    const one = big.routes[3];
    const found = await get<RoutesPageResponse>(routes, `/api/gateways/routes?gateway=${encodeURIComponent(big.resource)}&q=${one.namespace}/${one.name}`);
    expect(found.body.items.map((r) => r.resource)).toContain(one.resource);
    expect(found.body.total).toBeLessThan(big.routes.length);
  });

  it("finds one route by its resource, under its Gateway", async () => {
    const i = (await wholeState()).instances[0];
    const g = i.gateways.find((x) => x.routes.length > 3)!;
    const r = g.routes[2];
    const { body } = await get<RoutesPageResponse>(routes, `/api/gateways/routes?route=${encodeURIComponent(r.resource)}`);
    expect([body.gateway, body.total, body.items]).toEqual([g.resource, 1, [r]]);
    const none = await get<{ error: { code: string } }>(routes, "/api/gateways/routes?route=httproute/nope/nope");
    expect([none.status, none.body.error.code]).toEqual([404, "route-not-found"]);
  });

  it("answers 404 for a Gateway that does not exist", async () => {
    const res = await get<{ error: { code: string } }>(routes, "/api/gateways/routes?gateway=gateway/nope/nope");
    expect([res.status, res.body.error.code]).toEqual([404, "gateway-not-found"]);
  });
});

describe("GET /api/hostnames", () => {
  it("serves one name from the index: its row, records and object path", async () => {
    const i = (await wholeState()).instances[0];
    const h = i.hostnames.find((x) => x.state === "drifted") ?? i.hostnames[0];
    const { body } = await get<HostnameResponse>(hostname, `/api/hostnames/${h.name}`, { params: { hostname: h.name } });
    expect(body.view).toEqual(h);
    expect(new Set(body.records)).toEqual(new Set(i.records.filter((r) => r.name === h.name || r.ownershipOf?.name === h.name)));
    expect(body.path.length).toBeGreaterThan(0);
    expect(body.similar).toEqual([]);
  });

  it("suggests similar names for an unknown one, and refuses a non-name", async () => {
    const { body } = await get<HostnameResponse>(hostname, "/api/hostnames/svc-1.nowhere.test", { params: { hostname: "svc-1.nowhere.test" } });
    expect(body.view).toBeUndefined();
    expect(body.similar.length).toBeGreaterThan(0);
    expect(body.similar.every((n) => n.includes("svc-1"))).toBe(true);
    const bad = await get<{ error: { code: string } }>(hostname, "/api/hostnames/a%20b", { params: { hostname: "a%20b" } });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid-hostname"]);
  });

  it("searches names, prefix matches first", async () => {
    const names = (await wholeState()).instances[0].hostnames.map((h) => h.name);
    const { body } = await get<HostnameSearchResponse>(hostnames, "/api/hostnames?q=svc-1&limit=100");
    expect(body.total).toBe(names.filter((n) => n.includes("svc-1")).length);
    const firstContains = body.items.findIndex((n) => !n.startsWith("svc-1"));
    if (firstContains >= 0) expect(body.items.slice(firstContains).every((n) => !n.startsWith("svc-1"))).toBe(true);
  });
});

describe("GET /api/plan paged", () => {
  it("windows the changes; hash, summary and confirmation stay those of the whole plan", async () => {
    const whole = (await get<PlanResponse>(plan, "/api/plan")).body;
    expect(whole.changes.length).toBeGreaterThan(20);
    const a = (await get<PlanPageResponse>(plan, "/api/plan?limit=20")).body;
    const b = (await get<PlanPageResponse>(plan, "/api/plan?limit=20&offset=20")).body;
    expect([a.total, a.hash, a.summary, a.confirmation]).toEqual([whole.changes.length, whole.hash, whole.summary, whole.confirmation]);
    expect([...a.changes, ...b.changes]).toEqual(whole.changes.slice(0, 40));
    expect(b.reverts).toEqual(whole.reverts.filter((r) => r.index >= 20 && r.index < 40));
  });
});
