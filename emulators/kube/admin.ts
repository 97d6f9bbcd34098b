// /__admin/* — lets a demo or an e2e test in another process change the world:
//   GET    /__admin/objects                                   dump everything
//   POST   /__admin/objects                                   apply YAML/JSON (multi-doc, List)
//   DELETE /__admin/objects/{apiVersion}/{kind}/{ns|_}/{name} remove one object
//   POST   /__admin/reset[?empty=true]                        back to the seed (or to the body's objects)
//   POST   /__admin/faults                                    a Fault or an array of them
//   GET    /__admin/faults                                    active rules
//   PUT    /__admin/forbidden                                 replace the RBAC denial list (JSON array)
//   GET    /__admin/stats, GET /__admin/kubeconfig

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Fault } from "./faults";
import { parseDocuments, readBody, sendJson } from "./http";
import { toObjects } from "./manifests";
import type { KubeObject } from "./store";

export interface AppliedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  resourceVersion: string;
  changed: boolean;
}

export interface AdminControls {
  apply(objects: KubeObject[]): AppliedObject[];
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean;
  reset(objects?: KubeObject[]): void;
  setFault(fault: Fault): void;
  faults(): unknown;
  setForbidden(rules: string[]): void;
  stats(): unknown;
  objects(): KubeObject[];
  kubeconfig(): string;
}

class AdminError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const CLUSTER_SCOPE = new Set(["_", "-", ""]);

/** /__admin/objects/<apiVersion may contain a slash>/<kind>/<ns>/<name>, read from the end. */
function parseObjectPath(rest: string): { apiVersion: string; kind: string; namespace?: string; name: string } {
  const segs = rest.split("/").map(decodeURIComponent);
  if (segs.length < 4 || segs.length > 5) throw new AdminError(400, "expected /__admin/objects/{apiVersion}/{kind}/{namespace|_}/{name}");
  const name = segs[segs.length - 1];
  const ns = segs[segs.length - 2];
  const kind = segs[segs.length - 3];
  return { apiVersion: segs.slice(0, -3).join("/"), kind, namespace: CLUSTER_SCOPE.has(ns) ? undefined : ns, name };
}

async function route(c: AdminControls, req: IncomingMessage, url: URL): Promise<[number, unknown]> {
  const method = req.method ?? "GET";
  const p = url.pathname.replace(/^\/__admin\/?/, "");
  if (p === "stats" && method === "GET") return [200, c.stats()];
  if (p === "kubeconfig" && method === "GET") return [200, c.kubeconfig()];
  if (p === "objects" && method === "GET") return [200, { items: c.objects() }];
  if (p === "objects" && method === "POST") return [200, { applied: c.apply(toObjects(await readBody(req), "request body")) }];
  if (p.startsWith("objects/") && method === "DELETE") {
    const o = parseObjectPath(p.slice("objects/".length));
    if (!c.remove(o.apiVersion, o.kind, o.namespace, o.name)) throw new AdminError(404, `${o.kind} ${o.namespace ?? ""}/${o.name} not found`);
    return [200, { removed: o }];
  }
  if (p === "reset" && method === "POST") {
    const body = await readBody(req);
    if (url.searchParams.get("empty") === "true") c.reset([]);
    else c.reset(body.trim() === "" ? undefined : toObjects(body, "request body"));
    return [200, { reset: true }];
  }
  if (p === "faults" && method === "GET") return [200, c.faults()];
  if (p === "faults" && method === "POST") {
    const docs = parseDocuments(await readBody(req)).flatMap((d) => (Array.isArray(d) ? d : [d])) as Fault[];
    for (const f of docs) {
      if (typeof f?.type !== "string") throw new AdminError(400, "a fault needs a type");
      c.setFault(f);
    }
    return [200, { faults: c.faults() }];
  }
  if (p === "forbidden" && (method === "PUT" || method === "POST")) {
    const [rules] = parseDocuments(await readBody(req));
    if (!Array.isArray(rules) || !rules.every((r) => typeof r === "string")) throw new AdminError(400, "expected a JSON array of strings");
    c.setForbidden(rules);
    return [200, { forbidden: rules }];
  }
  throw new AdminError(404, `no admin route ${method} ${url.pathname}`);
}

export async function handleAdmin(c: AdminControls, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const [code, body] = await route(c, req, url);
    if (typeof body === "string") res.writeHead(code, { "Content-Type": "application/yaml" }).end(body);
    else sendJson(res, code, body);
  } catch (err) {
    const code = err instanceof AdminError ? err.code : 400;
    sendJson(res, code, { error: err instanceof Error ? err.message : String(err) });
  }
}
