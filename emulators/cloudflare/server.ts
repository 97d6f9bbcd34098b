// A local Cloudflare API v4 emulator (zones + DNS records) on loopback, faithful enough for the
// official `cloudflare` SDK:
//   new Cloudflare({ apiToken, baseURL: emulator.url, maxRetries: 0 })
// See BEHAVIOUR.md for the behaviour it reproduces.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { EmulatorCore } from "./core";
import type { CoreOptions } from "./core";
import { CfError, err } from "./errors";
import { recordsWritten, type Fault } from "./faults";
import { BodyError, failure, parseJson, readBody, send } from "./http";
import { budgetHeaders, rateLimitHeaders } from "./ratelimit";
import { callerOf, matchRoute, runRoute } from "./routes";
import type { StatsSnapshot } from "./stats";
import type { Store } from "./store";
import type { SeedDoc } from "./types";

export type { Fault, FaultMatch } from "./faults";
export type { StatsSnapshot } from "./stats";
export type { SeedDoc, SeedRecord, SeedZone, TokenSpec, TokenTable } from "./types";

export const API_PREFIX = "/client/v4";

export interface EmulatorOptions extends CoreOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface CloudflareEmulator {
  /** http://127.0.0.1:PORT/client/v4, the SDK's baseURL. */
  url: string;
  /** http://127.0.0.1:PORT/__admin */
  adminUrl: string;
  port: number;
  state: Store;
  close(): Promise<void>;
  /** Adds a fault; returns its id. */
  setFault(fault: Fault): string;
  removeFault(id: string): void;
  clearFaults(): void;
  faults(): Fault[];
  seed(doc: SeedDoc): void;
  reset(): void;
  stats(): StatsSnapshot;
  resetStats(): void;
}

function serverErrorPage(status: number): string {
  return `<!DOCTYPE html><html><head><title>${status} | Cloudflare</title></head><body><h1>Error ${status}</h1><p>emulated fault</p></body></html>`;
}

/** The body as JSON for fault matching only; a bad body is refused later, in its usual place. */
function parseLoosely(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Answers a failure fault; returns the status sent (0 when the connection was dropped). */
function answerFault(fault: Fault, res: http.ServerResponse, req: http.IncomingMessage): number {
  switch (fault.kind) {
    case "rateLimit": {
      const retry = fault.retryAfter ?? 1;
      send(res, 429, failure(err.rateLimited().errors), rateLimitHeaders(1200, 0, retry));
      return 429;
    }
    case "serverError": {
      const status = fault.status ?? 500;
      send(res, status, fault.html ? serverErrorPage(status) : failure([{ code: 10002, message: "An unknown error has occurred" }]));
      return status;
    }
    case "error":
      send(res, fault.status, failure([{ code: fault.code, message: fault.message ?? "Emulated error" }]));
      return fault.status;
    case "reset":
      req.socket.destroy();
      return 0;
    default:
      return 0;
  }
}

export async function startCloudflareEmulator(opts: EmulatorOptions = {}): Promise<CloudflareEmulator> {
  const core = new EmulatorCore(opts);
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const apiPath = url.pathname.slice(API_PREFIX.length) || "/";
    const match = matchRoute(method, apiPath);
    const route = match instanceof CfError ? "(no route)" : match.route.template;
    let status = 500;
    let budget: Record<string, string> = {};
    try {
      const zoneId = match instanceof CfError ? undefined : match.params.zone_id;
      const text = await readBody(req);
      const info = { method, path: apiPath, zoneId, isBatch: route.endsWith("/batch"), records: recordsWritten(parseLoosely(text), match instanceof CfError ? undefined : match.params.dns_record_id) };
      const { delayMs, failure: fault } = core.faults.take(info);
      if (delayMs > 0) await sleep(delayMs);
      if (fault && fault.kind !== "delay") {
        status = answerFault(fault, res, req);
        return;
      }
      if (match instanceof CfError) throw match;
      // Credentials first: the budget is per user, so a request nobody can be charged for is
      // refused as unauthenticated, never as rate-limited.
      const principal = callerOf(match, core, req.headers);
      if (principal) {
        const verdict = core.limiter.hit();
        budget = budgetHeaders(verdict);
        if (core.enforced && !verdict.allowed) throw new CfError(429, err.rateLimited().errors, rateLimitHeaders(verdict.limit, 0, verdict.resetIn));
      }
      const body = parseJson(text);
      const reply = runRoute(match, core, principal, { query: url.searchParams, body, fullPath: url.pathname });
      const slowMs = core.faults.takeSlowAnswer(info);
      if (slowMs > 0) await sleep(slowMs);
      status = 200;
      send(res, status, reply, budget);
    } catch (e) {
      if (res.destroyed || req.socket.destroyed) {
        status = 0; // the client went away (e.g. its timeout fired during a delay fault)
        return;
      }
      const error = e instanceof CfError ? e : e instanceof BodyError ? err.invalidBody() : undefined;
      if (!error) console.error("cloudflare emulator: unexpected error", e);
      status = error?.status ?? 500;
      send(res, status, failure(error?.errors ?? [{ code: 10002, message: "An unknown error has occurred" }]), { ...budget, ...error?.headers });
    } finally {
      core.stats.record({ method, route, path: apiPath, query: url.search, status });
    }
  }

  async function handleAdminRequest(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    let body: unknown;
    try {
      body = parseJson(await readBody(req));
    } catch (e) {
      return send(res, 400, { error: (e as Error).message });
    }
    const reply = handleAdmin(core, req.method ?? "GET", url.pathname, body);
    send(res, reply.status, reply.body);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const task = url.pathname.startsWith("/__admin")
      ? handleAdminRequest(req, res, url)
      : url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)
        ? handleApi(req, res, url)
        : Promise.resolve(send(res, 404, failure(err.unknownRoute().errors)));
    task.catch((e) => {
      console.error("cloudflare emulator: request failed", e);
      send(res, 500, failure([{ code: 10002, message: "An unknown error has occurred" }]));
    });
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: `${origin}${API_PREFIX}`,
    adminUrl: `${origin}/__admin`,
    port,
    state: core.store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const wake of [...sleepers]) wake();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
    setFault: (fault) => core.faults.add(fault),
    removeFault: (id) => core.faults.remove(id),
    clearFaults: () => core.faults.clear(),
    faults: () => core.faults.list(),
    seed: (doc) => core.seed(doc),
    reset: () => core.reset(),
    stats: () => core.stats.snapshot(),
    resetStats: () => core.stats.reset(),
  };
}
