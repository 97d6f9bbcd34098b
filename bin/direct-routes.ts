// The JSON endpoints the dashboard polls, answered by the server entry itself instead of through
// Next. Next spends about 5 ms of CPU in front of every route handler (its router, the proxy,
// tracing, web-stream piping) — more than a 304 from the cached answers costs — and two hundred
// dashboards polling six endpoints a second are 1,200 such requests a second on a 2-core machine.
// The handlers are the same functions Next calls (they take a Request and give a Response), so
// auth, ETags and errors are unchanged. Bodies are gzipped here, once per ETag (a content hash).
// Production only: in development Next reloads the handlers, and this table would keep old ones.

import type { IncomingMessage, ServerResponse } from "node:http";
import { GET as gateways } from "../app/api/gateways/route";
import { GET as gatewayRoutes } from "../app/api/gateways/routes/route";
import { GET as hostnames } from "../app/api/hostnames/route";
import { GET as hostname } from "../app/api/hostnames/[hostname]/route";
import { GET as objects } from "../app/api/objects/[kind]/route";
import { GET as plan } from "../app/api/plan/route";
import { GET as records } from "../app/api/records/route";
import { GET as summary } from "../app/api/summary/route";
import { GET as whatIfChanges } from "../app/api/what-if/changes/route";
import { GET as whatIfOutline } from "../app/api/what-if/outline/route";
import { acceptsGzip, readyBody } from "../lib/server/etag";
import { GZIP_MIN_BYTES, gzipOnce } from "../lib/server/gzip-cache";
import { API_SECURITY_HEADERS } from "../lib/server/security-headers";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const EXACT: Record<string, Handler> = {
  "/api/summary": summary as Handler,
  "/api/records": records as Handler,
  "/api/gateways": gateways as Handler,
  "/api/gateways/routes": gatewayRoutes as Handler,
  "/api/plan": plan as Handler,
  "/api/hostnames": hostnames as Handler,
  "/api/what-if/outline": whatIfOutline as Handler,
  "/api/what-if/changes": whatIfChanges as Handler,
};
const SEGMENT: { prefix: string; param: string; handler: Handler }[] = [
  { prefix: "/api/hostnames/", param: "hostname", handler: hostname as Handler },
  { prefix: "/api/objects/", param: "kind", handler: objects as Handler },
];

/** The handler for a GET or HEAD of `pathname`, with its path parameters, if it is answered here. */
export function directRoute(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | undefined {
  if (method !== "GET" && method !== "HEAD") return undefined;
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const exact = EXACT[path];
  if (exact) return { handler: exact, params: {} };
  for (const s of SEGMENT) {
    const rest = path.startsWith(s.prefix) ? path.slice(s.prefix.length) : "";
    if (!rest || rest.includes("/")) continue;
    try {
      return { handler: s.handler, params: { [s.param]: decodeURIComponent(rest) } };
    } catch {
      return undefined; // Next answers the malformed escape
    }
  }
  return undefined;
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, { method: req.method, headers });
}

/** Answers the request with the handler, as Next would, with the API's security headers. */
export async function serveDirect(req: IncomingMessage, res: ServerResponse, route: NonNullable<ReturnType<typeof directRoute>>): Promise<void> {
  const request = toRequest(req);
  const response = await route.handler(request, { params: Promise.resolve(route.params) });
  const headers: Record<string, string> = { ...API_SECURITY_HEADERS };
  response.headers.forEach((v, k) => (headers[k] = v));
  let body: Buffer = readyBody(response) ?? (response.body === null ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer()));
  const etag = response.headers.get("etag");
  if (body.length >= GZIP_MIN_BYTES && acceptsGzip(request)) {
    body = gzipOnce(response.status === 200 ? etag : null, body);
    headers["content-encoding"] = "gzip";
  }
  headers.vary = headers.vary ? `${headers.vary}, accept-encoding` : "accept-encoding";
  if (response.status !== 304 && response.status !== 204) headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(req.method === "HEAD" || response.status === 304 ? undefined : body);
}
