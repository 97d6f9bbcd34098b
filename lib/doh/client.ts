// The RFC 8484 client: one question per HTTP request, answers cached by TTL, every failure
// returned as data (DohAnswer.error) so a dead resolver is a thing to show, not a crash.

import { performance } from "node:perf_hooks";
import { AnswerCache } from "./answer-cache";
import { createLimiter } from "./semaphore";
import { Transport, TransportError } from "./transport";
import type { DohAnswer, DohClient, DohError, QueryOptions, Resolver } from "./types";
import { normalizeHostname } from "../externaldns/hostname";
import { decodeResponse, encodeQuery, MalformedMessage } from "./wire";

export { DEFAULT_RESOLVERS } from "./resolvers";
export type { DohAnswer, DohClient, DohRecord, QueryOptions, Resolver } from "./types";

export interface DohClientOptions {
  resolvers: readonly Resolver[];
  /** Per question, from the moment it leaves the queue. Default 3000. */
  timeoutMs?: number;
  /** Questions in flight at once, over all resolvers. Default 8. */
  concurrency?: number;
  /** Extra CA (PEM) to trust, e.g. a test server's self-signed certificate. */
  ca?: string | Buffer;
  /** NODE_EXTRA_CA_CERTS from the caller's settings: kept trusted when `ca` is given. */
  extraCaCertsFile?: string;
  /** Clock for cache expiry and checkedAt (ms since epoch). Default Date.now. */
  now?: () => number;
  /** Default POST; GET sends ?dns=base64url. */
  method?: "POST" | "GET";
  /** Caps on cached lifetimes (s). Default 300 each. */
  maxCacheTtl?: number;
  maxNegativeCacheTtl?: number;
  maxCacheEntries?: number;
}

const DNS_MESSAGE = "application/dns-message";

export function createDohClient(opts: DohClientOptions): DohClient {
  const resolvers = [...opts.resolvers];
  const byId = new Map(resolvers.map((r) => [r.id, r]));
  const timeoutMs = opts.timeoutMs ?? 3000;
  const now = opts.now ?? Date.now;
  const method = opts.method ?? "POST";
  const concurrency = opts.concurrency ?? 8;
  const limit = createLimiter(concurrency);
  const transport = new Transport({ ca: opts.ca, extraCaCertsFile: opts.extraCaCertsFile, maxSockets: concurrency });
  const cache = new AnswerCache({
    maxTtl: opts.maxCacheTtl ?? 300,
    maxNegativeTtl: opts.maxNegativeCacheTtl ?? 300,
    maxEntries: opts.maxCacheEntries ?? 10000,
  });
  const inFlight = new Map<string, Promise<DohAnswer>>();

  async function ask(resolver: Resolver, name: string, type: string): Promise<DohAnswer> {
    const base = { resolver: resolver.id, name, type, answers: [], cached: false };
    let message: Buffer;
    try {
      message = encodeQuery(name, type);
    } catch (e) {
      return { ...base, rcode: null, elapsedMs: 0, error: { code: "malformed", message: (e as Error).message } };
    }
    return limit(async () => {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const res = await transport.send(resolver.url, message, method, abort.signal);
        const error = httpProblem(res.status, res.contentType, res.body);
        if (error) return { ...base, rcode: null, elapsedMs: elapsed(), error };
        const decoded = decodeResponse(res.body, name, type);
        return { ...base, ...decoded, elapsedMs: elapsed() };
      } catch (e) {
        return { ...base, rcode: null, elapsedMs: elapsed(), error: classify(e, timeoutMs) };
      } finally {
        clearTimeout(timer);
      }
    });
  }

  async function query(resolverId: string, rawName: string, type: string, q: QueryOptions = {}): Promise<DohAnswer> {
    const resolver = byId.get(resolverId);
    if (!resolver) throw new Error(`unknown resolver id "${resolverId}" (known: ${[...byId.keys()].join(", ")})`);
    const name = normalizeHostname(rawName);
    const qtype = type.toUpperCase();
    const key = AnswerCache.key(resolverId, name, qtype);
    if (!q.bypassCache) {
      const hit = cache.get(key, now());
      if (hit) return hit;
      const pending = inFlight.get(key);
      if (pending) return pending;
    }
    const p = ask(resolver, name, qtype).then((answer) => {
      cache.put(key, answer, now());
      return answer;
    });
    inFlight.set(key, p);
    try {
      return await p;
    } finally {
      if (inFlight.get(key) === p) inFlight.delete(key);
    }
  }

  return {
    resolvers,
    query,
    now,
    clearCache: () => cache.clear(),
    close: () => transport.close(),
  };
}

function httpProblem(status: number, contentType: string, body: Buffer): DohError | undefined {
  if (status !== 200) {
    const text = contentType.startsWith("text/") ? `: ${body.toString("utf8").trim().slice(0, 200)}` : "";
    return { code: "http", message: `HTTP ${status}${text}` };
  }
  const ct = contentType.split(";")[0].trim().toLowerCase();
  if (ct !== "" && ct !== DNS_MESSAGE) return { code: "malformed", message: `unexpected content-type "${contentType}"` };
  return undefined;
}

function classify(e: unknown, timeoutMs: number): DohError {
  if (e instanceof MalformedMessage) return { code: "malformed", message: e.message };
  if (e instanceof TransportError) {
    if (e.timedOut) return { code: "timeout", message: `no answer within ${timeoutMs} ms` };
    if (e.tooLarge) return { code: "malformed", message: e.message };
    return { code: "network", message: e.message };
  }
  return { code: "network", message: e instanceof Error ? e.message : String(e) };
}
