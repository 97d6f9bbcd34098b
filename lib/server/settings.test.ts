import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dohSettingsFromEnv, ENVIRONMENT_VARIABLES, safetySettingsFromEnv, settingsFromEnv, SettingsError } from "./settings";

describe("confirmation settings", () => {
  it("defaults: 30 %, 10 owned, no protected names", () => {
    expect(safetySettingsFromEnv({})).toEqual({ changeShare: 0.3, minOwned: 10, protectedNames: [] });
  });

  it.each<[Record<string, string>, { changeShare?: number; minOwned?: number; protectedNames?: string[] }]>([
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "50" }, { changeShare: 0.5 }],
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "5%" }, { changeShare: 0.05 }],
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "0" }, { changeShare: 0 }],
    [{ DNSDRIFT_CONFIRM_MIN_OWNED: "0" }, { minOwned: 0 }],
    [{ DNSDRIFT_PROTECTED_NAMES: "example.com, *.prod.example.com,{a,b}.example.org" }, { protectedNames: ["example.com", "*.prod.example.com", "{a,b}.example.org"] }],
  ])("%j", (env, expected) => {
    expect(safetySettingsFromEnv(env)).toMatchObject(expected);
  });

  it.each<[Record<string, string>, string]>([
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "150" }, "DNSDRIFT_CONFIRM_CHANGE_PERCENT"],
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "lots" }, "DNSDRIFT_CONFIRM_CHANGE_PERCENT"],
    [{ DNSDRIFT_CONFIRM_MIN_OWNED: "2.5" }, "DNSDRIFT_CONFIRM_MIN_OWNED"],
    [{ DNSDRIFT_CONFIRM_MIN_OWNED: "-1" }, "DNSDRIFT_CONFIRM_MIN_OWNED"],
    [{ DNSDRIFT_PROTECTED_NAMES: "ok.example.com,bad name.example.com" }, "bad name.example.com"],
  ])("refuses %j, naming it", (env, named) => {
    expect(() => safetySettingsFromEnv(env)).toThrow(SettingsError);
    expect(() => safetySettingsFromEnv(env)).toThrow(named);
  });
});

// The environment is read in one place and documented in one place. Both checks scan the
// product's own sources (not tests, emulators or benchmarks, which may read what they like).
describe("environment variables", () => {
  const ROOT = path.resolve(__dirname, "../..");
  const SKIP_DIRS = new Set(["node_modules", ".next", ".git", ".tmp", "dist", "test-results", "playwright-report"]);
  const TEST_CODE = /\.(test|spec|testkit)\.(ts|tsx)$/;
  const productFiles = (): string[] => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : walk(full);
        return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) && !TEST_CODE.test(e.name) ? [full] : [];
      });
    return [...["lib", "app", "components", "bin"].flatMap((d) => walk(path.join(ROOT, d))), path.join(ROOT, "proxy.ts")];
  };
  const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");

  // Files that must name process.env themselves, and why.
  const ALLOWED: Record<string, string> = {
    "lib/server/settings.ts": "the one reader",
    "bin/dnsdrift.cjs": "the launcher runs before any TypeScript can be loaded",
    "proxy.ts": "Next replaces process.env.NODE_ENV at build time; the proxy cannot read it at run time",
    "lib/kube/kubeconfig.ts": "hands the service host to client-node, which reads process.env itself (it writes, reads none)",
  };

  it("only settings.ts (and the files listed with their reason) touch process.env", () => {
    const offenders = productFiles()
      .filter((f) => !(rel(f) in ALLOWED))
      .filter((f) => /\bprocess\.env\b/.test(readFileSync(f, "utf8")))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("every DNSDRIFT_ and CF_API_ variable product code names is in ENVIRONMENT_VARIABLES", () => {
    const known = new Set<string>(ENVIRONMENT_VARIABLES);
    const named = new Set(productFiles().flatMap((f) => readFileSync(f, "utf8").match(/\b(?:DNSDRIFT|CF_API)_[A-Z0-9_]*[A-Z0-9]\b/g) ?? []));
    expect([...named].filter((n) => !known.has(n)).sort()).toEqual([]);
  });

  it("every variable in ENVIRONMENT_VARIABLES is documented in docs/environment.md", () => {
    const doc = readFileSync(path.join(ROOT, "docs/environment.md"), "utf8");
    // A table row whose first cell names the variable in backticks (alone or among others).
    const documented = new Set(
      doc
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .flatMap((l) => [...l.split("|")[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1])),
    );
    expect(ENVIRONMENT_VARIABLES.filter((v) => !documented.has(v))).toEqual([]);
    expect([...documented].filter((v) => !(ENVIRONMENT_VARIABLES as readonly string[]).includes(v))).toEqual([]);
  });

  it("the scan finds what it looks for (a check that cannot fail is no check)", () => {
    expect(/\bprocess\.env\b/.test('const x = process.env.DNSDRIFT_MODE;')).toBe(true);
    expect("reads DNSDRIFT_NEW_THING and CF_API_OTHER_".match(/\b(?:DNSDRIFT|CF_API)_[A-Z0-9_]*[A-Z0-9]\b/g)).toEqual(["DNSDRIFT_NEW_THING"]);
    expect(productFiles().map(rel)).toEqual(expect.arrayContaining(["lib/server/settings.ts", "bin/dnsdrift.cjs", "proxy.ts", "app/api/lookup/route.ts"]));
  });
});

