// A refresh flood against the real route handlers, counted at the Cloudflare emulator: forced
// refreshes from many clients share one listing per period, a budget of calls per 5 minutes
// makes dnsdrift back off before Cloudflare's own limit, and while Cloudflare rate-limits (429)
// writes are off with the reason in the API.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetRuntime, installRuntime } from "../lib/server/app-runtime";
import { GET as metrics } from "../app/metrics/route";
import { POST as apply } from "../app/api/apply/route";
import { GET as session } from "../app/api/session/route";
import { GET as state } from "../app/api/state/route";
import { demoSeedObjects, demoSeedRecords } from "../emulators/demo/seed";
import { startCloudflareEmulator, type CloudflareEmulator } from "../emulators/cloudflare/server";
import { startKubeEmulator, type KubeEmulator } from "../emulators/kube/server";
import type { SessionResponse } from "../lib/api/session";
import type { StateResponse } from "../lib/api/types";
import { registerServer, unregisterServer } from "../lib/server/auth/peer";
import { createRuntime } from "../lib/server/compose";
import type { Runtime } from "../lib/server/runtime";
import { settingsFromEnv } from "../lib/server/settings";
import { call, ORIGIN, request } from "./support/security-harness";

const READ = "flood-read-token-0000000000000000000";
const WRITE = "flood-edit-token-0000000000000000000";
const saved = { ...process.env };
let env: { cf: CloudflareEmulator; kube: KubeEmulator; rt: Runtime; tmp: string } | undefined;
const transcript: string[] = [];

async function start(extra: Record<string, string>): Promise<{ cf: CloudflareEmulator; rt: Runtime }> {
  const cf = await startCloudflareEmulator({
    seed: demoSeedRecords(),
    tokens: { [READ]: { permissions: ["read"] }, [WRITE]: { permissions: ["read", "edit"] } },
  });
  const kube = await startKubeEmulator({ objects: demoSeedObjects() });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-flood-"));
  fs.writeFileSync(path.join(tmp, "kubeconfig"), kube.kubeconfig());
  Object.assign(process.env, {
    DNSDRIFT_MODE: "demo",
    KUBECONFIG: path.join(tmp, "kubeconfig"),
    CF_API_TOKEN: READ,
    CF_API_WRITE_TOKEN: WRITE,
    CF_API_BASE_URL: cf.url,
    DNSDRIFT_WRITES: "enabled",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_AUDIT_DB: path.join(tmp, "audit.db"),
    DNSDRIFT_LEASE_NAMESPACE: "networking",
    ...extra,
  });
  registerServer("127.0.0.1");
  const rt = await createRuntime(settingsFromEnv());
  installRuntime(rt);
  env = { cf, kube, rt, tmp };
  // The first listing, so the flood below starts from a dashboard in use.
  await call(transcript, state, request("/api/state"));
  return { cf, rt };
}

afterEach(async () => {
  if (!env) return;
  const { cf, kube, rt, tmp } = env;
  env = undefined;
  process.env = { ...saved };
  forgetRuntime();
  unregisterServer();
  await rt.world.close();
  await Promise.allSettled([cf.close(), kube.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** `clients` loops of GET /api/state?refresh=1 for `ms`; returns how many requests were answered. */
async function flood(clients: number, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let answered = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const res = await call(transcript, state, request("/api/state?refresh=1"));
        expect(res.status).toBe(200);
        answered++;
      }
    }),
  );
  return answered;
}

/** Calls charged to the token: GET /ips (the edge ranges, fetched once at start) needs none. */
const charged = (cf: { stats(): { total: number; byRoute: Record<string, number> } }) => cf.stats().total - (cf.stats().byRoute["GET /ips"] ?? 0);

describe("a refresh flood", () => {
  it("costs at most one Cloudflare listing per DNSDRIFT_FORCE_REFRESH_SECONDS, across all clients", async () => {
    const { cf } = await start({ DNSDRIFT_FORCE_REFRESH_SECONDS: "1" });
    cf.resetStats();
    const answered = await flood(16, 3000);
    const calls = charged(cf);
    expect(answered).toBeGreaterThan(100);
    // One listing here is the zone list and the zone's one page of records: 2 calls, at most
    // one listing per second of the flood (plus one at each edge).
    expect(calls).toBeLessThanOrEqual(2 * (3 + 1));
    expect(calls).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it("backs off past the soft limit of DNSDRIFT_CLOUDFLARE_BUDGET: forced refreshes stop calling", async () => {
    const { cf } = await start({ DNSDRIFT_FORCE_REFRESH_SECONDS: "0", DNSDRIFT_CLOUDFLARE_BUDGET: "20", DNSDRIFT_CLOUDFLARE_BUDGET_SOFT: "8" });
    await flood(8, 2000);
    // The soft limit is reached by whole listings; nothing is called once it is.
    expect(charged(cf)).toBeLessThanOrEqual(8 + 2 + 1);
    const s = (await call<StateResponse>(transcript, state, request("/api/state?refresh=1"))).body;
    expect(s.cloudflareBudget).toMatchObject({ limit: 20, softLimit: 8, level: "backing-off" });
    expect(s.cloudflareBudget!.used).toBeGreaterThanOrEqual(8);
    const text = await (await metrics()).text();
    expect(text).toMatch(/^dnsdrift_cloudflare_budget_used (8|9|10|11)$/m);
    expect(text).toMatch(/^dnsdrift_cloudflare_budget_limit\{limit="soft"\} 8$/m);
    expect(text).toMatch(/^dnsdrift_cloudflare_budget_limit\{limit="hard"\} 20$/m);
  }, 30_000);

  it("turns writes off while Cloudflare rate-limits (429), with the reason in the API", async () => {
    const { cf } = await start({ DNSDRIFT_FORCE_REFRESH_SECONDS: "0" });
    const before = (await call<StateResponse>(transcript, state, request("/api/state"))).body;
    expect(before.writes.enabled).toBe(true);
    cf.setFault({ kind: "rateLimit", retryAfter: 120 });
    const s = (await call<StateResponse>(transcript, state, request("/api/state?refresh=1"))).body;
    expect(s.writes).toMatchObject({ enabled: false, code: "cloudflare-budget" });
    expect(s.writes.reason).toMatch(/rate-limiting.*429/);
    expect(s.cloudflareBudget?.rateLimitedUntil).toBeDefined();
    // Even once the fault is gone, nothing is asked or written until the wait is over.
    cf.clearFaults();
    cf.resetStats();
    const me = (await call<SessionResponse>(transcript, session, request("/api/session"))).body;
    const refused = await call(transcript, apply, request("/api/apply", { method: "POST", headers: { origin: ORIGIN, "x-csrf-token": me.csrf }, body: { hash: "x" } }));
    expect([refused.status, (refused.body as { error: { code: string } }).error.code]).toEqual([403, "cloudflare-budget"]);
    await flood(4, 500);
    expect(charged(cf)).toBe(0);
  }, 30_000);
});
