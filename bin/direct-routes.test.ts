// The endpoints the server entry answers without Next: which paths, and that the answers are
// the route handlers' own (status, ETag/304, body) with the API's security headers and gzip.

import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetRuntime, installRuntime } from "../lib/server/app-runtime";
import { registerServer, stampPeer, unregisterServer } from "../lib/server/auth/peer";
import { createRuntime } from "../lib/server/compose";
import type { Runtime } from "../lib/server/runtime";
import { settingsFromEnv } from "../lib/server/settings";
import { directRoute, serveDirect } from "./direct-routes";
import { seedSnapshotEnv } from "../tests/support/seed-env";


describe("directRoute", () => {
  it.each([
    ["GET", "/api/summary", "summary"],
    ["HEAD", "/api/records", "records"],
    ["GET", "/api/records/", "records"],
    ["GET", "/api/gateways/routes", "routes"],
    ["GET", "/api/what-if/outline", "outline"],
    ["GET", "/api/what-if/changes", "changes"],
    ["GET", "/api/what-if", "-"],
    ["GET", "/api/hostnames/web.example.com", "hostname=web.example.com"],
    ["GET", "/api/hostnames/%77eb.example.com", "hostname=web.example.com"],
    ["GET", "/api/objects/ingresses", "kind=ingresses"],
    ["POST", "/api/summary", "-"],
    ["GET", "/api/apply", "-"],
    ["GET", "/api/state", "-"],
    ["GET", "/api/hostnames/a/b", "-"],
    ["GET", "/api/hostnames/%E0%A4%A", "-"],
    ["GET", "/records", "-"],
  ])("%s %s → %s", (method, pathname, want) => {
    const r = directRoute(method, pathname);
    const got = !r ? "-" : Object.keys(r.params).length ? Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join() : pathname.replace(/\/$/, "").split("/").pop();
    expect(got).toBe(want);
  });
});

describe("serveDirect", () => {
  let server: http.Server;
  let base: string;
  let rt: Runtime;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, seedSnapshotEnv());
    const binding = registerServer("127.0.0.1");
    rt = await createRuntime(settingsFromEnv());
    installRuntime(rt);
    server = http.createServer((req, res) => {
      stampPeer(req, binding);
      void serveDirect(req, res, directRoute(req.method!, new URL(req.url!, "http://x").pathname)!);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rt.world.close();
    forgetRuntime();
    unregisterServer();
    process.env = saved;
  });

  const get = (p: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .request(base + p, { method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject)
        .end();
    });

  it("answers the handler's JSON with the API's security headers, gzipped when asked, and 304 to its ETag", async () => {
    const plain = await get("/api/records?limit=50");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-type"]).toMatch(/^application\/json/);
    expect(plain.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(plain.headers["x-frame-options"]).toBe("DENY");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const doc = JSON.parse(plain.body.toString()) as { items: unknown[]; total: number };
    expect(doc.items.length).toBeGreaterThan(0);
    expect(plain.body.length).toBeGreaterThan(1024);

    const zipped = await get("/api/records?limit=50", { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    expect(zlib.gunzipSync(zipped.body).toString()).toBe(plain.body.toString());

    const again = await get("/api/records?limit=50", { "if-none-match": plain.headers.etag! });
    expect([again.status, again.body.length]).toEqual([304, 0]);
    const head = await get("/api/records?limit=50", {}, "HEAD");
    expect([head.status, head.body.length]).toEqual([200, 0]);
  });

  it("passes path parameters and the handlers' own errors through", async () => {
    const web = await get("/api/hostnames/web.example.com");
    expect(web.status).toBe(200);
    expect(JSON.parse(web.body.toString())).toMatchObject({ name: "web.example.com" });
    const bad = await get("/api/hostnames/bad_name!");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.code).toBe("invalid-hostname");
  });
});
