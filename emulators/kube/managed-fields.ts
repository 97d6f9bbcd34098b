// metadata.managedFields kept as kube-apiserver keeps them (structured-merge-diff): one entry per
// manager and operation, with the time and the set of fields it owns in FieldsV1 form. An Update
// gives its manager every field it added or changed and takes them from the others; an Apply
// owns exactly the fields of the applied configuration, conflicts with other owners of a field
// whose value it changes unless forced, and removes the fields it stopped applying.

import { ApiError } from "./status";
import type { KubeObject } from "./store";

export interface ManagedFieldsEntry {
  manager: string;
  operation: "Update" | "Apply";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

type Json = unknown;
/** A field path as JSON-encoded FieldsV1 elements: ["f:spec","f:listeners",'k:{"name":"http"}']. */
type PathKey = string;

const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fields no manager owns: identity and server-set metadata. */
const IGNORED_TOP = new Set(["apiVersion", "kind"]);
const IGNORED_META = new Set(["name", "namespace", "uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink", "generateName"]);

/**
 * Associative lists (x-kubernetes-list-type: map) of the kinds the emulator serves, by field
 * name; every other list is atomic, as for a CRD whose schema says nothing.
 */
const LIST_MAP_KEYS: Record<string, string[]> = {
  listeners: ["name"],
  conditions: ["type"],
  containers: ["name"],
  initContainers: ["name"],
  env: ["name"],
  volumes: ["name"],
};

export function listKeys(field: string): string[] | undefined {
  return LIST_MAP_KEYS[field];
}

function keyElement(item: Record<string, Json>, keys: string[]): string | undefined {
  if (!keys.every((k) => item[k] !== undefined)) return undefined;
  return `k:${JSON.stringify(Object.fromEntries(keys.map((k) => [k, item[k]])))}`;
}

interface Flat {
  /** Every member path → its value (leaves) or "\u0000node" (maps and list elements). */
  values: Map<PathKey, string>;
}

const NODE = "\u0000node";

/** Every field path of an object (or an applied configuration), with leaf values. */
export function flatten(obj: Json): Map<PathKey, string> {
  const out: Flat = { values: new Map() };
  if (!isObject(obj)) return out.values;
  for (const [k, v] of Object.entries(obj)) {
    if (IGNORED_TOP.has(k) || v === undefined) continue;
    if (k === "metadata" && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (IGNORED_META.has(mk) || mv === undefined || mv === null) continue;
        walk(["f:metadata", `f:${mk}`], mk, mv, out);
      }
      continue;
    }
    walk([`f:${k}`], k, v, out);
  }
  return out.values;
}

function walk(path: string[], field: string, value: Json, out: Flat): void {
  const key = JSON.stringify(path);
  if (isObject(value)) {
    out.values.set(key, NODE);
    for (const [k, v] of Object.entries(value)) if (v !== undefined) walk([...path, `f:${k}`], k, v, out);
    return;
  }
  const keys = Array.isArray(value) ? listKeys(field) : undefined;
  if (keys && (value as Json[]).every((i) => isObject(i) && keyElement(i, keys))) {
    out.values.set(key, NODE);
    for (const item of value as Record<string, Json>[]) {
      const el = [...path, keyElement(item, keys)!];
      out.values.set(JSON.stringify(el), NODE);
      for (const [k, v] of Object.entries(item)) if (v !== undefined) walk([...el, `f:${k}`], k, v, out);
    }
    return;
  }
  out.values.set(key, JSON.stringify(value));
}

/**
 * FieldsV1 of a set of paths. "." marks a member that also has members below it; metadata
 * itself never gets one, and for compiled-in kinds only string maps (labels, annotations,
 * selectors) do, as kube-apiserver writes them.
 */
export function toFieldsV1(paths: Iterable<PathKey>, values: Map<PathKey, string>, builtin: boolean): Record<string, unknown> {
  const root: Record<string, Record<string, unknown>> = {};
  const members = new Set(paths);
  const sorted = [...members].map((p) => JSON.parse(p) as string[]).sort((a, b) => a.length - b.length);
  for (const path of sorted) {
    let node: Record<string, unknown> = root;
    for (const el of path) node = (node[el] ??= {}) as Record<string, unknown>;
  }
  const mark = (node: Record<string, unknown>, path: string[]) => {
    for (const [el, child] of Object.entries(node)) {
      if (el === ".") continue;
      const p = [...path, el];
      const c = child as Record<string, unknown>;
      const hasChildren = Object.keys(c).some((k) => k !== ".");
      const member = members.has(JSON.stringify(p)) && values.has(JSON.stringify(p));
      if (hasChildren && member && !(p.length === 1 && el === "f:metadata")) {
        const stringMap = Object.keys(c).every((k) => k === "." || (k.startsWith("f:") && Object.keys(c[k] as object).length === 0));
        if (!builtin || el.startsWith("k:") || stringMap) c["."] = {};
      }
      mark(c, p);
    }
  };
  mark(root, []);
  return sortKeys(root) as Record<string, unknown>;
}

function sortKeys(v: unknown): unknown {
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}

/** The paths a FieldsV1 document holds (members only). */
export function fromFieldsV1(doc: unknown, prefix: string[] = []): Set<PathKey> {
  const out = new Set<PathKey>();
  if (!isObject(doc)) return out;
  for (const [el, child] of Object.entries(doc)) {
    if (el === ".") continue;
    const p = [...prefix, el];
    const sub = isObject(child) ? Object.keys(child).filter((k) => k !== ".") : [];
    if (!sub.length || (isObject(child) && "." in child)) out.add(JSON.stringify(p));
    for (const q of fromFieldsV1(child, p)) out.add(q);
  }
  return out;
}

