// How a stored object looks on the wire for the version a client asked for.

import { groupVersion, type ResourceDef } from "./resources";
import type { KubeObject } from "./store";

/**
 * The object at the requested version (Gateway API objects are stored once and served at
 * v1 and v1beta1). Items of a built-in type's list carry no kind/apiVersion on a real server,
 * so they don't here either; CRD list items do.
 */
export function present(obj: KubeObject, def: ResourceDef, version: string, asListItem: boolean): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...obj };
  delete rest.apiVersion;
  delete rest.kind;
  if (asListItem && def.builtin) return rest;
  return { apiVersion: groupVersion(def.group, version), kind: def.kind, ...rest };
}
