// A minimal OpenAPI v3 surface: the index of group-versions, and per group-version the PATCH
// operations with their `fieldValidation` parameter. That is what kubectl (1.27+) reads to learn
// that the server validates fields itself; without it `kubectl apply` wants the full v2 schema.
// No schemas are served: field validation stays the server's (here: none). See README.

import { createHash } from "node:crypto";
import type { ResourceRegistry } from "./resources";

const gvPath = (group: string, version: string) => (group === "" ? `api/${version}` : `apis/${group}/${version}`);

function groupVersions(registry: ResourceRegistry): { group: string; version: string }[] {
  return registry.servedGroups().flatMap((g) => g.versions.map((version) => ({ group: g.group, version })));
}

function hashOf(doc: unknown): string {
  return createHash("sha512").update(JSON.stringify(doc)).digest("hex").slice(0, 64).toUpperCase();
}

export function openApiV3Doc(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const defs = registry.servedAt(group, version).filter((d) => !d.virtual);
  if (!defs.length) return undefined;
  const paths: Record<string, unknown> = {};
  const param = (name: string) => ({ name, in: "query", schema: { type: "string", uniqueItems: true } });
  for (const d of defs) {
    const base = `/${gvPath(group, version)}${d.namespaced ? "/namespaces/{namespace}" : ""}/${d.plural}/{name}`;
    const gvk = { group, version, kind: d.kind };
    const patch = {
      operationId: `patch${d.kind}`,
      "x-kubernetes-action": "patch",
      "x-kubernetes-group-version-kind": gvk,
      parameters: [param("dryRun"), param("fieldManager"), param("fieldValidation"), param("force")],
      responses: { "200": { description: "OK" } },
    };
    paths[base] = { patch };
    paths[`${base}/status`] = { patch: { ...patch, operationId: `patch${d.kind}Status` } };
  }
  return { openapi: "3.0.0", info: { title: "Kubernetes", version: "v1.32.0" }, paths, components: { schemas: {} } };
}

export function openApiV3Index(registry: ResourceRegistry): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of groupVersions(registry)) {
    const doc = openApiV3Doc(registry, group, version);
    if (doc) paths[gvPath(group, version)] = { serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hashOf(doc)}` };
  }
  return { paths };
}

/** The document for /openapi/v3[/<gv path>], or undefined (404). */
export function openApiV3(registry: ResourceRegistry, segs: string[]): Record<string, unknown> | undefined {
  if (segs.length === 2) return openApiV3Index(registry);
  const rest = segs.slice(2);
  if (rest[0] === "api" && rest.length === 2) return openApiV3Doc(registry, "", rest[1]);
  if (rest[0] === "apis" && rest.length === 3) return openApiV3Doc(registry, rest[1], rest[2]);
  return undefined;
}


