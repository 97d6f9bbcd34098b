// The built server (`next build`, then dnsdrift's server entry in production mode, snapshot data)
// as a browser or a scanner meets it: security headers on pages and API, no shared caching, and
// for every route handler under app/ a JSON answer with the right status to odd methods, paths
// and bodies. A second server whose data cannot load shows what a 500 looks like: a generic
// message with an id, and the same id on the log line.
// Needs the build: run `npx next build` first.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_METHODS } from "../lib/server/routes";

const root = path.resolve(__dirname, "..");
const seed = path.join(root, "examples/seed");

interface Server {
  base: string;
  log: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  let log = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bin/serve.ts", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", DNSDRIFT_DOH: "off", DNSDRIFT_AUDIT_DB: ":memory:", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no /healthz within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.on("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** Every route handler under app/, as a concrete path, found on disk (new routes are covered). */
function routesOnDisk(): { path: string; route: string }[] {
  const out: { path: string; route: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const route = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`;
        out.push({ route, path: route.replace(/\[[^\]]+\]/g, "app.example.com") });
      }
    }
  };
  walk(path.join(root, "app"));
  return out;
}

let ok: Server;
let broken: Server;

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("run `npx next build` before this test");
  const snapshot = {
    DNSDRIFT_MODE: "snapshot",
    DNSDRIFT_SNAPSHOT_MANIFESTS: path.join(seed, "manifests"),
    DNSDRIFT_EXTERNALDNS_CONFIG: path.join(seed, "values.yaml"),
  };
  [ok, broken] = await Promise.all([
    startServer({ ...snapshot, DNSDRIFT_SNAPSHOT_RECORDS: path.join(seed, "records.json") }),
    startServer({ ...snapshot, DNSDRIFT_SNAPSHOT_RECORDS: path.join(seed, "no-such-records.json") }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([ok?.stop(), broken?.stop()]);
});

const isJson = (res: Response) => expect(res.headers.get("content-type")).toMatch(/^application\/json/);

describe("headers", () => {
  it.each(["/", "/plan", "/records", "/hostnames/app.example.com"])("page %s: strict CSP with a fresh nonce, no framing, not cached", async (p) => {
    const [a, b] = [await fetch(`${ok.base}${p}`), await fetch(`${ok.base}${p}`)];
    expect(a.status).toBe(200);
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("same-origin");
    expect(a.headers.get("cache-control")).toMatch(/private/);
    expect(a.headers.get("cache-control")).toMatch(/no-store/);
    expect(a.headers.get("cache-control")).not.toMatch(/s-maxage/);
    // Every script the page carries has this response's nonce.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  });

  it.each(routesOnDisk().map((r) => r.path))("route %s: the same headers, never cached", async (p) => {
    const res = await fetch(`${ok.base}${p}`, { method: ROUTE_METHODS[routesOnDisk().find((r) => r.path === p)!.route].includes("GET") ? "GET" : "OPTIONS" });
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    // Never in a shared cache; either not kept at all or revalidated every time (the ETag answers
    // of the page-shaped API are `private, no-cache`, so a poll costs a 304).
    if (res.status !== 204) {
      const cc = res.headers.get("cache-control") ?? "";
      expect(cc).toMatch(/\bprivate\b|\bno-store\b/);
      expect(cc).toMatch(/\bno-store\b|\bno-cache\b/);
      expect(cc).not.toMatch(/s-maxage|public/);
    }
  });
});

describe.each(routesOnDisk())("odd requests to $route", ({ route, path: p }) => {
  const methods = ROUTE_METHODS[route];
  const refused = ["GET", "POST", "PUT", "DELETE", "PATCH"].filter((m) => !methods.includes(m));

  it.each([...refused, "PROPFIND"])("%s → 405 JSON with Allow", async (method) => {
    const res = await fetch(`${ok.base}${p}`, { method });
    expect(res.status).toBe(405);
    isJson(res);
    expect(res.headers.get("allow")).toContain(methods[0]);
    expect(await res.json()).toMatchObject({ error: { code: "method-not-allowed" } });
  });

  it("TRACE (which fetch cannot carry) → 405 JSON with Allow", async () => {
    const raw = await rawRequest(ok.base, `TRACE ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 405 /);
    expect(raw).toMatch(/\r\nallow: [A-Z, ]+\r\n/i);
    expect(raw).toMatch(/"code":"method-not-allowed"/);
  });

  it.each([`${p}/%`, `${p}%E0%A4%A`])("a malformed path %s → 400 JSON", async (bad) => {
    const res = await fetch(`${ok.base}${bad}`);
    expect(res.status).toBe(400);
    isJson(res);
    expect(await res.json()).toMatchObject({ error: { code: "invalid-url" } });
  });
});

describe("odd inputs", () => {
  it.each([
    ["/api/explain/%25", 400, "invalid-hostname"],
    ["/api/explain/%E0%A4%A", 400, "invalid-url"],
    ["/%", 400, "invalid-url"],
    ["/%E0%A4%A", 400, "invalid-url"],
    ["/api/lookup?name=%", 400, "invalid-hostname"],
    ["/api/no-such-route", 404, "not-found"],
  ])("%s → %i %s (JSON)", async (p, status, code) => {
    const res = await fetch(`${ok.base}${p}`, { headers: { "x-forwarded-user": "alice" } });
    expect(res.status).toBe(status);
    isJson(res);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it.each([
    ["announced (Content-Length)", {}],
    ["streamed (chunked)", { duplex: "half" }],
  ])("a body over 1 MiB %s → 413 JSON", async (_, extra) => {
    const big = "x".repeat(2 * 1024 * 1024);
    const body = "duplex" in extra ? new Blob([big]).stream() : big;
    // An approver's write (the CSRF token of the local session) so the body is read at all.
    const { csrf } = (await (await fetch(`${ok.base}/api/session`)).json()) as { csrf: string };
    const headers = { "content-type": "application/json", origin: ok.base, "x-csrf-token": csrf };
    const res = await fetch(`${ok.base}/api/apply`, { method: "POST", headers, body, ...extra } as RequestInit);
    expect(res.status).toBe(413);
    isJson(res);
    expect(await res.json()).toMatchObject({ error: { code: "body-too-large" } });
  });
});

describe("an unexpected failure", () => {
  it("answers a generic 500 with an id, and the log line carries the same id", async () => {
    const res = await fetch(`${broken.base}/api/state`);
    expect(res.status).toBe(500);
    isJson(res);
    const body = (await res.json()) as { error: { code: string; message: string; id: string } };
    expect(body.error.code).toBe("internal");
    expect(body.error.id).toMatch(/^[0-9a-f]{12}$/);
    expect(body.error.message).not.toMatch(/no-such-records|ENOENT|\//);
    await new Promise((r) => setTimeout(r, 200));
    const line = broken.log().split("\n").find((l) => l.includes(body.error.id));
    expect(line).toMatch(/no-such-records/);
  });
});

function rawRequest(base: string, text: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let out = "";
    const sock = net.connect(Number(port), hostname, () => sock.write(text));
    sock.on("data", (d) => (out += d));
    sock.on("end", () => resolve(out));
    sock.on("error", reject);
  });
}
