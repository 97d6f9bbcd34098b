// The checks every request passes before Next sees it (bin/serve.ts): a path that does not
// percent-decode, a method the route does not serve (including TRACE and other methods fetch
// cannot carry), an unknown API path, or a body announced larger than the limit each get a JSON
// error here, with the right status, instead of Next's empty 405 or its plain-text 500.

import { MAX_BODY_BYTES } from "./http";
import { allowed, PAGE_METHODS, routeFor } from "./routes";
import { API_SECURITY_HEADERS } from "./security-headers";

export interface GateRequest {
  method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface GateAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function answer(status: number, code: string, message: string, headers: Record<string, string> = {}): GateAnswer {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...API_SECURITY_HEADERS, ...headers },
    body: status === 204 ? "" : JSON.stringify({ error: { code, message } }),
  };
}

/** The path decoded segment by segment, or undefined when a segment is not valid percent-encoding. */
export function decodePath(url: string): string | undefined {
  const raw = url.split(/[?#]/, 1)[0] || "/";
  try {
    return raw
      .split("/")
      .map((s) => decodeURIComponent(s))
      .join("/");
  } catch {
    return undefined;
  }
}

/** Undefined: let Next answer. Otherwise the JSON answer to send. */
export function gate(req: GateRequest): GateAnswer | undefined {
  const pathname = decodePath(req.url);
  if (pathname === undefined) return answer(400, "invalid-url", "the request path is not valid percent-encoding");
  // Next's own development endpoints (error overlay) are not ours to police.
  if (pathname.startsWith("/__nextjs")) return undefined;
  const route = routeFor(pathname);
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  if (isApi && !route) return answer(404, "not-found", `no API route ${pathname}`);
  const methods = route ? allowed(route.methods) : [...PAGE_METHODS];
  const method = req.method.toUpperCase();
  if (method === "OPTIONS") return answer(204, "", "", { allow: methods.join(", ") });
  if (!methods.includes(method)) {
    return answer(405, "method-not-allowed", `${method} is not allowed here; use ${methods.join(", ")}`, { allow: methods.join(", ") });
  }
  const length = Number(req.headers["content-length"] ?? "0");
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) {
    return answer(413, "body-too-large", `the request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  return undefined;
}