describe("the settings object", () => {
  it("carries the cluster, discovery, Cloudflare and DoH variables it was built from", () => {
    const s = settingsFromEnv({
      CF_API_TOKEN: " rd-token-123456 \n",
      CF_API_BASE_URL: "http://127.0.0.1:9/client/v4/",
      KUBECONFIG: "/k/config",
      DNSDRIFT_KUBE_CONTEXT: "prod",
      POD_NAME: "dnsdrift-0",
      DNSDRIFT_EXTERNALDNS_SELECTOR: "app=external-dns",
      DNSDRIFT_PUBLIC_URL: "https://dns.example.com",
      UNRELATED: "x",
    });
    expect(s.cloudflare).toEqual({ token: "rd-token-123456", baseURL: "http://127.0.0.1:9/client/v4", timeoutMs: 15000 });
    expect(s.cluster).toEqual({ kubeconfigPath: "/k/config", context: "prod", env: { KUBECONFIG: "/k/config", DNSDRIFT_KUBE_CONTEXT: "prod", POD_NAME: "dnsdrift-0" } });
    expect(s.discoveryEnv).toEqual({ DNSDRIFT_EXTERNALDNS_SELECTOR: "app=external-dns" });
    expect(s.history.publicUrl).toBe("https://dns.example.com");
    expect(s.environmentSecrets).toContain("rd-token-123456");
  });

  it.each([
    [{ DNSDRIFT_CLOUDFLARE_TIMEOUT_MS: "0" }, "DNSDRIFT_CLOUDFLARE_TIMEOUT_MS"],
    [{ DNSDRIFT_CLOUDFLARE_TIMEOUT_MS: "soon" }, "DNSDRIFT_CLOUDFLARE_TIMEOUT_MS"],
    [{ CF_API_TOKEN: "file:/nonexistent/dnsdrift-token" }, "CF_API_TOKEN: cannot read token file /nonexistent/dnsdrift-token"],
  ])("refuses %j, naming it", (env, named) => {
    expect(() => settingsFromEnv(env)).toThrow(named);
  });

  it("DoH settings: defaults, and a bad count falls back to the default", () => {
    expect(dohSettingsFromEnv({})).toEqual({ enabled: true, timeoutMs: 3000, maxResults: 5000, maxHosts: 500 });
    expect(dohSettingsFromEnv({ DNSDRIFT_DOH: "off", DNSDRIFT_DOH_MAX_RESULTS: "-3", DNSDRIFT_DOH_RESOLVERS: "a=https://a.example/dns-query", NODE_EXTRA_CA_CERTS: "/ca.pem" })).toEqual({
      enabled: false,
      resolvers: "a=https://a.example/dns-query",
      timeoutMs: 3000,
      maxResults: 5000,
      maxHosts: 500,
      extraCaCertsFile: "/ca.pem",
    });
  });
});
