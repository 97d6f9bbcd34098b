// Drift history end to end on the demo: the server in live mode against the Kubernetes emulator
// (changed with the real kubectl) and the Cloudflare emulator (its account audit log seeded with
// the demo's hand-made edits). Who changed what is read the way it is in production: managedFields
// and Events from the API server, the account audit log through the cloudflare SDK, and
// dnsdrift's own audit trail.

import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCloudflareEmulator, type CloudflareEmulator } from "../emulators/cloudflare/server";
import { demoSeedAuditLogs, demoSeedObjects, demoSeedRecords } from "../emulators/demo/seed";
import { startKubeEmulator, type KubeEmulator } from "../emulators/kube/server";
import type { HistoryEntryJSON, HistoryResponse, PlanResponse } from "../lib/api/types";
import { cloudflareApplier } from "../lib/server/appliers";
import { applyPlan } from "../lib/server/apply";
import { historyResponse } from "../lib/server/history/http";
import { createRuntime } from "../lib/server/compose";
import { findInstance, planResponseFor, stateResponse } from "../lib/server/responses";
import type { Runtime } from "../lib/server/runtime";
import { settingsFromEnv } from "../lib/server/settings";

const run = promisify(execFile);
const READ = "read-audit-token-history-000000000000";
const READ_NO_AUDIT = "read-only-token-history-0000000000000";
const WRITE = "edit-token-history-00000000000000000000";
const HAND = "hand-edit-token-history-000000000000000";

let cf: CloudflareEmulator;
let kube: KubeEmulator;
let tmp: string;
let receiver: http.Server;
const webhookBodies: string[] = [];
const runtimes: Runtime[] = [];
const saved = { ...process.env };

async function kubectl(...args: string[]): Promise<string> {
  try {
    return (await run("kubectl", ["--kubeconfig", path.join(tmp, "kubeconfig"), ...args], { encoding: "utf8" })).stdout;
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === "ENOENT") throw new Error("this test needs the kubectl binary on PATH");
    throw new Error(`kubectl ${args.join(" ")}: ${err.stderr ?? err.message}`);
  }
}

async function start(env: Record<string, string>): Promise<Runtime> {
  Object.assign(process.env, env);
  const rt = await createRuntime(settingsFromEnv());
  runtimes.push(rt);
  return rt;
}

async function refreshed(rt: Runtime): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await stateResponse(rt, true)).complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await rt.history!.recorder.idle();
}

async function history(rt: Runtime, query: string): Promise<HistoryEntryJSON[]> {
  const res = historyResponse(new URL(`http://x/api/history?${query}`), rt.history!.store);
  expect(res.status).toBe(200);
  return ((await res.json()) as HistoryResponse).entries;
}

async function until(rt: Runtime, query: string, ok: (e: HistoryEntryJSON[]) => boolean): Promise<HistoryEntryJSON[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await refreshed(rt);
    const entries = await history(rt, query);
    if (ok(entries) || Date.now() > deadline) return entries;
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  cf = await startCloudflareEmulator({
    seed: demoSeedRecords(),
    tokens: {
      [READ]: { permissions: ["read", "audit"] },
      [READ_NO_AUDIT]: { permissions: ["read"] },
      [WRITE]: { permissions: ["read", "edit"], actor: { email: "dnsdrift@example.com" } },
      [HAND]: { permissions: ["read", "edit"], actor: { email: "carol@example.com" }, interface: "UI" },
    },
    auditLogs: demoSeedAuditLogs(),
  });
  kube = await startKubeEmulator({ objects: demoSeedObjects() });
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      webhookBodies.push(body);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-history-"));
  fs.writeFileSync(path.join(tmp, "kubeconfig"), kube.kubeconfig());
  Object.assign(process.env, {
    DNSDRIFT_MODE: "demo",
    KUBECONFIG: path.join(tmp, "kubeconfig"),
    CF_API_WRITE_TOKEN: WRITE,
    CF_API_BASE_URL: cf.url,
    DNSDRIFT_WRITES: "enabled",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_AUDIT_DB: ":memory:",
  });
});

