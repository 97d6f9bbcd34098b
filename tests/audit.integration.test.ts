// Safe writes end to end against the emulators: every apply leaves a complete audit entry in
// SQLite (written before and after), Kubernetes Events on the objects behind the changes, and
// a per-zone Lease that lets one replica apply at a time.

import { demoSeedObjects, demoSeedRecords } from "../emulators/demo/seed";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCloudflareEmulator, type CloudflareEmulator } from "../emulators/cloudflare/server";
import { startKubeEmulator, type KubeEmulator } from "../emulators/kube/server";
import type { ApplyResponse, AuditEntry, PlanResponse } from "../lib/api/types";
import { applyRecordChanges } from "../lib/cloudflare/apply";
import { buildApplyContext, type ApplyContext } from "../lib/server/apply-context";
import { applyPlan, type Actor, type Applier } from "../lib/server/apply";
import { cloudflareApplier } from "../lib/server/appliers";
import { AuditStore } from "../lib/server/audit/store";
import { leaseNameFor } from "../lib/server/lease";
import { createRuntime } from "../lib/server/compose";
import { findInstance, planResponseFor } from "../lib/server/responses";
import type { Runtime } from "../lib/server/runtime";
import { settingsFromEnv } from "../lib/server/settings";

const READ = "read-token-audit-0000000000000000";
const WRITE = "edit-token-audit-0000000000000000";
const KUBE_TOKEN = "kube-token-audit-000000000000000";
const LEASE_NS = "networking";
const ALICE: Actor = { name: "alice", email: "alice@example.com", groups: ["dns-admins"], role: "approver", via: "proxy" };
const BOB: Actor = { name: "bob", groups: ["dns-admins"], role: "approver", via: "token" };


let cf: CloudflareEmulator;
let kube: KubeEmulator;
let base: Runtime;
let tmp: string;
const saved = { ...process.env };
const stores: AuditStore[] = [];

interface Replica {
  rt: Runtime;
  ctx: ApplyContext;
  logs: string[];
}

/** A "replica": its own runtime object, audit store and holder identity, sharing the world. */
function replica(name: string, auditFile = path.join(tmp, `${name}-${Math.random().toString(16).slice(2)}.db`)): Replica {
  const logs: string[] = [];
  const audit = AuditStore.open(auditFile);
  stores.push(audit);
  const ctx = buildApplyContext({ mode: "demo", audit, replica: name, log: (l) => logs.push(l) });
  const rt: Runtime = { ...base, apply: ctx };
  return { rt, ctx, logs };
}

async function currentPlan(rt: Runtime = base): Promise<PlanResponse> {
  const { c, ir } = await findInstance(rt, null, true);
  return planResponseFor(c, ir!);
}

/** What appliers.ts does, plus per-change progress (what lets an interrupted entry show what landed). */
function progressApplier(): Applier {
  return (changes, opts) =>
    applyRecordChanges({ token: WRITE, baseURL: cf.url, changes, onProgress: (r) => opts?.onResult?.(r.index, r) });
}

/** Holds the apply inside the applier until `open()`: for overlapping approvals. */
function gated(inner: Applier) {
  let open!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const inside = new Promise<void>((r) => (entered = r));
  const applier: Applier = async (changes, opts) => {
    entered();
    await gate;
    return inner(changes, opts);
  };
  return { applier, inside, open };
}

const eventsBy = (replicaName: string) =>
  kube.objects("v1", "Event").filter((e) => (e as { reportingInstance?: string }).reportingInstance === replicaName) as unknown as {
    involvedObject: { apiVersion: string; kind: string; namespace: string; name: string; uid?: string };
    reason: string;
    type: string;
    message: string;
    metadata: { namespace: string };
  }[];

const lease = () => kube.get("coordination.k8s.io/v1", "Lease", LEASE_NS, leaseNameFor("example.com")) as unknown as
  | { spec: { holderIdentity?: string; renewTime?: string; leaseTransitions?: number } }
  | undefined;

