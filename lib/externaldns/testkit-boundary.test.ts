// *.testkit.ts files hold builders for tests; shipped code (the engine, the server, the app, the
// CLI) must never import one, or test defaults would leak into what users run.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", ".tmp", "test-results", "playwright-report"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEST_CODE = /\.(test|spec|testkit)\.(ts|tsx)$/;
const TESTKIT_IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'][^"']*\.testkit(?:\.[cm]?[jt]s)?["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

describe("testkits stay in test code", () => {
  it.each([
    ['import { config } from "./gateway.testkit";', true],
    ["import { testConfig } from '../config.testkit.ts';", true],
    ['const kit = await import("./sources/gateway.testkit");', true],
    ['import { config } from "./config";', false],
    ["// see gateway.testkit for builders", false],
  ])("the import pattern on %s → %s", (line, matches) => {
    expect(TESTKIT_IMPORT.test(line)).toBe(matches);
  });

  it("no file other than tests and testkits imports a testkit", () => {
    const offenders = sourceFiles(ROOT)
      .filter((f) => !TEST_CODE.test(f))
      .filter((f) => TESTKIT_IMPORT.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
