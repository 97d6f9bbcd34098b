// The approval gates on the server, against the Kubernetes and Cloudflare emulators: the typed
// confirmation is enforced by the apply endpoint with the configured threshold and protected
// names, and the re-check under the zone lock reads Cloudflare there and then, so a change made
// by another replica while a dashboard poll is under way is noticed (409 with the new plan).

import Cloudflare from "cloudflare";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCloudflareEmulator, type CloudflareEmulator } from "../emulators/cloudflare/server";
import { demoSeedObjects, demoSeedRecords } from "../emulators/demo/seed";
import { startKubeEmulator, type KubeEmulator } from "../emulators/kube/server";
import { selectedIndexes, selectionConfirmation } from "../components/plan/selection";
import type { ApplyResponse, PlanResponse } from "../lib/api/types";
import { applyPlan } from "../lib/server/apply";
import { cloudflareApplier } from "../lib/server/appliers";
import { createRuntime } from "../lib/server/compose";
import { findInstance, planResponseFor, stateResponse } from "../lib/server/responses";
import type { Runtime } from "../lib/server/runtime";
import { settingsFromEnv, type SafetySettings } from "../lib/server/settings";

const READ = "read-token-gates-00000000000000000";
const WRITE = "edit-token-gates-00000000000000000";
const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const APP_CNAME_ID = "0000000000000000000000005eed0007";
const BATCH = "POST /zones/:zone_id/dns_records/batch";

let cf: CloudflareEmulator;
let kube: KubeEmulator;
let rt: Runtime;
let tmp: string;
const saved = { ...process.env };

beforeAll(async () => {
  cf = await startCloudflareEmulator({
    seed: demoSeedRecords(),
    tokens: { [READ]: { permissions: ["read"] }, [WRITE]: { permissions: ["read", "edit"] } },
  });
  kube = await startKubeEmulator({ objects: demoSeedObjects() });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-gates-"));
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
    DNSDRIFT_LEASE_NAMESPACE: "networking",
    // Each case resets the emulator and must see it: no coalescing of forced refreshes here.
    DNSDRIFT_FORCE_REFRESH_SECONDS: "0",
    // The demo's zone owns only a few records (7): lower the minimum so the share rule applies, and
    // the share to 25 % so that 2 changes are over it and 1 is not.
    DNSDRIFT_CONFIRM_CHANGE_PERCENT: "25",
    DNSDRIFT_CONFIRM_MIN_OWNED: "2",
  });
  rt = await createRuntime(settingsFromEnv());
  const deadline = Date.now() + 10_000;
  while (!(await findInstance(rt, null, true)).c.complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
});

beforeEach(() => cf.reset());

