// /metrics end to end: the route over the process runtime (snapshot mode and a runtime that
// cannot start), the probe aliases, and the Cloudflare counters over the real SDK reader
// against the Cloudflare emulator, with rate limiting injected.

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetRuntime } from "../lib/server/app-runtime";
import { startCloudflareEmulator, type CloudflareEmulator } from "../emulators/cloudflare/server";
import { createCloudflareReader } from "../lib/cloudflare/reader";
import { parseConfigText } from "../lib/externaldns/config";
import { loadManifests } from "../lib/kube/snapshot";
import { createMetrics, renderMetrics } from "../lib/server/metrics";
import { staticClusterReader } from "../lib/server/static-readers";
import { World } from "../lib/server/world";
import { GET as metricsGET } from "../app/metrics/route";
import { GET as healthz } from "../app/healthz/route";
import { GET as readyz } from "../app/readyz/route";
import { GET as apiHealthz } from "../app/api/healthz/route";

const root = path.resolve(__dirname, "..");
const seed = path.join(root, "examples/seed");
const saved = { ...process.env };

function value(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function useEnv(env: Record<string, string>): void {
  process.env = { ...saved, DNSDRIFT_DOH: "off", ...env };
  forgetRuntime();
}

afterAll(() => {
  process.env = saved;
  forgetRuntime();
});

describe("GET /metrics", () => {
  it("answers with dnsdrift_state_available 0 when the runtime cannot start", async () => {
    useEnv({ DNSDRIFT_MODE: "snapshot" });
    const res = await metricsGET();
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(value(body, "dnsdrift_state_available")).toBe(0);
    expect(value(body, 'dnsdrift_info{mode="unknown"}')).toBe(1);
  });

  it("exports the seed's records by state in the Prometheus text format", async () => {
    useEnv({
      DNSDRIFT_MODE: "snapshot",
      DNSDRIFT_SNAPSHOT_MANIFESTS: path.join(seed, "manifests"),
      DNSDRIFT_SNAPSHOT_RECORDS: path.join(seed, "records.json"),
      DNSDRIFT_EXTERNALDNS_CONFIG: path.join(seed, "values.yaml"),
    });
    const res = await metricsGET();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    expect(value(body, "dnsdrift_state_available")).toBe(1);
    expect(value(body, 'dnsdrift_info{mode="snapshot"}')).toBe(1);
    expect(value(body, 'dnsdrift_records{instance="external-dns",zone="example.com",state="in-sync"}')).toBeGreaterThan(0);
    expect(value(body, 'dnsdrift_plan_changes{instance="external-dns",action="create"}')).toBe(2);
    expect(value(body, 'dnsdrift_source_status{source="zone/example.com",kind="zone",status="ok"}')).toBe(1);
    expect(value(body, "dnsdrift_process_resident_memory_bytes")).toBeGreaterThan(0);
  });
});

describe("probe aliases at the root", () => {
  it("/healthz answers as /api/healthz", async () => {
    const [a, b] = [await healthz(), await apiHealthz()];
    expect(a.status).toBe(200);
    expect(await a.json()).toEqual(await b.json());
  });

  it("/readyz is ready once the state is computed, and 503 when the runtime cannot start", async () => {
    useEnv({
      DNSDRIFT_MODE: "snapshot",
      DNSDRIFT_SNAPSHOT_MANIFESTS: path.join(seed, "manifests"),
      DNSDRIFT_SNAPSHOT_RECORDS: path.join(seed, "records.json"),
      DNSDRIFT_EXTERNALDNS_CONFIG: path.join(seed, "values.yaml"),
    });
    const ok = await readyz();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "ready", complete: true });
    useEnv({ DNSDRIFT_MODE: "snapshot" });
    const bad = await readyz();
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ status: "not-ready" });
  });
});

describe("Cloudflare counters over the real reader", () => {
  const TOKEN = "metrics-read-token-0000000000000000";
  let cf: CloudflareEmulator;
  let world: World;
  let clock = Date.parse("2026-05-01T12:00:00Z");

  beforeAll(async () => {
    const records = JSON.parse(fs.readFileSync(path.join(seed, "records.json"), "utf8"));
    const second = { id: "0000000000000000000000000000beef", name: "example.org", records: [] };
    cf = await startCloudflareEmulator({ seed: { zones: [...records.zones, second] }, tokens: { [TOKEN]: { permissions: ["read"] } } });
    const config = parseConfigText(fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), "values.yaml");
    const { objects } = loadManifests([path.join(seed, "manifests")]);
    const cluster = staticClusterReader(objects, [{ id: "networking/external-dns", origin: "config-file", config }]);
    const cloudflare = createCloudflareReader({
      token: TOKEN,
      baseURL: cf.url,
      zoneFilter: (z) => z === "example.com" || z === "example.org",
      now: () => new Date(clock),
      log: () => {},
    });
    world = new World({ cluster, cloudflare, now: () => clock });
  });

  afterAll(() => cf?.close());

  const metrics = createMetrics();
  const scrape = async () => (await renderMetrics(metrics, { mode: "live", computed: await world.current(), cloudflare: world.cloudflareTally() })).body;

  it("counts exactly the requests Cloudflare saw, across refreshes", async () => {
    await world.current({ force: true });
    await world.current({ force: true });
    const body = await scrape();
    expect(cf.stats().total).toBeGreaterThanOrEqual(6);
    expect(world.cloudflareTally().calls).toBe(cf.stats().total);
    expect(body).not.toContain(TOKEN);
  });

  it("counts a 429 once, not again while the zone waits it out", async () => {
    const before = world.cloudflareTally();
    const zoneId = "0000000000000000000000000000beef";
    cf.setFault({ kind: "rateLimit", retryAfter: 60, count: 1, match: { zoneId, path: "dns_records" } });
    await world.current({ force: true });
    expect(world.cloudflareTally().rateLimited).toBe(before.rateLimited + 1);
    const requests = cf.stats().total;
    clock += 10_000;
    const c = await world.current({ force: true });
    expect(c.sources.find((s) => s.id === "zone/example.org")?.error?.code).toBe("rate-limited");
    expect(world.cloudflareTally().rateLimited).toBe(before.rateLimited + 1);
    expect(world.cloudflareTally().calls).toBe(cf.stats().total);
    expect(cf.stats().total - requests).toBeGreaterThan(0);
    const body = await scrape();
    expect(body).toContain('dnsdrift_source_error{source="zone/example.org",kind="zone",code="rate-limited"} 1');
  });

  it("counts an account-level 429 once while every zone is answered from memory", async () => {
    clock += 120_000;
    await world.current({ force: true });
    const before = world.cloudflareTally();
    cf.setFault({ kind: "rateLimit", retryAfter: 60, count: 1, match: { path: "^/zones$" } });
    await world.current({ force: true });
    clock += 5_000;
    const requests = cf.stats().total;
    const c = await world.current({ force: true });
    expect(cf.stats().total).toBe(requests);
    expect(c.sources.filter((s) => s.error?.code === "rate-limited").length).toBeGreaterThanOrEqual(3);
    expect(world.cloudflareTally().rateLimited).toBe(before.rateLimited + 1);
    expect(world.cloudflareTally().calls).toBe(cf.stats().total);
  });
});
