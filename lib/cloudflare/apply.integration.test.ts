// applyRecordChanges with the real SDK against the in-process emulator: a pipeline plan applied
// and re-planned to nothing, batch chunking, per-record fallback, permissions and rate limits.

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CloudflareEmulator } from "../../emulators/cloudflare/server";
import type { ApplyChangeResult } from "../api/types";
import { runPipeline } from "../drift/pipeline";
import { parseConfigText } from "../externaldns/config";
import { makeDomainFilter } from "../externaldns/domain-filter";
import type { RecordChange } from "../externaldns/types";
import { loadManifests } from "../kube/snapshot";
import { applyRecordChanges } from "./apply";
import { createCloudflareReader, zonesForPlanning } from "./reader";
import { callsTo, EDIT_TOKEN, exampleSeed, ORG_ZONE_ID, READ_TOKEN, SEED_DIR, SEED_ZONE_ID, startTestEmulator } from "../../tests/support/cloudflare-emulator";

const BATCH = "POST /zones/:zone_id/dns_records/batch";
const quiet = () => {};

let emu: CloudflareEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());
beforeEach(() => {
  emu.seed(exampleSeed());
  emu.reset();
});

const apply = (changes: RecordChange[], extra: Partial<Parameters<typeof applyRecordChanges>[0]> = {}) =>
  applyRecordChanges({ token: EDIT_TOKEN, baseURL: emu.url, changes, log: quiet, ...extra });

const records = (zoneId = SEED_ZONE_ID) => [...(emu.state.zone(zoneId)?.records.values() ?? [])];
const find = (name: string, type: string) => records().filter((r) => r.name === name && r.type === type);
const statuses = (results: ApplyChangeResult[]) => results.map((r) => [r.index, r.status]);

const create = (name: string, type: string, content: string, extra: Partial<RecordChange> = {}): RecordChange => ({
  action: "create", zone: "example.com", zoneId: SEED_ZONE_ID, name, type, content, ttl: 1, proxied: false, ...extra,
});

describe("a pipeline plan", () => {
  const config = parseConfigText(fs.readFileSync(path.join(SEED_DIR, "values.yaml"), "utf8"), "values.yaml");
  const { objects } = loadManifests([path.join(SEED_DIR, "manifests")]);

  async function plan() {
    const reader = createCloudflareReader({ token: READ_TOKEN, baseURL: emu.url, zoneFilter: makeDomainFilter(config).match, log: quiet });
    const load = await reader.load();
    const { zones, complete } = zonesForPlanning(load);
    expect(complete).toBe(true);
    return runPipeline({ config, objects, zones });
  }

  it("applies in one batch, and a re-load and re-plan finds nothing left to do", async () => {
    const before = await plan();
    expect(before.recordChanges.length).toBeGreaterThan(0);
    const progress: ApplyChangeResult[] = [];
    const results = await apply(before.recordChanges, { onProgress: (r) => progress.push(r) });
    expect(results.map((r) => r.status)).toEqual(before.recordChanges.map(() => "applied"));
    expect(results.map((r) => r.index)).toEqual(before.recordChanges.map((_, i) => i));
    expect(progress).toHaveLength(results.length);
    expect(callsTo(emu, BATCH)).toBe(1);
    const after = await plan();
    expect(after.recordChanges).toEqual([]);
  });

  it("writes ownership TXT records exactly as external-dns does", async () => {
    const { recordChanges } = await plan();
    await apply(recordChanges);
    const txt = recordChanges.find((c) => c.type === "TXT" && c.action === "create");
    expect(txt?.content).toMatch(/^"heritage=external-dns,.*"$/);
    expect(find(txt!.name, "TXT").map((r) => ({ content: r.content, ttl: r.ttl, proxied: r.proxied }))).toEqual([
      { content: txt!.content, ttl: 1, proxied: false },
    ]);
  });
});

describe("batches", () => {
  it("replaces a CNAME by an A record at the same name: deletes go before creates", async () => {
    const changes: RecordChange[] = [
      create("external.example.com", "A", "198.51.100.77", { proxied: true }),
      { action: "delete", zone: "example.com", zoneId: SEED_ZONE_ID, name: "external.example.com", type: "CNAME", content: "x", recordId: "0000000000000000000000005eed0005" },
    ];
    const results = await apply(changes);
    expect(statuses(results)).toEqual([[0, "applied"], [1, "applied"]]);
    expect(find("external.example.com", "CNAME")).toEqual([]);
    expect(find("external.example.com", "A").map((r) => r.content)).toEqual(["198.51.100.77"]);
  });

  it("splits 450 changes into batches of at most 200 operations", async () => {
    const changes = Array.from({ length: 450 }, (_, i) => create(`bulk${i}.example.com`, "A", `198.51.100.${i % 250}`));
    const results = await apply(changes);
    expect(results.filter((r) => r.status === "applied")).toHaveLength(450);
    expect(callsTo(emu, BATCH, SEED_ZONE_ID)).toBe(3);
    expect(emu.stats().total).toBe(3);
    expect(records().filter((r) => r.name.startsWith("bulk"))).toHaveLength(450);
  });

  it("sends each zone its own batches", async () => {
    emu.seed({ zones: [...exampleSeed().zones, { id: ORG_ZONE_ID, name: "example.org", records: [] }] });
    const results = await apply([
      create("a.example.com", "A", "198.51.100.1"),
      { ...create("b.example.org", "A", "198.51.100.2"), zone: "example.org", zoneId: ORG_ZONE_ID },
    ]);
    expect(statuses(results)).toEqual([[0, "applied"], [1, "applied"]]);
    expect(callsTo(emu, BATCH, SEED_ZONE_ID)).toBe(1);
    expect(callsTo(emu, BATCH, ORG_ZONE_ID)).toBe(1);
  });
});

