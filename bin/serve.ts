// dnsdrift's server entry (`npm start`, `npm run dev`, the demo): Next.js behind a plain Node
// HTTP server, for two things Next's own server cannot do. It checks the configuration before
// listening, so DNSDRIFT_AUTH_MODE=none on a non-loopback address refuses to start; and it
// stamps every request with the socket's peer address (lib/server/auth/peer.ts), which proxy
// mode needs to tell the trusted auth proxy from anyone else. Every request also passes the
// request gate first (odd paths, methods and bodies get JSON errors, lib/server/request-gate.ts),
// every response carries the security headers, and every console line is redacted.
//
//   node dist/bin/serve.cjs [--dev] [--hostname 127.0.0.1] [--port 3000]   (built by scripts/build-bin.mjs)
//   node --import tsx bin/serve.ts …                                      (from the sources)

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { authWarnings, checkListenAddress } from "../lib/server/auth/config";
import { registerServer, stampPeer } from "../lib/server/auth/peer";
import { getRuntime, installRuntime } from "../lib/server/app-runtime";
import { createRuntime } from "../lib/server/compose";
import { directRoute, serveDirect } from "./direct-routes";
import { handToNext, heapEnv, listenEnv, settingsFromEnv } from "../lib/server/settings";
import { packageRoot } from "./package-root";
import { errorId } from "../lib/server/http";
import { installRedaction, redact, redactConsole } from "../lib/server/redact";
import { gate } from "../lib/server/request-gate";
import { applyHeapGrowth } from "../lib/server/heap-growth";
import { STATIC_SECURITY_HEADERS } from "../lib/server/security-headers";

/** How long an idle keep-alive connection stays open: longer than the dashboard's poll interval. */
export const KEEP_ALIVE_MS = 65_000;

interface ServeOptions {
  dev: boolean;
  host: string;
  port: number;
}

export function parseServeArgs(argv: string[], env: Record<string, string | undefined>): ServeOptions {
  const opts: ServeOptions = { dev: false, host: env.HOST || "127.0.0.1", port: Number(env.PORT || "3000") };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--dev") opts.dev = true;
    else if (arg === "--hostname" || arg === "-H") opts.host = value();
    else if (arg === "--port" || arg === "-p") opts.port = Number(value());
    else throw new Error(`unknown argument "${arg}" (use --dev, --hostname HOST, --port PORT)`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`the port must be 0–65535, got "${opts.port}"`);
  return opts;
}

async function main(): Promise<void> {
  const opts = parseServeArgs(process.argv.slice(2), listenEnv());
  // Before anything is loaded or computed: collect garbage well before the heap is 4× what is alive.
  applyHeapGrowth(heapEnv());
  const binding = registerServer(opts.host);
  const settings = settingsFromEnv();
  installRedaction(settings);
  redactConsole();
  checkListenAddress(settings.auth, opts.host);
  for (const w of authWarnings(settings.auth)) console.warn(`dnsdrift: warning: ${w}`);
  // The composition root: this process's one runtime, made from the settings just checked and
  // found by every route handler through getRuntime(). It is created now (the cluster watches
  // start syncing while Next loads); a failure is logged here and retried by the next request.
  installRuntime(() => createRuntime(settings));
  void getRuntime().catch((e: unknown) => console.error(`dnsdrift: the runtime could not start (retried on the next request): ${(e as Error).message}`));

  // React and Next pick their build flavour from NODE_ENV, read when they load.
  const forNext: Record<string, string> = { NODE_ENV: opts.dev ? "development" : "production" };
  // The build's recorded config is what the container's standalone server runs with too; handing
  // it to Next here (as Next's own standalone server does) runs the same build the same way, and
  // Next then knows it is not a plain `next start` of a standalone build, which it warns about.
  const recorded = path.join(packageRoot(), ".next", "required-server-files.json");
  if (!opts.dev && fs.existsSync(recorded)) {
    forNext.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify((JSON.parse(fs.readFileSync(recorded, "utf8")) as { config: unknown }).config);
  }
  handToNext(forNext);
  const { default: next } = await import("next");
  const server = http.createServer();
  // The dashboard polls every 15 s, longer than Node's 5 s keep-alive default: each poll opened
  // a new connection, and after any pause (a refresh's busy seconds) a crowd of them at once,
  // which the server accepted slowly while busy. Idle connections are kept for a minute.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  const app = next({ dev: opts.dev, dir: packageRoot(), hostname: opts.host, port: opts.port, httpServer: server });
  await app.prepare();
  const handler = app.getRequestHandler();
  server.on("request", (req, res) => {
    for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) res.setHeader(k, v);
    const refused = gate({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers });
    if (refused) {
      res.writeHead(refused.status, refused.headers);
      res.end(req.method === "HEAD" ? undefined : refused.body);
      req.resume();
      return;
    }
    stampPeer(req, binding);
    const direct = opts.dev ? undefined : directRoute(req.method ?? "GET", new URL(req.url ?? "/", "http://localhost").pathname);
    (direct ? serveDirect(req, res, direct) : handler(req, res)).catch((e: unknown) => {
      const id = errorId();
      console.error(redact(`dnsdrift: error ${id} (${req.method} ${req.url}): ${(e as Error).message}`));
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "internal", message: `internal error (id ${id}); the server log has the details`, id } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  const shown = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  console.log(`dnsdrift: listening on http://${shown}:${port} (auth: ${settings.auth.mode}${opts.dev ? ", development" : ""})`);

  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

// Run when started as a program (built to CommonJS, or loaded as CommonJS by tsx), not when a
// test imports it.
if (typeof require !== "undefined" && require.main === module) {
  main().catch((e: unknown) => {
    console.error(`dnsdrift: ${(e as Error).message}`);
    process.exit(2);
  });
}
