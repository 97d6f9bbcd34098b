// The answers built before a computation is published: every first request of the pages finds its
// answer (and its gzip) ready under the key the route handler computes, in any spelling of the
// same query, and the answers are the ones built on request. Snapshot-mode runtime over the seed
// (files → World → route handlers as Next calls them).

import { seedSnapshotEnv } from "../../tests/support/seed-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as gateways } from "../../app/api/gateways/route";
import { GET as plan } from "../../app/api/plan/route";
import { GET as records } from "../../app/api/records/route";
import { GET as summary } from "../../app/api/summary/route";
import { forgetRuntime, installRuntime } from "./app-runtime";
import { registerServer, unregisterServer } from "./auth/peer";
import { createRuntime } from "./compose";
import { gzipReady } from "./gzip-cache";
import { firstRequests } from "./prebuild";
import type { Runtime } from "./runtime";
import { settingsFromEnv } from "./settings";
import type { Views } from "./views";

const saved = { ...process.env };
let rt: Runtime;
let views: Views;
/** The body cache as the computation was published, before any request. */
let prebuilt: Map<string, string>;

type Handler = (req: Request) => Promise<Response>;
const HANDLERS: Record<string, Handler> = { "/api/summary": summary, "/api/records": records, "/api/gateways": gateways, "/api/plan": plan };

async function get(url: string, etag?: string) {
  const u = new URL(url, "http://127.0.0.1:3000");
  const res = await HANDLERS[u.pathname](new Request(u, { headers: { host: u.host, ...(etag ? { "if-none-match": etag } : {}) } }));
  return { status: res.status, etag: res.headers.get("etag") ?? "", text: await res.text() };
}

beforeAll(async () => {
  Object.assign(process.env, seedSnapshotEnv());
  registerServer("127.0.0.1");
  rt = await createRuntime(settingsFromEnv());
  installRuntime(rt);
  views = rt.views.of(await rt.world.current());
  prebuilt = new Map([...views.bodies.entries()].map(([k, v]) => [k, v.body]));
});

afterAll(async () => {
  await rt.world.close();
  forgetRuntime();
  unregisterServer();
  process.env = saved;
});

describe("answers built before a computation is published", () => {
  it("holds each page's first answer, with its gzip, before any request", () => {
    const first = firstRequests(views.instances[0], true).map(([p]) => p);
    // The seed has drift in several states: the overview's links to each are among the first requests.
    expect(first).toEqual(expect.arrayContaining(["/api/summary", "/api/records?offset=0&limit=200", "/api/records?state=missing&offset=0&limit=200", "/api/gateways", "/api/plan?offset=0&limit=1000"]));
    expect(views.bodies.size).toBe(first.length);
    for (const [, cached] of views.bodies.entries()) {
      expect(cached.wire).toBeDefined();
      if (cached.wire!.bytes.length >= 1024) expect(gzipReady(cached.etag)).toBe(true);
    }
  });

  it.each([
    ["/api/summary", "/api/summary?refresh=0"],
    ["/api/records?offset=0&limit=200", "/api/records?limit=200"],
    ["/api/records?offset=0&limit=200", "/api/records?sort=name&limit=200&offset=0&dir=asc&q="],
    ["/api/records?state=missing&offset=0&limit=200", "/api/records?limit=200&state=missing"],
    ["/api/gateways", "/api/gateways?x=1"],
    ["/api/plan?offset=0&limit=1000", "/api/plan?limit=1000"],
  ])("serves %s, and %s, from the prebuilt answer", async (url, other) => {
    const before = views.bodies.size;
    const a = await get(url);
    const b = await get(other);
    expect(a.status).toBe(200);
    expect(b.text).toBe(a.text);
    expect(b.etag).toBe(a.etag);
    expect(views.bodies.size).toBe(before);
    expect((await get(other, a.etag)).status).toBe(304);
  });

  it("keeps different queries apart, and still refuses bad parameters", async () => {
    const before = views.bodies.size;
    const all = await get("/api/records?limit=200");
    const second = await get("/api/records?offset=1&limit=200");
    const byType = await get("/api/records?sort=type&limit=200");
    expect(new Set([all.etag, second.etag, byType.etag]).size).toBe(3);
    expect(views.bodies.size).toBe(before + 2);
    const whole = await get("/api/plan");
    expect(JSON.parse(whole.text)).not.toHaveProperty("offset");
    for (const bad of ["/api/records?limit=0", "/api/records?offset=-1", "/api/plan?limit=1001", "/api/plan?offset=x"]) {
      const res = await get(bad);
      expect([res.status, JSON.parse(res.text).error.code]).toEqual([400, "invalid-parameter"]);
    }
  });

  it("builds the same answers a request builds", async () => {
    views.bodies.clear();
    for (const [p] of firstRequests(views.instances[0], true)) await get(p);
    const built = new Map([...views.bodies.entries()].map(([k, v]) => [k, v.body]));
    expect([...built.keys()].sort()).toEqual([...prebuilt.keys()].sort());
    for (const [k, body] of built) expect(body === prebuilt.get(k), k).toBe(true);
  });
});
