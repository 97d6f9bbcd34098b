// Turns whatever client-node threw (ApiException from a list, an Error with statusCode from a
// watch, node-fetch's FetchError for network trouble) into the health error codes the
// dashboard shows, with the API server's own message when it sent one.

import { ApiException } from "@kubernetes/client-node";
import type { SourceErrorCode } from "../server/ports";

export interface ClassifiedError {
  code: SourceErrorCode;
  message: string;
  /** HTTP status, when the API server answered. */
  httpStatus?: number;
  retryAfter?: number;
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNRESET", "EPIPE"]);
const TIMEOUT = new Set(["ETIMEDOUT", "ESOCKETTIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);
const STREAM_CUT = new Set(["ERR_STREAM_PREMATURE_CLOSE", "UND_ERR_SOCKET"]);

function codeForStatus(status: number): SourceErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status === 504 || status === 408) return "timeout";
  if (status >= 500) return "server-error";
  return "unknown";
}

/** The `message` of a Kubernetes Status body, if the body is one. */
function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim() ? body.trim().slice(0, 300) : undefined;
    }
  }
  if (parsed && typeof parsed === "object" && typeof (parsed as { message?: unknown }).message === "string") {
    return (parsed as { message: string }).message;
  }
  return undefined;
}

function retryAfterOf(headers: unknown): number | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const raw = (headers as Record<string, unknown>)["retry-after"];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function classifyKubeError(err: unknown): ClassifiedError {
  if (err instanceof ApiException) {
    const status = err.code;
    const message = statusMessage(err.body) ?? `HTTP ${status}`;
    const retryAfter = retryAfterOf(err.headers);
    return { code: codeForStatus(status), message, httpStatus: status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  }
  const e = (err ?? {}) as { statusCode?: unknown; code?: unknown; type?: unknown; message?: unknown; name?: unknown };
  const message = typeof e.message === "string" && e.message ? e.message : String(err);
  if (typeof e.statusCode === "number") {
    return { code: codeForStatus(e.statusCode), message: `HTTP ${e.statusCode} ${message}`.trim(), httpStatus: e.statusCode };
  }
  const sysCode = typeof e.code === "string" ? e.code : "";
  if (UNREACHABLE.has(sysCode)) return { code: "unreachable", message };
  if (TIMEOUT.has(sysCode) || e.type === "request-timeout") return { code: "timeout", message };
  if (STREAM_CUT.has(sysCode) || /premature close|socket hang up|terminated|aborted/i.test(message)) {
    return { code: "watch-dropped", message };
  }
  if (e.type === "invalid-json" || err instanceof SyntaxError) return { code: "invalid-response", message };
  return { code: "unknown", message };
}
