// create / update / patch / delete through the REST API, with the validation and
// optimistic-concurrency answers (409 AlreadyExists / Conflict, 404) of a real apiserver.

import { randomBytes } from "node:crypto";
import { parseDocuments } from "./http";
import { Lister } from "./list";
import { droppedByApply, managerFrom, trackManagedFields } from "./managed-fields";
import { jsonPatch, keyedMerge, mergePatch, removePaths } from "./patch";
import { present } from "./present";
import { groupVersion, type ResourceDef } from "./resources";
import { ApiError, errors } from "./status";
import { timestamp, type KubeObject, type ObjectStore } from "./store";
import { validateObject } from "./validation";

export interface Target {
  def: ResourceDef;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function generatedName(prefix: string): string {
  const bytes = randomBytes(5);
  return prefix + [...bytes].map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join("");
}

/** Checks kind/namespace/name of a posted body against the URL and fills what's implied. */
function normalize(t: Target, body: Record<string, unknown>, creating: boolean): KubeObject {
  const obj = structuredClone(body) as KubeObject;
  if (obj.kind !== undefined && obj.kind !== t.def.kind) {
    throw errors.badRequest(`the kind of the provided object (${String(obj.kind)}) does not match the resource (${t.def.kind})`);
  }
  obj.kind = t.def.kind;
  obj.apiVersion = groupVersion(t.def.group, t.version);
  const meta = (obj.metadata ??= { name: "" });
  if (t.def.namespaced) {
    if (meta.namespace && meta.namespace !== t.namespace) {
      throw errors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.namespace = t.namespace;
  }
  if (creating && !meta.name && meta.generateName) meta.name = generatedName(meta.generateName);
  if (!meta.name) throw errors.invalid(t.def.kind, "", "metadata.name", "Required value: name or generateName is required");
  if (!creating && meta.name !== t.name) {
    throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${t.name ?? ""})`);
  }
  return obj;
}

function isDryRun(query: URLSearchParams): boolean {
  return query.getAll("dryRun").includes("All");
}

/** Who is writing: from the request, for metadata.managedFields. */
export interface Writer {
  query: URLSearchParams;
  userAgent?: string;
  now?: () => Date;
}

/** Sets metadata.managedFields on `next` as the API server would after this write. */
function manage(t: Target, old: KubeObject | undefined, next: KubeObject, w: Writer, apply?: { applied: unknown }): KubeObject {
  const manager = managerFrom(w.query.get("fieldManager"), w.userAgent);
  const managedFields = trackManagedFields({
    old,
    next,
    manager,
    operation: apply ? "Apply" : "Update",
    apiVersion: groupVersion(t.def.group, t.version),
    time: timestamp((w.now ?? (() => new Date()))()),
    builtin: t.def.builtin,
    ...(t.subresource ? { subresource: t.subresource } : {}),
    ...(apply ? { applied: apply.applied, force: w.query.get("force") === "true" } : {}),
  });
  const metadata = { ...next.metadata };
  if (managedFields.length) metadata.managedFields = managedFields;
  else delete metadata.managedFields;
  return { ...next, metadata };
}

/**
 * What a create keeps of .status: nothing on a kind with a status subresource (its controller
 * writes it), except what the real strategies set (a new Namespace is Active, a Pod Pending) and
 * Nodes, whose kubelet registers them with their status.
 */
function statusOnCreate(t: Target, obj: KubeObject): KubeObject {
  if (!t.def.status || (t.def.group === "" && t.def.kind === "Node")) return obj;
  const out: KubeObject = { ...obj };
  delete out.status;
  if (t.def.group === "" && t.def.kind === "Namespace") out.status = { phase: "Active" };
  if (t.def.group === "" && t.def.kind === "Pod") out.status = { phase: "Pending" };
  return out;
}

export function createObject(store: ObjectStore, t: Target, body: Record<string, unknown>, query: URLSearchParams, w?: Writer): unknown {
  const obj = manage(t, undefined, statusOnCreate(t, normalize(t, body, true)), w ?? { query });
  validateObject(t.def, obj);
  return present(store.create(t.def, obj, { dryRun: isDryRun(query) }), t.def, t.version, false);
}

/** Options of a store write for this request: dry run, and which part of the object it may change. */
function writeOptions(t: Target, query: URLSearchParams) {
  return { statusOnly: t.subresource === "status", keepStatus: Boolean(t.def.status), dryRun: isDryRun(query) };
}

export function updateObject(store: ObjectStore, t: Target, body: Record<string, unknown>, w: Writer = { query: new URLSearchParams() }): unknown {
  const old = store.get(t.def, t.namespace, t.name ?? "");
  const incoming = normalize(t, body, false);
  // Custom resources allow no unconditional update (customResourceStrategy.AllowUnconditionalUpdate
  // is false); compiled-in kinds do.
  if (!t.def.builtin && old && !incoming.metadata.resourceVersion) {
    const resource = `${t.def.plural}.${t.def.group}`;
    const message = "Invalid value: 0x0: must be specified for an update";
    throw new ApiError(422, "Invalid", `${resource} "${incoming.metadata.name}" is invalid: metadata.resourceVersion: ${message}`, {
      name: incoming.metadata.name,
      group: t.def.group,
      kind: t.def.kind,
      causes: [{ reason: "FieldValueInvalid", message, field: "metadata.resourceVersion" }],
    });
  }
  // Whatever managedFields the client sends back (kubectl edit, replace) are the server's to keep.
  if (old) incoming.metadata.managedFields = old.metadata.managedFields;
  const merged = t.subresource === "status" && old ? { ...old, status: incoming.status, metadata: { ...old.metadata, resourceVersion: incoming.metadata.resourceVersion } } : incoming;
  const obj = manage(t, old, merged, w);
  if (t.subresource !== "status") validateObject(t.def, obj);
  const updated = store.update(t.def, obj, writeOptions(t, w.query));
  return present(updated, t.def, t.version, false);
}

export function patchObject(store: ObjectStore, t: Target, contentType: string, raw: string, w: Writer = { query: new URLSearchParams() }): unknown {
  const name = t.name ?? "";
  const old = store.get(t.def, t.namespace, name);
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  const isApply = mediaType === "application/apply-patch+yaml";
  if (!old && !isApply) throw errors.notFound(t.def.plural, t.def.group, name);
  const base: KubeObject = old ?? { apiVersion: groupVersion(t.def.group, t.version), kind: t.def.kind, metadata: { name, namespace: t.namespace } };
  let patched: unknown;
  let applied: unknown;
  if (isApply && !w.query.get("fieldManager")) {
    throw errors.invalid(t.def.kind, name, "fieldManager", "Required value: is required for apply patch");
  }
  if (mediaType === "application/json-patch+json") {
    patched = jsonPatch(base, JSON.parse(raw || "[]"));
  } else if (isApply) {
    [applied] = parseDocuments(raw);
    const dropped = droppedByApply(old, w.query.get("fieldManager") ?? "", applied ?? {});
    patched = removePaths(keyedMerge(base, applied ?? {}), dropped);
  } else if (mediaType === "application/strategic-merge-patch+json" && t.def.builtin) {
    const [doc] = parseDocuments(raw);
    patched = keyedMerge(base, doc ?? {});
  } else if (mediaType === "application/merge-patch+json" || mediaType === "application/strategic-merge-patch+json") {
    // A real server refuses strategic merge for custom resources; the emulator merges it as JSON.
    const [doc] = parseDocuments(raw);
    patched = mergePatch(base, doc ?? {});
  } else {
    throw errors.unsupportedMediaType(contentType);
  }
  const normalized = normalize(t, patched as Record<string, unknown>, !old);
  if (old) normalized.metadata.managedFields = old.metadata.managedFields;
  const obj = manage(t, old, old ? normalized : statusOnCreate(t, normalized), w, isApply ? { applied: applied ?? {} } : undefined);
  if (t.subresource !== "status") validateObject(t.def, obj);
  if (!old) return present(store.create(t.def, obj, { dryRun: isDryRun(w.query) }), t.def, t.version, false);
  return present(store.update(t.def, obj, writeOptions(t, w.query)), t.def, t.version, false);
}

/**
 * DELETE of one object: a Status when it is gone, the object itself (marked with its
 * deletionTimestamp) when finalizers hold it, as a real server answers.
 */
export function deleteObject(store: ObjectStore, t: Target, body: string, query: URLSearchParams = new URLSearchParams()): unknown {
  const name = t.name ?? "";
  let precondition: string | undefined;
  let dryRun = isDryRun(query);
  if (body.trim() !== "") {
    const [opts] = parseDocuments(body) as { preconditions?: { resourceVersion?: string }; dryRun?: string[] }[];
    precondition = opts?.preconditions?.resourceVersion;
    dryRun ||= Boolean(opts?.dryRun?.includes("All"));
  }
  const { object, deleted } = store.requestDelete(t.def, t.namespace, name, { precondition, dryRun });
  if (!deleted) return present(object, t.def, t.version, false);
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: { name, group: t.def.group, kind: t.def.plural, uid: object.metadata.uid },
  };
}

/** DELETE on a collection: deletes (or marks) what the selectors pick and returns it as a list. */
export function deleteCollection(store: ObjectStore, t: Target, query: URLSearchParams): unknown {
  const selection = new Lister(store).list(t.def, t.version, t.namespace, query);
  const picked = store.list(t.def, t.namespace).filter((o) =>
    selection.items.some((i) => (i.metadata as KubeObject["metadata"]).uid === o.metadata.uid),
  );
  const dryRun = isDryRun(query);
  const items = picked.map((o) => present(store.requestDelete(t.def, o.metadata.namespace, o.metadata.name, { dryRun }).object, t.def, t.version, true));
  return { ...selection, items, metadata: { resourceVersion: String(store.resourceVersion) } };
}
