// What the history compares from one refresh to the next: per hostname and per record (name and
// type), a state and the facets whose change is worth a line in the history, the reasons behind
// it, and the cluster objects it depends on with the fields of theirs that matter to DNS. Pure:
// built from one pipeline run, serialisable, so the last one survives a restart.

import type { RecordState, RecordView } from "../../api/types";
import { reasonsFor, verdictFor } from "../../externaldns/explain";
import { normalizeHostname } from "../../externaldns/hostname";
import type { KubeObject } from "../../externaldns/types";
import { buildHostIndexSteps } from "../host-index";
import type { PipelineResult } from "../pipeline";
import { recordViews } from "../record-states";

export interface TrackedReason {
  code: string;
  message: string;
  resource: string;
}

export interface TrackedItem {
  hostname: string;
  /** Record type for a record item; absent for the hostname as a whole. */
  type?: string;
  state: string;
  /** Compared between refreshes: a change in any of them is a transition. */
  facets: Record<string, string>;
  reasons: TrackedReason[];
  /** Cluster objects ("kind/namespace/name") the item depends on, parent Gateways included. */
  objects: string[];
  /** Cloudflare records of a record item, for attribution. */
  records?: { zone: string; id: string }[];
}

export interface HistorySnapshot {
  instance: string;
  at: string;
  items: Record<string, TrackedItem>;
  /** Per object, its DNS-relevant fields: JSON-encoded path segments → canonical JSON value. */
  objects: Record<string, Record<string, string>>;
}

/** Informational codes that restate the state rather than explain it. */
const QUIET_CODES = new Set(["endpoint-produced", "in-sync", "duplicate-endpoint"]);
const MAX_REASONS = 8;

/** Worst first, as the dashboard colours a hostname. */
const SEVERITY: RecordState[] = ["blocked", "missing", "drifted", "orphaned", "other-owner", "unowned", "in-sync"];

const VERDICT_STATE: Record<string, string> = {
  "in-sync": "in-sync",
  "will-create": "missing",
  "will-update": "drifted",
  "will-delete": "orphaned",
  blocked: "blocked",
};

export const itemKey = (hostname: string, type?: string) => (type ? `${hostname}|${type}` : hostname);

