// The Kubernetes REST surface: discovery, and list/get/watch/create/update/patch/delete on
// /api/v1/... and /apis/<group>/<version>/..., cluster-wide or under namespaces/<ns>/.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Access, UserInfo } from "./access";
import { apiGroupDoc, apiGroupList, apiResourceList, apiVersions, VERSION_INFO } from "./discovery";
import type { FaultRules } from "./faults";
import { readBody, readObjectBody, sendError, sendJson } from "./http";
import type { Lister } from "./list";
import { present } from "./present";
import { resourceKey, type ResourceRegistry, type Verb } from "./resources";
import { openApiV2, openApiV3 } from "./openapi";
import { answerReview } from "./reviews";
import { parseFieldSelector, parseLabelSelector } from "./selectors";
import type { RequestLog } from "./stats";
import { errors } from "./status";
import type { KubeObject, ObjectStore } from "./store";
import { tableVersion, toTable } from "./table";
import type { WatchHub } from "./watch";
import { createObject, deleteCollection, deleteObject, patchObject, updateObject, type Target } from "./writes";

export interface ApiContext {
  registry: ResourceRegistry;
  store: ObjectStore;
  lister: Lister;
  hub: WatchHub;
  access: Access;
  faults: FaultRules;
  log: RequestLog;
  serverAddress(): string;
}

const HEALTH = new Set(["/healthz", "/livez", "/readyz"]);

interface ResourcePath {
  group: string;
  version: string;
  /** Path segments after the group/version. */
  rest: string[];
}

function splitApiPath(segs: string[]): ResourcePath | undefined {
  if (segs[0] === "api" && segs.length >= 2) return { group: "", version: segs[1], rest: segs.slice(2) };
  if (segs[0] === "apis" && segs.length >= 3) return { group: segs[1], version: segs[2], rest: segs.slice(3) };
  return undefined;
}

/** namespaces/<ns>/<plural>[/<name>[/<sub>]] or <plural>[/<name>[/<sub>]]. */
function locate(p: ResourcePath): { namespace?: string; plural: string; name?: string; subresource?: string } | undefined {
  const r = p.rest;
  if (r[0] === "namespaces" && r.length >= 3 && !(p.group === "" && r.length === 3 && ["status", "finalize"].includes(r[2]))) {
    if (r.length > 5) return undefined;
    return { namespace: r[1], plural: r[2], name: r[3], subresource: r[4] };
  }
  if (r.length > 3) return undefined;
  return { plural: r[0], name: r[1], subresource: r[2] };
}

function verbOf(method: string, named: boolean, query: URLSearchParams): Verb | undefined {
  const watch = query.get("watch");
  switch (method) {
    case "GET":
      return named ? "get" : watch === "true" || watch === "1" ? "watch" : "list";
    case "POST":
      return named ? undefined : "create";
    case "PUT":
      return named ? "update" : undefined;
    case "PATCH":
      return named ? "patch" : undefined;
    case "DELETE":
      return named ? "delete" : "deletecollection";
    default:
      return undefined;
  }
}

/** JSON unless the client accepts only other types (kubectl asks for v2 in protobuf first). */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(",").some((t) => /^(application\/json|application\/\*|\*\/\*)(;|$)/.test(t.trim()));
}

