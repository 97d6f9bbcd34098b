// YAML read the way Helm reads values files (and Kubernetes reads manifests): go-yaml v2's
// resolution of plain scalars (YAML 1.1 booleans such as yes/on/y, Go integer syntax with 0x, 0o,
// 0b, leading-zero octal and underscores, no sexagesimal numbers, dates kept as text), merge keys,
// the last of duplicate keys winning, and then a trip through JSON: every number becomes a
// float64, and .inf/.nan cannot be read at all.

import YAML, { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import { InputError } from "./errors";
import { goFloat, resolvePlain } from "./helm-scalars";

export { goFloat, resolvePlain };

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
