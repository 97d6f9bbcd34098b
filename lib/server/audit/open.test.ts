import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { DEFAULT_AUDIT_DB, auditDbFromEnv } from "../settings";
import { AuditStores } from "./open";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-audit-open-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it.each([
  [{}, path.resolve(DEFAULT_AUDIT_DB)],
  [{ DNSDRIFT_AUDIT_DB: "  " }, path.resolve(DEFAULT_AUDIT_DB)],
  [{ DNSDRIFT_AUDIT_DB: "var/audit.sqlite" }, path.resolve("var/audit.sqlite")],
  [{ DNSDRIFT_AUDIT_DB: "/srv/dnsdrift/audit.db" }, "/srv/dnsdrift/audit.db"],
  [{ DNSDRIFT_AUDIT_DB: ":memory:" }, ":memory:"],
])("DNSDRIFT_AUDIT_DB %j → %s", (env, file) => expect(auditDbFromEnv(env)).toBe(file));

it("shares one open store per file, and reopens one that was closed", () => {
  const file = path.join(dir, "audit.db");
  const stores = new AuditStores(file);
  const a = stores.open();
  expect(stores.open(file)).toBe(a);
  expect(new AuditStores(file).open()).not.toBe(a);
  a.close();
  const b = stores.open();
  expect(b).not.toBe(a);
  expect(b.isOpen).toBe(true);
  b.close();
});
