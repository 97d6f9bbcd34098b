// /openapi/v3 (an index of group-versions, one document per group-version) and /openapi/v2 (one
// swagger document), with a schema for every kind the emulator serves and the REST operations on
// it. kubectl reads v3 for `explain`, to learn that the server validates fields itself
// (`fieldValidation`), and for a kind's patch types during `apply`; see README for what is left
// out (protobuf, strategic-merge metadata).

import { createHash } from "node:crypto";
import { builtinSchemas, hasBuiltinSchema, objectMetaSchemas, packageOf } from "./builtin-schemas";
import { CRD_SCHEMAS, type Schema } from "./crd-schemas";
import type { ResourceDef, ResourceRegistry } from "./resources";
import { VERSION_INFO } from "./discovery";

const gvPath = (group: string, version: string) => (group === "" ? `api/${version}` : `apis/${group}/${version}`);
const TITLE = { title: "Kubernetes", version: VERSION_INFO.gitVersion.replace(/-.*/, "") };

function groupVersions(registry: ResourceRegistry): { group: string; version: string }[] {
  return registry.servedGroups().flatMap((g) => g.versions.map((version) => ({ group: g.group, version })));
}

function hashOf(doc: unknown): string {
  return createHash("sha512").update(JSON.stringify(doc)).digest("hex").slice(0, 64).toUpperCase();
}

/** Component name of a kind: io.k8s.api.core.v1.Service, io.k8s.networking.gateway.v1.HTTPRoute. */
export function schemaName(def: ResourceDef, version: string): string {
  if (hasBuiltinSchema(def.group, def.kind)) return `${packageOf(def.group, version)}.${def.kind}`;
  return `${def.group.split(".").reverse().join(".")}.${version}.${def.kind}`;
}

/** Every component a kind's schema needs at this version, its own included. */
function kindSchemas(def: ResourceDef, version: string): Record<string, Schema> {
  if (hasBuiltinSchema(def.group, def.kind)) return builtinSchemas(def.group, version, def.kind);
  const meta = objectMetaSchemas();
  const given = CRD_SCHEMAS[`${def.group}/${def.kind}`];
  // A kind seeded on the fly has no schema: like a CRD with x-kubernetes-preserve-unknown-fields.
  const own: Schema = given
    ? structuredClone(given)
    : { type: "object", properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" } }, "x-kubernetes-preserve-unknown-fields": true };
  (own.properties as Record<string, Schema>).metadata = { allOf: [{ $ref: `#/components/schemas/${meta.name}` }] };
  own["x-kubernetes-group-version-kind"] = [{ group: def.group, version, kind: def.kind }];
  return { ...meta.schemas, [schemaName(def, version)]: own };
}

const PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];
const query = (name: string, type = "string") => ({ name, in: "query", schema: { type, uniqueItems: true } });
const WRITE_PARAMS = [query("dryRun"), query("fieldManager"), query("fieldValidation")];
const LIST_PARAMS = ["continue", "fieldSelector", "labelSelector", "resourceVersion", "resourceVersionMatch", "sendInitialEvents"].map((n) => query(n))
  .concat([query("allowWatchBookmarks", "boolean"), query("limit", "integer"), query("timeoutSeconds", "integer"), query("watch", "boolean")]);

/** The operations kube-apiserver lists for a kind, each tagged with its action and kind. */
function kindPaths(def: ResourceDef, group: string, version: string): Record<string, unknown> {
  const gvk = { group, version, kind: def.kind };
  const ref = { $ref: `#/components/schemas/${schemaName(def, version)}` };
  const ok = (code = "200") => ({ [code]: { description: "OK", content: { "application/json": { schema: ref } } } });
  const op = (action: string, id: string, extra: Record<string, unknown>) => ({
    operationId: id,
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk,
    ...extra,
  });
  const base = `/${gvPath(group, version)}${def.namespaced ? "/namespaces/{namespace}" : ""}/${def.plural}`;
  const scope = def.namespaced ? "Namespaced" : "";
  // Patch bodies are free-form (kube-apiserver's meta/v1 Patch is `type: object`).
  const body = (types: string[]) => ({ content: Object.fromEntries(types.map((t) => [t, { schema: t === "application/json" ? ref : { type: "object" } }])), required: true });
  if (def.virtual) return { [base]: { post: op("post", `create${scope}${def.kind}`, { parameters: WRITE_PARAMS, requestBody: body(["application/json"]), responses: ok("201") }) } };
  const has = (v: string) => def.verbs.includes(v as never);
  const collection: Record<string, unknown> = {};
  if (has("list")) collection.get = op("list", `list${scope}${def.kind}`, { parameters: LIST_PARAMS, responses: ok() });
  if (has("create")) collection.post = op("post", `create${scope}${def.kind}`, { parameters: WRITE_PARAMS, requestBody: body(["application/json"]), responses: ok("201") });
  if (has("deletecollection")) collection.delete = op("deletecollection", `deleteCollection${scope}${def.kind}`, { parameters: [...LIST_PARAMS, query("dryRun")], responses: ok() });
  const item = (suffix: string) => ({
    get: op("get", `read${scope}${def.kind}${suffix}`, { responses: ok() }),
    put: op("put", `replace${scope}${def.kind}${suffix}`, { parameters: WRITE_PARAMS, requestBody: body(["application/json"]), responses: ok() }),
    patch: op("patch", `patch${scope}${def.kind}${suffix}`, { parameters: [...WRITE_PARAMS, query("force", "boolean")], requestBody: body(PATCH_TYPES), responses: ok() }),
  });
  const paths: Record<string, unknown> = {
    [base]: collection,
    [`${base}/{name}`]: { ...item(""), delete: op("delete", `delete${scope}${def.kind}`, { parameters: [query("dryRun")], responses: ok() }) },
  };
  if (def.status) paths[`${base}/{name}/status`] = item("Status");
  return paths;
}

export function openApiV3Doc(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const defs = registry.servedAt(group, version);
  if (!defs.length) return undefined;
  let paths: Record<string, unknown> = {};
  let schemas: Record<string, Schema> = {};
  for (const d of defs) {
    paths = { ...paths, ...kindPaths(d, group, version) };
    schemas = { ...schemas, ...kindSchemas(d, version) };
  }
  return { openapi: "3.0.0", info: TITLE, paths, components: { schemas } };
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

/** v3 schema → swagger 2.0: refs point at #/definitions, and a lone allOf-$ref is the $ref itself. */
function toV2(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toV2);
  if (!value || typeof value !== "object") return value;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.allOf) && o.allOf.length === 1 && Object.keys(o).length === 1) return toV2(o.allOf[0]);
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? v.replace("#/components/schemas/", "#/definitions/") : toV2(v)]),
  );
}

/**
 * /openapi/v2 as JSON: every served kind's definition (paths are left out; kubectl only reads
 * definitions from it). Real servers also answer in protobuf, which kubectl asks for first; the
 * emulator answers that with 406 and kubectl carries on with v3.
 */
export function openApiV2(registry: ResourceRegistry): Record<string, unknown> {
  let definitions: Record<string, Schema> = {};
  for (const { group, version } of groupVersions(registry)) {
    for (const d of registry.servedAt(group, version)) definitions = { ...definitions, ...kindSchemas(d, version) };
  }
  return { swagger: "2.0", info: TITLE, paths: {}, definitions: toV2(definitions) };
}
