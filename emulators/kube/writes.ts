// create / update / patch / delete through the REST API, with the validation and
// optimistic-concurrency answers (409 AlreadyExists / Conflict, 404) of a real apiserver.

import { randomBytes } from "node:crypto";
import { parseDocuments } from "./http";
import { Lister } from "./list";
import { droppedByApply, managerFrom, trackManagedFields } from "./managed-fields";
import { jsonPatch, keyedMerge, mergePatch, removePaths } from "./patch";
import { present } from "./present";
import { groupVersion, type ResourceDef } from "./resources";
import { errors } from "./status";
import { timestamp, type KubeObject, type ObjectStore } from "./store";

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

export function createObject(store: ObjectStore, t: Target, body: Record<string, unknown>, query: URLSearchParams, w?: Writer): unknown {
  const obj = manage(t, undefined, normalize(t, body, true), w ?? { query });
  if (isDryRun(query)) {
    if (store.get(t.def, t.namespace, obj.metadata.name)) throw errors.alreadyExists(t.def.plural, t.def.group, obj.metadata.name);
    return present(obj, t.def, t.version, false);
  }
  return present(store.create(t.def, obj), t.def, t.version, false);
}

export function updateObject(store: ObjectStore, t: Target, body: Record<string, unknown>, w: Writer = { query: new URLSearchParams() }): unknown {
  const old = store.get(t.def, t.namespace, t.name ?? "");
  const incoming = normalize(t, body, false);
  // Whatever managedFields the client sends back (kubectl edit, replace) are the server's to keep.
  if (old) incoming.metadata.managedFields = old.metadata.managedFields;
  const merged = t.subresource === "status" && old ? { ...old, status: incoming.status, metadata: { ...old.metadata, resourceVersion: incoming.metadata.resourceVersion } } : incoming;
  const obj = manage(t, old, merged, w);
  const updated = store.update(t.def, obj, { statusOnly: t.subresource === "status" });
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
  const obj = manage(t, old, normalized, w, isApply ? { applied: applied ?? {} } : undefined);
  if (!old) return present(store.create(t.def, obj), t.def, t.version, false);
  return present(store.update(t.def, obj, { statusOnly: t.subresource === "status" }), t.def, t.version, false);
}

export function deleteObject(store: ObjectStore, t: Target, body: string): unknown {
  const name = t.name ?? "";
  let precondition: string | undefined;
  if (body.trim() !== "") {
    const [opts] = parseDocuments(body) as { preconditions?: { resourceVersion?: string } }[];
    precondition = opts?.preconditions?.resourceVersion;
  }
  const gone = store.delete(t.def, t.namespace, name, precondition);
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: { name, group: t.def.group, kind: t.def.plural, uid: gone.metadata.uid },
  };
}

/** DELETE on a collection: removes what the selectors pick and returns it as a list. */
export function deleteCollection(store: ObjectStore, t: Target, query: URLSearchParams): unknown {
  const selection = new Lister(store).list(t.def, t.version, t.namespace, query);
  const picked = store.list(t.def, t.namespace).filter((o) =>
    selection.items.some((i) => (i.metadata as KubeObject["metadata"]).uid === o.metadata.uid),
  );
  for (const o of picked) store.delete(t.def, o.metadata.namespace, o.metadata.name);
  return { ...selection, metadata: { resourceVersion: String(store.resourceVersion) } };
}
