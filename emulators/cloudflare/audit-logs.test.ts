// The account audit log through the official SDK: entries for the emulator's own writes with the
// token's configured actor, seeded hand edits, the zone filter, and the permission it needs.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection, startHarness, ZONE_ID, type Harness } from "./test-support";

let h: Harness;
let account: string;

beforeAll(async () => {
  h = await startHarness({
    tokens: {
      "edit-token": { permissions: ["read", "edit"], actor: { email: "ops@example.com" }, interface: "UI" },
      "audit-token": { permissions: ["read", "audit"] },
      "read-token": { permissions: ["read"] },
    },
    auditLogs: [
      { zone: "example.com", record: { name: "app.example.com", type: "CNAME" }, action: "rec_set", actor: { email: "alice@example.com" }, when: "2026-01-01T10:00:00Z", old: { proxied: false } },
    ],
  });
  account = (await h.client("read-token").zones.get({ zone_id: ZONE_ID })).account.id!;
});

afterAll(async () => {
  await h.emu.close();
});

describe("GET /accounts/{id}/audit_logs", () => {
  it("lists seeded edits with the record as resource and the values before and after", async () => {
    const page = await h.client("audit-token").auditLogs.list({ account_id: account, zone: { name: "example.com" } });
    const seeded = page.result.find((e) => e.actor?.email === "alice@example.com")!;
    expect(seeded).toMatchObject({
      action: { type: "rec_set", result: true },
      interface: "UI",
      resource: { id: "c0000000000000000000000000000001", type: "DNS_record" },
      owner: { id: account },
      when: "2026-01-01T10:00:00Z",
    });
    expect(JSON.parse(seeded.oldValue!)).toMatchObject({ proxied: false });
    expect(JSON.parse(seeded.newValue!)).toMatchObject({ proxied: true });
  });

  it("records the emulator's own writes, newest first, naming the token's actor and interface", async () => {
    const cf = h.client("edit-token");
    const rec = await cf.dns.records.edit("a0000000000000000000000000000001", { zone_id: ZONE_ID, type: "A", name: "www.example.com", content: "198.51.100.9", proxied: false, ttl: 300 });
    const page = await h.client("audit-token").auditLogs.list({ account_id: account, zone: { name: "example.com" }, direction: "desc" });
    expect(page.result[0]).toMatchObject({ action: { type: "rec_set" }, actor: { email: "ops@example.com", type: "user" }, interface: "UI", resource: { id: rec.id } });
    expect(page.result.map((e) => e.when)).toEqual([...page.result.map((e) => e.when!)].sort().reverse());
  });

  it("filters by zone name and since", async () => {
    const other = await h.client("audit-token").auditLogs.list({ account_id: account, zone: { name: "example.org" } });
    expect(other.result).toEqual([]);
    const recent = await h.client("audit-token").auditLogs.list({ account_id: account, since: "2026-06-01T00:00:00Z" });
    expect(recent.result.every((e) => e.actor?.email !== "alice@example.com")).toBe(true);
  });

  it("refuses a token without the audit-log permission (403, code 10000)", async () => {
    const e = await rejection(h.client("read-token").auditLogs.list({ account_id: account }));
    expect(e.status).toBe(403);
    expect(JSON.stringify(e.errors)).toContain("10000");
  });

  it("refuses an unknown direction", async () => {
    const e = await rejection(h.client("audit-token").auditLogs.list({ account_id: account, direction: "sideways" as "asc" }));
    expect(e.status).toBe(400);
  });

  it("refuses a malformed date", async () => {
    const e = await rejection(h.client("audit-token").auditLogs.list({ account_id: account, since: "yesterday" }));
    expect(e.status).toBe(400);
  });
});
