// JSON helpers for route handlers: every answer is JSON, errors included, and no error ever
// carries a stack trace or a secret.

import type { ApiError } from "../api/types";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function jsonError(status: number, code: string, message: string, extra: Partial<ApiError["error"]> = {}): Response {
  return json({ error: { code, message, ...extra } } satisfies ApiError, status);
}

/** Wraps a handler so that an unexpected failure answers a JSON 500 instead of Next's HTML page. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`dnsdrift: ${message}`);
    return jsonError(500, "internal", message);
  }
}
