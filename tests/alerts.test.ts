// deploy/components/alerts: the PrometheusRule rendered with `kubectl kustomize` on top of the
// base (and by the Helm chart's prometheusRule switch, which must match it), checked against the structure of the monitoring.coreos.com/v1 PrometheusRule CRD (no
// unknown fields, durations and labels in the CRD's formats), and every metric its expressions
// use checked against what dnsdrift's /metrics actually exposes.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { afterAll, describe, expect, it } from "vitest";
import { loadRecordsFile } from "../lib/cloudflare/records-file";
import { parseConfigText } from "../lib/externaldns/config";
import { loadManifests } from "../lib/kube/snapshot";
import { createMetrics, renderMetrics, setDriftAges } from "../lib/server/metrics";
import { staticCloudflareReader, staticClusterReader } from "../lib/server/static-readers";
import { World } from "../lib/server/world";
import { helmTemplate, kustomize } from "./support/render";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-alerts-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function render(): Record<string, unknown>[] {
  fs.symlinkSync(root, path.join(tmp, "dnsdrift"));
  fs.mkdirSync(path.join(tmp, "overlay"));
  fs.writeFileSync(
    path.join(tmp, "overlay", "kustomization.yaml"),
    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: monitoring-test\nresources:\n  - ../dnsdrift/deploy/base\ncomponents:\n  - ../dnsdrift/deploy/components/alerts\n",
  );
  return kustomize(path.join(tmp, "overlay"));
}

// The CRD's formats: Duration is `^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$`.
const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const duration = z.string().regex(DURATION).refine((s) => s !== "", "empty duration");
const rule = z
  .object({
    alert: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
    record: z.string().optional(),
    expr: z.union([z.string().min(1), z.number()]),
    for: duration.optional(),
    keep_firing_for: duration.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((r) => Boolean(r.alert) !== Boolean(r.record), "a rule has exactly one of alert and record");
const prometheusRule = z
  .object({
    apiVersion: z.literal("monitoring.coreos.com/v1"),
    kind: z.literal("PrometheusRule"),
    metadata: z.object({ name: z.string(), namespace: z.string(), labels: z.record(z.string(), z.string()) }).strict(),
    spec: z
      .object({
        groups: z
          .array(
            z
              .object({
                name: z.string().min(1),
                interval: duration.optional(),
                query_offset: duration.optional(),
                limit: z.number().int().optional(),
                partial_response_strategy: z.string().optional(),
                labels: z.record(z.string(), z.string()).optional(),
                rules: z.array(rule).min(1),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  })
  .strict();

type Rule = z.infer<typeof rule>;

/** Metric names an expression reads (dnsdrift's own; PromQL functions and keywords excluded). */
const metricsOf = (expr: string) => [...new Set(expr.match(/\bdnsdrift_[a-z_]+/g) ?? [])];

function balanced(expr: string): boolean {
  let depth = 0;
  for (const ch of expr.replace(/"[^"]*"/g, "")) {
    if ("({[".includes(ch)) depth++;
    if (")}]".includes(ch) && --depth < 0) return false;
  }
  return depth === 0;
}

async function scrapeSeed(): Promise<string> {
  const seed = path.join(root, "examples/seed");
  const config = parseConfigText(fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), "values.yaml");
  const { objects } = loadManifests([path.join(seed, "manifests")]);
  const cluster = staticClusterReader(objects, [{ id: "networking/external-dns", origin: "config-file", config }]);
  const world = new World({ cluster, cloudflare: staticCloudflareReader(loadRecordsFile(path.join(seed, "records.json"))) });
  const computed = await world.current();
  const metrics = createMetrics();
  setDriftAges(metrics, [{ instance: "x", state: "missing", seconds: 1 }]);
  const { body } = await renderMetrics(metrics, { mode: "snapshot", computed, extraSources: [] });
  await world.close();
  return body;
}

describe("metrics the alerts need", () => {
  it("count the seed's foreign-owner and hand-made conflicts on wanted names (shop: other owner, blog: unowned)", async () => {
    const body = await scrapeSeed();
    expect(body).toMatch(/^dnsdrift_ownership_conflicts\{instance="networking\/external-dns"\} 2$/m);
    expect(body).toMatch(/^dnsdrift_drift_oldest_seconds\{instance="x",state="missing"\} 1$/m);
  });
});

describe("deploy/components/alerts", () => {
  const objects = render();
  const rules = objects.filter((o) => o.kind === "PrometheusRule");

  it("renders one PrometheusRule that fits the CRD's structure, in the overlay's namespace", () => {
    expect(rules).toHaveLength(1);
    expect(prometheusRule.safeParse(rules[0]).error?.issues ?? []).toEqual([]);
    expect((rules[0].metadata as { namespace: string }).namespace).toBe("monitoring-test");
  });

  const all = (): Rule[] => (rules[0].spec as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

  it("the Helm chart's prometheusRule renders the very same rules, off by default", () => {
    const chart = helmTemplate({ prometheusRule: { enabled: true } }, { release: "dnsdrift", namespace: "monitoring-test" }).filter((o) => o.kind === "PrometheusRule");
    expect(chart).toHaveLength(1);
    expect(prometheusRule.safeParse(chart[0]).error?.issues ?? []).toEqual([]);
    expect(chart[0].spec).toEqual(rules[0].spec);
    expect(helmTemplate({}).filter((o) => o.kind === "PrometheusRule")).toEqual([]);
  });

  it("alerts on each condition the history issue names", () => {
    const uses = (metric: string, filter: RegExp = /.*/) => all().some((r) => String(r.expr).includes(metric) && filter.test(String(r.expr)));
    expect(uses("dnsdrift_drift_oldest_seconds", /missing/)).toBe(true);
    expect(uses("dnsdrift_drift_oldest_seconds", /drifted/)).toBe(true);
    expect(uses("dnsdrift_plan_changes", /action="delete"/)).toBe(true);
    expect(uses("dnsdrift_ownership_conflicts")).toBe(true);
    expect(uses("dnsdrift_source_status", /status="error"/)).toBe(true);
    expect(uses("dnsdrift_source_status", /status="stale"/)).toBe(true);
  });

  it("gives every alert a severity, a summary and a description, and balanced expressions", () => {
    for (const r of all()) {
      expect(["warning", "critical"], r.alert).toContain(r.labels?.severity);
      expect(r.annotations?.summary, r.alert).toBeTruthy();
      expect(r.annotations?.description, r.alert).toBeTruthy();
      expect(balanced(String(r.expr)), r.alert).toBe(true);
    }
  });

  it("reads only metrics dnsdrift exposes", async () => {
    const exposed = new Set([...(await scrapeSeed()).matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
    const used = [...new Set(all().flatMap((r) => metricsOf(String(r.expr))))];
    expect(used.length).toBeGreaterThan(4);
    for (const m of used) expect(exposed, m).toContain(m);
  });
});
