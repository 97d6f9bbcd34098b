// Many dashboards at once: the built server in live mode against the Kubernetes and Cloudflare
// emulators (Cloudflare's in a child process) holding the synthetic estate (10,000 routes,
// 20,000 records), and N clients polling the endpoints the pages poll, each revalidating with its ETags as a browser does. Reports
// latency percentiles, the server's peak RSS, and Cloudflare listings per refresh.
//
//   node --import tsx bench/live/poll.ts [--clients 200] [--seconds 60] [--routes 10000] [--records 20000]
//     [--refresh 30] [--node-options=--max-old-space-size=384] [--heap-snapshots 0,31] [--json]
//     [--slow-log FILE] [--client http|fetch]
//
// --heap-snapshots: the server writes a V8 heap snapshot (into .tmp/heap) at each of these
// seconds after the clients start (0: after the first computation, before any client); read
// them with bench/live/heap-summary.ts. Writing one stops the server for seconds, so the latency
// figures of such a run mean nothing.
//
// --slow-log writes each request over the p99 target as a JSON line (seconds since the clients
// started, endpoint, status, ms), and each stall of the clients' own event loop over 50 ms, to see
// whether the tail falls at start-up, at a refresh, or everywhere (a busy machine).
//
// Needs dist/bin/serve.cjs (npm run build:bin) and a production build (.next, npm run build).
// Loopback only; every loop is bounded by the duration.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import readline from "node:readline";
import { startKubeEmulator } from "../../emulators/kube/server";
import { writeEstate } from "../cli/estate";

const ROOT = path.resolve(__dirname, "../..");
const TOKEN = "bench-read-token-0123456789abcdef01234567";
const LIST_ROUTE = "GET /zones/:zone_id/dns_records";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    routes: { type: "string", default: "10000" },
    records: { type: "string", default: "20000" },
    refresh: { type: "string", default: "30" },
    "node-options": { type: "string", default: "" },
    "heap-snapshots": { type: "string", default: "" },
    json: { type: "boolean", default: false },
    "slow-log": { type: "string" },
    client: { type: "string", default: "http" },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const TARGET_P99 = 300;
const TARGET_RSS_MB = 500;
const SNAPSHOT_AT = args["heap-snapshots"] ? args["heap-snapshots"].split(",").map(Number) : [];
const HEAP_DIR = path.join(ROOT, ".tmp/heap");

function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The Cloudflare emulator in a process of its own: listing 20,000 records sorts and serialises
 * them for every page, and in the clients' process that stalled every client at each refresh,
 * which is the emulator's time, not the server's (the real API is on another machine).
 */
