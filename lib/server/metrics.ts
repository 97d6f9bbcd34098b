// Prometheus metrics for /metrics. Gauges describe the world as it is at scrape time (records by
// state, source ages and errors), counters what happened since start (Cloudflare calls, rate
// limits, DoH failures, applies). Labels are bounded by configuration — instance, zone, source,
// state — never a hostname or a record, and never anything from a token.

import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import { RECORD_STATES } from "../api/types";
import { buildHostIndex } from "../drift/host-index";
import { recordViews } from "../drift/record-states";
import type { SourceHealth } from "./ports";
import type { CloudflareTally, Computed } from "./world";
import type { BudgetStatus } from "./cloudflare-budget";

export type ApplyOutcome = "ok" | "partial" | "failed" | "refused";
export const APPLY_OUTCOMES: readonly ApplyOutcome[] = ["ok", "partial", "failed", "refused"];
const SOURCE_STATUSES: readonly SourceHealth["status"][] = ["ok", "stale", "error", "missing", "loading"];

export interface Metrics {
  registry: Registry;
  info: Gauge<"mode">;
  available: Gauge;
  complete: Gauge;
  computedAt: Gauge;
  records: Gauge<"instance" | "zone" | "state">;
  changes: Gauge<"instance" | "action">;
  sourceAge: Gauge<"source" | "kind">;
  sourceStatus: Gauge<"source" | "kind" | "status">;
  sourceError: Gauge<"source" | "kind" | "code">;
  cloudflareCalls: Counter;
  rateLimited: Counter;
  dohFailures: Counter;
  applies: Counter<"outcome">;
  driftAge: Gauge<"instance" | "state">;
  ownershipConflicts: Gauge<"instance">;
  budgetUsed: Gauge;
  budgetLimit: Gauge<"limit">;
  budgetRateLimited: Gauge;
  /** Last totals seen, so monotonic totals kept elsewhere become counter increments. */
  seen: { calls: number; rateLimited: number; doh: number };
}

/** One registry per runtime (its default metrics included). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const m: Metrics = {
    registry,
    info: new Gauge({ name: "dnsdrift_info", help: "Always 1; the mode dnsdrift runs in (live, snapshot, demo).", labelNames: ["mode"], registers }),
    available: new Gauge({ name: "dnsdrift_state_available", help: "1 when the last scrape could compute the state, 0 when it failed.", registers }),
    complete: new Gauge({ name: "dnsdrift_inputs_complete", help: "1 when every input is complete and fresh (deletes may be planned).", registers }),
    computedAt: new Gauge({ name: "dnsdrift_state_computed_timestamp_seconds", help: "When the state shown was computed (Unix time).", registers }),
    records: new Gauge({
      name: "dnsdrift_records",
      help: "Cloudflare records (and desired records Cloudflare lacks, state=missing) by state, per external-dns instance and zone.",
      labelNames: ["instance", "zone", "state"],
      registers,
    }),
    changes: new Gauge({
      name: "dnsdrift_plan_changes",
      help: "Record changes external-dns would make now, per instance and action.",
      labelNames: ["instance", "action"],
      registers,
    }),
    sourceAge: new Gauge({
      name: "dnsdrift_source_age_seconds",
      help: "Seconds since the source last loaded successfully (absent when it never did).",
      labelNames: ["source", "kind"],
      registers,
    }),
    sourceStatus: new Gauge({
      name: "dnsdrift_source_status",
      help: "1 for the source's current status, 0 for the others.",
      labelNames: ["source", "kind", "status"],
      registers,
    }),
    sourceError: new Gauge({
      name: "dnsdrift_source_error",
      help: "1 while the source's last attempt failed, labelled with the error code.",
      labelNames: ["source", "kind", "code"],
      registers,
    }),
    cloudflareCalls: new Counter({ name: "dnsdrift_cloudflare_api_calls_total", help: "Cloudflare API requests made by the reader.", registers }),
    rateLimited: new Counter({
      name: "dnsdrift_cloudflare_rate_limited_total",
      help: "Cloudflare answers that told dnsdrift to back off (HTTP 429).",
      registers,
    }),
    dohFailures: new Counter({ name: "dnsdrift_doh_failures_total", help: "DoH lookups a resolver failed to answer.", registers }),
    applies: new Counter({ name: "dnsdrift_applies_total", help: "Plan applies by outcome.", labelNames: ["outcome"], registers }),
    driftAge: new Gauge({
      name: "dnsdrift_drift_oldest_seconds",
      help: "Per instance and state (missing, drifted, blocked): how long the longest-standing hostname has been in that state (0 when none is). From the drift history.",
      labelNames: ["instance", "state"],
      registers,
    }),
    ownershipConflicts: new Gauge({
      name: "dnsdrift_ownership_conflicts",
      help: "Hostnames this external-dns wants whose record is owned by another owner id or by nobody, so it will not write them.",
      labelNames: ["instance"],
      registers,
    }),
    budgetUsed: new Gauge({ name: "dnsdrift_cloudflare_budget_used", help: "Cloudflare API calls dnsdrift made in the last 5 minutes.", registers }),
    budgetLimit: new Gauge({
      name: "dnsdrift_cloudflare_budget_limit",
      help: "dnsdrift's Cloudflare budget per 5 minutes: limit=soft (backs off past it) and limit=hard (stops calling).",
      labelNames: ["limit"],
      registers,
    }),
    budgetRateLimited: new Gauge({ name: "dnsdrift_cloudflare_rate_limited", help: "1 while Cloudflare has told dnsdrift to wait (HTTP 429); writes are off.", registers }),
    seen: { calls: 0, rateLimited: 0, doh: 0 },
  };
  for (const outcome of APPLY_OUTCOMES) m.applies.inc({ outcome }, 0);
  collectDefaultMetrics({ register: registry, prefix: "dnsdrift_" });
  return m;
}

/** Set by the drift history after each refresh it records. */
export function setDriftAges(m: Metrics, ages: { instance: string; state: string; seconds: number }[]): void {
  const g = m.driftAge;
  g.reset();
  for (const a of ages) g.set({ instance: a.instance, state: a.state }, a.seconds);
}

