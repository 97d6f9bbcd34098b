// `dnsdrift what-if` as a user runs it: real files in, stdout/stderr/exit code out.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startDohEmulator, type DohEmulator, type ZoneRecords } from "../emulators/doh/server";
import { runWhatIf } from "./what-if";

const root = path.resolve(__dirname, "..");
const seed = (p: string) => path.join(root, "examples/seed", p);
const SEED_ARGS = ["--config", seed("values.yaml"), "--manifests", seed("manifests"), "--records", seed("records.json")];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-what-if-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runWhatIf(["what-if", ...argv], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

function seedValues(edit: (text: string) => string): string {
  const file = path.join(tmp, `values-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, edit(fs.readFileSync(seed("values.yaml"), "utf8")));
  return file;
}

describe("dnsdrift what-if", () => {
  it("text: the seed's upgrade to v0.22.0, with causes, warnings, fixes and the safe order", async () => {
    const r = await run(...SEED_ARGS, "--to-version", "v0.22.0");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe(
      "dnsdrift what-if — external-dns v0.20.0 → v0.22.0 · annotation prefix external-dns.alpha.kubernetes.io/ → external-dns.kubernetes.io/",
    );
    expect(r.stdout).toMatch(/^ {2}- api\.example\.com CNAME external\.example\.com {2}← httproute\/default\/api$/m);
    expect(r.stdout).toMatch(/^ {2}\+ \*\.example\.com A 192\.168\.0\.239 \(proxied, ttl auto\)/m);
    expect(r.stdout).toContain("because annotation-prefix-changed: HTTPRoute networking/envoy-external: external-dns.alpha.kubernetes.io/controller is no longer read");
    expect(r.stdout).toContain("⚠ wildcard-appears: a wildcard *.example.com appears");
    expect(r.stdout).toContain("⚠ private-address: api.example.com → 192.168.0.239: a RFC 1918 private address published in public DNS");
    expect(r.stdout).toContain("      annotationPrefix: external-dns.alpha.kubernetes.io/");
    expect(r.stdout).toContain("$ kubectl annotate --overwrite ingress -n default legacy external-dns.kubernetes.io/target=external.example.com");
    expect(r.stdout).toContain("Migrate first, keeping both prefixes:");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("What-if: 16 differences (10 to create, 0 to update, 6 to delete), 3 no longer happening.");
  });

  it("JSON: current and next, differences with causes, vanishing, summary", async () => {
    const r = await run(...SEED_ARGS, "--to-version", "v0.22.0", "--output", "json");
    const doc = JSON.parse(r.stdout);
    expect(doc.current).toMatchObject({ version: "v0.20.0", annotationPrefix: "external-dns.alpha.kubernetes.io/", summary: { create: 2, update: 1, delete: 2 } });
    expect(doc.next).toMatchObject({ version: "v0.22.0", annotationPrefix: "external-dns.kubernetes.io/", summary: { create: 10, update: 0, delete: 8 } });
    expect(doc.summary).toMatchObject({ differences: 16, vanishing: 3, create: 10, update: 0, delete: 6 });
    const del = doc.differences.find((c: { action: string; name: string; type: string }) => c.action === "delete" && c.name === "legacy.example.com" && c.type === "CNAME");
    expect(del).toMatchObject({ zone: "example.com", content: "external.example.com", resource: "ingress/default/legacy", recordId: expect.any(String) });
    expect(del.causes).toEqual([
      {
        code: "annotation-prefix-changed",
        resource: "ingress/default/legacy",
        annotations: ["external-dns.alpha.kubernetes.io/target"],
        message: "Ingress default/legacy: external-dns.alpha.kubernetes.io/target is no longer read — external-dns v0.22.0 reads only the prefix external-dns.kubernetes.io/",
      },
    ]);
  });

  it.each([
    [["--to-version", "v0.22.0"], 2],
    [["--to-version", "v0.22.0", "--arg=--annotation-prefix=external-dns.alpha.kubernetes.io/"], 0],
    [["--to-version", "v0.21.0"], 0],
    [["--arg=--policy=upsert-only"], 2],
  ])("--detailed-exitcode with %j exits %i", async (extra, code) => {
    expect((await run(...SEED_ARGS, ...extra, "--detailed-exitcode")).code).toBe(code);
  });

  it("--next-config: a whole new values file, its image tag giving the version", async () => {
    const upgraded = seedValues((t) => t.replace("tag: v0.20.0", "tag: v0.22.0"));
    const r = await run(...SEED_ARGS, "--next-config", upgraded, "--output", "json");
    expect(JSON.parse(r.stdout).summary).toMatchObject({ differences: 16, vanishing: 3 });
    const pinned = seedValues((t) => t.replace("tag: v0.20.0", "tag: v0.22.0") + "annotationPrefix: external-dns.alpha.kubernetes.io/\n");
    const p = await run(...SEED_ARGS, "--next-config", pinned, "--detailed-exitcode");
    expect(p.code).toBe(0);
    expect(p.stdout).toContain("No differences");
  });

  it("--resolver: a delete of a name public DNS resolves today is flagged", async () => {
    const zones = JSON.parse(fs.readFileSync(seed("records.json"), "utf8")).zones as ZoneRecords;
    const doh: DohEmulator = await startDohEmulator({ zones: () => zones, negativeTtl: 60 });
    try {
      // The legacy Ingress is no longer read with another class: legacy.example.com goes away.
      const r = await run(...SEED_ARGS, "--arg=--ingress-class=internal", "--resolver", doh.url, "--output", "json");
      const del = JSON.parse(r.stdout).differences.find((c: { action: string; name: string; type: string }) => c.action === "delete" && c.type === "CNAME");
      expect(del.name).toBe("legacy.example.com");
      expect(del.consequences.map((c: { code: string }) => c.code)).toEqual(["resolves-today"]);
      const offline = await run(...SEED_ARGS, "--arg=--ingress-class=internal", "--output", "json");
      expect(JSON.parse(offline.stdout).differences.find((c: { type: string; action: string }) => c.action === "delete" && c.type === "CNAME").consequences).toEqual([]);
    } finally {
      await doh.close();
    }
  });

  it.each([
    [["--to-version", "v0.19.0"], /^dnsdrift: --to-version: v0\.19\.0 is not a version dnsdrift models \(v0\.20\.x, v0\.21\.x, v0\.22\.x\)\n$/],
    [["--arg=--frobnicate=1"], /^dnsdrift: --arg: --frobnicate is not an external-dns flag dnsdrift knows\n$/],
    [["--arg=--txt-suffix=-x"], /^dnsdrift: .*values\.yaml: external-dns would refuse to start with the next configuration: --txt-prefix: --txt-prefix and --txt-suffix are mutually exclusive\n$/],
    [["--next-config", "/nonexistent/values.yaml"], /^dnsdrift: \/nonexistent\/values\.yaml: cannot read the next configuration/],
    [[], /^dnsdrift what-if: say what changes: --to-version, --arg=--flag=value or --next-config\n/],
  ])("bad input %j: exit 1 and one line saying what is wrong", async (extra, message) => {
    const r = await run(...SEED_ARGS, ...extra);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("a next config file that is not valid YAML is named", async () => {
    const broken = path.join(tmp, "broken.yaml");
    fs.writeFileSync(broken, "image: [unclosed\n");
    const r = await run(...SEED_ARGS, "--next-config", broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dnsdrift: .*broken\.yaml: invalid YAML/);
  });
});

describe("the real entry point", () => {
  it("npx dnsdrift what-if runs through bin/dnsdrift.cjs with the documented exit codes", () => {
    const out = execFileSync(process.execPath, [path.join(root, "bin/dnsdrift.cjs"), "what-if", ...SEED_ARGS, "--to-version", "v0.22.0", "--output", "json"], { encoding: "utf8" });
    expect(JSON.parse(out).summary.differences).toBe(16);
    const detailed = spawnSync(process.execPath, [path.join(root, "bin/dnsdrift.cjs"), "what-if", ...SEED_ARGS, "--to-version", "v0.22.0", "--detailed-exitcode"], { encoding: "utf8" });
    expect(detailed.status).toBe(2);
    const bad = spawnSync(process.execPath, [path.join(root, "bin/dnsdrift.cjs"), "what-if", ...SEED_ARGS, "--to-version", "v9"], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  }, 30_000);
});
