// Answers the dashboard polls are built once per computation and kept, serialised, with a strong
// validator: a poll that sends the ETag back gets 304 and no body. Bodies are cached by the
// request's meaning (path and normalised query), bounded in total size. What goes on the wire
// is kept too (redacted, as bytes), so two hundred dashboards fetching the same answer cost one
// pass of the redactor, not two hundred. (Compression stays with the HTTP server: Next drops a
// route handler's Content-Encoding, so an answer cannot be sent pre-compressed from here.)

import crypto from "node:crypto";
import { LRUCache } from "lru-cache";
import { redact, redactionGeneration } from "./redact";

export interface CachedBody {
  body: string;
  etag: string;
  /** The redacted body as sent, and the secrets generation it was redacted under. */
  wire?: { generation: object; bytes: Buffer };
}

export function etagOf(body: string): string {
  return `"${crypto.createHash("sha1").update(body).digest("base64url").slice(0, 27)}"`;
}

export function bodyCache(maxBytes = 64 * 1024 * 1024): LRUCache<string, CachedBody> {
  // Counted twice over: the string, and the bytes sent from it.
  return new LRUCache<string, CachedBody>({ maxSize: maxBytes, sizeCalculation: (v) => Math.max(1, v.body.length * 2) });
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

/** gzip is listed in Accept-Encoding and not refused with q=0. */
export function acceptsGzip(req: Request): boolean {
  const header = req.headers.get("accept-encoding");
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** The bytes to send, made once per body and secrets generation (secrets may be installed after caching). */
export function wireOf(cached: CachedBody): NonNullable<CachedBody["wire"]> {
  const generation = redactionGeneration();
  if (cached.wire?.generation !== generation) cached.wire = { generation, bytes: Buffer.from(redact(cached.body)) };
  return cached.wire;
}

/** The bytes of cached answers' responses, for a server that can send them without reading the body stream. */
const sentBytes = new WeakMap<Response, Buffer>();

/** The 200 with the body, or a 304 when the client already has it. Browsers revalidate every poll. */
export function cachedResponse(req: Request, cached: CachedBody): Response {
  const headers = { etag: cached.etag, "cache-control": "private, no-cache" };
  if (notModified(req, cached.etag)) return new Response(null, { status: 304, headers });
  const { bytes } = wireOf(cached);
  const res = new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length), {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
  sentBytes.set(res, bytes);
  return res;
}

/**
 * A JSON answer built per request (audit pages, history, public-DNS lookups), given a validator
 * so that a poll which already has it gets 304 and no body. Other statuses and downloads pass.
 */
export async function revalidated(req: Request, res: Response): Promise<Response> {
  if (res.status !== 200 || res.headers.has("content-disposition")) return res;
  const body = await res.text();
  const etag = etagOf(body);
  if (notModified(req, etag)) return new Response(null, { status: 304, headers: { etag, "cache-control": "private, no-cache" } });
  const headers = new Headers(res.headers);
  headers.set("etag", etag);
  headers.set("cache-control", "private, no-cache");
  return new Response(body, { status: 200, headers });
}

/**
 * The body of a response made by cachedResponse, as bytes already in memory: reading it through
 * its web stream instead costs more CPU than the rest of answering a cached poll.
 */
export function readyBody(res: Response): Buffer | undefined {
  return sentBytes.get(res);
}

/** A canonical cache key: the path and its query parameters in name order. */
export function requestKey(url: URL, ignore: string[] = []): string {
  const params = [...url.searchParams.entries()].filter(([k]) => !ignore.includes(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}
