// The API's route handlers, called as Next calls them, against the Kubernetes and Cloudflare
// emulators, under any auth configuration: one live world is built, and each configuration is a
// copy of its runtime with other auth settings installed where getRuntime() finds it. Every response
// (status, headers, body) and every line written to the console is kept, so a test can search
// all of it for secrets.

import { demoSeedObjects, demoSeedRecords } from "../../emulators/demo/seed";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startDemoDoh } from "../../bin/demo-doh";
import { startCloudflareEmulator, type CloudflareEmulator } from "../../emulators/cloudflare/server";
import { startKubeEmulator, type AccessPolicy, type KubeEmulator } from "../../emulators/kube/server";
import { authSettingsFromEnv } from "../../lib/server/auth/config";
import { registerServer, unregisterServer, PEER_HEADER, type ServerBinding } from "../../lib/server/auth/peer";
import { forgetRuntime, installRuntime } from "../../lib/server/app-runtime";
import { createRuntime } from "../../lib/server/compose";
import { DohService } from "../../lib/server/doh";
import type { Runtime } from "../../lib/server/runtime";
import { settingsFromEnv } from "../../lib/server/settings";
import { installRedaction } from "../../lib/server/redact";

export const ORIGIN = "http://127.0.0.1:3000";

export interface Harness {
  cf: CloudflareEmulator;
  kube: KubeEmulator;
  base: Runtime;
  /** Every response and console line so far. */
  transcript: string[];
  /** Installs a runtime with these auth variables (and optional settings changes); returns it. */
  configure(env: Record<string, string>, opts?: { host?: string; writeToken?: string }): Runtime;
  close(): Promise<void>;
}


let binding: ServerBinding | undefined;

/** The header dnsdrift's server entry would have stamped for a connection from `address`. */
export function fromPeer(address: string): Record<string, string> {
  if (!binding) throw new Error("no server registered");
  return { [PEER_HEADER]: `${binding.nonce} ${address}` };
}

export async function startHarness(opts: { read: string; write: string; accessPolicy: AccessPolicy }): Promise<Harness> {
  const transcript: string[] = [];
  const cf = await startCloudflareEmulator({
    seed: demoSeedRecords(),
    tokens: { [opts.read]: { permissions: ["read"] }, [opts.write]: { permissions: ["read", "edit"] } },
  });
  const kube = await startKubeEmulator({ objects: demoSeedObjects(), accessPolicy: opts.accessPolicy });
  // Lookups go to a local DoH endpoint answering from the emulated zone, never to the network.
  const doh = await startDemoDoh(cf);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-security-"));
  fs.writeFileSync(path.join(tmp, "kubeconfig"), kube.kubeconfig());
  const saved = { ...process.env };
  Object.assign(process.env, {
    DNSDRIFT_MODE: "demo",
    KUBECONFIG: path.join(tmp, "kubeconfig"),
    CF_API_TOKEN: opts.read,
    CF_API_WRITE_TOKEN: opts.write,
    CF_API_BASE_URL: cf.url,
    DNSDRIFT_WRITES: "enabled",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_DOH_RESOLVERS: `demo=${doh.url}`,
    DNSDRIFT_AUDIT_DB: path.join(tmp, "audit.db"),
    DNSDRIFT_LEASE_NAMESPACE: "networking",
    // Tests switch faults on and expect the next forced refresh to see them.
    DNSDRIFT_FORCE_REFRESH_SECONDS: "0",
  });

  const restore = captureConsole(transcript);
  const base = await createRuntime(settingsFromEnv());

  return {
    cf,
    kube,
    base,
    transcript,
    configure(env, o = {}) {
      binding = registerServer(o.host ?? "127.0.0.1");
      const auth = authSettingsFromEnv(env);
      const cloudflare = o.writeToken ? { ...base.settings.cloudflare!, writeToken: o.writeToken } : base.settings.cloudflare;
      // Public-DNS results start over with each configuration (its DNSDRIFT_DOH_* variables).
      const rt: Runtime = { ...base, settings: { ...base.settings, cloudflare, auth }, doh: new DohService() };
      // As the runtime does when it is built from these settings.
      installRedaction(rt.settings);
      installRuntime(rt);
      return rt;
    },
    async close() {
      restore();
      forgetRuntime();
      base.audit.close();
      unregisterServer();
      process.env = saved;
      await base.world.close();
      await Promise.allSettled([cf.close(), kube.close(), doh.close()]);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Keeps every console line and every write to stdout/stderr, still passing them on. */
function captureConsole(into: string[]): () => void {
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      into.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      originals[i].apply(console, args);
    };
  });
  const writes = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = original as typeof stream.write;
    };
  });
  return () => {
    methods.forEach((m, i) => (console[m] = originals[i]));
    writes.forEach((undo) => undo());
  };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls a route handler and records what it answered. */
export async function call<T = Record<string, unknown>>(
  transcript: string[],
  // Route handlers differ in their second argument (the dynamic route params).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (req: Request, ctx: any) => Promise<Response> | Response,
  req: Request,
  ctx?: unknown,
): Promise<Answer<T>> {
  const res = await handler(req, ctx);
  const text = await res.text();
  transcript.push(`${req.method} ${req.url} → ${res.status} ${JSON.stringify([...res.headers])} ${text}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${req.method} ${req.url} answered ${res.status} without JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export function request(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Request {
  const url = new URL(pathname, ORIGIN);
  return new Request(url, {
    method: init.method ?? "GET",
    headers: { host: url.host, ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) } : {}),
  });
}