const CONFLICT_CODES = new Set(["owned-by-other", "unowned-record"]);

export function countApply(m: Metrics, outcome: ApplyOutcome): void {
  m.applies.inc({ outcome });
}

/** Adds what a total kept elsewhere grew by; a total that went down (a new World) starts over. */
function advance(counter: Counter, seen: Metrics["seen"], key: keyof Metrics["seen"], total: number): void {
  const delta = total >= seen[key] ? total - seen[key] : total;
  if (delta > 0) counter.inc(delta);
  seen[key] = total;
}

/** Record counts are derived per computation, not per scrape: the world caches its Computed. */
const countsCache = new WeakMap<Computed, Map<string, number>>();
const SEP = "\u0000";

export function recordCounts(c: Computed): Map<string, number> {
  const hit = countsCache.get(c);
  if (hit) return hit;
  const out = new Map<string, number>();
  for (const { instance, result } of c.instances) {
    for (const zone of result.zones) for (const state of RECORD_STATES) out.set([instance.id, zone.name, state].join(SEP), 0);
    for (const row of recordViews(result, buildHostIndex(result))) {
      const key = [instance.id, row.zone || "none", row.state].join(SEP);
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  countsCache.set(c, out);
  return out;
}

export interface ScrapeInput {
  mode: string;
  /** Undefined when the state could not be computed (e.g. the runtime failed to start). */
  computed?: Computed;
  /** Sources not in Computed (the DoH resolvers). */
  extraSources?: SourceHealth[];
  cloudflare?: CloudflareTally;
  budget?: BudgetStatus;
  dohFailures?: number;
  now?: number;
}

/** Sets every gauge from one consistent view; series that no longer exist disappear. */
export function observe(m: Metrics, input: ScrapeInput): void {
  const now = input.now ?? Date.now();
  m.info.reset();
  m.info.set({ mode: input.mode }, 1);
  for (const g of [m.records, m.changes, m.sourceAge, m.sourceStatus, m.sourceError, m.ownershipConflicts]) g.reset();
  const c = input.computed;
  m.available.set(c ? 1 : 0);
  if (c) {
    m.complete.set(c.complete ? 1 : 0);
    m.computedAt.set(Date.parse(c.generatedAt) / 1000);
    for (const [key, n] of recordCounts(c)) {
      const [instance, zone, state] = key.split(SEP);
      m.records.set({ instance, zone, state }, n);
    }
    for (const { instance, result } of c.instances) {
      for (const action of ["create", "update", "delete"] as const) m.changes.set({ instance: instance.id, action }, result.summary[action]);
      const conflicted = new Set(result.reasons.filter((r) => CONFLICT_CODES.has(r.code) && r.severity !== "info").flatMap((r) => r.hostnames));
      m.ownershipConflicts.set({ instance: instance.id }, conflicted.size);
    }
  }
  for (const s of [...(c?.sources ?? []), ...(input.extraSources ?? [])]) {
    const labels = { source: s.id, kind: s.kind };
    if (s.fetchedAt) m.sourceAge.set(labels, Math.max(0, (now - Date.parse(s.fetchedAt)) / 1000));
    for (const status of SOURCE_STATUSES) m.sourceStatus.set({ ...labels, status }, s.status === status ? 1 : 0);
    if (s.error) m.sourceError.set({ ...labels, code: s.error.code }, 1);
  }
  if (input.cloudflare) {
    advance(m.cloudflareCalls, m.seen, "calls", input.cloudflare.calls);
    advance(m.rateLimited, m.seen, "rateLimited", input.cloudflare.rateLimited);
  }
  if (input.budget) {
    m.budgetUsed.set(input.budget.used);
    m.budgetLimit.set({ limit: "soft" }, input.budget.softLimit);
    m.budgetLimit.set({ limit: "hard" }, input.budget.limit);
    m.budgetRateLimited.set(input.budget.rateLimitedUntil ? 1 : 0);
  }
  if (input.dohFailures !== undefined) advance(m.dohFailures, m.seen, "doh", input.dohFailures);
}

export async function renderMetrics(m: Metrics, input: ScrapeInput): Promise<{ body: string; contentType: string }> {
  observe(m, input);
  const { registry } = m;
  return { body: await registry.metrics(), contentType: registry.contentType };
}
