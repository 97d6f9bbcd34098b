// Turning YAML/JSON text, files and directories into objects to seed the emulator with.
// `kind: List` (and any `*List` with items) is flattened.

import fs from "node:fs";
import path from "node:path";
import { parseDocuments } from "./http";
import type { KubeObject } from "./store";

const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function flatten(value: unknown, where: string): KubeObject[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => flatten(v, `${where}[${i}]`));
  if (!isRecord(value)) throw new Error(`${where}: expected a Kubernetes object, got ${JSON.stringify(value)}`);
  if (typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) => flatten(item, `${where} items[${i}]`));
  }
  const meta = value.metadata;
  if (typeof value.apiVersion !== "string" || typeof value.kind !== "string" || !isRecord(meta) || typeof meta.name !== "string") {
    throw new Error(`${where}: an object needs apiVersion, kind and metadata.name`);
  }
  return [value as KubeObject];
}

/** Objects from YAML/JSON text, an array of objects, or a single object. */
export function toObjects(input: string | unknown, where = "input"): KubeObject[] {
  if (typeof input === "string") return parseDocuments(input).flatMap((doc, i) => flatten(doc, `${where} document ${i + 1}`));
  return flatten(input, where);
}

function manifestFiles(p: string): string[] {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .map((e) => path.join(p, e))
    .filter((e) => fs.statSync(e).isDirectory() || EXTENSIONS.has(path.extname(e)))
    .flatMap(manifestFiles);
}

/** Every object in the given files and directories (recursively, in sorted order). */
export function loadManifests(paths: string[]): KubeObject[] {
  return paths.flatMap(manifestFiles).flatMap((f) => toObjects(fs.readFileSync(f, "utf8"), f));
}
