// The CLI as a user runs it: real files in, stdout/stderr/exit code out. Bad input of every
// kind must end in one clear line naming the file (and object) — never a stack trace.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";

const root = path.resolve(__dirname, "..");
const seed = (p: string) => path.join(root, "examples/seed", p);
const bad = (p: string) => path.join(root, "tests/fixtures/bad", p);
const SEED_ARGS = ["--config", seed("values.yaml"), "--manifests", seed("manifests"), "--records", seed("records.json")];

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

describe("dnsdrift plan", () => {
  it("prints a reviewable text plan for the seed example", async () => {
    const r = await run(["plan", ...SEED_ARGS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Zone example.com");
    expect(r.stdout).toMatch(/^\s+\+ web\.example\.com CNAME external\.example\.com \(proxied, ttl auto\)/m);
    expect(r.stdout).toMatch(/^\s+~ app\.example\.com CNAME external\.example\.com: proxied false → true/m);
    expect(r.stdout).toMatch(/^\s+- old\.example\.com CNAME external\.example\.com/m);
    expect(r.stdout).toContain("shop.example.com: owned-by-other");
    expect(r.stdout).toContain("blog.example.com: unowned-record");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("Plan: 2 to create, 1 to update, 2 to delete.");
  });

  it("refuses to show a plan when --fqdn-template fails on an object (external-dns would change nothing)", async () => {
    const dir = path.join(root, "tests/scenarios/fqdn-template-hosts");
    const r = await run(["plan", "--config", bad("fqdn-template-fails.txt"), "--external-dns-version", "v0.20.0", "--manifests", path.join(dir, "manifests"), "--records", path.join(dir, "records.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("fqdn-template-fails.txt: external-dns would fail every loop and change nothing");
    expect(r.stderr).toMatch(/failed to apply template on (HTTPRoute apps\/shop|Ingress default\/web)/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints the plan JSON of the contract", async () => {
    const r = await run(["plan", ...SEED_ARGS, "--output", "json"]);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["desired", "changes", "summary"]);
    expect(doc.summary).toEqual({ create: 2, update: 1, delete: 2 });
    expect(doc.changes).toContainEqual(
      expect.objectContaining({
        action: "update",
        zone: "example.com",
        name: "app.example.com",
        type: "CNAME",
        content: "external.example.com",
        proxied: true,
        ttl: 1,
        previous: expect.objectContaining({ content: "external.example.com", proxied: false, ttl: 1 }),
      }),
    );
  });

  it.each([
    [[], 0],
    [["--detailed-exitcode"], 2],
  ])("exit code with %j is %i when changes are pending", async (extra, code) => {
    expect((await run(["plan", ...SEED_ARGS, ...extra])).code).toBe(code);
  });

  it("exits 0 with --detailed-exitcode when in sync", async () => {
    const inSync = path.join(root, "tests/scenarios/seed-in-sync/records.json");
    const r = await run(["plan", "--config", seed("values.yaml"), "--manifests", seed("manifests"), "--records", inSync, "--detailed-exitcode"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No changes.");
  });

  it("ignores kinds it does not read", async () => {
    const r = await run(["plan", "--config", seed("values.yaml"), "--manifests", seed("manifests"), "--manifests", bad("unknown-kinds.yaml"), "--records", seed("records.json")]);
    expect(r.code).toBe(0);
  });

  it("treats invalid annotation values as external-dns does and warns in explain", async () => {
    const args = ["--config", seed("values.yaml"), "--manifests", seed("manifests/gateways.yaml"), "--manifests", seed("manifests/namespaces.yaml"), "--manifests", bad("invalid-annotations.yaml"), "--records", seed("records.json")];
    const plan = JSON.parse((await run(["plan", ...args, "--output", "json"])).stdout);
    // ttl "abc" → TTL 0; proxied "maybe" → the --cloudflare-proxied default (true).
    expect(plan.desired).toContainEqual(expect.objectContaining({ name: "web.example.com", ttl: 0, proxied: true }));
    const explain = JSON.parse((await run(["explain", "web.example.com", ...args, "--output", "json"])).stdout);
    const warnings = explain.reasons.filter((r: { code: string }) => r.code === "invalid-annotation");
    expect(warnings.map((w: { message: string }) => w.message).join("\n")).toMatch(/abc/);
    expect(warnings.map((w: { message: string }) => w.message).join("\n")).toMatch(/maybe/);
  });
});

describe("dnsdrift plan with a source dnsdrift does not model", () => {
  // The seed's values plus --source=istio-gateway: what an Istio Gateway claims is unknown, so the
  // orphaned old.example.com may be wanted after all and must not be deleted.
  const UNMODELLED = ["--config", path.join(root, "tests/scenarios/seed-unmodelled-source/values.yaml"), "--manifests", seed("manifests"), "--records", seed("records.json")];

  it("text: no deletes; old.example.com listed as blocked with unmodelled-source naming the source", async () => {
    const r = await run(["plan", ...UNMODELLED]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^\s+- /m);
    expect(r.stdout).toMatch(/^\s+! old\.example\.com: unmodelled-source — withheld: delete CNAME old\.example\.com .*istio-gateway/m);
    expect(r.stdout).toContain("Plan: 2 to create, 1 to update, 0 to delete.");
    expect(r.stdout).toMatch(/Withheld: 1 change \(unmodelled-source: --source=istio-gateway\)/);
  });

  it("JSON: deletes are not in changes but under blocked, with the code and the source", async () => {
    const doc = JSON.parse((await run(["plan", ...UNMODELLED, "--output", "json"])).stdout);
    expect(doc.summary).toEqual({ create: 2, update: 1, delete: 0 });
    expect(doc.changes.filter((c: { action: string }) => c.action === "delete")).toEqual([]);
    expect(doc.blocked).toEqual([
      expect.objectContaining({ action: "delete", name: "old.example.com", type: "CNAME", blockedBy: [expect.objectContaining({ code: "unmodelled-source", subject: "--source=istio-gateway" })] }),
      expect.objectContaining({ action: "delete", name: "k8s.cname-old.example.com", ownershipOf: "old.example.com" }),
    ]);
  });

  it("--detailed-exitcode: withheld changes are not \"no changes\"", async () => {
    const noop = path.join(root, "tests/fixtures/values-registry-noop.yaml");
    const r = await run(["plan", "--config", noop, "--manifests", seed("manifests"), "--records", seed("records.json"), "--detailed-exitcode"]);
    expect(r.stdout).toMatch(/No changes offered: 3 withheld/);
    expect(r.stdout).not.toContain("Cloudflare matches");
    expect(r.code).toBe(2);
  });

  it("explain: old.example.com is blocked, not pending deletion", async () => {
    const doc = JSON.parse((await run(["explain", "old.example.com", ...UNMODELLED, "--output", "json"])).stdout);
    expect(doc.verdict).toBe("blocked");
    expect(doc.reasons[0]).toMatchObject({ code: "unmodelled-source", message: expect.stringContaining("istio-gateway") });
    expect(doc.changes).toEqual([]);
  });
});

describe("dnsdrift explain", () => {
  it("explains why grafana.example.com is not published", async () => {
    const r = await run(["explain", "grafana.example.com", ...SEED_ARGS, "--output", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ hostname: "grafana.example.com", verdict: "not-desired", desired: [], records: [], changes: [] });
    expect(doc.reasons[0]).toEqual({
      code: "gateway-label-filter",
      resource: "httproute/observability/grafana",
      message: "parent Gateway networking/envoy-internal does not match --gateway-label-filter external-dns.alpha.kubernetes.io/enabled=true",
      severity: "info",
    });
  });

  it("normalises the hostname it is given", async () => {
    const doc = JSON.parse((await run(["explain", "App.Example.COM.", ...SEED_ARGS, "--output", "json"])).stdout);
    expect(doc.hostname).toBe("app.example.com");
    expect(doc.verdict).toBe("will-update");
  });
});

describe("dnsdrift with --source=service", () => {
  const dir = (p: string) => path.join(root, "tests/scenarios/service-heavy-cluster", p);
  const ARGS = ["--config", dir("args.yaml"), "--manifests", dir("manifests"), "--records", dir("records.json"), "--external-dns-version", "v0.21.0"];

  it("plans the records a cluster's Services ask for", async () => {
    const r = await run(["plan", ...ARGS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+\+ db-0\.db\.example\.org A 10\.1\.0\.5/m);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("Plan: 13 to create, 0 to update, 2 to delete.");
  });

  it("explains a ClusterIP Service's hostname external-dns does not publish", async () => {
    const r = await run(["explain", "api.example.org", ...ARGS, "--output", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.verdict).toBe("not-desired");
    expect(doc.reasons).toContainEqual(expect.objectContaining({ code: "internal-service", resource: "service/web/api" }));
  });
});

describe("bad input", () => {
  it.each([
    ["malformed manifest YAML", ["--manifests", bad("broken.yaml")], /broken\.yaml: invalid YAML in document 1/],
    ["an object without a name", ["--manifests", bad("no-name.yaml")], /no-name\.yaml: document 1: HTTPRoute has no metadata\.name/],
    ["a non-string annotation", ["--manifests", bad("numeric-annotation.yaml")], /numeric-annotation\.yaml: HTTPRoute\/default\/app: metadata\.annotations\["external-dns\.alpha\.kubernetes\.io\/ttl"\] must be a string/],
    ["a missing manifests path", ["--manifests", bad("nope")], /nope: no such file or directory/],
  ])("%s", async (_, manifests, message) => {
    const r = await run(["plan", "--config", seed("values.yaml"), ...manifests, "--records", seed("records.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it.each([
    ["records of the wrong shape", bad("records-wrong-shape.json"), /records-wrong-shape\.json: zones\.0\.records\.0\.content: .*expected string/],
    ["broken JSON", bad("records-broken.json"), /records-broken\.json: invalid JSON/],
    ["a list instead of an object", bad("records-not-object.json"), /records-not-object\.json: \(top level\): .*expected object/],
  ])("%s", async (_, records, message) => {
    const r = await run(["plan", "--config", seed("values.yaml"), "--manifests", seed("manifests"), "--records", records]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ["broken Helm values", bad("values-broken.yaml"), /values-broken\.yaml: /],
    ["values the chart refuses to render", bad("values-prefix-and-suffix.yaml"), /values-prefix-and-suffix\.yaml: txtPrefix: 'txtPrefix' and 'txtSuffix' are mutually exclusive/],
    ["a configuration external-dns refuses", bad("values-bool-equals.yaml"), /values-bool-equals\.yaml: external-dns would refuse to start .*--once=true.*unexpected true/],
  ])("%s", async (_, config, message) => {
    const r = await run(["plan", "--config", config, "--manifests", seed("manifests"), "--records", seed("records.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ["no command", [], /Usage/],
    ["an unknown command", ["apply"], /unknown command "apply"/],
    ["a missing --records", ["plan", "--config", "x", "--manifests", "y"], /--records is required/],
    ["a bad --output", ["plan", ...SEED_ARGS, "--output", "yaml"], /--output must be json or text/],
    ["a bad --external-dns-version", ["plan", ...SEED_ARGS, "--external-dns-version", "latest"], /--external-dns-version: "latest" is not an external-dns version/],
    ["an unknown flag", ["plan", "--bogus"], /Unknown option '--bogus'/],
  ])("usage error: %s", async (_, argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(message);
  });
});

describe("npx dnsdrift", () => {
  it("runs the CLI compiled at install time (scripts/build-bin.mjs, run by npm ci's prepare)", () => {
    execFileSync(process.execPath, [path.join(root, "scripts/build-bin.mjs")], { encoding: "utf8" });
    const r = spawnSync(process.execPath, [path.join(root, "bin/dnsdrift.cjs"), "plan", ...SEED_ARGS, "--output", "json"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ create: 2, update: 1, delete: 2 });
    expect(r.stderr).toBe("");
    // The compiled file holds no TypeScript loader.
    expect(fs.readFileSync(path.join(root, "dist/bin/cli.cjs"), "utf8")).not.toMatch(/require\("tsx/);
  }, 60_000);

  // Start-up time: a plan loads only what it uses. Helm values need the `yaml` reader; an
  // argument list (the usual --config of a CI job) does not, nor does a manifest js-yaml reads;
  // manifests in plain block YAML (what kubectl writes) need not even js-yaml.
  const argsList = () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-cli-")), "args.yaml");
    fs.writeFileSync(file, "- --provider=cloudflare\n- '--source=gateway-httproute'\n- --registry=txt\n- --txt-owner-id=default\n- --policy=sync\n");
    return ["--config", file, "--external-dns-version", "v0.21.0", ...SEED_ARGS.slice(2)];
  };
  const blockManifests = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-cli-"));
    // The seed files without flow sequences (`hostnames: ["a"]`), which the line reader leaves to js-yaml.
    for (const f of ["gateways.yaml", "ingress.yaml", "namespaces.yaml"]) fs.copyFileSync(path.join(root, "examples/seed/manifests", f), path.join(dir, f));
    const args = argsList();
    args[args.indexOf("--manifests") + 1] = dir;
    return args;
  };
  it.each([
    ["Helm values", () => SEED_ARGS, [] as string[], "js-yaml"],
    ["an argument list", argsList, ["yaml"], "js-yaml"],
    ["block YAML manifests", blockManifests, ["yaml", "js-yaml"], "ipaddr.js"],
  ])("loads no server, DNS or schema package for a plan from well-formed files (%s)", (_, args, alsoNot, loaded) => {
    const script = `require(${JSON.stringify(path.join(root, "dist/bin/cli.cjs"))}).main(process.argv.slice(1)).then((code) => {
      const pkgs = new Set(Object.keys(require.cache).map((f) => (f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) ?? [])[1]).filter(Boolean));
      process.stderr.write(JSON.stringify({ code, pkgs: [...pkgs].sort() }));
    })`;
    const r = spawnSync(process.execPath, ["-e", script, "plan", ...args(), "--output", "json"], { encoding: "utf8" });
    const { code, pkgs } = JSON.parse(r.stderr);
    expect(code).toBe(0);
    expect(pkgs).toContain(loaded); // the check sees packages at all
    for (const heavy of ["@kubernetes/client-node", "zod", "picomatch", "dns-packet", "cloudflare", ...alsoNot]) expect(pkgs).not.toContain(heavy);
  }, 60_000);

  it("runs from the TypeScript sources when asked to", () => {
    const r = spawnSync(process.execPath, [path.join(root, "bin/dnsdrift.cjs"), "plan", ...SEED_ARGS, "--output", "json"], {
      encoding: "utf8",
      env: { ...process.env, DNSDRIFT_FROM_SOURCE: "1" },
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ create: 2, update: 1, delete: 2 });
  }, 60_000);
});