afterAll(async () => {
  process.env = saved;
  await rt?.world.close();
  await Promise.allSettled([cf?.close(), kube?.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The same runtime with other confirmation settings (as another deployment would have). */
const withSafety = (safety: Partial<SafetySettings>): Runtime => ({ ...rt, settings: { ...rt.settings, safety: { ...rt.settings.safety, ...safety } } });

async function currentPlan(r: Runtime = rt): Promise<PlanResponse> {
  const { c, ir } = await findInstance(r, null, true);
  return planResponseFor(c, ir!, r.settings.safety);
}

const indexOf = (plan: PlanResponse, action: string, name: string) => plan.changes.findIndex((c) => c.action === action && c.name === name && !c.ownershipOf);
const writes = () => Object.entries(cf.stats().byRoute).filter(([route]) => !route.startsWith("GET ")).reduce((n, [, v]) => n + v, 0);
type Refusal = { error: { code: string; confirmation?: { required: boolean; phrase: string; triggers: { rule: string; zone: string }[] }; plan?: PlanResponse } };

describe("the typed confirmation, enforced by the apply endpoint", () => {
  it("a plan of only creates and updates over the zone's share needs the phrase; without it nothing is sent", async () => {
    const plan = await currentPlan();
    const owned = plan.safety!.owned["example.com"];
    const selection = [indexOf(plan, "create", "web.example.com"), indexOf(plan, "update", "app.example.com")];
    expect(selection.every((i) => i >= 0)).toBe(true);
    // The premise: 2 data changes are over 25 % of what the zone owns, and the zone owns at least 2.
    expect(owned).toBeGreaterThanOrEqual(2);
    expect(2).toBeGreaterThan(owned * 0.25);

    cf.resetStats();
    for (const confirm of [undefined, "", "example.co"]) {
      const res = await applyPlan(rt, { hash: plan.hash, changes: selection, ...(confirm === undefined ? {} : { confirm }) }, cloudflareApplier(rt));
      expect(res.status).toBe(422);
      const body = (await res.json()) as Refusal;
      expect(body.error.code).toBe("confirmation-required");
      expect(body.error.confirmation).toMatchObject({ required: true, phrase: "example.com" });
      expect(body.error.confirmation!.triggers.map((t) => [t.rule, t.zone])).toEqual([["change-share", "example.com"]]);
    }
    expect(writes()).toBe(0);

    const ok = await applyPlan(rt, { hash: plan.hash, changes: selection, confirm: "example.com" }, cloudflareApplier(rt));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as ApplyResponse).results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]); // + web's TXT
  });

  it("the plan page's rule inputs say the same: the whole plan needs the phrase for its share, not only for its deletes", async () => {
    const plan = await currentPlan();
    expect(plan.confirmation?.triggers?.map((t) => t.rule).sort()).toEqual(["change-share", "delete"]);
    expect(plan.safety).toMatchObject({ changeShare: 0.25, minOwned: 2 });
  });

  it("the plan page asks for the phrase on the same create/update selection, from the plan response alone", async () => {
    const plan = JSON.parse(JSON.stringify(await currentPlan())) as PlanResponse; // as the browser receives it
    const keep = new Set([indexOf(plan, "create", "web.example.com"), indexOf(plan, "update", "app.example.com")]);
    const unticked = new Set(plan.changes.map((_, i) => i).filter((i) => !keep.has(i) && !plan.changes[i].ownershipOf));
    const selected = selectedIndexes(plan.changes, unticked);
    const page = selectionConfirmation(plan, selected);
    expect(page).toMatchObject({ required: true, phrase: "example.com" });
    expect(page.triggers.map((t) => t.rule)).toEqual(["change-share"]);
    // Only the app update: 1 of the owned records is under 25 %, so no phrase.
    const one = selectionConfirmation(plan, [indexOf(plan, "update", "app.example.com")]);
    expect(plan.safety!.owned["example.com"]).toBeGreaterThanOrEqual(4);
    expect(one.required).toBe(false);
  });

  it("under the default minimum (10 owned) the same creates and updates pass without a phrase", async () => {
    const r = withSafety({ minOwned: 10 });
    const plan = await currentPlan(r);
    const selection = [indexOf(plan, "create", "web.example.com"), indexOf(plan, "update", "app.example.com")];
    const res = await applyPlan(r, { hash: plan.hash, changes: selection }, cloudflareApplier(r));
    expect(res.status).toBe(200);
  });

  it("a configured protected name needs the phrase, even for one create", async () => {
    const r = withSafety({ minOwned: 10, protectedNames: ["w*.example.com"] });
    const plan = await currentPlan(r);
    const web = indexOf(plan, "create", "web.example.com");
    expect(plan.safety?.protectedNames).toEqual({ "web.example.com": "w*.example.com" });
    cf.resetStats();
    const refused = await applyPlan(r, { hash: plan.hash, changes: [web] }, cloudflareApplier(r));
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as Refusal;
    expect(body.error.confirmation!.triggers.map((t) => [t.rule, t.zone])).toEqual([["protected-name", "example.com"]]);
    expect(writes()).toBe(0);
    const app = await applyPlan(r, { hash: plan.hash, changes: [indexOf(plan, "update", "app.example.com")] }, cloudflareApplier(r));
    expect(app.status).toBe(200); // an unprotected name still passes
  });

  it("every delete needs the phrase, whatever the threshold", async () => {
    const r = withSafety({ changeShare: 1, minOwned: 1000 });
    const plan = await currentPlan(r);
    const res = await applyPlan(r, { hash: plan.hash, changes: [indexOf(plan, "delete", "old.example.com")] }, cloudflareApplier(r));
    expect(res.status).toBe(422);
    expect(((await res.json()) as Refusal).error.confirmation!.triggers.map((t) => t.rule)).toEqual(["delete"]);
  });
});

describe("the re-check under the zone lock", () => {
  it("lists the zone there and then: another replica's change during a dashboard poll gets 409 with the new plan", async () => {
    const plan = await currentPlan();
    expect(indexOf(plan, "update", "app.example.com")).toBeGreaterThanOrEqual(0);
    const listings = () => cf.stats().byRoute["GET /zones/:zone_id/dns_records"] ?? 0;

    // The approval's first check reads fresh data; taking the zone's Lease is slow this time.
    await kube.setFault({ type: "latency", ms: 1500, resource: "leases" });
    try {
      cf.resetStats();
      const approval = applyPlan(rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, cloudflareApplier(rt));
      const deadline = Date.now() + 5000;
      while (listings() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50)); // the first check finishes its plan (no I/O left)

      // While the approval waits for its Lease, a dashboard poll (?refresh=1) lists the zone; its
      // answer is slow to arrive, so the poll is still under way when the approval re-checks.
      cf.setFault({ kind: "slowAnswer", ms: 6000, count: 1, match: { method: "GET", path: "/dns_records" } });
      const poll = stateResponse(rt, true);
      while (cf.faults().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(cf.faults()).toEqual([]); // the poll has read the zone

      // Then another replica applies the app.example.com update itself, straight at Cloudflare.
      const other = new Cloudflare({ apiToken: WRITE, baseURL: cf.url, maxRetries: 0 });
      await other.dns.records.edit(APP_CNAME_ID, { zone_id: ZONE_ID, proxied: true } as never);

      const res = await approval;
      expect(res.status).toBe(409);
      const body = (await res.json()) as Refusal;
      expect(body.error.code).toBe("plan-changed");
      expect(body.error.plan!.hash).not.toBe(plan.hash);
      expect(indexOf(body.error.plan!, "update", "app.example.com")).toBe(-1);
      expect(cf.stats().byRoute[BATCH] ?? 0).toBe(0);
      expect(writes()).toBe(1); // the other replica's edit, nothing else
      await poll;
    } finally {
      kube.clearFaults();
    }
  });

  it("a re-check that cannot list the zone refuses the apply; nothing is sent", async () => {
    const plan = await currentPlan();
    const listings = () => cf.stats().byRoute["GET /zones/:zone_id/dns_records"] ?? 0;
    await kube.setFault({ type: "latency", ms: 800, resource: "leases" });
    try {
      cf.resetStats();
      const approval = applyPlan(rt, { hash: plan.hash, confirm: plan.confirmation!.phrase }, cloudflareApplier(rt));
      const deadline = Date.now() + 5000;
      while (listings() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      cf.setFault({ kind: "serverError", status: 502, match: { method: "GET", path: "/dns_records" } });
      const res = await approval;
      expect(res.status).toBe(503);
      expect(((await res.json()) as Refusal).error.code).toBe("recheck-failed");
      expect(writes()).toBe(0);
    } finally {
      kube.clearFaults();
      cf.clearFaults();
    }
  });
});
