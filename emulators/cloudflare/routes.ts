// The Cloudflare API v4 routes the emulator serves (paths relative to /client/v4), and their
// handlers. Handlers return the success envelope or throw a CfError.

import type { IncomingHttpHeaders } from "node:http";
import { authenticate, canSeeZone, permissionTags, requirePermission } from "./auth";
import type { Principal } from "./auth";
import { runBatch } from "./batch";
import type { EmulatorCore } from "./core";
import { CfError, err } from "./errors";
import { success } from "./http";
import { filterRecords, orderRecords } from "./list-records";
import { HEX32, stableId } from "./names";
import { paginate } from "./paginate";
import { createRecord, deleteRecord, patchRecord, putRecord } from "./records";
import type { WriteContext } from "./records";
import { recordView } from "./store";
import type { StoredZone } from "./types";
import { filterZones, orderZones, zoneView } from "./zones";

export interface RouteContext {
  core: EmulatorCore;
  /** Absent only on public routes. */
  principal: Principal;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The full request path, as quoted in 7003 messages. */
  fullPath: string;
}

type Handler = (ctx: RouteContext) => Record<string, unknown>;

interface Route {
  method: string;
  template: string;
  handler: Handler;
  /** Token verification reports the token's state instead of refusing inactive tokens. */
  verify?: boolean;
  /** Answered without credentials (and so outside any user's budget), like GET /ips. */
  public?: boolean;
}

function zoneOf(ctx: RouteContext, need: "read" | "edit"): StoredZone {
  const id = ctx.params.zone_id;
  const zone = ctx.core.store.zone(id);
  if (!zone) throw HEX32.test(id) ? err.zoneNotFound(ctx.fullPath) : err.noRoute(ctx.fullPath);
  requirePermission(ctx.principal, need, zone);
  return zone;
}

/** A malformed record id cannot be routed (7003); a well-formed unknown one is 81044. */
function recordIdOf(ctx: RouteContext, zone: StoredZone): string {
  const id = ctx.params.dns_record_id;
  if (!zone.records.has(id) && !HEX32.test(id)) throw err.noRoute(ctx.fullPath);
  return id;
}

function writeContext(ctx: RouteContext, zone: StoredZone): WriteContext {
  return { zone, duplicateCode: ctx.core.store.duplicateCode };
}

const verifyToken: Handler = (ctx) => {
  const status = ctx.principal.spec.status ?? "active";
  const messages = status === "active" ? [{ code: 10000, message: "This API Token is valid and active", type: null }] : [];
  return success({ id: ctx.principal.tokenId, status }, { messages });
};

const listZones: Handler = (ctx) => {
  requirePermission(ctx.principal, "read");
  const visible = [...ctx.core.store.zones.values()].filter((z) => canSeeZone(ctx.principal, z));
  const ordered = orderZones(filterZones(visible, ctx.query), ctx.query);
  const page = paginate(ordered, ctx.query, { min: 5, max: 50, default: 20 });
  const perms = permissionTags(ctx.principal);
  return success(page.result.map((z) => zoneView(z, perms)), { result_info: page.result_info });
};

const getZone: Handler = (ctx) => success(zoneView(zoneOf(ctx, "read"), permissionTags(ctx.principal)));

const listRecords: Handler = (ctx) => {
  const zone = zoneOf(ctx, "read");
  const ordered = orderRecords(filterRecords([...zone.records.values()], ctx.query), ctx.query);
  const page = paginate(ordered, ctx.query, { min: 1, max: ctx.core.recordsPerPageMax, default: 100 });
  return success(page.result.map(recordView), { result_info: page.result_info });
};

const getRecord: Handler = (ctx) => {
  const zone = zoneOf(ctx, "read");
  const record = zone.records.get(recordIdOf(ctx, zone));
  if (!record) throw err.recordNotFound();
  return success(recordView(record));
};