export interface Comparison {
  added: Set<PathKey>;
  modified: Set<PathKey>;
  removed: Set<PathKey>;
}

export function compare(before: Map<PathKey, string>, after: Map<PathKey, string>): Comparison {
  const c: Comparison = { added: new Set(), modified: new Set(), removed: new Set() };
  for (const [k, v] of after) {
    if (!before.has(k)) c.added.add(k);
    else if (v !== NODE && before.get(k) !== v) c.modified.add(k);
  }
  for (const k of before.keys()) if (!after.has(k)) c.removed.add(k);
  return c;
}

const entryKey = (e: Pick<ManagedFieldsEntry, "manager" | "operation" | "subresource">) => `${e.manager}\u0000${e.operation}\u0000${e.subresource ?? ""}`;

/** kube-apiserver's default manager: the user agent up to its first "/". */
export function managerFrom(fieldManager: string | null, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  const ua = (userAgent ?? "").split("/")[0].trim();
  return ua.slice(0, 128) || "unknown";
}

export interface TrackInput {
  old: KubeObject | undefined;
  next: KubeObject;
  manager: string;
  operation: "Update" | "Apply";
  apiVersion: string;
  time: string;
  builtin: boolean;
  subresource?: string;
  /** Apply only: the applied configuration and whether conflicts are overridden. */
  applied?: Json;
  force?: boolean;
}

function ownedSets(old: KubeObject | undefined): Map<string, { entry: ManagedFieldsEntry; set: Set<PathKey> }> {
  const out = new Map<string, { entry: ManagedFieldsEntry; set: Set<PathKey> }>();
  const list = (old?.metadata.managedFields ?? []) as ManagedFieldsEntry[];
  for (const e of Array.isArray(list) ? list : []) out.set(entryKey(e), { entry: e, set: fromFieldsV1(e.fieldsV1) });
  return out;
}

function conflictError(conflicts: { manager: string; path: string }[]): ApiError {
  const lines = conflicts.map((c) => `conflict with "${c.manager}": ${c.path}`);
  const message =
    conflicts.length === 1 ? `Apply failed with 1 conflict: ${lines[0]}` : `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
  return new ApiError(409, "Conflict", message, {
    causes: conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with "${c.manager}"`, field: c.path })),
  });
}

/** ".metadata.labels.app", as conflict messages spell a path. */
function dotted(path: PathKey): string {
  return (JSON.parse(path) as string[]).map((el) => (el.startsWith("f:") ? `.${el.slice(2)}` : `[${el.slice(2)}]`)).join("");
}

/** The managedFields the object has after this write. Throws 409 on an unforced Apply conflict. */
export function trackManagedFields(i: TrackInput): ManagedFieldsEntry[] {
  const before = flatten(i.old ?? {});
  const after = flatten(i.next);
  const cmp = compare(before, after);
  const changed = new Set([...cmp.added, ...cmp.modified]);
  const sets = ownedSets(i.old);
  const me = entryKey({ manager: i.manager, operation: i.operation, subresource: i.subresource });

  let mine: Set<PathKey>;
  if (i.operation === "Apply") {
    mine = new Set(flatten(i.applied ?? {}).keys());
    const conflicts: { manager: string; path: string }[] = [];
    for (const [k, { entry, set }] of sets) {
      if (k === me) continue;
      for (const p of set) if (mine.has(p) && changed.has(p)) conflicts.push({ manager: entry.manager, path: dotted(p) });
    }
    if (conflicts.length && !i.force) throw conflictError(conflicts);
  } else {
    mine = new Set([...(sets.get(me)?.set ?? []), ...changed]);
  }
  for (const p of cmp.removed) mine.delete(p);

  const out: ManagedFieldsEntry[] = [];
  for (const [k, { entry, set }] of sets) {
    if (k === me) continue;
    const kept = new Set([...set].filter((p) => !cmp.removed.has(p) && !(changed.has(p) && mine.has(p))));
    if (!kept.size) continue;
    const same = kept.size === set.size;
    out.push(same ? entry : { ...entry, fieldsV1: toFieldsV1(kept, after, i.builtin) });
  }
  if (mine.size) {
    const prev = sets.get(me)?.entry;
    const unchanged = prev && !changed.size && !cmp.removed.size && sameSet(sets.get(me)!.set, mine);
    out.push(
      unchanged
        ? prev
        : {
            manager: i.manager,
            operation: i.operation,
            apiVersion: i.apiVersion,
            time: i.time,
            fieldsType: "FieldsV1",
            fieldsV1: toFieldsV1(mine, after, i.builtin),
            ...(i.subresource ? { subresource: i.subresource } : {}),
          },
    );
  }
  return out;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Leaf paths an Apply manager owned before and no longer applies, that nobody else owns: removed. */
export function droppedByApply(old: KubeObject | undefined, manager: string, applied: Json): string[][] {
  const sets = ownedSets(old);
  const me = entryKey({ manager, operation: "Apply" });
  const prev = sets.get(me)?.set;
  if (!prev) return [];
  const now = new Set(flatten(applied).keys());
  const others = new Set([...sets].filter(([k]) => k !== me).flatMap(([, { set }]) => [...set]));
  return [...prev].filter((p) => !now.has(p) && !others.has(p)).map((p) => JSON.parse(p) as string[]);
}