beforeAll(async () => {
  cf = await startCloudflareEmulator({
    seed: demoSeedRecords(),
    tokens: { [READ]: { permissions: ["read"] }, [WRITE]: { permissions: ["read", "edit"] } },
  });
  kube = await startKubeEmulator({ objects: demoSeedObjects(), token: KUBE_TOKEN });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-audit-"));
  fs.writeFileSync(path.join(tmp, "kubeconfig"), kube.kubeconfig());
  Object.assign(process.env, {
    DNSDRIFT_MODE: "demo",
    KUBECONFIG: path.join(tmp, "kubeconfig"),
    CF_API_TOKEN: READ,
    CF_API_WRITE_TOKEN: WRITE,
    CF_API_BASE_URL: cf.url,
    DNSDRIFT_WRITES: "enabled",
    DNSDRIFT_DOH: "off",
    DNSDRIFT_LEASE_NAMESPACE: LEASE_NS,
    // These tests change Cloudflare and expect the next forced refresh to list it again.
    DNSDRIFT_FORCE_REFRESH_SECONDS: "0",
  });
  base = await createRuntime(settingsFromEnv());
  const deadline = Date.now() + 10_000;
  while (!(await findInstance(base, null, true)).c.complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
});

beforeEach(() => {
  cf.reset();
  kube.setForbidden([]);
});

afterAll(async () => {
  process.env = saved;
  stores.forEach((s) => s.close());
  await Promise.allSettled([cf?.close(), kube?.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the audit trail of an apply", () => {
  it("records who approved, the plan, every change and Cloudflare's answer, and Events on the objects", async () => {
    const a = replica("replica-ok");
    const plan = await currentPlan(a.rt);
    expect(plan.changes).toHaveLength(5);
    const res = await applyPlan(a.rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, cloudflareApplier(a.rt), ALICE);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApplyResponse;
    expect(body.ok).toBe(true);

    const { entries } = a.ctx.audit.list();
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(body.auditId).toBe(entry.id);
    expect(entry).toMatchObject({
      instance: "networking/external-dns",
      planHash: plan.hash,
      actor: ALICE,
      outcome: "ok",
      zones: ["example.com"],
      replica: "replica-ok",
      counts: { applied: 5, failed: 0, skipped: 0, unknown: 0 },
    });
    expect(Date.parse(entry.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(entry.approvedAt));
    expect(entry.changes.map((c) => ({ index: c.index, action: c.action, zone: c.zone, name: c.name, type: c.type, content: c.content, previous: c.previous, resource: c.resource }))).toEqual(
      plan.changes.map((c, index) => ({ index, action: c.action, zone: c.zone, name: c.name, type: c.type, content: c.content, previous: c.previous, resource: c.resource })),
    );
    for (const c of entry.changes) {
      expect(c.status).toBe("applied");
      expect(c.message).toMatch(/^(created|updated|deleted) /);
    }

    const events = eventsBy("replica-ok");
    const web = kube.get("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "web")!;
    const onWeb = events.find((e) => e.involvedObject.kind === "HTTPRoute" && e.involvedObject.name === "web")!;
    expect(onWeb).toMatchObject({
      reason: "DNSApplied",
      type: "Normal",
      metadata: { namespace: "default" },
      involvedObject: { apiVersion: "gateway.networking.k8s.io/v1", namespace: "default", uid: web.metadata.uid },
    });
    expect(onWeb.message).toContain("alice <alice@example.com>");
    expect(onWeb.message).toContain(`audit #${entry.id}`);
    expect(onWeb.message).toContain('create CNAME web.example.com "external.example.com": applied');
    expect(onWeb.message).toContain("create TXT k8s.cname-web.example.com"); // the ownership TXT goes with its record
    const onApp = events.find((e) => e.involvedObject.name === "app")!;
    expect(onApp.message).toContain("update CNAME app.example.com");
    // "old" has no HTTPRoute any more: its deletes are recorded on the external-dns Deployment.
    const deployment = kube.get("apps/v1", "Deployment", "networking", "external-dns")!;
    const onDeployment = events.find((e) => e.involvedObject.kind === "Deployment")!;
    expect(onDeployment.involvedObject).toEqual({ apiVersion: "apps/v1", kind: "Deployment", namespace: "networking", name: "external-dns", uid: deployment.metadata.uid });
    expect(onDeployment.message).toContain("delete CNAME old.example.com");
    expect(onDeployment.message).toContain("delete TXT k8s.cname-old.example.com");
    expect(events).toHaveLength(3);

    expect(lease()?.spec.holderIdentity).toBeUndefined(); // released after the apply
    expect(a.logs).toEqual([]);
  });

  it("reports a batch that fails partway per change, with the audit complete", async () => {
    const a = replica("replica-batch");
    const plan = await currentPlan(a.rt);
    cf.setFault({ kind: "batch", afterOps: 2, count: 1 });
    cf.setFault({ kind: "error", status: 400, code: 9005, message: "Content for CNAME record is invalid.", count: 1, match: { method: "POST", path: "^/zones/[^/]+/dns_records$" } });
    const res = await applyPlan(a.rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, cloudflareApplier(a.rt), BOB);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApplyResponse;
    expect(body.ok).toBe(false);

    const entry = a.ctx.audit.get(body.auditId!)!;
    expect(entry.outcome).toBe("partial");
    expect(entry.actor).toEqual(BOB);
    // web's ownership TXT is not created once its record was refused: no claim without a record.
    expect(entry.counts).toEqual({ applied: 3, failed: 1, skipped: 1, unknown: 0 });
    expect(entry.changes.find((c) => c.name === "k8s.cname-web.example.com")).toMatchObject({ status: "skipped" });
    const failed = entry.changes.find((c) => c.status === "failed")!;
    expect(failed).toMatchObject({ action: "create", name: "web.example.com", type: "CNAME", cloudflareErrors: [{ code: 9005, message: "Content for CNAME record is invalid." }] });
    expect(failed.message).toContain("Content for CNAME record is invalid.");
    // The response and the audit tell the same story, change by change.
    expect(entry.changes.map((c) => [c.index, c.status, c.message])).toEqual(body.results.map((r) => [r.index, r.status, r.message]));

    const warning = eventsBy("replica-batch").find((e) => e.reason === "DNSApplyFailed")!;
    expect(warning).toMatchObject({ type: "Warning", involvedObject: { kind: "HTTPRoute", name: "web" } });
    expect(warning.message).toContain('create CNAME web.example.com "external.example.com": failed');
    expect(warning.message).toContain("[Cloudflare 9005]");
  });

  it("survives a restart, and an apply cut short reads as interrupted with what had landed", async () => {
    const file = path.join(tmp, "restart", "audit.db");
    const a = replica("replica-restart", file);
    let plan = await currentPlan(a.rt);
    const done = await applyPlan(a.rt, { hash: plan.hash, changes: [2] }, cloudflareApplier(a.rt), ALICE);
    expect(done.status).toBe(200);
    const before = a.ctx.audit.all();

    // The next apply reports its first answer, then the process "dies" (the DB is closed under it).
    plan = await currentPlan(a.rt);
    const { applier, inside, open } = gated(progressApplier());
    const crashing: Applier = async (changes, opts) => {
      opts?.onResult?.(0, { action: changes[0].action, name: changes[0].name, type: changes[0].type, content: changes[0].content, status: "applied", message: "created first" });
      return applier(changes, opts);
    };
    const running = applyPlan(a.rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, crashing, BOB);
    await inside;
    a.ctx.audit.close();

    const reopened = AuditStore.open(file);
    stores.push(reopened);
    expect(reopened.interruptedOnOpen).toBe(1);
    const [interrupted, ...older] = reopened.all();
    expect(older).toEqual(before);
    expect(interrupted).toMatchObject({ outcome: "interrupted", finishedAt: null, actor: BOB, planHash: plan.hash });
    expect(interrupted.changes[0]).toMatchObject({ status: "applied", message: "created first" });
    expect(interrupted.changes.slice(1).map((c) => c.status)).toEqual(plan.changes.slice(1).map(() => "unknown"));

    open();
    const res = await running; // the apply itself still answers; the lost audit write is logged
    expect(res.status).toBe(200);
    expect(a.logs.some((l) => l.includes(`audit entry #${interrupted.id}`))).toBe(true);
  });
});

describe("one apply per zone at a time", () => {
  it("refuses a second approval of the same zone in the same process (in-process lock)", async () => {
    const a = replica("replica-solo");
    const plan = await currentPlan(a.rt);
    const { applier, inside, open } = gated(cloudflareApplier(a.rt));
    const first = applyPlan(a.rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, applier, ALICE);
    await inside;
    const second = await applyPlan(a.rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, cloudflareApplier(a.rt), BOB);
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe("apply-in-progress");
    open();
    expect((await first).status).toBe(200);
    expect(a.ctx.audit.list().entries.map((e) => e.actor.name)).toEqual(["alice"]); // the refusal sent nothing
  });

  it("refuses an approval on another replica while one holds the zone's Lease, and lets it through after", async () => {
    const a = replica("replica-a");
    const b = replica("replica-b");
    const plan = await currentPlan(a.rt);
    const update = plan.changes.findIndex((c) => c.action === "update");
    const { applier, inside, open } = gated(cloudflareApplier(a.rt));
    const first = applyPlan(a.rt, { hash: plan.hash, changes: [update] }, applier, ALICE);
    await inside;

    const held = lease()!;
    expect(held.spec.holderIdentity).toBe("replica-a");
    expect(held.spec.renewTime).toMatch(/\.\d{6}Z$/); // MicroTime: a real API server refuses milliseconds
    const refused = await applyPlan(b.rt, { hash: plan.hash, changes: [update] }, cloudflareApplier(b.rt), BOB);
    expect(refused.status).toBe(409);
    const err = (await refused.json()).error;
    expect(err.code).toBe("apply-in-progress");
    expect(err.message).toContain("replica-a");
    expect(b.ctx.audit.list().entries).toEqual([]);

    open();
    expect((await first).status).toBe(200);
    expect(lease()!.spec.holderIdentity).toBeUndefined();
    const next = await currentPlan(b.rt);
    const after = await applyPlan(b.rt, { hash: next.hash, confirm: next.confirmation!.phrase }, cloudflareApplier(b.rt), BOB);
    expect(after.status).toBe(200);
    expect(b.ctx.audit.list().entries[0]).toMatchObject({ replica: "replica-b", outcome: "ok" });
  });

  it("re-checks the plan once the zone is locked: an apply that finished meanwhile makes the approval stale", async () => {
    const a = replica("early-a");
    const b = replica("late-b");
    const plan = await currentPlan(a.rt);
    const body = { hash: plan.hash, confirm: plan.confirmation!.phrase };
    // B passes the review check, then waits just before taking the Lease while A applies.
    const leases = b.ctx.leases!;
    const acquire = leases.acquire.bind(leases);
    let letB!: () => void;
    let bWaiting!: () => void;
    const bAtLock = new Promise<void>((r) => (bWaiting = r));
    leases.acquire = async (zones) => {
      bWaiting();
      await new Promise<void>((r) => (letB = r));
      return acquire(zones);
    };
    const late = applyPlan(b.rt, body, cloudflareApplier(b.rt), BOB);
    await bAtLock;
    expect((await applyPlan(a.rt, body, cloudflareApplier(a.rt), ALICE)).status).toBe(200);
    letB();
    const res = await late;
    expect(res.status).toBe(409);
    const err = (await res.json()).error;
    expect(err.code).toBe("plan-changed");
    expect(err.plan.hash).not.toBe(plan.hash);
    expect(b.ctx.audit.list().entries).toEqual([]); // nothing was sent for the stale approval
    expect(lease()!.spec.holderIdentity).toBeUndefined();
  });

  it("lets two replicas racing for the same zone apply once: one 200, one 409", async () => {
    const a = replica("racer-a");
    const b = replica("racer-b");
    const plan = await currentPlan(a.rt);
    const body = { hash: plan.hash, confirm: plan.confirmation!.phrase };
    const slow = (rt: Runtime): Applier => async (changes, opts) => {
      await new Promise((r) => setTimeout(r, 300));
      return cloudflareApplier(rt)(changes, opts);
    };
    const statuses = (await Promise.all([applyPlan(a.rt, body, slow(a.rt), ALICE), applyPlan(b.rt, body, slow(b.rt), BOB)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 409]);
    expect(a.ctx.audit.list().entries.length + b.ctx.audit.list().entries.length).toBe(1);
  });
});

describe("Kubernetes Events are best effort", () => {
  it("applies and audits even when creating Events is forbidden, and logs without a token", async () => {
    const a = replica("replica-noevents");
    kube.setForbidden(["create:events"]);
    const plan = await currentPlan(a.rt);
    const res = await applyPlan(a.rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, cloudflareApplier(a.rt), ALICE);
    expect(res.status).toBe(200);
    expect(((await res.json()) as ApplyResponse).ok).toBe(true);
    const entry: AuditEntry = a.ctx.audit.list().entries[0];
    expect(entry.outcome).toBe("ok");
    expect(eventsBy("replica-noevents")).toEqual([]);
    expect(a.logs.filter((l) => l.includes("could not record the DNSApplied Event"))).toHaveLength(3);
    for (const line of a.logs) for (const secret of [KUBE_TOKEN, READ, WRITE]) expect(line).not.toContain(secret);
  });
});
