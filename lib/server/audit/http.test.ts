import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditExport, AuditResponse } from "../../api/types";
import { auditExportResponse, auditResponse, exportFilename } from "./http";
import { AuditStore } from "./store";

let dir: string;
let store: AuditStore;
const open = () => store;
const url = (q: string) => new URL(`http://localhost/api/audit${q}`);
const NOW = new Date("2030-02-03T04:05:06.789Z");

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-audit-http-"));
  store = AuditStore.open(path.join(dir, "audit.db"));
  for (let n = 1; n <= 3; n++) {
    store.begin({ instance: "i", planHash: `h${n}`, actor: { name: "a", groups: [], role: "approver", via: "none" }, approvedAt: NOW, zones: ["example.com"], replica: "r", changes: [] });
  }
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/audit", () => {
  it("answers a page, newest first, with the cursor for the next", async () => {
    const res = auditResponse(url("?limit=2"), open, NOW);
    expect(res.status).toBe(200);
    const body = (await res.json()) as AuditResponse;
    expect(body.entries.map((e) => e.planHash)).toEqual(["h3", "h2"]);
    const next = (await auditResponse(url(`?limit=2&before=${body.nextBefore}`), open, NOW).json()) as AuditResponse;
    expect(next).toMatchObject({ nextBefore: null });
    expect(next.entries.map((e) => e.planHash)).toEqual(["h1"]);
  });

  it.each(["?limit=0", "?limit=501", "?limit=abc", "?before=-1", "?before=1.5", "?format=csv"])("refuses %s with 400", async (q) => {
    const res = auditResponse(url(q), open, NOW);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid-request");
  });

  it.each(["?format=json&download=1", "?download=true"])("%s downloads the export", async (q) => {
    const res = auditResponse(url(q), open, NOW);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="dnsdrift-audit-2030-02-03T04-05-06-789Z.json"');
    const body = (await res.json()) as AuditExport;
    expect(body.exportedAt).toBe(NOW.toISOString());
    expect(body.entries.map((e) => e.planHash)).toEqual(["h3", "h2", "h1"]);
  });

  it("answers 503 when the audit database cannot be opened", async () => {
    const res = auditResponse(url(""), () => {
      throw new Error("SQLITE_CANTOPEN");
    });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatchObject({ code: "audit-unavailable" });
  });
});

describe("GET /api/audit/export", () => {
  it("is an attachment holding every entry", async () => {
    const res = auditExportResponse(open, NOW);
    expect(res.headers.get("content-disposition")).toContain(`filename="${exportFilename(NOW)}"`);
    expect(((await res.json()) as AuditExport).entries).toHaveLength(3);
  });
});
