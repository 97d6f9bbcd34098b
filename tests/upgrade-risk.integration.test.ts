// GET /api/upgrade-risk through the real route handler, on the demo's cluster (Kubernetes
// emulator) and Cloudflare emulator: the overview's warning agrees with the full what-if, is
// revalidated with an ETag, and follows a change in Cloudflare instead of serving a kept answer.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as upgradeRisk } from "../app/api/upgrade-risk/route";
import { GET as whatIf } from "../app/api/what-if/route";
import type { UpgradeRiskResponse, WhatIfResponse } from "../lib/api/types";
import { upgradeRiskOf } from "../lib/drift/what-if/upgrade-risk";
import type { Runtime } from "../lib/server/runtime";
import { call, request, startHarness, type Harness } from "./support/security-harness";

const READ = "cf-read-token-upgrade-risk-00000000";
const WRITE = "cf-edit-token-upgrade-risk-00000000";
const VIEWER = "dnsdrift-viewer-token-upgrade-risk0";
const auth = { authorization: `Bearer ${VIEWER}` };

let h: Harness;
let rt: Runtime;
const ask = (q: string, headers: Record<string, string> = auth) => call<UpgradeRiskResponse>(h.transcript, upgradeRisk, request(`/api/upgrade-risk${q}`, { headers }));

beforeAll(async () => {
  h = await startHarness({ read: READ, write: WRITE, accessPolicy: () => false });
  rt = h.configure({ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS: JSON.stringify({ [VIEWER]: { name: "vic", groups: ["dev"] } }) });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe("GET /api/upgrade-risk", () => {
  it("names what upgrading the demo's v0.20.0 to the newest modelled release would repoint, as the full what-if does", async () => {
    const res = await ask("");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ instance: "networking/external-dns", fromVersion: "v0.20.0", toVersion: "v0.22.0", partial: false });
    expect(res.body.refused).toBeUndefined();
    // grpc.example.com (the demo's GRPCRoute) sits behind the same Gateway target annotation as api and app.
    expect(res.body.repointed).toEqual({ count: 4, names: ["api.example.com", "app.example.com", "grpc.example.com", "legacy.example.com"] });

    const full = await call<WhatIfResponse>(h.transcript, whatIf, request("/api/what-if?toVersion=v0.22.0", { headers: auth }));
    const fromDoc = upgradeRiskOf([], full.body.differences);
    expect(res.body.deleted).toEqual({ count: fromDoc.deleted.length, names: fromDoc.deleted });
    expect(res.body.repointed.names).toEqual(fromDoc.repointed);
  });

  it("answers 304 to a poll that already has the answer, even from a later refresh", async () => {
    const first = await ask("?toVersion=v0.22.0");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    await rt.world.current({ force: true });
    const again = await upgradeRisk(request("/api/upgrade-risk?toVersion=v0.22.0", { headers: { ...auth, "if-none-match": etag } }));
    expect(again.status).toBe(304);
  });

  it("follows Cloudflare: once api.example.com's record is gone, the upgrade no longer repoints it", async () => {
    const zone = h.cf.state.zones.values().next().value!;
    const api = [...zone.records.values()].find((r) => r.name === "api.example.com" && r.type === "CNAME")!;
    const res = await fetch(`${h.cf.url}/zones/${zone.id}/dns_records/${api.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${WRITE}` } });
    expect(res.status).toBe(200);
    await rt.world.current({ force: true });
    const after = await ask("");
    expect(after.status).toBe(200);
    expect(after.body.repointed.names).toEqual(["app.example.com", "grpc.example.com", "legacy.example.com"]);
  });

  it.each([
    ["?toVersion=v0.19.0", 400, "invalid-version"],
    ["?toVersion=latest", 400, "invalid-version"],
    ["?instance=nope", 404, "instance-not-found"],
  ])("%s → %i %s", async (q, status, code) => {
    const res = await call<{ error: { code: string; message: string } }>(h.transcript, upgradeRisk, request(`/api/upgrade-risk${q}`, { headers: auth }));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it("needs a signed-in viewer", async () => {
    expect((await ask("", {})).status).toBe(401);
  });
});
