// Whole-process CLI benchmark: `dnsdrift plan` as a user runs it (a fresh Node process through
// the package's bin, bin/dnsdrift.cjs → dist/bin/cli.cjs), on the synthetic estates of
// bench/engine/generate.ts written to files (cli/estate.ts): multi-document YAML manifests,
// a Cloudflare records JSON and the external-dns arguments.
//
//   node --import tsx bench/cli/run.ts [--runs=3] [--large] [--json] [--thread=auto|on|off]
//
// --thread sets DNSDRIFT_SOURCES_THREAD for the runs (default: the product's, off; on runs the
// sources on a worker thread, auto does so for large manifests when a core is free; see
// bin/sources-thread.ts).
//
// Sizes: 1k routes / 2k records, 10k / 20k, and with --large also 100k / 200k. Reported per size:
// wall time (median of --runs), CPU time (user + system, steadier on a shared machine) and peak
// RSS of the process (from /usr/bin/time). Targets: 10k/20k < 1 s and < 300 MB; 100k/200k
// < 10 s and < 1.5 GB; 10× the input at most 12× the time. Exit code 1 when a target is missed.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeEstate, type EstateFiles } from "./estate";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "bin/dnsdrift.cjs");
const TIME = "/usr/bin/time";

interface Size {
  routes: number;
  records: number;
  targetS?: number;
  targetMB?: number;
}
const SIZES: Size[] = [
  { routes: 1_000, records: 2_000 },
  { routes: 10_000, records: 20_000, targetS: 1, targetMB: 300 },
  { routes: 100_000, records: 200_000, targetS: 10, targetMB: 1536 },
];
const TARGET_RATIO = 12;

const flag = (name: string) => process.argv.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split("=")[1]) : fallback;
};

/** Estates are cached under .tmp/bench-estates (generating 100k routes takes a few seconds). */
function estate(s: Size): EstateFiles {
  const dir = path.join(ROOT, ".tmp/bench-estates", `${s.routes}-${s.records}`);
  const files = { dir, config: path.join(dir, "args.yaml"), manifests: path.join(dir, "cluster.yaml"), records: path.join(dir, "records.json") };
  if (fs.existsSync(files.records)) return files;
  return writeEstate({ routes: s.routes, records: s.records, dir });
}

interface Run {
  wallS: number;
  cpuS: number;
  peakMB: number;
  summary: string;
}

const THREAD = process.argv.find((a) => a.startsWith("--thread="))?.split("=")[1] ?? process.env.DNSDRIFT_SOURCES_THREAD ?? "off";
const env = { ...process.env, DNSDRIFT_SOURCES_THREAD: THREAD };

function runOnce(files: EstateFiles): Run {
  const args = [CLI, "plan", "--config", files.config, "--manifests", files.manifests, "--records", files.records, "--external-dns-version", "v0.21.0", "--output", "json"];
  const out = path.join(os.tmpdir(), `dnsdrift-bench-${process.pid}.json`);
  const fd = fs.openSync(out, "w");
  const haveTime = fs.existsSync(TIME);
  const t0 = performance.now();
  const r = haveTime
    ? spawnSync(TIME, ["-f", "%U %S %M", process.execPath, ...args], { stdio: ["ignore", fd, "pipe"], encoding: "utf8", env })
    : spawnSync(process.execPath, args, { stdio: ["ignore", fd, "pipe"], encoding: "utf8", env });
  const wallS = (performance.now() - t0) / 1000;
  fs.closeSync(fd);
  if (r.status !== 0) throw new Error(`dnsdrift plan failed (${r.status}): ${r.stderr}`);
  const doc = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(out);
  const [user, sys, maxKB] = haveTime ? r.stderr.trim().split("\n").at(-1)!.split(" ").map(Number) : [NaN, NaN, NaN];
  return { wallS, cpuS: user + sys, peakMB: maxKB / 1024, summary: `${doc.summary.create}/${doc.summary.update}/${doc.summary.delete}` };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  if (!fs.existsSync(path.join(ROOT, "dist/bin/cli.cjs"))) {
    console.error("bench/cli: dist/bin/cli.cjs is missing; run `npm run build:bin` first");
    process.exit(1);
  }
  const runs = option("runs", 3);
  const sizes = SIZES.filter((s) => s.routes < 100_000 || flag("large"));
  const rows: (Size & { wallS: number; cpuS: number; peakMB: number; summary: string; runs: number })[] = [];
  for (const s of sizes) {
    const files = estate(s);
    runOnce(files); // warm the file cache
    const n = s.routes >= 100_000 ? 1 : runs;
    const results = Array.from({ length: n }, () => runOnce(files));
    rows.push({ ...s, runs: n, wallS: median(results.map((r) => r.wallS)), cpuS: median(results.map((r) => r.cpuS)), peakMB: Math.max(...results.map((r) => r.peakMB)), summary: results[0].summary });
  }
  let ok = true;
  const ratios: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i].wallS / rows[i - 1].wallS;
    const c = rows[i].cpuS / rows[i - 1].cpuS;
    ratios.push(`${rows[i - 1].routes / 1000}k → ${rows[i].routes / 1000}k: wall ×${r.toFixed(1)}, CPU ×${c.toFixed(1)}`);
    if (Math.min(r, c) > TARGET_RATIO) ok = false;
  }
  for (const r of rows) {
    if (r.targetS !== undefined && r.wallS > r.targetS) ok = false;
    if (r.targetMB !== undefined && r.peakMB > r.targetMB) ok = false;
  }
  if (flag("json")) {
    console.log(JSON.stringify({ rows, ratios, ok, load: os.loadavg()[0], thread: THREAD }));
  } else {
    console.log(`dnsdrift plan, whole process (${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}, sources thread ${THREAD})\n`);
    console.log("| routes / records | runs | wall (median) | CPU user+sys | peak RSS | create/update/delete | target |");
    console.log("|---|---|---|---|---|---|---|");
    for (const r of rows) {
      const target = r.targetS ? `< ${r.targetS} s, < ${r.targetMB} MB` : "—";
      console.log(`| ${r.routes.toLocaleString("en")} / ${r.records.toLocaleString("en")} | ${r.runs} | ${r.wallS.toFixed(2)} s | ${r.cpuS.toFixed(2)} s | ${Math.round(r.peakMB)} MB | ${r.summary} | ${target} |`);
    }
    console.log(`\nScaling (target ≤ ×${TARGET_RATIO} for 10× the input): ${ratios.join("; ")}`);
    console.log(ok ? "PASS" : "FAIL");
  }
  process.exitCode = ok ? 0 : 1;
}

main();