describe("per-record fallback", () => {
  it("a batch that fails partway is rolled back and replayed change by change", async () => {
    emu.setFault({ kind: "batch", afterOps: 2, count: 1 });
    const changes: RecordChange[] = [
      create("ok1.example.com", "A", "198.51.100.11"),
      create("bad.example.com", "A", "not-an-address"),
      { action: "update", zone: "example.com", zoneId: SEED_ZONE_ID, name: "example.com", type: "MX", content: "mail2.example.com", ttl: 3600, proxied: false, recordId: "0000000000000000000000005eed0002", priority: 20 } as RecordChange,
      { action: "delete", zone: "example.com", zoneId: SEED_ZONE_ID, name: "_dmarc.example.com", type: "TXT", content: "x", recordId: "0000000000000000000000005eed0004" },
    ];
    const results = await apply(changes);
    expect(statuses(results)).toEqual([[0, "applied"], [1, "failed"], [2, "applied"], [3, "applied"]]);
    expect(results[1].cloudflareErrors).toEqual([{ code: 9005, message: "Content for A record must be a valid IPv4 address." }]);
    expect(results[1].message).toContain("bad.example.com");
    expect(callsTo(emu, BATCH)).toBe(1);
    expect(callsTo(emu, "POST /zones/:zone_id/dns_records")).toBe(2);
    expect(callsTo(emu, "PUT /zones/:zone_id/dns_records/:dns_record_id")).toBe(1);
    expect(callsTo(emu, "DELETE /zones/:zone_id/dns_records/:dns_record_id")).toBe(1);
    expect(find("example.com", "MX").map((r) => [r.content, r.priority])).toEqual([["mail2.example.com", 20]]);
    expect(find("_dmarc.example.com", "TXT")).toEqual([]);
  });

  it("reports changes that are already in effect as skipped, not failed", async () => {
    const changes: RecordChange[] = [
      { action: "delete", zone: "example.com", zoneId: SEED_ZONE_ID, name: "gone.example.com", type: "A", content: "x", recordId: "0123456789abcdef0123456789abcdef" },
      create("example.com", "A", "203.0.113.1", { proxied: true }),
    ];
    const results = await apply(changes);
    expect(statuses(results)).toEqual([[0, "skipped"], [1, "skipped"]]);
    expect(results.map((r) => r.cloudflareErrors?.[0]?.code)).toEqual([81044, 81058]);
  });
});

