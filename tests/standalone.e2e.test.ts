// The container's runtime, reproduced without Docker: after `next build`, lay out /app exactly as
// the Dockerfile's runtime stage copies it (plus the server bundle its build stage makes), keep it
// root-owned and read-only, and run `node bin/serve.js` as uid 65532 with only /tmp and /data
// writable — then use it as the kubelet, Prometheus and a signed-in person would.
// Needs the build: run `npx next build` first (the test fails, naming that, when it is missing).

import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile, stageEnv } from "./support/dockerfile";

const root = path.resolve(__dirname, "..");
const standalone = path.join(root, ".next", "standalone");
const UID = 65532;
const asRoot = process.getuid?.() === 0;
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

let tmp: string;
let app: string;
let server: ChildProcess | undefined;
let exited: Promise<number | null>;
let base: string;
let log = "";

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** A folder the server may write to: owned by its uid when the test can arrange that. */
function writable(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot) fs.chownSync(dir, UID, UID);
  return dir;
}

/** The runtime stage's COPY --from=build lines, applied to this checkout's build output. */
function layOut(): void {
  const stages = parseDockerfile(fs.readFileSync(path.join(root, "Dockerfile"), "utf8"));
  const runtime = stages.at(-1)!;
  const workdir = runtime.instructions.find((i) => i.op === "WORKDIR")!.args;
  const buildDir = stages.find((s) => s.name === "build")!.instructions.find((i) => i.op === "WORKDIR")?.args ?? "/src";
  for (const copy of runtime.instructions.filter((i) => i.op === "COPY")) {
    const [, from, dest] = /^--from=build (\S+) (\S+)$/.exec(copy.args) ?? [];
    if (!from) throw new Error(`unexpected COPY in the runtime stage: ${copy.args}`);
    const source = path.join(root, path.posix.relative(buildDir, from));
    const target = path.join(app, path.posix.relative(workdir, path.posix.resolve(workdir, dest)));
    fs.mkdirSync(target, { recursive: true });
    // The build stage creates public/ when git had none; so does this.
    if (fs.existsSync(source)) fs.cpSync(source, target, { recursive: true, dereference: false });
  }
  // The build stage's bundling step, into the copy rather than into the checkout's build.
  execFileSync(process.execPath, [path.join(root, "deploy/docker/bundle-server.mjs"), app], { cwd: root, stdio: "pipe" });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(standalone, "server.js"))) {
    throw new Error(`${standalone} is missing: run \`npx next build\` before this test (it checks the container layout built from it)`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-standalone-"));
  fs.chmodSync(tmp, 0o755);
  app = path.join(tmp, "app");
  layOut();
  // The Dockerfile's `mkdir -p /data /app/.next/cache && chown 65532 …`, and the emptyDirs.
  writable(path.join(app, ".next", "cache"));
  const data = writable(path.join(tmp, "data"));
  const scratch = writable(path.join(tmp, "tmp"));
  if (!asRoot) execFileSync("chmod", ["-R", "a-w", app]);
  const seed = path.join(tmp, "seed");
  fs.cpSync(path.join(root, "examples/seed"), seed, { recursive: true });

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const imageEnv = stageEnv(parseDockerfile(fs.readFileSync(path.join(root, "Dockerfile"), "utf8")).at(-1)!);
  const child = spawn(process.execPath, ["bin/serve.js"], {
    cwd: app,
    ...(asRoot ? { uid: UID, gid: UID } : {}),
    env: {
      ...imageEnv,
      PATH: process.env.PATH,
      HOME: scratch,
      TMPDIR: scratch,
      HOST: "127.0.0.1",
      PORT: String(port),
      DNSDRIFT_AUDIT_DB: path.join(data, "audit.db"),
      DNSDRIFT_MODE: "snapshot",
      DNSDRIFT_SNAPSHOT_MANIFESTS: path.join(seed, "manifests"),
      DNSDRIFT_SNAPSHOT_RECORDS: path.join(seed, "records.json"),
      DNSDRIFT_EXTERNALDNS_CONFIG: path.join(seed, "values.yaml"),
      DNSDRIFT_AUTH_MODE: "proxy",
      DNSDRIFT_TRUSTED_PROXIES: "127.0.0.1/32",
      DNSDRIFT_DOH: "off",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.pid) {
    process.kill(server.pid, "SIGKILL");
    await exited;
  }
  if (tmp) {
    if (!asRoot) execFileSync("chmod", ["-R", "u+w", tmp]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

describe("the container layout", () => {
  it("holds the server, its static assets and dependencies, and none of the project's sources", () => {
    for (const f of ["server.js", "bin/serve.js", "package.json", ".next/BUILD_ID", ".next/static", "node_modules/next/package.json"]) {
      expect(fs.existsSync(path.join(app, f)), f).toBe(true);
    }
    const top = fs.readdirSync(app).sort();
    for (const sourceDir of ["app", "lib", "tests", "emulators", "components", "examples", ".git"]) expect(top, `/app/${sourceDir}`).not.toContain(sourceDir);
    expect(top.filter((f) => f.startsWith(".env"))).toEqual([]);
  });

  it.runIf(Boolean(pkg.dependencies["better-sqlite3"]))("carries better-sqlite3's native module, usable by the server's user", () => {
    expect(fs.existsSync(path.join(app, "node_modules/better-sqlite3/build/Release/better_sqlite3.node"))).toBe(true);
    const script = "const D=require('better-sqlite3');const db=new D(process.argv[1]);db.exec('create table t(x)');db.close();console.log('ok')";
    const r = spawnSync(process.execPath, ["-e", script, path.join(tmp, "data", "probe.db")], { cwd: app, encoding: "utf8", ...(asRoot ? { uid: UID, gid: UID } : {}) });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("ok");
  });

  it("cannot be written by the server's user", () => {
    const r = spawnSync(process.execPath, ["-e", "require('fs').writeFileSync('server.js', '')"], { cwd: app, encoding: "utf8", ...(asRoot ? { uid: UID, gid: UID } : {}) });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/EACCES|EPERM|EROFS/);
  });
});

describe("the running server", () => {
  it.each([
    ["/healthz", { status: "ok" }],
    ["/api/healthz", { status: "ok" }],
    ["/readyz", { status: "ready", complete: true }],
  ])("%s answers for the probes without sign-in", async (route, body) => {
    const res = await fetch(`${base}${route}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject(body);
  });

  it("serves /metrics to Prometheus without sign-in", async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^dnsdrift_records\{instance="external-dns",zone="example\.com",state="in-sync"\} [1-9]/m);
    expect(text).toMatch(/^dnsdrift_state_available 1$/m);
  });

  it("believes the proxy's identity headers from the trusted address, and nothing without them", async () => {
    expect((await fetch(`${base}/api/state`)).status).toBe(401);
    const res = await fetch(`${base}/api/state`, { headers: { "x-forwarded-user": "alice", "x-forwarded-email": "alice@example.com" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mode: "snapshot", complete: true });
  });

  it("serves the pages' static assets from the copied .next/static", async () => {
    const html = await (await fetch(`${base}/`, { headers: { "x-forwarded-user": "alice" } })).text();
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(html)?.[0];
    expect(asset, "a /_next/static asset in the page").toBeDefined();
    expect((await fetch(`${base}${asset}`)).status).toBe(200);
  });

  it("never tried to write outside its volumes, and stops cleanly on SIGTERM", async () => {
    expect(log).not.toMatch(/EACCES|EROFS|EPERM/);
    process.kill(server!.pid!, "SIGTERM");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 10_000))]);
    expect(code).toBe(0);
  });
});
