// Faults at the edges, seen through GET /api/state: for each, the state says what failed, the
// rest still shows, and no plan containing deletes is produced from partial data. The seed's
// drift holds two deletes (old.example.com and its TXT), so a plan that kept them would show.

import { demoSeedObjects, demoSeedRecords } from "../emulators/demo/seed";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetRuntime, installRuntime } from "../lib/server/app-runtime";
import { startCloudflareEmulator, type CloudflareEmulator } from "../emulators/cloudflare/server";
import { startKubeEmulator, type KubeEmulator } from "../emulators/kube/server";
import { createRuntime } from "../lib/server/compose";
import { settingsFromEnv } from "../lib/server/settings";
import { stateResponse } from "../lib/server/responses";
import type { Runtime } from "../lib/server/runtime";
import type { StateResponse } from "../lib/api/types";
import { GET as readyz } from "../app/api/readyz/route";

const TOKEN = "faults-read-token-000000000000000000";

interface World {
  cf: CloudflareEmulator;
  kube: KubeEmulator;
  rt: Runtime;
  tmp: string;
}
let current: World | undefined;
const saved = { ...process.env };


async function start(opts: { token?: string; crds?: Record<string, boolean>; tokens?: Record<string, { permissions: ("read" | "edit")[] }> } = {}): Promise<World> {
  const cf = await startCloudflareEmulator({
    seed: demoSeedRecords(),
    tokens: { [TOKEN]: { permissions: ["read"] }, ...opts.tokens },
  });
  const kube = await startKubeEmulator({ objects: demoSeedObjects(), crds: opts.crds });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-faults-"));
  fs.writeFileSync(path.join(tmp, "kubeconfig"), kube.kubeconfig());
  Object.assign(process.env, {
    DNSDRIFT_MODE: "demo",
    KUBECONFIG: path.join(tmp, "kubeconfig"),
    CF_API_TOKEN: opts.token ?? TOKEN,
    CF_API_BASE_URL: cf.url,
    DNSDRIFT_CLOUDFLARE_TIMEOUT_MS: "500",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_AUDIT_DB: ":memory:",
    // These tests switch faults on and expect the next forced refresh to see them.
    DNSDRIFT_FORCE_REFRESH_SECONDS: "0",
  });
  const rt = await createRuntime(settingsFromEnv());
  current = { cf, kube, rt, tmp };
  return current;
}

