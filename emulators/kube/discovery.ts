// Discovery documents (/api, /apis, /apis/<group>, /api/v1, /apis/<group>/<version>, /version)
// listing only what is served, so a client can tell a CRD that is not installed.

import { groupVersion, type ResourceDef, type ResourceRegistry } from "./resources";

function apiResource(def: ResourceDef): Record<string, unknown> {
  const r: Record<string, unknown> = {
    name: def.plural,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
  };
  if (def.shortNames) r.shortNames = def.shortNames;
  if (def.categories) r.categories = def.categories;
  return r;
}

function statusSubresource(def: ResourceDef): Record<string, unknown> {
  return { name: `${def.plural}/status`, singularName: "", namespaced: def.namespaced, kind: def.kind, verbs: ["get", "patch", "update"] };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function apiGroup(name: string, versions: string[]): Record<string, unknown> {
  const vs = versions.map((version) => ({ groupVersion: groupVersion(name, version), version }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: registry
      .servedGroups()
      .filter((g) => g.group !== "")
      .map((g) => apiGroup(g.group, g.versions)),
  };
}

export function apiGroupDoc(registry: ResourceRegistry, group: string): Record<string, unknown> | undefined {
  const entry = registry.servedGroups().find((g) => g.group === group && group !== "");
  return entry ? { kind: "APIGroup", apiVersion: "v1", ...apiGroup(entry.group, entry.versions) } : undefined;
}

export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const defs = registry.servedAt(group, version);
  if (defs.length === 0) return undefined;
  const resources = defs.flatMap((d) => (d.status ? [apiResource(d), statusSubresource(d)] : [apiResource(d)]));
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: groupVersion(group, version), resources };
}

export const VERSION_INFO = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0-dnsdrift-emulator",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-01-01T00:00:00Z",
  goVersion: "go1.23.0",
  compiler: "gc",
  platform: "linux/amd64",
};
