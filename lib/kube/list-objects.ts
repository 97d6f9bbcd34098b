// The informers' list calls: every page of one kind as plain JSON (the shape watch events and
// manifest files have), with kind/apiVersion put back on items of built-in kinds, which the
// API server leaves out of list items.

import { CoreV1Api, CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import type { KubeObject } from "../externaldns/types";
import { apiVersionOf } from "./kinds";
import { slimForEngine } from "./slim";

export interface ListTarget {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
}

export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: KubeObject[];
}

export interface ApiClients {
  custom: CustomObjectsApi;
  core: CoreV1Api;
}

export function apiClients(kc: KubeConfig): ApiClients {
  return { custom: kc.makeApiClient(CustomObjectsApi), core: kc.makeApiClient(CoreV1Api) };
}

/** The REST path an informer watches. */
export function collectionPath(t: ListTarget): string {
  const root = t.group === "" ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
  return t.namespace ? `${root}/namespaces/${encodeURIComponent(t.namespace)}/${t.plural}` : `${root}/${t.plural}`;
}

/** Sets kind/apiVersion as a watch event or `kubectl get -o yaml` would show them. */
export function stampKind<T extends { apiVersion?: string; kind?: string }>(obj: T, apiVersion: string, kind: string): T {
  if (obj && typeof obj === "object") {
    obj.apiVersion ??= apiVersion;
    obj.kind ??= kind;
    slimForEngine(obj as unknown as KubeObject);
  }
  return obj;
}

interface RawList {
  metadata?: { resourceVersion?: string; continue?: string; _continue?: string };
  items?: unknown[];
}

type ListParams = { limit: number; labelSelector?: string; _continue?: string };

/** Cluster-wide lists of the core kinds dnsdrift reads. */
const CORE_LISTS: Record<string, (core: CoreV1Api, p: ListParams) => Promise<unknown>> = {
  namespaces: (core, p) => core.listNamespace(p),
  services: (core, p) => core.listServiceForAllNamespaces(p),
  pods: (core, p) => core.listPodForAllNamespaces(p),
  nodes: (core, p) => core.listNode(p),
};

async function page(apis: ApiClients, t: ListTarget, limit: number, token: string | undefined): Promise<RawList> {
  const common = { limit, labelSelector: t.labelSelector, ...(token ? { _continue: token } : {}) };
  if (t.group === "") {
    const list = CORE_LISTS[t.plural];
    if (!list || t.namespace) throw new Error(`listing core ${t.plural} is not supported`);
    // Typed models carry Dates and class instances; a JSON round trip gives the wire shape back.
    return JSON.parse(JSON.stringify(await list(apis.core, common))) as RawList;
  }
  const base = { group: t.group, version: t.version, plural: t.plural, ...common };
  const raw = t.namespace
    ? await apis.custom.listNamespacedCustomObject({ ...base, namespace: t.namespace })
    : await apis.custom.listClusterCustomObject(base);
  return raw as RawList;
}

/** Lists every page (`limit` per request) and returns them as one list at the final resourceVersion. */
export async function listAll(apis: ApiClients, t: ListTarget, pageSize = 500): Promise<ObjectList> {
  const apiVersion = apiVersionOf(t.group, t.version);
  const items: KubeObject[] = [];
  let token: string | undefined;
  let resourceVersion = "";
  do {
    const list = await page(apis, t, pageSize, token);
    for (const item of list.items ?? []) items.push(stampKind(item as KubeObject, apiVersion, t.kind));
    resourceVersion = list.metadata?.resourceVersion ?? resourceVersion;
    // Raw JSON keeps the token at metadata.continue, typed lists at metadata._continue.
    token = list.metadata?.continue || list.metadata?._continue || undefined;
  } while (token);
  return { apiVersion, kind: `${t.kind}List`, metadata: { resourceVersion }, items };
}
