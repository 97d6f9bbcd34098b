import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditActor } from "../../api/types";
import type { RecordChange } from "../../externaldns/types";
import { AuditSchemaError, MIGRATIONS, migrate } from "./migrations";
import { AuditStore, type AuditStart } from "./store";

const ACTOR: AuditActor = { name: "alice", email: "alice@example.com", groups: ["ops"], role: "approver", via: "proxy" };
const CHANGES: RecordChange[] = [
  { action: "create", zone: "example.com", name: "web.example.com", type: "CNAME", content: "lb.example.net", proxied: true, ttl: 1, resource: "httproute/default/web" },
  { action: "create", zone: "example.com", name: "k8s.cname-web.example.com", type: "TXT", content: '"heritage=external-dns"', ownershipOf: "web.example.com" },
  { action: "update", zone: "example.com", name: "app.example.com", type: "A", content: "192.0.2.2", previous: { content: "192.0.2.1", proxied: false, ttl: 300 } },
];

let dir: string;
let open: AuditStore[] = [];
const storeAt = (file = path.join(dir, "nested", "audit.db")) => {
  const s = AuditStore.open(file, { now: () => new Date("2030-01-01T00:00:10Z") });
  open.push(s);
  return s;
};
const start = (over: Partial<AuditStart> = {}): AuditStart => ({
  instance: "networking/external-dns",
  planHash: "abc123",
  actor: ACTOR,
  approvedAt: new Date("2030-01-01T00:00:00Z"),
  zones: ["example.com"],
  replica: "pod-1-a1b2c3",
  changes: CHANGES.map((change, i) => ({ index: i + 4, change })),
  ...over,
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-audit-store-"));
});
afterEach(() => {
  open.forEach((s) => s.close());
  open = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("opening", () => {
  it("creates the directory and the file, in WAL mode, at the latest schema version", () => {
    const file = path.join(dir, "nested", "audit.db");
    storeAt(file).close();
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it("refuses a file from a newer dnsdrift instead of writing to it", () => {
    const file = path.join(dir, "newer.db");
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => AuditStore.open(file)).toThrow(AuditSchemaError);
  });

  it("runs only the migrations a file has not had, keeping its rows", () => {
    const db = new Database(":memory:");
    expect(migrate(db, MIGRATIONS)).toBe(0);
    db.prepare("INSERT INTO applies (instance, plan_hash, actor_name, actor, approved_at, outcome, zones, replica) VALUES ('i', 'h', 'a', '{}', 't', 'ok', '[]', 'r')").run();
    const next = [...MIGRATIONS, "ALTER TABLE applies ADD COLUMN note TEXT"];
    expect(migrate(db, next)).toBe(MIGRATIONS.length);
    expect(db.pragma("user_version", { simple: true })).toBe(next.length);
    expect(db.prepare("SELECT instance, note FROM applies").all()).toEqual([{ instance: "i", note: null }]);
    expect(migrate(db, next)).toBe(next.length);
    db.close();
  });
});

describe("an apply's entry", () => {
  it("is pending with every intended change before anything is sent", () => {
    const store = storeAt();
    const id = store.begin(start());
    expect(store.get(id)).toEqual({
      id,
      instance: "networking/external-dns",
      planHash: "abc123",
      actor: ACTOR,
      approvedAt: "2030-01-01T00:00:00.000Z",
      finishedAt: null,
      outcome: "pending",
      zones: ["example.com"],
      replica: "pod-1-a1b2c3",
      counts: { applied: 0, failed: 0, skipped: 0, unknown: 3 },
      changes: [
        { index: 4, action: "create", zone: "example.com", name: "web.example.com", type: "CNAME", content: "lb.example.net", proxied: true, ttl: 1, resource: "httproute/default/web", status: "pending" },
        { index: 5, action: "create", zone: "example.com", name: "k8s.cname-web.example.com", type: "TXT", content: '"heritage=external-dns"', ownershipOf: "web.example.com", status: "pending" },
        { index: 6, action: "update", zone: "example.com", name: "app.example.com", type: "A", content: "192.0.2.2", previous: { content: "192.0.2.1", proxied: false, ttl: 300 }, status: "pending" },
      ],
    });
  });

  it("keeps each answer as it arrives and closes with the outcome", () => {
    const store = storeAt();
    const id = store.begin(start());
    store.answer(id, 0, { status: "applied", message: "created CNAME web.example.com (record r1)" });
    const cfErr = [{ code: 9005, message: "Content for A record is invalid." }];
    const entry = store.finish(id, [undefined, { status: "applied", message: "created TXT" }, { status: "failed", message: "refused", cloudflareErrors: cfErr }]);
    expect(entry).toMatchObject({ outcome: "partial", finishedAt: "2030-01-01T00:00:10.000Z", counts: { applied: 2, failed: 1, skipped: 0, unknown: 0 } });
    expect(entry.changes.map((c) => [c.status, c.message, c.cloudflareErrors])).toEqual([
      ["applied", "created CNAME web.example.com (record r1)", undefined],
      ["applied", "created TXT", undefined],
      ["failed", "refused", cfErr],
    ]);
  });

  it("says the apply stopped as a whole, and that unanswered changes are unknown", () => {
    const store = storeAt();
    const id = store.begin(start());
    const entry = store.finish(id, [], "no Cloudflare write token configured");
    expect(entry).toMatchObject({ outcome: "failed", error: "no Cloudflare write token configured", counts: { unknown: 3 } });
    expect(entry.changes.every((c) => c.status === "unknown")).toBe(true);
  });
});

describe("after a restart", () => {
  it("has every entry, and an apply left pending reads as interrupted with what had landed", () => {
    const file = path.join(dir, "audit.db");
    const first = storeAt(file);
    const done = first.begin(start({ planHash: "done" }));
    first.finish(done, CHANGES.map(() => ({ status: "applied" as const })));
    const cut = first.begin(start({ planHash: "cut" }));
    first.answer(cut, 0, { status: "applied", message: "created" });
    const before = first.get(done);
    first.close();

    const second = storeAt(file);
    expect(second.interruptedOnOpen).toBe(1);
    expect(second.get(done)).toEqual(before);
    const interrupted = second.get(cut)!;
    expect(interrupted).toMatchObject({ outcome: "interrupted", finishedAt: null, counts: { applied: 1, unknown: 2 } });
    expect(interrupted.changes.map((c) => c.status)).toEqual(["applied", "unknown", "unknown"]);
    second.close();
    expect(storeAt(file).interruptedOnOpen).toBe(0);
  });
});

describe("listing", () => {
  it("pages newest first with a before cursor", () => {
    const store = storeAt();
    const ids = [1, 2, 3, 4, 5].map((n) => store.begin(start({ planHash: `h${n}` })));
    const p1 = store.list({ limit: 2 });
    expect(p1.entries.map((e) => e.planHash)).toEqual(["h5", "h4"]);
    expect(p1.nextBefore).toBe(ids[3]);
    const p2 = store.list({ limit: 2, before: p1.nextBefore! });
    expect(p2.entries.map((e) => e.planHash)).toEqual(["h3", "h2"]);
    const p3 = store.list({ limit: 2, before: p2.nextBefore! });
    expect(p3).toMatchObject({ nextBefore: null });
    expect(p3.entries.map((e) => e.planHash)).toEqual(["h1"]);
    expect(store.list({ limit: 5 }).nextBefore).toBeNull();
    expect(store.all().map((e) => e.planHash)).toEqual(["h5", "h4", "h3", "h2", "h1"]);
    expect(store.all()[0].changes).toHaveLength(3);
  });

  it("is empty on a new file", () => {
    expect(storeAt().list()).toEqual({ entries: [], nextBefore: null });
  });
});