afterAll(async () => {
  await Promise.allSettled(runtimes.map((rt) => rt.world.close()));
  for (const rt of runtimes) rt.history?.store.close();
  process.env = saved;
  await Promise.allSettled([cf?.close(), kube?.close(), new Promise((r) => receiver?.close(r))]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("drift history on the demo", () => {
  let rt: Runtime;
  const db = () => path.join(tmp, "history.db");

  beforeAll(async () => {
    rt = await start({
      CF_API_TOKEN: READ,
      DNSDRIFT_HISTORY_DB: db(),
      DNSDRIFT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    });
    await refreshed(rt);
  });

  it("announces nothing for the drift found on the first look", async () => {
    await rt.history!.webhook!.idle();
    expect(webhookBodies).toEqual([]);
  });

  it("app.example.com: the switch to DNS-only is attributed to ops@example.com in the dashboard", async () => {
    const entries = await history(rt, "hostname=app.example.com");
    const cname = entries.find((e) => e.type === "CNAME")!;
    expect(cname).toMatchObject({ from: "unknown", to: "drifted" });
    const cause = cname.causes.find((c) => c.code === "record-seen")!;
    expect(cause).toMatchObject({ actor: "ops@example.com", via: "dashboard", changedAt: "2026-12-01T14:02:37Z" });
  });

  it("blog.example.com: created by hand, attributed from the audit log", async () => {
    const entries = await history(rt, "hostname=blog.example.com");
    const a = entries.find((e) => e.type === "A")!;
    expect(a.causes.find((c) => c.code === "record-seen")).toMatchObject({ actor: "alice@example.com", via: "dashboard" });
  });

  it("kubectl label on the internal Gateway: grafana.example.com goes from not published to missing, by kubectl-label, with the Gateway's Events", async () => {
    kube.apply({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "envoy-internal.1", namespace: "networking" },
      involvedObject: { kind: "Gateway", name: "envoy-internal", namespace: "networking", apiVersion: "gateway.networking.k8s.io/v1" },
      reason: "Programmed",
      message: "Gateway programmed by envoy",
      type: "Normal",
      lastTimestamp: "2026-12-01T10:00:00Z",
    });
    await kubectl("label", "gateway", "envoy-internal", "-n", "networking", "external-dns.alpha.kubernetes.io/enabled=true");
    const entries = await until(rt, "hostname=grafana.example.com", (es) => es.some((e) => e.to === "missing"));
    const t = entries.find((e) => !e.type && e.to === "missing")!;
    expect(t.from).toBe("not-published");
    const cause = t.causes.find((c) => c.code === "object-changed")!;
    expect(cause).toMatchObject({
      resource: "gateway/networking/envoy-internal",
      field: ["metadata", "labels", "external-dns.alpha.kubernetes.io/enabled"],
      manager: "kubectl-label",
      via: "Update",
    });
    expect(Date.now() - Date.parse(cause.changedAt!)).toBeLessThan(120_000);
    expect(cause.events).toContainEqual(expect.objectContaining({ reason: "Programmed", message: "Gateway programmed by envoy" }));
    expect(t.causes.some((c) => c.code === "gateway-label-filter" && c.message.startsWith("no longer:"))).toBe(true);

    // New drift: announced once on the webhook, Slack-compatible, with who did it, no token.
    await rt.history!.webhook!.idle();
    const grafana = webhookBodies.filter((b) => b.includes("grafana.example.com"));
    expect(grafana).toHaveLength(1);
    const msg = JSON.parse(grafana[0]) as { text: string };
    expect(msg.text).toContain("is now *missing*");
    expect(msg.text).toContain("by kubectl-label");
    for (const b of webhookBodies) for (const token of [READ, WRITE, HAND]) expect(b).not.toContain(token);
  });

  it("a proxied switch made by hand later is attributed to whoever the audit log names", async () => {
    const zone = cf.state.zones.values().next().value!;
    const api = [...zone.records.values()].find((r) => r.name === "api.example.com" && r.type === "CNAME")!;
    const res = await fetch(`${cf.url}/zones/${zone.id}/dns_records/${api.id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${HAND}`, "Content-Type": "application/json" },
      body: JSON.stringify({ proxied: !api.proxied }),
    });
    expect(res.status).toBe(200);
    const entries = await until(rt, "hostname=api.example.com", (es) => es.some((e) => e.type === "CNAME" && e.to === "drifted"));
    const t = entries.find((e) => e.type === "CNAME" && e.to === "drifted")!;
    expect(t.from).toBe("in-sync");
    expect(t.causes.find((c) => c.code === "record-changed")).toMatchObject({ actor: "carol@example.com", via: "dashboard" });
  });

  it("a record deleted by hand is attributed to whoever deleted it", async () => {
    const zone = cf.state.zones.values().next().value!;
    const blog = [...zone.records.values()].find((r) => r.name === "blog.example.com" && r.type === "A")!;
    const res = await fetch(`${cf.url}/zones/${zone.id}/dns_records/${blog.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${HAND}` } });
    expect(res.status).toBe(200);
    const deleted = (e: HistoryEntryJSON) => e.type === "A" && e.causes.some((c) => c.code === "record-deleted");
    const entries = await until(rt, "hostname=blog.example.com", (es) => es.some(deleted));
    expect(entries.find(deleted)!.causes.find((c) => c.code === "record-deleted")).toMatchObject({ actor: "carol@example.com", via: "dashboard" });
  });

  it("dnsdrift's own apply is attributed from its audit trail", async () => {
    const { c, ir } = await findInstance(rt, null, true);
    const plan: PlanResponse = planResponseFor(c, ir!);
    const res = await applyPlan(rt, { hash: plan.hash, confirm: plan.confirmation?.phrase }, cloudflareApplier(rt), {
      name: "dana",
      email: "dana@example.com",
      groups: [],
      role: "approver",
      via: "token",
    });
    expect(res.status).toBe(200);
    const entries = await until(rt, "hostname=web.example.com", (es) => es.some((e) => e.type && e.from === "missing"));
    const t = entries.find((e) => e.type && e.from === "missing")!;
    expect(t.to).toBe("in-sync");
    expect(t.causes.find((c) => c.code === "record-created")).toMatchObject({ actor: "dana@example.com", via: expect.stringMatching(/^dnsdrift apply #\d+$/) });
  });

  it("a route status written by its controller: the change is the controller's, on the status subresource", async () => {
    const status = {
      status: {
        parents: [
          {
            parentRef: { name: "envoy-external", namespace: "networking", sectionName: "https" },
            controllerName: "gateway.envoyproxy.io/gatewayclass-controller",
            conditions: [{ type: "Accepted", status: "False", reason: "NotAllowedByListeners", message: "no listener allows it", lastTransitionTime: "2026-12-06T00:00:00Z" }],
          },
        ],
      },
    };
    await kubectl("patch", "httproute", "api", "-n", "default", "--subresource=status", "--type=merge", "--field-manager=envoy-gateway", "-p", JSON.stringify(status));
    const byStatus = (e: HistoryEntryJSON) => !e.type && e.causes.some((c) => c.field?.[0] === "status");
    const entries = await until(rt, "hostname=api.example.com", (es) => es.some(byStatus));
    const t = entries.find(byStatus)!;
    expect(t).toMatchObject({ from: "in-sync", to: "orphaned" });
    expect(t.causes.find((c) => c.code === "object-changed")).toMatchObject({
      resource: "httproute/default/api",
      field: ["status", "parents"],
      manager: "envoy-gateway",
      via: "Update (status)",
    });
  });

  it("survives a restart: the same data records nothing new, and the history is still there", async () => {
    await refreshed(rt);
    const before = rt.history!.store.count();
    await rt.world.close();
    rt.history!.store.close();
    const again = await start({ CF_API_TOKEN: READ, DNSDRIFT_HISTORY_DB: db() });
    await refreshed(again);
    expect(again.history!.store.count()).toBe(before);
    expect((await history(again, "hostname=grafana.example.com")).some((e) => e.to === "missing")).toBe(true);
  });

  it("without the audit-log permission: the actor is unknown and says why, nothing fails", async () => {
    const other = await start({ CF_API_TOKEN: READ_NO_AUDIT, DNSDRIFT_HISTORY_DB: path.join(tmp, "history-noaudit.db") });
    await refreshed(other);
    const state = await stateResponse(other);
    expect(state.complete).toBe(true);
    // shop.example.com belongs to another external-dns: first seen as such, its record's actor unknown.
    const shop = (await history(other, "hostname=shop.example.com")).find((e) => e.type === "CNAME")!;
    expect(shop.to).toBe("other-owner");
    expect(shop.causes.find((c) => c.records)?.actor).toBe("actor unknown: the token cannot read audit logs");
  });

  it("a history database that cannot be opened turns the history off, not the dashboard", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      // Below a regular file: the directory cannot be created.
      const broken = await start({ CF_API_TOKEN: READ, DNSDRIFT_HISTORY_DB: path.join(tmp, "kubeconfig", "history.db") });
      expect(broken.history).toBeUndefined();
      expect((await stateResponse(broken, true)).instances).toHaveLength(1);
      expect(historyResponse(new URL("http://x/api/history"), broken.history?.store).status).toBe(503);
    } finally {
      console.error = original;
    }
    expect(errors.join("\n")).toMatch(/the drift history is off: cannot open .*history\.db/);
  });
});
