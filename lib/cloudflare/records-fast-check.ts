// The records document's schema (records-file.ts) checked directly, for the common case of a
// well-formed file. It answers exactly what the zod schema would give back — the same keys in
// the same order, defaults filled in — or undefined for anything it is not sure of, and the
// caller then asks zod, which also words the error. records-file.test.ts holds the two side by side.

import type { RecordsDocument } from "./records-document";

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const optional = (o: Obj, k: string, ok: (v: unknown) => boolean) => !(k in o) || o[k] === undefined || ok(o[k]);
const nonEmptyString = (v: unknown) => typeof v === "string" && v.length > 0;
const isString = (v: unknown) => typeof v === "string";
const isInt = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v);

const RECORD_KEYS = ["id", "type", "name", "content", "proxied", "ttl", "comment", "tags", "priority"] as const;
const RECORD_KEY_SET = new Set<string>(RECORD_KEYS);
const ZONE_KEYS = new Set(["id", "name", "records"]);

function recordOk(r: unknown): r is Obj {
  return (
    isObject(r) &&
    !Object.hasOwn(r, "__proto__") &&
    nonEmptyString(r.type) &&
    nonEmptyString(r.name) &&
    isString(r.content) &&
    optional(r, "id", isString) &&
    optional(r, "proxied", (v) => typeof v === "boolean") &&
    optional(r, "ttl", (v) => isInt(v) && (v as number) >= 0) &&
    optional(r, "comment", (v) => v === null || isString(v)) &&
    optional(r, "tags", (v) => Array.isArray(v) && v.every(isString)) &&
    optional(r, "priority", isInt)
  );
}

/** What zod's passthrough object gives: the schema's keys first (in its order), then the others. */
function recordCopy(r: Obj): Obj {
  const out: Obj = {};
  for (const k of RECORD_KEYS) {
    if (r[k] !== undefined) out[k] = k === "tags" ? [...(r[k] as string[])] : r[k];
  }
  for (const k of Object.keys(r)) if (!RECORD_KEY_SET.has(k)) out[k] = r[k];
  return out;
}

export function wellFormedRecordsDocument(value: unknown): RecordsDocument | undefined {
  if (!isObject(value) || !Array.isArray(value.zones) || Object.hasOwn(value, "__proto__")) return undefined;
  const zones: Obj[] = [];
  for (const z of value.zones as unknown[]) {
    if (!isObject(z) || Object.hasOwn(z, "__proto__") || !nonEmptyString(z.name) || !optional(z, "id", isString)) return undefined;
    const raw = z.records === undefined ? [] : z.records;
    if (!Array.isArray(raw)) return undefined;
    const records: Obj[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i];
      if (!recordOk(r)) return undefined;
      records[i] = recordCopy(r);
    }
    const zone: Obj = {};
    if (z.id !== undefined) zone.id = z.id;
    zone.name = z.name;
    zone.records = records;
    for (const k of Object.keys(z)) if (!ZONE_KEYS.has(k)) zone[k] = z[k];
    zones.push(zone);
  }
  const doc: Obj = { zones };
  for (const k of Object.keys(value)) if (k !== "zones") doc[k] = value[k];
  return doc as RecordsDocument;
}
