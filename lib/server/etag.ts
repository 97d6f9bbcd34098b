// Answers the dashboard polls are built once per computation and kept, serialised, with a strong
// validator: a poll that sends the ETag back gets 304 and no body. Bodies are cached by the
// request's meaning (path and normalised query), bounded in total size.

import crypto from "node:crypto";
import { LRUCache } from "lru-cache";
import { redact } from "./redact";

export interface CachedBody {
  body: string;
  etag: string;
}

export function etagOf(body: string): string {
  return `"${crypto.createHash("sha1").update(body).digest("base64url").slice(0, 27)}"`;
}

export function bodyCache(maxBytes = 64 * 1024 * 1024): LRUCache<string, CachedBody> {
  return new LRUCache<string, CachedBody>({ maxSize: maxBytes, sizeCalculation: (v) => Math.max(1, v.body.length) });
}

/** True when If-None-Match names this ETag (or is `*`). */
export function notModified(req: Request, etag: string): boolean {
  const header = req.headers.get("if-none-match");
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

/** The 200 with the body, or a 304 when the client already has it. Browsers revalidate every poll. */
export function cachedResponse(req: Request, cached: CachedBody): Response {
  const headers = { etag: cached.etag, "cache-control": "private, no-cache" };
  if (notModified(req, cached.etag)) return new Response(null, { status: 304, headers });
  // Redacted on the way out, as every JSON answer is: secrets may be installed after caching.
  return new Response(redact(cached.body), { status: 200, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

/** A canonical cache key: the path and its query parameters in name order. */
export function requestKey(url: URL, ignore: string[] = []): string {
  const params = [...url.searchParams.entries()].filter(([k]) => !ignore.includes(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}
