// YAML read the way Helm reads values files (and Kubernetes reads manifests): go-yaml v2's
// resolution of plain scalars (YAML 1.1 booleans such as yes/on/y, Go integer syntax with 0x, 0o,
// 0b, leading-zero octal and underscores, no sexagesimal numbers, dates kept as text), merge keys,
// the last of duplicate keys winning, and then a trip through JSON: every number becomes a
// float64, and .inf/.nan cannot be read at all.

import YAML, { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import { InputError } from "./errors";

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"]);
const FALSES = new Set(["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"]);
const SPECIAL_FLOATS = new Set([".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt/ParseUint with base 0 (sign only for ParseInt), as a BigInt. */
function parseGoInt(s: string, signed: boolean): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m || (!signed && m[1] !== "")) return undefined;
  const body = m[2];
  const digits = /^0[oO]/.test(body) ? "0o" + body.slice(2) : /^0[0-7]+$/.test(body) ? "0o" + body.slice(1) : body;
  const n = BigInt(digits) * (m[1] === "-" ? -1n : 1n);
  if (signed ? n < -INT64_MAX - 1n || n > INT64_MAX : n > UINT64_MAX) return undefined;
  return n;
}

/** A plain scalar's value per go-yaml v2's resolve(); "special" marks .inf/.nan. */
export function resolvePlain(text: string): null | boolean | number | string | { special: string } {
  if (NULLS.has(text)) return null;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  if (SPECIAL_FLOATS.has(text)) return { special: text };
  const c = text[0];
  if (c === ".") return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : text;
  if (!/[0-9+-]/.test(c)) return text;
  const plain = text.replace(/_/g, "");
  const n = parseGoInt(plain, true) ?? parseGoInt(plain, false);
  if (n !== undefined) return Number(n);
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return text;
}

/** Go's %v of a float64 (JSON numbers), which Helm prints: shortest digits, exponent form from 1e6 and below 1e-4. */
export function goFloat(v: number): string {
  if (v === 0) return "0";
  const [mantissa, expText] = v.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(v);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Parses values text as Helm does; an error names the file (and the key, when it is about one). */
export function parseHelmYaml(text: string, file: string): Json {
  const doc = YAML.parseDocument(text, { schema: "failsafe", uniqueKeys: false, merge: false, version: "1.1" });
  if (doc.errors.length > 0) throw new InputError(file, `invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  return toJson(doc.contents as Node | null, doc, file, "");
}

function toJson(node: Node | null, doc: Document, file: string, path: string): Json {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toJson(node.resolve(doc) as Node, doc, file, path);
  if (isScalar(node)) {
    const text = String(node.value ?? "");
    const tag = node.tag;
    if (tag === "tag:yaml.org,2002:str" || (node.type !== "PLAIN" && !tag) || (tag && !tag.startsWith("tag:yaml.org,2002:"))) return text;
    const v = resolvePlain(text);
    if (v !== null && typeof v === "object") throw new InputError(file, `${text} cannot be read by Helm (json: unsupported value)`, path || undefined);
    return v;
  }
  if (isSeq(node)) return node.items.map((item, i) => toJson(item as Node, doc, file, `${path}[${i}]`));
  if (isMap(node)) {
    const out: Record<string, Json> = {};
    const merged: Record<string, Json> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = toJson(pair.key as Node, doc, file, path);
      const keyText = key === null ? "null" : typeof key === "number" ? goFloat(key) : typeof key === "object" ? JSON.stringify(key) : String(key);
      const where = path ? `${path}.${keyText}` : keyText;
      if (isScalar(pair.key) && pair.key.type === "PLAIN" && keyText === "<<") {
        // Merge key: the named mapping(s) fill in keys this mapping does not set itself.
        const src = toJson(pair.value as Node, doc, file, where);
        for (const m of Array.isArray(src) ? src : [src]) if (m && typeof m === "object" && !Array.isArray(m)) Object.assign(merged, m);
        continue;
      }
      out[keyText] = toJson(pair.value as Node, doc, file, where);
    }
    return { ...merged, ...out };
  }
  return null;
}