async function startCloudflare(seedFile: string): Promise<{ url: string; adminUrl: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "emulators/cloudflare/main.ts"), "--port", "0", "--seed", seedFile, "--token", `${TOKEN}=read`], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the Cloudflare emulator exited with ${code}`)));
  });
  const info = JSON.parse(first) as { url: string; adminUrl: string };
  return { ...info, close: async () => void child.kill("SIGTERM") };
}

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, "dist/bin/serve.cjs"), "--port", "0"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1].replace(/[()]/g, ""));
    });
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { url, child };
}

type Got = { status: number; headers: { get(name: string): string | null } };

/**
 * One poll as a browser sends it (gzip accepted, the ETag it has), timed to the last byte.
 * `http` (default): node:http on keep-alive sockets (a client's own, at most 6 as a browser
 * opens per host), bytes read as they come — light enough that
 * the clients' own process is not what is measured. `fetch`: the global fetch, which also
 * decompresses every body; in the first round (1,200 full answers) that saturated the clients'
 * process and added seconds to what it measured while the server sat idle.
 */
function makeGet(kind: string): (url: string, etag?: string) => Promise<Got> {
  if (kind === "fetch") {
    return async (url, etag) => {
      const res = await fetch(url, { headers: etag ? { "if-none-match": etag } : {} });
      await res.arrayBuffer();
      return res;
    };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const once = (url: string, etag: string | undefined, retry: boolean): Promise<Got> =>
    new Promise((resolve, reject) => {
      const req = http.get(url, { agent, headers: { "accept-encoding": "gzip", ...(etag ? { "if-none-match": etag } : {}) } }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => {
          const h = res.headers;
          resolve({ status: res.statusCode ?? 0, headers: { get: (name) => (h[name.toLowerCase()] as string | undefined) ?? null } });
        });
        res.on("error", reject);
      });
      req.on("error", (e: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket as it was reused: a browser sends the GET
        // again on a new connection, and so does this (Node's http documents the same remedy).
        if (retry && req.reusedSocket && e.code === "ECONNRESET") once(url, etag, false).then(resolve, reject);
        else reject(e);
      });
    });
  return (url, etag) => once(url, etag, true);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  for (const f of ["dist/bin/serve.cjs", ".next/BUILD_ID"]) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const dir = path.join(ROOT, ".tmp/bench-estates", `${args.routes}-${args.records}`);
  const files = fs.existsSync(path.join(dir, "records.json"))
    ? { dir, config: path.join(dir, "args.yaml"), manifests: path.join(dir, "cluster.yaml"), records: path.join(dir, "records.json") }
    : writeEstate({ routes: Number(args.routes), records: Number(args.records), dir });
  const cf = await startCloudflare(files.records);
  const kube = await startKubeEmulator({ objects: fs.readFileSync(files.manifests, "utf8") });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-poll-"));
  fs.writeFileSync(path.join(tmp, "kubeconfig"), kube.kubeconfig());
  const server = await startServer({
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DNSDRIFT_MODE: "live",
    DNSDRIFT_AUTH_MODE: "none",
    KUBECONFIG: path.join(tmp, "kubeconfig"),
    CF_API_TOKEN: TOKEN,
    CF_API_BASE_URL: cf.url,
    DNSDRIFT_EXTERNALDNS_CONFIG: files.config,
    DNSDRIFT_EXTERNALDNS_VERSION: "v0.21.0",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_REFRESH_SECONDS: String(args.refresh),
    DNSDRIFT_AUDIT_DB: ":memory:",
    ...(args["node-options"] || SNAPSHOT_AT.length ? { NODE_OPTIONS: [args["node-options"], ...(SNAPSHOT_AT.length ? [`--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${HEAP_DIR}`] : [])].join(" ").trim() } : {}),
  });
  if (SNAPSHOT_AT.length) fs.mkdirSync(HEAP_DIR, { recursive: true });
  const pid = server.child.pid!;
  const statsUrl = `${cf.adminUrl}/stats`;
  const listCalls = async () => ((await (await fetch(statsUrl)).json()) as { byRoute: Record<string, number> }).byRoute[LIST_ROUTE] ?? 0;
  try {
    // The first computation (informers synced, one Cloudflare listing) before the clock starts.
    const warmStart = performance.now();
    let first: Response | undefined;
    for (let i = 0; i < 600 && first?.status !== 200; i++) {
      first = await fetch(`${server.url}/api/summary`).catch(() => undefined);
      if (first?.status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    if (first?.status !== 200) throw new Error(`the server never answered /api/summary (last status ${first?.status})`);
    const summary = (await first.json()) as { instances: { totals: { records: number; routes: number } }[] };
    const coldMs = performance.now() - warmStart;
    const pagesPerListing = await listCalls();
    const host = (await (await fetch(`${server.url}/api/hostnames?limit=1&q=svc`)).json()) as { items: string[] };
    const endpoints = [
      "/api/summary",
      "/api/records?limit=200",
      "/api/records?state=missing&limit=200",
      "/api/gateways",
      "/api/plan?offset=0&limit=1000",
      `/api/hostnames/${host.items[0] ?? "example.com"}`,
      // The overview's upgrade warning: one pipeline run under the next release, then kept.
      "/api/upgrade-risk",
    ];
    await fetch(`${cf.adminUrl}/stats`, { method: "DELETE" });
    const idleRss = rssMB(pid);

    const latencies: number[] = [];
    const byEndpoint = new Map<string, number[]>();
    let notModified = 0;
    let errors = 0;
    let peakRss = rssMB(pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMB(pid))), 250);
    if (args.client !== "http" && args.client !== "fetch") throw new Error(`--client is http or fetch, got "${args.client}"`);
    const clientsStartedAt = Date.now();
    const started = performance.now();
    const slow: { at: number; ep: string; status: number; ms: number }[] = [];
    // The clients' own process shares the machine's two cores with the server: its stalls (e.g.
    // decompressing the first round's 1,200 full answers) add to every latency it measures.
    const clientStalls: { at: number; stallMs: number }[] = [];
    let lastTick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      if (now - lastTick - 10 > 50) clientStalls.push({ at: +((lastTick - started) / 1000).toFixed(2), stallMs: Math.round(now - lastTick - 10) });
      lastTick = now;
    }, 10);
    const snapshots = SNAPSHOT_AT.map((s) => setTimeout(() => {
      console.error(`heap snapshot at ${s} s (RSS ${Math.round(rssMB(pid))} MB)`);
      server.child.kill("SIGUSR2");
    }, s * 1000));
    const deadline = performance.now() + SECONDS * 1000;
    const client = async (n: number) => {
      // Each dashboard is a browser with its own connections, not a share of one pool: a shared
      // pool opened a crowd of new connections whenever answers slowed (at a refresh).
      const get = makeGet(args.client);
      const etags = new Map<string, string>();
      await new Promise((r) => setTimeout(r, (n * 997) % 1000)); // spread the start
      while (performance.now() < deadline) {
        for (const ep of endpoints) {
          if (performance.now() >= deadline) break;
          const t0 = performance.now();
          try {
            const res = await get(server.url + ep, etags.get(ep));
            const ms = performance.now() - t0;
            latencies.push(ms);
            if (ms > TARGET_P99) slow.push({ at: +((t0 - started) / 1000).toFixed(2), ep, status: res.status, ms: Math.round(ms) });
            if (!byEndpoint.has(ep)) byEndpoint.set(ep, []);
            byEndpoint.get(ep)!.push(ms);
            if (res.status === 304) notModified++;
            else if (res.status === 200) etags.set(ep, res.headers.get("etag") ?? "");
            else errors++;
          } catch (e) {
            errors++;
            if (errors <= 3) console.error(`bench/live/poll: ${ep}: ${(e as Error).message}`);
          }
        }
        await new Promise((r) => setTimeout(r, 1000)); // a page polls; it does not spin
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    clearInterval(sampler);
    clearInterval(ticker);
    if (args["slow-log"]) fs.writeFileSync(args["slow-log"], [...slow, ...clientStalls].map((x) => JSON.stringify(x)).join("\n") + "\n");
    snapshots.forEach(clearTimeout);
    const lists = await listCalls();
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = pct(sorted, 99);
    const listings = lists / Math.max(1, pagesPerListing);
    const maxRefreshes = Math.floor(SECONDS / Number(args.refresh)) + 1;
    const ok = p99 < TARGET_P99 && peakRss < TARGET_RSS_MB && listings <= maxRefreshes && errors === 0;
    const report = {
      clients: CLIENTS,
      seconds: SECONDS,
      records: summary.instances[0]?.totals.records,
      routes: summary.instances[0]?.totals.routes,
      coldStartMs: Math.round(coldMs),
      clientsStartedAt: new Date(clientsStartedAt).toISOString(),
      client: args.client,
      loadAverage: os.loadavg()[0],
      requests: latencies.length,
      notModified,
      errors,
      p50: pct(sorted, 50),
      p95: pct(sorted, 95),
      p99,
      max: sorted[sorted.length - 1],
      idleRssMB: Math.round(idleRss),
      peakRssMB: Math.round(peakRss),
      pagesPerListing,
      listings,
      maxRefreshes,
      clientStallMaxMs: Math.max(0, ...clientStalls.map((x) => x.stallMs)),
      perEndpoint: Object.fromEntries([...byEndpoint].map(([ep, xs]) => [ep, (() => { const s = xs.sort((a, b) => a - b); return { n: s.length, p50: Math.round(pct(s, 50)), p99: Math.round(pct(s, 99)) }; })()])),
      ok,
    };
    if (args.json) console.log(JSON.stringify(report));
    else {
      console.log(`${CLIENTS} clients (${args.client}) polling for ${SECONDS} s; ${report.routes} routes, ${report.records} records (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})\n`);
      console.log("| figure | measured | target |\n|---|---|---|");
      console.log(`| requests (304 Not Modified) | ${report.requests} (${notModified}) | — |`);
      console.log(`| latency p50 / p95 / p99 / max | ${report.p50.toFixed(0)} / ${report.p95.toFixed(0)} / ${p99.toFixed(0)} / ${report.max.toFixed(0)} ms | p99 < ${TARGET_P99} ms |`);
      console.log(`| server RSS before the clients → peak | ${report.idleRssMB} → ${report.peakRssMB} MB | < ${TARGET_RSS_MB} MB |`);
      console.log(`| Cloudflare listings (${pagesPerListing} list calls each) | ${listings} in ${SECONDS} s (refresh every ${args.refresh} s) | ≤ ${maxRefreshes}: one per refresh |`);
      console.log(`| errors | ${errors} | 0 |`);
      console.log(`\nclients started at ${report.clientsStartedAt}; the clients' own longest stall ${report.clientStallMaxMs} ms`);
      console.log("\n| endpoint | requests | p50 | p99 |\n|---|---|---|---|");
      for (const [ep, s] of Object.entries(report.perEndpoint)) console.log(`| ${ep} | ${s.n} | ${s.p50} ms | ${s.p99} ms |`);
      console.log(ok ? "\nPASS" : "\nFAIL");
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    server.child.kill("SIGTERM");
    await Promise.allSettled([cf.close(), kube.close()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench/live/poll: ${(e as Error).message}`);
  process.exit(1);
});
