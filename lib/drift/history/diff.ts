// The transitions between two successive history snapshots, with their causes: which object
// field changed, which Cloudflare record changed and how, which reasons appeared or went away.
// Pure; attribution (who made the change) is added afterwards by the server.

import { fieldLabel, type HistorySnapshot, type TrackedItem } from "./snapshot";

export interface HistoryCause {
  code: string;
  message: string;
  resource: string;
  /** Path of the object field that changed (object-* causes). */
  field?: string[];
  /** The Cloudflare records concerned (record-* causes). */
  records?: { zone: string; id: string }[];
  /** Who changed it: a Kubernetes field manager, … */
  manager?: string;
  /** … or a person or token (Cloudflare audit logs, dnsdrift's audit trail). */
  actor?: string;
  /** Update / Apply (Kubernetes), dashboard / API (Cloudflare), dnsdrift. */
  via?: string;
  changedAt?: string;
  /** Recent Kubernetes Events about the object. */
  events?: { type: string; reason: string; message: string; at?: string }[];
}

export interface Transition {
  at: string;
  instance: string;
  hostname: string;
  type?: string;
  from: string;
  to: string;
  causes: HistoryCause[];
}

/** States not worth a line when an item first appears: nothing is wrong there. */
const QUIET_APPEARANCE = new Set(["in-sync", "not-published"]);
/** No earlier snapshot at all (first start): the state was not observed before. */
export const UNKNOWN = "unknown";
export const ABSENT = "absent";
export const GONE = "gone";

const RECORD_FACETS = ["content", "proxied", "ttl"] as const;

function changedFacets(a: TrackedItem, b: TrackedItem): string[] {
  // A facet seen for the first time (a first DNS lookup) is an observation, not a change.
  return Object.keys(b.facets).filter((f) => f in a.facets && a.facets[f] !== b.facets[f]);
}

function label(item: TrackedItem, facets: string[]): string {
  if (!facets.length) return item.state;
  return `${item.state} (${facets.map((f) => `${f}: ${item.facets[f] || "none"}`).join(", ")})`;
}

function objectCauses(prev: HistorySnapshot, next: HistorySnapshot, resources: string[]): HistoryCause[] {
  const out: HistoryCause[] = [];
  for (const resource of resources) {
    const before = prev.objects[resource];
    const after = next.objects[resource];
    if (!before && after) {
      out.push({ code: "object-created", resource, message: `${resource} was created` });
      continue;
    }
    if (before && !after) {
      out.push({ code: "object-deleted", resource, message: `${resource} was deleted` });
      continue;
    }
    if (!before || !after) continue;
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (before[key] === after[key]) continue;
      const field = JSON.parse(key) as string[];
      const what = field[0] === "metadata" ? `${field[1] === "labels" ? "label" : "annotation"} ${field[2]}` : fieldLabel(field);
      const message =
        before[key] === undefined
          ? `${what} set to ${after[key]} on ${resource}`
          : after[key] === undefined
            ? `${what} removed from ${resource} (was ${before[key]})`
            : `${what} changed on ${resource}: ${before[key]} → ${after[key]}`;
      out.push({ code: "object-changed", resource, field, message });
    }
  }
  return out;
}

function recordCause(a: TrackedItem | undefined, b: TrackedItem | undefined, observed: boolean): HistoryCause | undefined {
  const item = b ?? a!;
  if (!item.type) return undefined;
  const resource = `record/${item.type}/${item.hostname}`;
  const records = [...(a?.records ?? []), ...(b?.records ?? [])].filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i);
  if (a?.records?.length && !b?.records?.length) {
    return { code: "record-deleted", resource, records, message: `${item.type} ${item.hostname} was deleted at Cloudflare` };
  }
  if (b?.records?.length && !a?.records?.length) {
    return observed
      ? { code: "record-created", resource, records, message: `${item.type} ${item.hostname} was created at Cloudflare (${b.facets.content})` }
      : { code: "record-seen", resource, records, message: `Cloudflare has ${item.type} ${item.hostname} → ${b.facets.content} (proxied ${b.facets.proxied})` };
  }
  if (!a || !b) return undefined;
  const diffs = RECORD_FACETS.filter((f) => a.facets[f] !== b.facets[f]).map((f) => `${f} ${a.facets[f] || "none"} → ${b.facets[f] || "none"}`);
  if (!diffs.length) return undefined;
  return { code: "record-changed", resource, records, message: `${item.type} ${item.hostname} changed at Cloudflare: ${diffs.join(", ")}` };
}

const reasonKey = (r: { code: string; resource: string; message: string }) => `${r.code}\u0000${r.resource}\u0000${r.message}`;

function reasonCauses(a: TrackedItem | undefined, b: TrackedItem | undefined): HistoryCause[] {
  const before = new Map((a?.reasons ?? []).map((r) => [reasonKey(r), r]));
  const after = new Map((b?.reasons ?? []).map((r) => [reasonKey(r), r]));
  const added = [...after].filter(([k]) => !before.has(k)).map(([, r]) => ({ ...r }));
  const resolved = [...before]
    .filter(([k]) => !after.has(k))
    .filter(([, r]) => !added.some((x) => x.code === r.code && x.resource === r.resource))
    .map(([, r]) => ({ ...r, message: `no longer: ${r.message}` }));
  return [...added, ...resolved];
}

/** Every transition from `prev` to `next` (same instance); `prev` undefined on the first refresh ever. */
export function diffSnapshots(prev: HistorySnapshot | undefined, next: HistorySnapshot): Transition[] {
  const base: HistorySnapshot = prev ?? { instance: next.instance, at: next.at, items: {}, objects: {} };
  const out: Transition[] = [];
  const keys = [...new Set([...Object.keys(base.items), ...Object.keys(next.items)])].sort();
  for (const key of keys) {
    const a = base.items[key];
    const b = next.items[key];
    let from: string;
    let to: string;
    if (a && b) {
      const facets = changedFacets(a, b);
      if (a.state === b.state && !facets.length) continue;
      from = label(a, a.state === b.state ? facets : []);
      to = label(b, a.state === b.state ? facets : []);
    } else if (b) {
      if (QUIET_APPEARANCE.has(b.state)) continue;
      from = prev ? ABSENT : UNKNOWN;
      to = b.state;
    } else {
      if (a.state === "not-published") continue;
      from = a.state;
      to = GONE;
    }
    const item = (b ?? a)!;
    const resources = [...new Set([...(a?.objects ?? []), ...(b?.objects ?? [])])].sort();
    const record = recordCause(a, b, Boolean(prev));
    const causes = [...(prev ? objectCauses(base, next, resources) : []), ...(record ? [record] : []), ...reasonCauses(a, b)];
    out.push({
      at: next.at,
      instance: next.instance,
      hostname: item.hostname,
      ...(item.type ? { type: item.type } : {}),
      from,
      to,
      causes,
    });
  }
  return out;
}
