// JSON helpers for route handlers: every answer is JSON, errors included, and no error ever
// carries a stack trace, an internal message or a secret. An unexpected failure answers a
// generic message with an id; the server's log line carries the same id and the detail.

import crypto from "node:crypto";
import type { ApiError } from "../api/types";
import { redact } from "./redact";

/** Request bodies larger than this are refused with 413 (plans are a few KB; 1 MiB is plenty). */
export const MAX_BODY_BYTES = 1024 * 1024;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(redact(JSON.stringify(body)), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function jsonError(status: number, code: string, message: string, extra: Partial<ApiError["error"]> = {}): Response {
  return json({ error: { code, message, ...extra } } satisfies ApiError, status);
}

/** A short random id that ties a 500 answer to its log line. */
export function errorId(): string {
  return crypto.randomBytes(6).toString("hex");
}

/** Logs an unexpected failure under a new id and answers the generic 500 that names it. */
export function internalError(e: unknown, where = "request"): Response {
  const id = errorId();
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  console.error(redact(`dnsdrift: error ${id} (${where}): ${detail}`));
  return jsonError(500, "internal", `internal error (id ${id}); the server log has the details`, { id });
}

/** Wraps a handler so that an unexpected failure answers a JSON 500 instead of Next's HTML page. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    return internalError(e);
  }
}

/**
 * The request body as JSON, read up to `limit` bytes whatever Content-Length claims (a chunked
 * upload has none). Answers the error response instead when it is too large or not JSON.
 */
export async function readJsonBody(req: Request, invalid: string, limit = MAX_BODY_BYTES): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const tooLarge = () => ({ ok: false as const, response: jsonError(413, "body-too-large", `the request body is larger than ${limit} bytes`) });
  if (Number(req.headers.get("content-length") ?? "0") > limit) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, response: jsonError(400, "invalid-request", invalid) };
  }
}
