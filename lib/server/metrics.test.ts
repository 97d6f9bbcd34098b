import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfigText } from "../externaldns/config";
import { loadManifests } from "../kube/snapshot";
import { loadRecordsFile } from "../cloudflare/records-file";
import { instanceState } from "../drift/state";
import { RECORD_STATES } from "../api/types";
import { APPLY_OUTCOMES, countApply, createMetrics, observe, renderMetrics, type ScrapeInput } from "./metrics";
import { staticCloudflareReader, staticClusterReader } from "./static-readers";
import type { SourceHealth } from "./ports";
import { World, type Computed } from "./world";

const seed = path.resolve(__dirname, "../../examples/seed");
/** The runtime's metrics: counters carry over between scrapes, as in a running server. */
const metrics = createMetrics();

/** name{labels} → value, labels sorted, for the dnsdrift_ series of one scrape. */
async function scrape(input: ScrapeInput): Promise<Map<string, number>> {
  const { body } = await renderMetrics(metrics, input);
  return parseExposition(body);
}

function parseExposition(body: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of body.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable exposition line: ${line}`);
    const labels = [...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`).sort();
    out.set(labels.length ? `${m[1]}{${labels.join(",")}}` : m[1], Number(m[3]));
  }
  return out;
}

const series = (name: string, labels: Record<string, string> = {}) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).sort();
  return parts.length ? `${name}{${parts.join(",")}}` : name;
};

let computed: Computed;

beforeAll(async () => {
  const config = parseConfigText(fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), "values.yaml");
  const { objects } = loadManifests([path.join(seed, "manifests")]);
  const cluster = staticClusterReader(objects, [{ id: "networking/external-dns", origin: "config-file", config }]);
  const world = new World({ cluster, cloudflare: staticCloudflareReader(loadRecordsFile(path.join(seed, "records.json"))) });
  computed = await world.current();
});

describe("records by state", () => {
  it("match the dashboard's counts for every state, per instance and zone", async () => {
    const m = await scrape({ mode: "snapshot", computed });
    const { instance, result } = computed.instances[0];
    const counts = instanceState(instance.id, instance.origin, result).counts;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const state of RECORD_STATES) {
      expect(m.get(series("dnsdrift_records", { instance: instance.id, zone: "example.com", state })), state).toBe(counts[state]);
    }
  });

  it("report what external-dns would change now", async () => {
    const m = await scrape({ mode: "snapshot", computed });
    const { instance, result } = computed.instances[0];
    for (const action of ["create", "update", "delete"] as const) {
      expect(m.get(series("dnsdrift_plan_changes", { instance: instance.id, action }))).toBe(result.summary[action]);
    }
    expect(result.summary.create + result.summary.update + result.summary.delete).toBeGreaterThan(0);
  });

  it("never label a series with a hostname or record content", async () => {
    const { body } = await renderMetrics(metrics, { mode: "snapshot", computed });
    const { result } = computed.instances[0];
    const zones = new Set(result.zones.map((z) => z.name));
    const hostnames = new Set(result.zones.flatMap((z) => z.records.map((r) => r.name)).filter((n) => !zones.has(n)));
    expect(hostnames.size).toBeGreaterThan(3);
    const values = [...body.matchAll(/="([^"]*)"/g)].map((x) => x[1]);
    for (const v of values) {
      for (const h of hostnames) expect(v.endsWith(h), `label value ${v}`).toBe(false);
    }
  });

  it("drop the series of an instance that went away", async () => {
    await scrape({ mode: "snapshot", computed });
    const m = await scrape({ mode: "snapshot", computed: { ...computed, instances: [] } });
    expect([...m.keys()].filter((k) => k.startsWith("dnsdrift_records{"))).toEqual([]);
  });
});

