// PATCH bodies: JSON merge patch (RFC 7386; strategic merge and apply patches are treated the
// same way, i.e. lists are replaced rather than merged by key) and JSON patch (RFC 6902).

import { listKeys } from "./managed-fields";
import { errors } from "./status";

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * Strategic merge (and the merge of an applied configuration into the live object): like a
 * merge patch, except that lists known to be keyed (Gateway listeners, conditions, containers)
 * merge element by element on their key, and `$patch: delete` removes an element.
 */
/**
 * Strategic-merge keys of built-in lists that are not associative for server-side apply under
 * the same key (Service `ports` merge on `port`); used only where every element has the key, so
 * container ports (keyed on containerPort) are still replaced whole.
 */
const MERGE_KEYS: Record<string, string[]> = { ports: ["port"] };

export function keyedMerge(target: Json, patch: Json, field = ""): Json {
  if (Array.isArray(patch)) {
    const keys = listKeys(field) ?? MERGE_KEYS[field];
    const keyed = (list: Json[]) => list.every((i) => isObject(i) && keys?.every((k) => i[k] !== undefined));
    if (!keys || !Array.isArray(target) || !keyed(patch) || !keyed(target)) {
      return structuredClone(patch).filter((i: Json) => !(isObject(i) && i.$patch === "delete"));
    }
    const id = (i: Json) => (isObject(i) ? JSON.stringify(keys.map((k) => i[k])) : undefined);
    const out: Json[] = structuredClone(target);
    for (const item of patch) {
      const at = out.findIndex((o) => id(o) !== undefined && id(o) === id(item));
      if (isObject(item) && item.$patch === "delete") {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = keyedMerge(out[at], item, field);
      else out.push(structuredClone(item));
    }
    return out;
  }
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === "$patch" || k.startsWith("$setElementOrder") || k === "$retainKeys") continue;
    if (v === null) delete out[k];
    else out[k] = keyedMerge(out[k], v, k);
  }
  return out;
}

/** Removes the fields at these FieldsV1 paths (fields an Apply stopped applying). */
export function removePaths(doc: Json, paths: string[][]): Json {
  const out = structuredClone(doc);
  for (const path of paths) {
    let node: Json = out;
    for (const el of path.slice(0, -1)) {
      if (isObject(node) && el.startsWith("f:")) node = node[el.slice(2)];
      else if (Array.isArray(node) && el.startsWith("k:")) {
        const want = JSON.parse(el.slice(2)) as Record<string, Json>;
        node = node.find((i) => isObject(i) && Object.entries(want).every(([k, v]) => i[k] === v));
      } else node = undefined;
    }
    const last = path[path.length - 1];
    if (isObject(node) && last.startsWith("f:")) delete node[last.slice(2)];
  }
  return out;
}

interface Op {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw errors.badRequest(`invalid JSON pointer: ${path}`);
  return path.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(doc: Json, segs: string[]): { parent: Record<string, Json> | Json[]; key: string } {
  let cur: Json = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObject(cur)) cur = cur[s];
    else cur = undefined;
    if (cur === undefined) throw errors.badRequest(`JSON patch path not found: /${segs.join("/")}`);
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw errors.badRequest(`JSON patch path not found: /${segs.join("/")}`);
  return { parent: cur, key: segs[segs.length - 1] };
}

function read(doc: Json, path: string): Json {
  const segs = pointer(path);
  if (segs.length === 0) return doc;
  const { parent, key } = parentOf(doc, segs);
  const v = Array.isArray(parent) ? parent[Number(key)] : parent[key];
  if (v === undefined) throw errors.badRequest(`JSON patch path not found: ${path}`);
  return v;
}

function remove(doc: Json, path: string): void {
  const { parent, key } = parentOf(doc, pointer(path));
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (key in parent) delete parent[key];
  else throw errors.badRequest(`JSON patch path not found: ${path}`);
}

function add(doc: Json, path: string, value: Json, replace: boolean): void {
  const { parent, key } = parentOf(doc, pointer(path));
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : Number(key);
    parent.splice(i, replace ? 1 : 0, structuredClone(value));
  } else {
    if (replace && !(key in parent)) throw errors.badRequest(`JSON patch path not found: ${path}`);
    parent[key] = structuredClone(value);
  }
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw errors.badRequest("a JSON patch must be an array of operations");
  const doc = structuredClone(target);
  for (const raw of ops as Op[]) {
    switch (raw.op) {
      case "add":
        add(doc, raw.path, raw.value, false);
        break;
      case "replace":
        add(doc, raw.path, raw.value, true);
        break;
      case "remove":
        remove(doc, raw.path);
        break;
      case "test":
        if (JSON.stringify(read(doc, raw.path)) !== JSON.stringify(raw.value)) {
          throw errors.invalid("", "", raw.path, "the JSON patch test operation failed");
        }
        break;
      case "copy":
        add(doc, raw.path, read(doc, raw.from ?? ""), false);
        break;
      case "move": {
        const v = read(doc, raw.from ?? "");
        remove(doc, raw.from ?? "");
        add(doc, raw.path, v, false);
        break;
      }
      default:
        throw errors.badRequest(`unknown JSON patch operation: ${String(raw.op)}`);
    }
  }
  return doc;
}
