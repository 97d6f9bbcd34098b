import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Transition } from "../../drift/history/diff";
import type { HistorySnapshot } from "../../drift/history/snapshot";
import { HistoryStore } from "./store";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmpFile = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "history-store-"));
  dirs.push(d);
  return path.join(d, "sub", "history.db");
};

const snap = (at: string): HistorySnapshot => ({ instance: "i", at, items: {}, objects: {} });
const t = (hostname: string, at: string, to = "missing"): Transition => ({ at, instance: "i", hostname, from: "in-sync", to, causes: [{ code: "c", message: "m", resource: "r" }] });
const DAY = 86_400_000;

describe("HistoryStore", () => {
  it("keeps entries and the last snapshot across a reopen (restart)", () => {
    const file = tmpFile();
    const a = HistoryStore.open(file, { days: 30, rows: 100 }, () => Date.parse("2026-01-01T12:00:00Z"));
    a.record(snap("2026-01-01T00:00:00Z"), [t("a.example.com", "2026-01-01T00:00:00Z")]);
    a.close();
    const b = HistoryStore.open(file, { days: 30, rows: 100 }, () => Date.parse("2026-01-02T00:00:00Z"));
    expect(b.lastSnapshot("i")?.at).toBe("2026-01-01T00:00:00Z");
    expect(b.list({ limit: 10 })).toMatchObject([{ hostname: "a.example.com", from: "in-sync", to: "missing", causes: [{ code: "c" }] }]);
    b.close();
  });

  it("drops entries older than the retention days", () => {
    const now = Date.parse("2026-03-01T00:00:00Z");
    const s = HistoryStore.open(":memory:", { days: 7, rows: 100 }, () => now);
    s.record(snap("x"), [t("old.example.com", new Date(now - 8 * DAY).toISOString()), t("new.example.com", new Date(now - 6 * DAY).toISOString())]);
    expect(s.list({ limit: 10 }).map((e) => e.hostname)).toEqual(["new.example.com"]);
  });

  it("keeps at most the configured number of rows, newest kept", () => {
    const now = Date.parse("2026-03-01T00:00:00Z");
    const s = HistoryStore.open(":memory:", { days: 30, rows: 3 }, () => now);
    for (let i = 0; i < 5; i++) s.record(snap("x"), [t(`h${i}.example.com`, new Date(now - (5 - i) * 1000).toISOString())]);
    expect(s.count()).toBe(3);
    expect(s.list({ limit: 10 }).map((e) => e.hostname)).toEqual(["h4.example.com", "h3.example.com", "h2.example.com"]);
  });

  it("filters by hostname and since, newest first, and pages with before", () => {
    const s = HistoryStore.open(":memory:", { days: 3650, rows: 100 }, () => Date.parse("2026-01-05T00:00:00Z"));
    s.record(snap("x"), [t("a.example.com", "2026-01-01T00:00:00Z"), t("b.example.com", "2026-01-02T00:00:00Z"), t("a.example.com", "2026-01-03T00:00:00Z", "in-sync")]);
    expect(s.list({ hostname: "a.example.com", limit: 10 }).map((e) => e.to)).toEqual(["in-sync", "missing"]);
    expect(s.list({ since: "2026-01-02T00:00:00.000Z", limit: 10 }).map((e) => e.hostname)).toEqual(["a.example.com", "b.example.com"]);
    const [first] = s.list({ limit: 1 });
    expect(s.list({ limit: 10, before: first.id }).map((e) => e.at)).toEqual(["2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"]);
  });

  it("refuses a database from a newer dnsdrift", () => {
    const file = tmpFile();
    HistoryStore.open(file, { days: 1, rows: 1 }).close();
    const db = new Database(file);
    db.pragma("user_version = 99");
    db.close();
    expect(() => HistoryStore.open(file, { days: 1, rows: 1 })).toThrow(/schema version 99, newer than this dnsdrift knows/);
  });
});
