// Loads Kubernetes objects from files (`kubectl get … -o yaml` output, plain manifests, JSON)
// into the engine's ClusterObjects. Used by the CLI and by snapshot mode of the dashboard
// (through snapshot.ts, which supplies the `yaml` reader; the CLI loads it only when needed).

import fs from "node:fs";
import path from "node:path";
import { InputError } from "../externaldns/errors";
import type { ClusterObjects, KubeObject } from "../externaldns/types";
import { parseManifestDocuments, type SlowYamlReader } from "./manifest-text";
import { classifyObject, emptyClusterObjects, isDeployment } from "./classify";
import { readText } from "../read-text";

const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Expands directories (recursively, sorted) into manifest files. */
export function manifestFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new InputError(p, "no such file or directory");
    }
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(p).sort();
      const nested = entries
        .map((e) => path.join(p, e))
        .filter((e) => fs.statSync(e).isDirectory() || MANIFEST_EXTENSIONS.has(path.extname(e)));
      out.push(...manifestFiles(nested));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Parses one file's text into raw objects; `kind: List` items are flattened. */
export function parseManifestText(text: string, file: string, slow: SlowYamlReader): KubeObject[] {
  const objects: KubeObject[] = [];
  parseManifestDocuments(text, file, slow).forEach((value, i) => {
    if (value === null || value === undefined) return;
    for (const obj of flatten(value, file, `document ${i + 1}`)) objects.push(obj);
  });
  return objects;
}

function flatten(value: unknown, file: string, where: string): KubeObject[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(file, `${where}: expected a Kubernetes object (a mapping with apiVersion, kind, metadata)`);
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.kind === "string" && obj.kind.endsWith("List") && Array.isArray(obj.items)) {
    const out: KubeObject[] = [];
    obj.items.forEach((item, j) => {
      for (const o of flatten(item, file, `${where} items[${j}]`)) out.push(o);
    });
    return out;
  }
  if (typeof obj.kind !== "string" || obj.kind === "") {
    throw new InputError(file, `${where}: missing "kind"`);
  }
  const meta = obj.metadata as Record<string, unknown> | undefined;
  if (typeof meta !== "object" || meta === null || typeof meta.name !== "string" || meta.name === "") {
    throw new InputError(file, `${where}: ${obj.kind} has no metadata.name`);
  }
  return [obj as unknown as KubeObject];
}

export interface LoadedManifests {
  objects: ClusterObjects;
  ignored: string[];
  deployments: KubeObject[];
}

/**
 * Reads every manifest under the given paths into ClusterObjects. Deployments are kept aside
 * (not engine input, but they tell which external-dns instances run and how).
 */
export function loadManifestsWith(paths: string[], slow: SlowYamlReader): LoadedManifests {
  const objects = emptyClusterObjects();
  const ignored: string[] = [];
  const deployments: KubeObject[] = [];
  for (const file of manifestFiles(paths)) {
    let text: string;
    try {
      text = readText(file);
    } catch (e) {
      throw new InputError(file, `cannot read: ${(e as Error).message}`);
    }
    for (const obj of parseManifestText(text, file, slow)) {
      const problem = classifyObject(obj, objects);
      if (problem === "ignored" && isDeployment(obj)) deployments.push(obj);
      else if (problem === "ignored") ignored.push(`${obj.kind}/${obj.metadata.name}`);
      else if (problem) throw new InputError(file, problem, `${obj.kind}/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`);
    }
  }
  return { objects, ignored, deployments };
}

class YamlReaderNeeded extends Error {}
const notLoaded: SlowYamlReader = () => {
  throw new YamlReaderNeeded();
};

/**
 * loadManifests (snapshot.ts) that loads js-yaml only if the line reader leaves a file to it,
 * and the `yaml` reader only if js-yaml refuses one. Each time a reader turns out to be needed
 * the files are read again from the start, so errors come in the same order either way.
 */
export async function loadManifestsLazily(paths: string[]): Promise<LoadedManifests> {
  try {
    return loadManifestsWith(paths, notLoaded);
  } catch (e) {
    if (!(e instanceof YamlReaderNeeded)) throw e;
  }
  const { withJsYaml } = await import("./manifest-js-yaml");
  try {
    return loadManifestsWith(paths, withJsYaml(notLoaded));
  } catch (e) {
    if (!(e instanceof YamlReaderNeeded)) throw e;
  }
  const { parseWithYaml } = await import("./manifest-yaml");
  return loadManifestsWith(paths, withJsYaml(parseWithYaml));
}