afterEach(async () => {
  if (!current) return;
  const { cf, kube, rt, tmp } = current;
  current = undefined;
  process.env = { ...saved };
  forgetRuntime();
  await rt.world.close();
  await Promise.allSettled([cf.close(), kube.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function eventually(rt: Runtime, ok: (s: StateResponse) => boolean, ms = 8000): Promise<StateResponse> {
  const deadline = Date.now() + ms;
  let s = await stateResponse(rt, true);
  while (!ok(s) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    s = await stateResponse(rt, true);
  }
  return s;
}

const source = (s: StateResponse, id: string) => s.sources.find((x) => x.id === id);

/** What every fault must leave true: something failed visibly, the rest shows, no deletes. */
function expectPartialButUsable(s: StateResponse) {
  expect(s.complete).toBe(false);
  expect(s.writes.enabled).toBe(false);
  expect(s.instances[0]?.plan.summary.delete ?? 0).toBe(0);
}

describe("faults", () => {
  it("baseline: with everything healthy the seed's plan holds its two deletes", async () => {
    const { rt } = await start();
    const s = await eventually(rt, (x) => x.complete);
    expect(s.instances[0].plan.summary.delete).toBe(2);
  });

  it("Cloudflare 429 with retry-after: the zone is stale with its last records", async () => {
    const { rt, cf } = await start();
    await eventually(rt, (x) => x.complete);
    cf.setFault({ kind: "rateLimit", retryAfter: 120 });
    const s = await stateResponse(rt, true);
    expectPartialButUsable(s);
    const zone = source(s, "zone/example.com") ?? source(s, "cloudflare");
    expect(zone?.status).toBe("stale");
    expect(zone?.error).toMatchObject({ code: "rate-limited" });
    expect(zone?.error?.retryAfter).toBeGreaterThan(0);
    expect(s.instances[0].records.some((r) => r.name === "app.example.com")).toBe(true);
  });

  it("Cloudflare timeout: the zone is stale, the cluster view still shows", async () => {
    const { rt, cf } = await start();
    await eventually(rt, (x) => x.complete);
    cf.setFault({ kind: "delay", ms: 2000 });
    const s = await stateResponse(rt, true);
    expectPartialButUsable(s);
    const failed = s.sources.filter((x) => x.error?.code === "timeout");
    expect(failed.length).toBeGreaterThan(0);
    expect(s.instances[0].gateways.map((g) => g.name).sort()).toEqual(["envoy-external", "envoy-internal"]);
  });

  it("a bad Cloudflare token: unauthorized, no zone is treated as empty", async () => {
    const { rt } = await start({ token: "not-a-valid-token-000000000000000000" });
    const s = await eventually(rt, (x) => x.instances.length > 0 && x.sources.some((y) => y.kind === "cluster" && y.status === "ok"));
    expectPartialButUsable(s);
    expect(source(s, "cloudflare")).toMatchObject({ status: "error", error: { code: "unauthorized" } });
    // No zone loaded: nothing may be planned as a create either (that would be "the zone is empty").
    expect(s.instances[0].plan.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(JSON.stringify(s)).not.toContain("not-a-valid-token");
  });

  it("the API server becomes unreachable: the cluster is in error, Cloudflare still shows", async () => {
    const { rt, kube } = await start();
    await eventually(rt, (x) => x.complete);
    await kube.setFault({ type: "refuseConnections" });
    kube.dropWatches({ abrupt: true });
    const s = await eventually(rt, (x) => !x.complete);
    expectPartialButUsable(s);
    expect(source(s, "cluster")?.status).not.toBe("ok");
    expect(source(s, "zone/example.com")?.status).toBe("ok");
    await kube.setFault({ type: "acceptConnections" });
    const back = await eventually(rt, (x) => x.complete, 15_000);
    expect(back.complete).toBe(true);
  });

  it("a watch dropped mid-stream recovers and sees changes made meanwhile", async () => {
    const { rt, kube } = await start();
    await eventually(rt, (x) => x.complete);
    kube.dropWatches({ abrupt: true });
    kube.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "api");
    const s = await eventually(rt, (x) => x.complete && !x.instances[0].desired.some((d) => d.name === "api.example.com"), 15_000);
    expect(s.instances[0].desired.some((d) => d.name === "api.example.com")).toBe(false);
    expect(s.instances[0].plan.summary.delete).toBe(4);
  });

  it("the DNSEndpoint CRD is missing: that source is reported, the others show, no deletes", async () => {
    const { rt } = await start({ crds: { dnsendpoints: false } });
    const s = await eventually(rt, (x) => x.instances.length > 0 && source(x, "cluster/dnsendpoints")?.status === "missing");
    expectPartialButUsable(s);
    expect(source(s, "cluster/dnsendpoints")?.error?.code).toBe("crd-missing");
    expect(s.instances[0].desired.some((d) => d.name === "app.example.com")).toBe(true);
    // external.example.com is owned by the DNSEndpoint; without the CRD it must not be planned for deletion.
    expect(s.instances[0].records.find((r) => r.name === "external.example.com" && r.type === "CNAME")?.pending).toBeUndefined();
  });
});

describe("readiness (/readyz) when Cloudflare rejects the token", () => {
  const probe = async (rt: Runtime) => {
    installRuntime(rt);
    const res = await readyz();
    return { status: res.status, body: (await res.json()) as { status: string; error?: { code: string; message: string } } };
  };

  it("is ready with a token Cloudflare accepts", async () => {
    const { rt } = await start();
    await eventually(rt, (x) => x.complete);
    expect(await probe(rt)).toMatchObject({ status: 200, body: { status: "ready" } });
  });

  it.each([
    ["an unknown token (401)", "not-a-valid-token-000000000000000000", {}, /unauthorized|invalid|authenticat/i],
    ["a token without Zone:Read and DNS:Read (403)", "faults-no-permission-token-000000000", { "faults-no-permission-token-000000000": { permissions: [] } }, /./],
  ])("is not ready with %s, and says why", async (_, token, tokens, why) => {
    const { rt } = await start({ token, tokens });
    await eventually(rt, (x) => x.sources.some((y) => y.kind === "cloudflare" && y.status !== "loading" && y.status !== "ok"));
    const res = await probe(rt);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: "not-ready", error: { code: "cloudflare-token-rejected" } });
    expect(res.body.error!.message).toMatch(why);
    expect(JSON.stringify(res.body)).not.toContain(token);
  });
});