function discovery(ctx: ApiContext, segs: string[], accept: string | undefined): unknown {
  if (segs.length === 1 && segs[0] === "api") return apiVersions(ctx.serverAddress());
  if (segs.length === 1 && segs[0] === "apis") return apiGroupList(ctx.registry);
  if (segs.length === 2 && segs[0] === "apis") return apiGroupDoc(ctx.registry, segs[1]);
  if (segs.length === 2 && segs[0] === "api") return apiResourceList(ctx.registry, "", segs[1]);
  if (segs.length === 3 && segs[0] === "apis") return apiResourceList(ctx.registry, segs[1], segs[2]);
  if (segs.length === 1 && segs[0] === "version") return VERSION_INFO;
  if (segs[0] === "openapi" && segs[1] === "v3") return openApiV3(ctx.registry, segs);
  if (segs[0] === "openapi" && segs[1] === "v2" && segs.length === 2) {
    if (!acceptsJson(accept)) throw errors.notAcceptable(accept ?? "");
    return openApiV2(ctx.registry);
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET";
  const record = { method, path: url.pathname, query: url.search, userAgent: req.headers["user-agent"] };
  if (HEALTH.has(url.pathname)) {
    res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    ctx.log.record({ ...record, status: 200 });
    return;
  }
  let verb: Verb | undefined;
  let resource: string | undefined;
  let status = 200;
  try {
    const user = ctx.access.authenticate(req);
    const segs = url.pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
    const p = splitApiPath(segs);
    if (!p || p.rest.length === 0) {
      if (method !== "GET") throw errors.methodNotAllowed();
      const doc = discovery(ctx, segs, req.headers.accept);
      if (!doc) throw errors.resourceNotFound();
      await sleep(ctx.faults.latencyFor(undefined));
      sendJson(res, 200, doc);
      return;
    }
    const loc = locate(p);
    const def = loc && ctx.registry.byPath(p.group, p.version, loc.plural);
    if (!loc || !def || (loc.namespace !== undefined && !def.namespaced)) throw errors.resourceNotFound();
    if (loc.subresource !== undefined && loc.subresource !== "status" && loc.subresource !== "finalize") throw errors.resourceNotFound();
    resource = resourceKey(def);
    verb = verbOf(method, loc.name !== undefined, url.searchParams);
    if (!verb || !def.verbs.includes(verb)) throw errors.methodNotAllowed();
    if (verb === "create" && def.namespaced && !def.virtual && loc.namespace === undefined) throw errors.methodNotAllowed();
    if (ctx.access.isForbidden(verb, def)) throw errors.forbidden(user.username, verb, def.plural, def.group, loc.namespace, loc.name);
    await sleep(ctx.faults.latencyFor(def));
    const fault = ctx.faults.errorFor(verb, def);
    if (fault) throw fault;
    const t: Target = { def, version: p.version, namespace: loc.namespace, name: loc.name, subresource: loc.subresource };
    status = await dispatch(ctx, req, res, url, verb, t, user);
  } catch (err) {
    status = sendError(res, err);
  } finally {
    ctx.log.record({ ...record, verb, resource, status });
  }
}

async function dispatch(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  verb: Verb,
  t: Target,
  user: UserInfo,
): Promise<number> {
  const q = url.searchParams;
  const { def, version, namespace, name } = t;
  const writer = { query: q, userAgent: req.headers["user-agent"] };
  switch (verb) {
    case "list": {
      const body = ctx.lister.list(def, version, namespace, q);
      const table = tableVersion(req.headers.accept);
      if (!table || def.virtual) sendJson(res, 200, body);
      else sendJson(res, 200, toTable(def, body.items.map((i) => ({ ...i, kind: def.kind }) as KubeObject), { version: table, includeObject: q.get("includeObject"), listMeta: body.metadata }));
      return 200;
    }
    case "watch": {
      const rv = q.get("resourceVersion") ?? undefined;
      if (rv !== undefined && rv !== "" && !/^\d+$/.test(rv)) throw errors.badRequest(`invalid resource version: ${rv}`);
      const timeout = q.get("timeoutSeconds");
      ctx.hub.open(req, res, {
        def,
        version,
        namespace,
        labels: parseLabelSelector(q.get("labelSelector") ?? undefined),
        fields: parseFieldSelector(q.get("fieldSelector") ?? undefined, def.fieldSelectors),
        resourceVersion: rv,
        allowBookmarks: q.get("allowWatchBookmarks") === "true",
        timeoutSeconds: timeout ? Number(timeout) : undefined,
        sendInitialEvents: q.get("sendInitialEvents") === "true",
        table: tableVersion(req.headers.accept),
      });
      return 200;
    }
    case "get": {
      const obj = ctx.store.get(def, namespace, name ?? "");
      if (!obj) throw errors.notFound(def.plural, def.group, name ?? "");
      const table = tableVersion(req.headers.accept);
      if (table) sendJson(res, 200, toTable(def, [present(obj, def, version, false) as KubeObject], { version: table, includeObject: q.get("includeObject") }));
      else sendJson(res, 200, present(obj, def, version, false));
      return 200;
    }
    case "create": {
      const body = await readObjectBody(req);
      const out = def.virtual ? answerReview(ctx.access, ctx.registry, user, t, body) : createObject(ctx.store, t, body, q, writer);
      sendJson(res, 201, out);
      return 201;
    }
    case "update":
      sendJson(res, 200, updateObject(ctx.store, t, await readObjectBody(req), writer));
      return 200;
    case "patch":
      sendJson(res, 200, patchObject(ctx.store, t, req.headers["content-type"] ?? "", await readBody(req), writer));
      return 200;
    case "delete":
      sendJson(res, 200, deleteObject(ctx.store, t, await readBody(req), q));
      return 200;
    case "deletecollection":
      sendJson(res, 200, deleteCollection(ctx.store, t, q));
      return 200;
  }
}
