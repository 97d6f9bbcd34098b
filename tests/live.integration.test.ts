// The server's live mode end to end, without the browser: the real client-node informers
// against the Kubernetes emulator, the real cloudflare SDK against the Cloudflare emulator,
// discovery of external-dns from its Deployment, and the state/plan/apply flow on top.

import { demoSeedObjects, demoSeedRecords } from "../emulators/demo/seed";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCloudflareEmulator, type CloudflareEmulator } from "../emulators/cloudflare/server";
import { startKubeEmulator, type KubeEmulator } from "../emulators/kube/server";
import { createRuntime } from "../lib/server/compose";
import { settingsFromEnv } from "../lib/server/settings";
import { stateResponse, findInstance, planResponseFor } from "../lib/server/responses";
import { applyPlan } from "../lib/server/apply";
import { cloudflareApplier } from "../lib/server/appliers";
import type { Runtime } from "../lib/server/runtime";
import type { ApplyResponse, PlanResponse } from "../lib/api/types";

const READ = "read-token-integration-000000000000";
const WRITE = "edit-token-integration-000000000000";


let cf: CloudflareEmulator;
let kube: KubeEmulator;
let rt: Runtime;
let tmp: string;
const saved = { ...process.env };

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T;
  do {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  return last;
}

beforeAll(async () => {
  cf = await startCloudflareEmulator({
    seed: demoSeedRecords(),
    tokens: { [READ]: { permissions: ["read"] }, [WRITE]: { permissions: ["read", "edit"] } },
  });
  kube = await startKubeEmulator({ objects: demoSeedObjects() });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-live-"));
  fs.writeFileSync(path.join(tmp, "kubeconfig"), kube.kubeconfig());
  Object.assign(process.env, {
    DNSDRIFT_MODE: "demo",
    KUBECONFIG: path.join(tmp, "kubeconfig"),
    CF_API_TOKEN: READ,
    CF_API_WRITE_TOKEN: WRITE,
    CF_API_BASE_URL: cf.url,
    DNSDRIFT_WRITES: "enabled",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_AUDIT_DB: ":memory:",
    // These tests change Cloudflare and expect the next forced refresh to list it again.
    DNSDRIFT_FORCE_REFRESH_SECONDS: "0",
  });
  rt = await createRuntime(settingsFromEnv());
});

afterAll(async () => {
  process.env = saved;
  await Promise.allSettled([cf?.close(), kube?.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("live mode against the emulators", () => {
  it("discovers external-dns from its Deployment and shows the seed's drift", async () => {
    const state = await eventually(() => stateResponse(rt, true), (s) => s.complete && s.instances.length === 1);
    expect(state.complete).toBe(true);
    const inst = state.instances[0];
    expect(inst.id).toBe("networking/external-dns");
    expect(inst.config).toMatchObject({ version: "v0.20.0", policy: "sync", ownerId: "default", txtPrefix: "k8s.", proxiedDefault: true });
    expect(inst.plan.summary).toEqual({ create: 2, update: 1, delete: 2 });
    const grafanaGateway = inst.gateways.find((g) => g.name === "envoy-internal")!;
    expect(grafanaGateway.processed).toBe(false);
    expect(inst.records.find((r) => r.name === "blog.example.com")?.state).toBe("blocked");
    expect(inst.records.find((r) => r.name === "shop.example.com" && r.type === "CNAME")?.state).toBe("other-owner");
  });

  it("reads the demo's Services through the live reader: a pending load balancer explains why status.example.com is missing", async () => {
    const state = await eventually(() => stateResponse(rt, true), (s) => (s.instances[0]?.services ?? []).length === 2);
    const inst = state.instances[0];
    expect(inst.services!.map((s) => s.resource).sort()).toEqual(["service/default/status", "service/networking/envoy-external"]);
    const status = inst.services!.find((s) => s.name === "status")!;
    expect(status).toMatchObject({ type: "LoadBalancer", hostnames: ["status.example.com"], records: [], proxied: null });
    expect(status.reasons.map((r) => r.code)).toContain("no-targets");
    expect(inst.hostnames.find((h) => h.name === "status.example.com")).toMatchObject({ verdict: "not-desired", resources: ["service/default/status"] });
  });

  it("shares one refresh between a hundred concurrent requests (single flight)", async () => {
    cf.resetStats();
    const states = await Promise.all(Array.from({ length: 100 }, () => stateResponse(rt, true)));
    const listings = cf.stats().byRoute["GET /zones/:zone_id/dns_records"] ?? 0;
    expect(listings).toBe(1);
    expect(new Set(states.map((s) => s.generatedAt)).size).toBe(1);
  });

  it("sees a new HTTPRoute arrive by watch", async () => {
    kube.apply({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "docs", namespace: "default" },
      spec: { parentRefs: [{ name: "envoy-external", namespace: "networking", sectionName: "https" }], hostnames: ["docs.example.com"] },
      status: { parents: [{ parentRef: { name: "envoy-external", namespace: "networking", sectionName: "https" }, conditions: [{ type: "Accepted", status: "True" }] }] },
    });
    const state = await eventually(() => stateResponse(rt), (s) => s.instances[0].desired.some((d) => d.name === "docs.example.com"));
    expect(state.instances[0].desired).toContainEqual(expect.objectContaining({ name: "docs.example.com", resource: "httproute/default/docs" }));
    kube.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "docs");
    await eventually(() => stateResponse(rt), (s) => !s.instances[0].desired.some((d) => d.name === "docs.example.com"));
  });

  it("refuses a stale hash, then applies the reviewed plan and re-plans to no changes", async () => {
    const { c, ir } = await findInstance(rt, null, true);
    const plan: PlanResponse = planResponseFor(c, ir!);
    const stale = await applyPlan(rt, { hash: "0".repeat(32), confirm: plan.confirmation?.phrase }, cloudflareApplier(rt));
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.plan.hash).toBe(plan.hash);

    const unconfirmed = await applyPlan(rt, { hash: plan.hash }, cloudflareApplier(rt));
    expect(unconfirmed.status).toBe(422);

    const res = await applyPlan(rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, cloudflareApplier(rt));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApplyResponse;
    expect(body.ok).toBe(true);
    expect(body.results.map((r) => r.status)).toEqual(plan.changes.map(() => "applied"));

    const after = await stateResponse(rt, true);
    expect(after.instances[0].plan.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(after.instances[0].records.find((r) => r.name === "app.example.com" && r.type === "CNAME")).toMatchObject({ proxied: true, state: "in-sync" });
  });

  it("marks a zone stale during a Cloudflare outage and withholds deletes and writes", async () => {
    kube.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "web");
    await eventually(() => stateResponse(rt, true), (s) => s.instances[0].plan.summary.delete > 0);
    const fault = cf.setFault({ kind: "serverError", status: 500 });
    try {
      const state = await stateResponse(rt, true);
      expect(state.complete).toBe(false);
      expect(state.sources.find((s) => s.id === "zone/example.com")?.status).toBe("stale");
      expect(state.writes.enabled).toBe(false);
      expect(state.instances[0].plan.summary.delete).toBe(0);
      expect(state.instances[0].records.length).toBeGreaterThan(0);
    } finally {
      cf.removeFault(fault);
    }
    const recovered = await stateResponse(rt, true);
    expect(recovered.complete).toBe(true);
    expect(recovered.instances[0].plan.summary.delete).toBe(2);
  });
});