describe("a record and its ownership TXT succeed or fail together", () => {
  const pair = (name: string, type = "CNAME", content = "external.example.com", action: RecordChange["action"] = "create", ids: { record?: string; txt?: string } = {}): RecordChange[] => [
    { ...create(name, type, content), action, ...(ids.record ? { recordId: ids.record } : {}) },
    {
      ...create(`k8s.${type.toLowerCase()}-${name}`, "TXT", `"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/${name.split(".")[0]}"`),
      action,
      ownershipOf: name,
      ...(ids.txt ? { recordId: ids.txt } : {}),
    },
  ];
  const txtOf = (name: string, type = "cname") => find(`k8s.${type}-${name}`, "TXT");
  const byName = (results: ApplyChangeResult[]) => Object.fromEntries(results.map((r) => [r.name, r.status]));

  it("fallback: Cloudflare refuses a record's create (81053), so its TXT is not created; the other pair lands", async () => {
    // blog.example.com holds an A record made by hand: a CNAME beside it is refused for real.
    const changes = [...pair("ok.example.com"), ...pair("blog.example.com")];
    const results = await apply(changes);
    expect(callsTo(emu, BATCH)).toBe(1); // the batch failed as a whole, then one by one
    expect(byName(results)).toEqual({
      "ok.example.com": "applied",
      "k8s.cname-ok.example.com": "applied",
      "blog.example.com": "failed",
      "k8s.cname-blog.example.com": "skipped",
    });
    expect(results[2].cloudflareErrors?.[0]?.code).toBe(81053);
    expect(results[3].message).toMatch(/blog\.example\.com/);
    expect(txtOf("blog.example.com")).toEqual([]); // no claim on a name whose record is not ours
    expect(txtOf("ok.example.com")).toHaveLength(1);
    expect(callsTo(emu, "POST /zones/:zone_id/dns_records")).toBe(3); // ok, its TXT, blog; not blog's TXT
  });

  it("batches never split a pair, so a refused chunk cannot leave a TXT to land in the next one", async () => {
    const changes = [...pair("one.example.com"), ...pair("blog.example.com"), ...pair("two.example.com")];
    const results = await apply(changes, { batchSize: 3 });
    expect(byName(results)).toEqual({
      "one.example.com": "applied",
      "k8s.cname-one.example.com": "applied",
      "blog.example.com": "failed",
      "k8s.cname-blog.example.com": "skipped",
      "two.example.com": "applied",
      "k8s.cname-two.example.com": "applied",
    });
    expect(txtOf("blog.example.com")).toEqual([]);
    expect(callsTo(emu, BATCH)).toBe(3); // [one, its TXT] [blog, its TXT] [two, its TXT]
  });

  it("fallback: the TXT's create is refused after its record landed, so the record is deleted again", async () => {
    emu.setFault({ kind: "error", status: 400, code: 1004, message: "DNS Validation Error", match: { method: "POST", record: "k8s.cname-new.example.com" } });
    const changes = pair("new.example.com");
    const results = await apply(changes);
    expect(byName(results)).toEqual({ "new.example.com": "failed", "k8s.cname-new.example.com": "failed" });
    expect(results[0].message).toMatch(/deleted again/);
    expect(results[1].cloudflareErrors?.[0]?.code).toBe(1004);
    expect(find("new.example.com", "CNAME")).toEqual([]); // no unowned record left behind
    expect(txtOf("new.example.com")).toEqual([]);
  });

  it("fallback: a record's delete is refused, so its TXT is kept (the record stays owned)", async () => {
    // old.example.com and its TXT, as the seed has them; the record's delete fails with a 5xx.
    const changes = pair("old.example.com", "CNAME", "external.example.com", "delete", { record: "0000000000000000000000005eed000d", txt: "0000000000000000000000005eed000e" });
    const seeded = records().filter((r) => r.id === "0000000000000000000000005eed000d" || r.id === "0000000000000000000000005eed000e");
    expect(seeded.map((r) => r.name).sort()).toEqual(["k8s.cname-old.example.com", "old.example.com"]);
    emu.setFault({ kind: "serverError", status: 500, match: { record: "0000000000000000000000005eed000d" } });
    const results = await apply(changes);
    expect(byName(results)).toEqual({ "old.example.com": "failed", "k8s.cname-old.example.com": "skipped" });
    expect(txtOf("old.example.com")).toHaveLength(1);
    expect(callsTo(emu, "DELETE /zones/:zone_id/dns_records/:dns_record_id")).toBe(1); // the record's only
  });
});

describe("refusals", () => {
  it("a read-only token: every change fails as forbidden and nothing changes", async () => {
    const before = JSON.stringify(emu.state.dump());
    const changes = Array.from({ length: 250 }, (_, i) => create(`ro${i}.example.com`, "A", "198.51.100.5"));
    const results = await apply(changes, { token: READ_TOKEN });
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(["failed"]));
    expect(results).toHaveLength(250);
    expect(results[0].cloudflareErrors).toEqual([{ code: 10000, message: "Authentication error" }]);
    expect(results[249].message).toMatch(/lacks the permission/);
    expect(callsTo(emu, BATCH)).toBe(1); // the second chunk is not sent: the token will not change mid-apply
    expect(JSON.stringify(emu.state.dump())).toBe(before);
  });

  it("a 429 stops the apply: that chunk fails, the rest is not attempted", async () => {
    emu.setFault({ kind: "rateLimit", retryAfter: 120, count: 1 });
    const changes = Array.from({ length: 201 }, (_, i) => create(`rl${i}.example.com`, "A", "198.51.100.6"));
    const results = await apply(changes);
    expect(results.filter((r) => r.status === "failed")).toHaveLength(200);
    expect(results[200]).toMatchObject({ status: "skipped" });
    expect(results[200].message).toMatch(/retry after 120 s/);
    expect(emu.stats().total).toBe(1);
  });

  it("skips changes the plan gives no ids for", async () => {
    const results = await apply([
      { ...create("a.example.com", "A", "198.51.100.1"), zoneId: undefined },
      { action: "update", zone: "example.com", zoneId: SEED_ZONE_ID, name: "a.example.com", type: "A", content: "198.51.100.1" },
    ]);
    expect(statuses(results)).toEqual([[0, "skipped"], [1, "skipped"]]);
    expect(emu.stats().total).toBe(0);
  });

  it("carries the plan's indexes into the results", async () => {
    const results = await apply([create("i.example.com", "A", "198.51.100.9")], { indexes: [7] });
    expect(results.map((r) => [r.index, r.status, r.name])).toEqual([[7, "applied", "i.example.com"]]);
  });
});