/** "kind/namespace/name", the resource label external-dns writes and the reasons use. */
export function resourceOf(obj: KubeObject): string {
  return `${(obj.kind ?? "").toLowerCase()}/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
}

const SKIPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const SPEC_FIELDS = ["parentRefs", "hostnames", "rules", "tls", "endpoints", "listeners", "ingressClassName", "addresses"];
const STATUS_FIELDS = ["parents", "addresses", "loadBalancer"];

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The fields of an object whose change can change DNS, keyed by their path. */
export function objectFacts(obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (path: string[], value: unknown) => {
    if (value !== undefined && value !== null) out[JSON.stringify(path)] = canonical(value);
  };
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) put(["metadata", "labels", k], v);
  for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) {
    if (!SKIPPED_ANNOTATIONS.has(k)) put(["metadata", "annotations", k], v);
  }
  for (const f of SPEC_FIELDS) put(["spec", f], obj.spec?.[f]);
  for (const f of STATUS_FIELDS) put(["status", f], obj.status?.[f]);
  return out;
}

/** `metadata.labels["a/b"]`, `spec.parentRefs`. */
export function fieldLabel(path: string[]): string {
  if (path.length === 3 && path[0] === "metadata") return `${path[0]}.${path[1]}["${path[2]}"]`;
  return path.join(".");
}

function parentGateways(route: KubeObject): string[] {
  const refs: { name?: string; namespace?: string; kind?: string }[] = Array.isArray(route.spec?.parentRefs) ? route.spec.parentRefs : [];
  return refs
    .filter((r) => r && typeof r.name === "string" && (r.kind === undefined || r.kind === "Gateway"))
    .map((r) => `gateway/${r.namespace ?? route.metadata.namespace ?? "default"}/${r.name}`);
}

const dohFacet = (verdict: string | undefined): Record<string, string> => (verdict ? { doh: verdict } : {});

/** `doh`: the latest public DNS verdict for a hostname, when one has been looked up. */
export function historySnapshot(
  instance: string,
  at: string,
  result: PipelineResult,
  doh: (hostname: string) => string | undefined = () => undefined,
): HistorySnapshot {
  const steps = historySnapshotSteps(instance, at, result, doh);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same, in steps: it pauses (yields) between stages and every few hundred objects and
 * hostnames, so a server taking the snapshot of a large estate keeps answering requests.
 */
export function* historySnapshotSteps(
  instance: string,
  at: string,
  result: PipelineResult,
  doh: (hostname: string) => string | undefined = () => undefined,
  /** The run's record rows when the caller has them already (the server's views do). */
  rows?: RecordView[],
): Generator<void, HistorySnapshot> {
  const idx = yield* buildHostIndexSteps(result);
  yield;
  const objects: Record<string, Record<string, string>> = {};
  const parents = new Map<string, string[]>();
  const o = result.objects;
  let n = 0;
  for (const obj of [...o.gateways, ...o.routes, ...o.ingresses, ...o.dnsEndpoints, ...o.listenerSets]) {
    if (++n % 1000 === 0) yield;
    objects[resourceOf(obj)] = objectFacts(obj);
  }
  yield;
  for (const r of o.routes) parents.set(resourceOf(r), parentGateways(r));
  const related = (resources: string[]) => {
    const out = new Set<string>();
    for (const r of resources) {
      if (!r || !objects[r]) continue;
      out.add(r);
      for (const p of parents.get(r) ?? []) if (objects[p]) out.add(p);
    }
    return [...out].sort();
  };

  const items: Record<string, TrackedItem> = {};
  // host → record key → rows, so each hostname finds its records without scanning them all.
  const byHost = new Map<string, Map<string, ReturnType<typeof recordViews>>>();
  for (const row of rows ?? recordViews(result, idx)) {
    if (row.state === "ownership") continue;
    const host = normalizeHostname(row.name);
    const keyed = byHost.get(host) ?? new Map<string, ReturnType<typeof recordViews>>();
    byHost.set(host, keyed);
    const k = itemKey(host, row.type);
    keyed.set(k, [...(keyed.get(k) ?? []), row]);
  }
  yield;

  n = 0;
  for (const host of [...idx.hostnames].sort()) {
    if (++n % 500 === 0) yield;
    const reasons = reasonsFor(host, idx.reasons.get(host) ?? []);
    const desired = idx.desired.get(host) ?? [];
    const verdict = verdictFor({ hostname: host, desiredCount: desired.length, dataChanges: idx.dataChanges.get(host) ?? [], reasons });
    const tracked = reasons
      .filter((r) => !QUIET_CODES.has(r.code))
      .slice(0, MAX_REASONS)
      .map(({ code, message, resource }) => ({ code, message, resource }));
    const rows = [...(byHost.get(host)?.entries() ?? [])];
    const resources = [...desired.map((e) => e.labels.resource ?? ""), ...reasons.map((r) => r.resource), ...rows.flatMap(([, rs]) => rs.map((r) => r.resource ?? ""))];
    const objs = related(resources);
    const worst = SEVERITY.find((s) => rows.some(([, rs]) => rs.some((r) => r.state === s)));
    const state = VERDICT_STATE[verdict] ?? (rows.length ? (worst ?? "unowned") : "not-published");
    items[itemKey(host)] = {
      hostname: host,
      state,
      facets: dohFacet(doh(host)),
      reasons: tracked,
      objects: objs,
    };
    for (const [k, rs] of rows) {
      const type = rs[0].type;
      const recState = SEVERITY.find((s) => rs.some((r) => r.state === s)) ?? rs[0].state;
      const real = rs.filter((r) => r.id);
      items[k] = {
        hostname: host,
        type,
        state: recState,
        facets: {
          content: real.map((r) => r.content).sort().join(", "),
          proxied: [...new Set(real.map((r) => String(r.proxied)))].sort().join(", "),
          ttl: [...new Set(real.map((r) => String(r.ttl)))].sort().join(", "),
          owner: [...new Set(real.map((r) => r.owner ?? ""))].sort().join(", "),
        },
        reasons: tracked.filter((r) => !r.code.startsWith("pending-") || r.message.includes(` ${type} `)),
        objects: objs,
        records: real.map((r) => ({ zone: r.zone, id: r.id! })),
      };
    }
  }
  return { instance, at, items, objects };
}
