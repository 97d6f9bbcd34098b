// A large plan runs its sources on a worker thread (sources-thread.ts). The built CLI is run
// with the thread forced on and off: the outputs and the errors must be the same byte for byte.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeEstate, type EstateFiles } from "../bench/cli/estate";
import { coreToSpare, sourcesThreadMode } from "./sources-thread";

const root = path.resolve(__dirname, "..");
const seed = (p: string) => path.join(root, "examples/seed", p);
const bad = (p: string) => path.join(root, "tests/fixtures/bad", p);

// Counts the worker threads the CLI starts, and prints the count last on stderr.
const RUNNER = `const wt = require("node:worker_threads");
let started = 0;
wt.Worker = class extends wt.Worker { constructor(...a) { super(...a); started++; } };
require(${JSON.stringify(path.join(root, "dist/bin/cli.cjs"))}).main(process.argv.slice(1), { sourcesThread: process.env.DNSDRIFT_SOURCES_THREAD }).then((code) => {
  process.exitCode = code;
  process.stderr.write("\\nworkers=" + started);
});`;

function plan(args: string[], thread: string | undefined) {
  const env = { ...process.env, DNSDRIFT_SOURCES_THREAD: thread };
  if (thread === undefined) delete env.DNSDRIFT_SOURCES_THREAD;
  const r = spawnSync(process.execPath, ["-e", RUNNER, "plan", ...args], { encoding: "utf8", maxBuffer: 64 << 20, env });
  const [stderr, workers] = r.stderr.split(/\nworkers=(?=\d+$)/);
  return { code: r.status, stdout: r.stdout, stderr, workers: Number(workers) };
}

let estate: EstateFiles;
beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, "scripts/build-bin.mjs")], { encoding: "utf8" });
  estate = writeEstate({ routes: 300, records: 600, dir: fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-thread-")) });
}, 60_000);

describe("dnsdrift plan with the sources on a worker thread", () => {
  const SEED = () => ["--config", seed("values.yaml"), "--manifests", seed("manifests"), "--records", seed("records.json")];
  const ESTATE = () => ["--config", estate.config, "--manifests", estate.manifests, "--records", estate.records];

  it.each([
    ["the seed example (Helm values), text", SEED, ["--output", "text"]],
    ["the seed example, JSON", SEED, ["--output", "json", "--detailed-exitcode"]],
    ["a synthetic estate (argument list), v0.20.0, JSON", ESTATE, ["--external-dns-version", "v0.20.0", "--output", "json"]],
    ["a synthetic estate, v0.21.0, text", ESTATE, ["--external-dns-version", "v0.21.0", "--output", "text"]],
    ["a synthetic estate, v0.22.0, JSON", ESTATE, ["--external-dns-version", "v0.22.0", "--output", "json"]],
  ])("%s: the same plan as on one thread", (_, files, extra) => {
    const on = plan([...files(), ...extra], "on");
    const off = plan([...files(), ...extra], "off");
    expect(on.workers).toBe(1);
    expect(off.workers).toBe(0);
    expect(on.stderr).toBe("");
    expect(on.code).toBe(off.code);
    expect(on.stdout).toBe(off.stdout);
    expect(on.stdout.length).toBeGreaterThan(1000);
  }, 60_000);

  it.each([
    ["a broken manifest", () => ["--config", seed("values.yaml"), "--manifests", bad("broken.yaml"), "--records", seed("records.json")], /broken\.yaml: invalid YAML/],
    ["an object without a name", () => ["--config", seed("values.yaml"), "--manifests", bad("no-name.yaml"), "--records", seed("records.json")], /no-name\.yaml: /],
    ["a broken records file", () => ["--config", seed("values.yaml"), "--manifests", seed("manifests"), "--records", bad("records-broken.json")], /records-broken\.json: invalid JSON/],
    // Both broken: the manifests are read first on one thread, so their error is the one shown.
    ["a broken manifest and a broken records file", () => ["--config", seed("values.yaml"), "--manifests", bad("broken.yaml"), "--records", bad("records-broken.json")], /broken\.yaml: invalid YAML/],
    ["a missing manifest path", () => ["--config", seed("values.yaml"), "--manifests", "/nonexistent/m.yaml", "--records", seed("records.json")], /nonexistent\/m\.yaml: no such file/],
  ])("%s: the same error as on one thread", (_, args, message) => {
    const on = plan([...args(), "--output", "json"], "on");
    const off = plan([...args(), "--output", "json"], "off");
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(message);
    expect(on.code).toBe(1);
    expect(on.stderr).toBe(off.stderr);
    expect(on.stdout).toBe("");
  }, 60_000);

  it("starts no thread unless asked to, nor under auto for small manifests", () => {
    for (const mode of [undefined, "auto"] as const) {
      const r = plan([...ESTATE(), "--output", "json"], mode);
      expect(r.code).toBe(0);
      expect(r.workers).toBe(0);
    }
  }, 60_000);
});

describe("coreToSpare: the thread only beside an idle core", () => {
  it.each([
    [2, 0.2, true],
    [2, 1.0, true],
    [2, 1.1, false],
    [2, 4.5, false],
    [1, 0, false],
    [8, 6.5, true],
    [8, 7.5, false],
  ])("%i cores at load %f: %s", (cores, load, spare) => {
    expect(coreToSpare(cores, load)).toBe(spare);
  });
});

describe("DNSDRIFT_SOURCES_THREAD", () => {
  it.each([
    [undefined, "off"],
    ["", "off"],
    ["off", "off"],
    ["on", "on"],
    ["auto", "auto"],
  ])("%s reads as %s", (value, mode) => {
    expect(sourcesThreadMode(value)).toBe(mode);
  });

  it.each(["yes", "ON", "1"])("%s is refused, naming the variable", (value) => {
    expect(() => sourcesThreadMode(value)).toThrow(`DNSDRIFT_SOURCES_THREAD must be one of off, on, auto, got "${value}"`);
  });

  it("a plan with a value it does not know stops before reading anything, naming the variable", () => {
    const r = plan([...["--config", seed("values.yaml"), "--manifests", seed("manifests"), "--records", seed("records.json")], "--output", "json"], "maybe");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DNSDRIFT_SOURCES_THREAD must be one of off, on, auto, got "maybe"/);
    expect(r.stdout).toBe("");
  }, 60_000);
});