describe("sources", () => {
  const now = Date.parse("2026-05-01T12:00:00Z");
  const src = (id: string, kind: SourceHealth["kind"], status: SourceHealth["status"], agoS: number | null, code?: string): SourceHealth => ({
    id,
    kind,
    label: id,
    status,
    fetchedAt: agoS === null ? null : new Date(now - agoS * 1000).toISOString(),
    ...(code ? { error: { code: code as never, message: "x", at: new Date(now).toISOString() } } : {}),
  });
  const cases: { source: SourceHealth; age: number | undefined; error?: string }[] = [
    { source: src("zone/example.com", "zone", "ok", 90), age: 90 },
    { source: src("zone/example.org", "zone", "stale", 600, "rate-limited"), age: 600, error: "rate-limited" },
    { source: src("cloudflare", "cloudflare", "error", null, "unauthorized"), age: undefined, error: "unauthorized" },
    { source: src("cluster/httproutes", "cluster-kind", "missing", 5, "crd-missing"), age: 5, error: "crd-missing" },
    { source: src("doh/google", "doh", "loading", null), age: undefined },
  ];

  it.each(cases)("$source.id: age $age, status $source.status, error $error", async ({ source, age, error }) => {
    const sources = cases.map((c) => c.source);
    const m = await scrape({ mode: "live", computed: { ...computed, sources: sources.slice(0, 4) }, extraSources: sources.slice(4), now });
    const labels = { source: source.id, kind: source.kind };
    expect(m.get(series("dnsdrift_source_age_seconds", labels))).toBe(age);
    for (const status of ["ok", "stale", "error", "missing", "loading"]) {
      expect(m.get(series("dnsdrift_source_status", { ...labels, status }))).toBe(status === source.status ? 1 : 0);
    }
    const errors = [...m.entries()].filter(([k]) => k.startsWith("dnsdrift_source_error{") && k.includes(`source="${source.id}"`));
    expect(errors).toEqual(error ? [[series("dnsdrift_source_error", { ...labels, code: error }), 1]] : []);
  });
});

describe("counters", () => {
  it("follow the world's monotonic Cloudflare totals, and start over with a new world", async () => {
    const base = (await scrape({ mode: "live" })).get("dnsdrift_cloudflare_api_calls_total") ?? 0;
    const steps: [ScrapeInput["cloudflare"], number, number][] = [
      [{ calls: 5, rateLimited: 1 }, 5, 1],
      [{ calls: 5, rateLimited: 1 }, 5, 1],
      [{ calls: 12, rateLimited: 3 }, 12, 3],
      [{ calls: 2, rateLimited: 0 }, 14, 3],
    ];
    const rlBase = (await scrape({ mode: "live" })).get("dnsdrift_cloudflare_rate_limited_total") ?? 0;
    for (const [cloudflare, calls, limited] of steps) {
      const m = await scrape({ mode: "live", cloudflare: { ...cloudflare! } });
      expect(m.get("dnsdrift_cloudflare_api_calls_total")).toBe(base + calls);
      expect(m.get("dnsdrift_cloudflare_rate_limited_total")).toBe(rlBase + limited);
    }
  });

  it("count DoH failures from the process total", async () => {
    const before = (await scrape({ mode: "live" })).get("dnsdrift_doh_failures_total") ?? 0;
    observe(metrics, { mode: "live", dohFailures: 4 });
    const m = await scrape({ mode: "live", dohFailures: 7 });
    expect(m.get("dnsdrift_doh_failures_total")).toBe(before + 7);
  });

  it("count applies by outcome, every outcome exported from the start", async () => {
    const before = await scrape({ mode: "live" });
    for (const outcome of APPLY_OUTCOMES) expect(before.has(series("dnsdrift_applies_total", { outcome }))).toBe(true);
    countApply(metrics, "ok");
    countApply(metrics, "ok");
    countApply(metrics, "refused");
    const after = await scrape({ mode: "live" });
    const delta = (o: string) => after.get(series("dnsdrift_applies_total", { outcome: o }))! - before.get(series("dnsdrift_applies_total", { outcome: o }))!;
    expect(APPLY_OUTCOMES.map(delta)).toEqual([2, 0, 0, 1]);
  });
});

describe("the registry", () => {
  it("is one per runtime, not prom-client's global one, and every metric is prefixed dnsdrift_", async () => {
    const { register } = await import("prom-client");
    expect(metrics.registry).not.toBe(register);
    expect(createMetrics().registry).not.toBe(metrics.registry);
    const m = await scrape({ mode: "snapshot", computed });
    expect(m.size).toBeGreaterThan(20);
    for (const name of m.keys()) expect(name).toMatch(/^dnsdrift_/);
    expect(m.get(series("dnsdrift_info", { mode: "snapshot" }))).toBe(1);
    expect(m.get("dnsdrift_state_available")).toBe(1);
    expect(m.get("dnsdrift_inputs_complete")).toBe(1);
  });

  it("says the state is unavailable when it could not be computed", async () => {
    const m = await scrape({ mode: "unknown" });
    expect(m.get("dnsdrift_state_available")).toBe(0);
    expect(m.get(series("dnsdrift_info", { mode: "unknown" }))).toBe(1);
    expect(m.has(series("dnsdrift_info", { mode: "snapshot" }))).toBe(false);
  });
});