const postRecord: Handler = (ctx) => {
  const zone = zoneOf(ctx, "edit");
  return success(recordView(createRecord(writeContext(ctx, zone), ctx.body)));
};

const updateRecord: Handler = (ctx) => {
  const zone = zoneOf(ctx, "edit");
  return success(recordView(putRecord(writeContext(ctx, zone), recordIdOf(ctx, zone), ctx.body)));
};

const editRecord: Handler = (ctx) => {
  const zone = zoneOf(ctx, "edit");
  return success(recordView(patchRecord(writeContext(ctx, zone), recordIdOf(ctx, zone), ctx.body)));
};

const removeRecord: Handler = (ctx) => {
  const zone = zoneOf(ctx, "edit");
  return success({ id: deleteRecord(writeContext(ctx, zone), recordIdOf(ctx, zone)).id });
};

const batch: Handler = (ctx) => {
  const zone = zoneOf(ctx, "edit");
  const fault = ctx.core.faults.takeBatch({ method: "POST", path: ctx.fullPath, zoneId: zone.id, isBatch: true });
  const checkpoint = (applied: number) => {
    if (fault && applied >= (fault.afterOps ?? 0)) {
      const message = fault.message ?? "DNS Validation Error";
      throw new CfError(fault.status ?? 400, [{ code: fault.code ?? 1004, message }]);
    }
  };
  return success(runBatch(writeContext(ctx, zone), ctx.body, { checkpoint }));
};

const edgeIps: Handler = (ctx) =>
  success({ ipv4_cidrs: [...ctx.core.edgeRanges.ipv4], ipv6_cidrs: [...ctx.core.edgeRanges.ipv6], etag: stableId("ips", ...ctx.core.edgeRanges.ipv4, ...ctx.core.edgeRanges.ipv6) });

const ROUTES: Route[] = [
  { method: "GET", template: "/ips", handler: edgeIps, public: true },
  { method: "GET", template: "/user/tokens/verify", handler: verifyToken, verify: true },
  { method: "GET", template: "/accounts/:account_id/tokens/verify", handler: verifyToken, verify: true },
  { method: "GET", template: "/zones", handler: listZones },
  { method: "GET", template: "/zones/:zone_id", handler: getZone },
  { method: "GET", template: "/zones/:zone_id/dns_records", handler: listRecords },
  { method: "POST", template: "/zones/:zone_id/dns_records", handler: postRecord },
  { method: "POST", template: "/zones/:zone_id/dns_records/batch", handler: batch },
  { method: "GET", template: "/zones/:zone_id/dns_records/:dns_record_id", handler: getRecord },
  { method: "PUT", template: "/zones/:zone_id/dns_records/:dns_record_id", handler: updateRecord },
  { method: "PATCH", template: "/zones/:zone_id/dns_records/:dns_record_id", handler: editRecord },
  { method: "DELETE", template: "/zones/:zone_id/dns_records/:dns_record_id", handler: removeRecord },
];

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const want = template.split("/");
  const got = path.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The route for a method and API path; a path known under another method gives 405. */
export function matchRoute(method: string, path: string): RouteMatch | CfError {
  let pathKnown = false;
  for (const route of ROUTES) {
    const params = matchTemplate(route.template, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathKnown = true;
  }
  return pathKnown ? err.methodNotAllowed(method) : err.unknownRoute();
}

/** Who is calling, or undefined on a public route. Throws the API's authentication errors. */
export function callerOf(match: RouteMatch, core: EmulatorCore, headers: IncomingHttpHeaders): Principal | undefined {
  return match.route.public ? undefined : authenticate(headers, core.tokens, match.route.verify === true);
}

export function runRoute(
  match: RouteMatch,
  core: EmulatorCore,
  principal: Principal | undefined,
  rest: Omit<RouteContext, "core" | "principal" | "params">,
): Record<string, unknown> {
  return match.route.handler({ core, principal: principal as Principal, params: match.params, ...rest });
}
