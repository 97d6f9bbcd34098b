// What went wrong with a Cloudflare API call, in the dashboard's terms (SourceError codes), with
// the Cloudflare error codes kept for the apply results. Messages are built here from the
// status and the envelope's codes, never from the SDK's own message alone, and every piece of
// text passes through redaction so a token echoed by a proxy or a fake server cannot leak.

import Cloudflare from "cloudflare";
import type { SourceError, SourceErrorCode } from "../server/ports";
import { redactSecrets } from "./token";

export interface CloudflareErrorItem {
  code: number;
  message: string;
}

export interface ClassifiedError extends SourceError {
  /** HTTP status, when Cloudflare answered at all. */
  status?: number;
  /** The envelope's errors[] plus any nested error_chain entries. */
  cloudflareErrors: CloudflareErrorItem[];
}

/** A 2xx answer that is not a Cloudflare envelope (an HTML page, a truncated body…). */
export class InvalidResponseError extends Error {}

/** Header- and token-format problems Cloudflare answers with 400 or 403 rather than 401. */
const CREDENTIAL_CODES = new Set([1000, 1001, 6003, 6103, 6111, 9103, 9106, 9109, 10001]);

export interface ClassifyContext {
  /** What was being done, e.g. "zone example.com: listing records". */
  what: string;
  now: Date;
  secrets: string[];
  timeoutMs?: number;
}

function items(e: InstanceType<typeof Cloudflare.APIError>): CloudflareErrorItem[] {
  const out: CloudflareErrorItem[] = [];
  const raw = Array.isArray(e.errors) ? (e.errors as unknown[]) : [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const { code, message, error_chain: chain } = item as { code?: unknown; message?: unknown; error_chain?: unknown };
    if (typeof code === "number") out.push({ code, message: typeof message === "string" ? message : "" });
    if (Array.isArray(chain)) {
      for (const inner of chain as { code?: unknown; message?: unknown }[]) {
        if (typeof inner?.code === "number") out.push({ code: inner.code, message: typeof inner.message === "string" ? inner.message : "" });
      }
    }
  }
  return out;
}

/** `retry-after-ms`, then `retry-after` as seconds or an HTTP date, rounded up to whole seconds. */
export function retryAfterSeconds(headers: Headers | undefined, now: Date): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get("retry-after-ms") ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const raw = headers.get("retry-after");
  if (raw === null || raw.trim() === "") return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

function describeItems(list: CloudflareErrorItem[]): string {
  return list.length === 0 ? "" : ": " + list.map((i) => `${i.code} ${i.message}`.trim()).join("; ");
}

function codeForStatus(status: number, list: CloudflareErrorItem[]): SourceErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return list.some((i) => CREDENTIAL_CODES.has(i.code)) ? "unauthorized" : "forbidden";
  if (status === 400 && list.some((i) => CREDENTIAL_CODES.has(i.code))) return "unauthorized";
  if (status === 429) return "rate-limited";
  if (status === 404) return "not-found";
  if (status >= 500) return "server-error";
  return "unknown";
}

const EXPLAIN: Partial<Record<SourceErrorCode, string>> = {
  unauthorized: "Cloudflare rejected the API token",
  forbidden: "the API token lacks the permission (needs Zone:Read + DNS:Read to read, DNS:Edit to write) or is not scoped to this zone",
  "rate-limited": "Cloudflare rate limit reached",
  "not-found": "not found",
  "server-error": "Cloudflare server error",
};

function apiError(e: InstanceType<typeof Cloudflare.APIError>, ctx: ClassifyContext): ClassifiedError {
  const status = e.status as number;
  const list = items(e);
  const code = codeForStatus(status, list);
  const retryAfter = retryAfterSeconds(e.headers, ctx.now);
  let message = `${ctx.what}: ${EXPLAIN[code] ?? "Cloudflare refused the request"} (HTTP ${status}${describeItems(list)})`;
  if (retryAfter !== undefined) message += `; retry after ${retryAfter} s`;
  const out: ClassifiedError = { code, message, at: ctx.now.toISOString(), status, cloudflareErrors: list };
  if (retryAfter !== undefined) out.retryAfter = retryAfter;
  return out;
}

/** The innermost cause's code or message (ECONNREFUSED, ENOTFOUND…), which says the most. */
function rootCause(e: unknown): string {
  let cur: unknown = e;
  let text = "";
  for (let depth = 0; depth < 5 && cur instanceof Error; depth++) {
    const code = (cur as { code?: unknown }).code;
    text = typeof code === "string" ? code : cur.message;
    cur = (cur as { cause?: unknown }).cause;
  }
  return text;
}

export function classifyCloudflareError(e: unknown, ctx: ClassifyContext): ClassifiedError {
  const at = ctx.now.toISOString();
  let out: ClassifiedError;
  if (e instanceof Cloudflare.APIConnectionTimeoutError) {
    const limit = ctx.timeoutMs ? ` within ${ctx.timeoutMs} ms` : "";
    out = { code: "timeout", message: `${ctx.what}: Cloudflare did not answer${limit}`, at, cloudflareErrors: [] };
  } else if (e instanceof Cloudflare.APIUserAbortError) {
    out = { code: "unknown", message: `${ctx.what}: request aborted`, at, cloudflareErrors: [] };
  } else if (e instanceof Cloudflare.APIConnectionError) {
    out = { code: "unreachable", message: `${ctx.what}: cannot reach the Cloudflare API (${rootCause(e) || "connection failed"})`, at, cloudflareErrors: [] };
  } else if (e instanceof Cloudflare.APIError && typeof e.status === "number") {
    out = apiError(e, ctx);
  } else if (e instanceof InvalidResponseError) {
    out = { code: "invalid-response", message: `${ctx.what}: ${e.message}`, at, cloudflareErrors: [] };
  } else {
    out = { code: "unknown", message: `${ctx.what}: ${e instanceof Error ? e.message : String(e)}`, at, cloudflareErrors: [] };
  }
  out.message = redactSecrets(out.message, ctx.secrets);
  out.cloudflareErrors = out.cloudflareErrors.map((i) => ({ code: i.code, message: redactSecrets(i.message, ctx.secrets) }));
  return out;
}

/** The SourceError part alone, for health entries (no status or Cloudflare codes). */
export function toSourceError(c: ClassifiedError): SourceError {
  const out: SourceError = { code: c.code, message: c.message, at: c.at };
  if (c.retryAfter !== undefined) out.retryAfter = c.retryAfter;
  return out;
}
