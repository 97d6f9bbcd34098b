// The official SDK, configured for a dashboard: no retries (a 429 from Cloudflare can ask for a
// five-minute wait and the 7.x SDK would sleep that long inside one call; the caller records
// retry-after and tries again on a later refresh instead), a short timeout, credentials passed
// explicitly so CLOUDFLARE_* variables in the environment cannot add a second scheme, a counter
// on every HTTP request, and a logger that redacts the token.

import Cloudflare from "cloudflare";
import { redactSecrets, resolveCloudflareBaseURL } from "./token";

export type LogLevel = "error" | "warn" | "info" | "debug";

/** Receives every log line of the adapter and the SDK, already redacted. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface ClientOptions {
  token: string;
  baseURL?: string;
  timeoutMs: number;
  /** Called once per HTTP request sent (so also per page of a listing). */
  onRequest?: () => void;
  log?: LogSink;
  /** Replaces global fetch (tests that need a misbehaving server). */
  fetch?: typeof fetch;
}

export const defaultLogSink: LogSink = (level, line) => {
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
};

function stringify(arg: unknown): string {
  if (typeof arg === "string") return arg;
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

export function redactingLogger(secrets: string[], sink: LogSink) {
  const at = (level: LogLevel) => (message: string, ...rest: unknown[]) =>
    sink(level, redactSecrets([message, ...rest].map(stringify).join(" "), secrets));
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

export function createCloudflareClient(opts: ClientOptions): Cloudflare {
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const counted: typeof fetch = (input, init) => {
    opts.onRequest?.();
    return baseFetch(input, init);
  };
  return new Cloudflare({
    apiToken: opts.token,
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    // The caller's settings resolved CF_API_BASE_URL already; without a base URL, Cloudflare itself.
    baseURL: resolveCloudflareBaseURL(opts.baseURL, {}),
    maxRetries: 0,
    timeout: opts.timeoutMs,
    fetch: counted,
    logger: redactingLogger([opts.token], opts.log ?? defaultLogSink),
    logLevel: "warn",
  });
}
