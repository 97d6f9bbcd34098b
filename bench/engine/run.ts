// Engine benchmark: plans 10,000 HTTPRoutes against 20,000 Cloudflare records (a synthetic world
// from generate.ts), and checks the targets — plan under 1 s, peak memory under 300 MB, and
// linear scaling (10× the input in at most 12× the time, measured against 1,000 / 2,000).
//
//   node --import tsx bench/engine/run.ts             # plain
//   node --expose-gc --import tsx bench/engine/run.ts # exact heap figures (garbage collected first)
//
// Options: --runs=N (timed runs of the large world, default 7; the small one gets 10N), --seed=N,
// --json (one machine-readable line instead of the report). Exit code 1 when a target is missed.
//
// Timed runs never force a collection: with a gc() before each run the runs measured 15-35 %
// slower (V8 gives memory back and grows its heap again), which no real run pays. With
// --expose-gc, gc() is only used to read exact heap sizes. Peak memory is measured in a fresh
// child process that generates the large world and plans it once — the figure a CLI run would
// see. The parent's own peak after dozens of back-to-back plans says more about how lazily V8
// collects than about what a plan needs, so it is shown but not checked.

import { spawnSync } from "node:child_process";
import os from "node:os";
import { runPipeline } from "../../lib/drift/pipeline";
import { planDocument } from "../../lib/drift/plan-json";
import { generateWorld, type World } from "./generate";

const TARGET_MS = 1000;
const TARGET_PEAK_MB = 300;
const TARGET_RATIO = 12;
const LARGE = { routes: 10_000, records: 20_000 };
const SMALL = { routes: 1_000, records: 2_000 };
const SMALL_PER_BLOCK = 10;
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = arg ? Number(arg.slice(name.length + 3)) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** One plan, as the CLI computes it: the pipeline run and the plan document built from it. */
function plan(world: World) {
  const result = runPipeline(world);
  return { result, doc: planDocument(result) };
}

function timed(world: World): { ms: number; summary: { create: number; update: number; delete: number } } {
  const t0 = performance.now();
  const { doc } = plan(world);
  return { ms: performance.now() - t0, summary: doc.summary };
}

interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], runs: s.length };
}

interface MemoryProbe {
  /** RSS of the process before the world exists (node, tsx, the modules). */
  startRssMB: number;
  peakRssMB: number;
  heapBeforeMB: number;
  heapAfterMB: number;
}

/** Child mode: generate the large world, plan it once, report the process's peak RSS. */
function probeMemory(seed: number): void {
  const startRss = process.memoryUsage().rss;
  const world = generateWorld({ ...LARGE, seed });
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const out = plan(world);
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const probe: MemoryProbe = {
    startRssMB: startRss / MB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapBeforeMB: heapBefore / MB,
    heapAfterMB: heapAfter / MB,
  };
  console.log(JSON.stringify({ ...probe, changes: out.doc.changes.length }));
}

function runProbe(seed: number): MemoryProbe {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], "--probe-memory", `--seed=${seed}`], { encoding: "utf8" });
  const line = child.stdout.trim().split("\n").pop() ?? "";
  if (child.status !== 0 || !line.startsWith("{")) throw new Error(`memory probe failed: ${child.stderr || child.stdout}`);
  return JSON.parse(line) as MemoryProbe;
}

function describeWorld(w: World): string {
  const records = w.zones.reduce((n, z) => n + z.records.length, 0);
  const o = w.objects;
  return `${o.routes.length} HTTPRoutes, ${o.gateways.length} Gateways, ${o.ingresses.length} Ingresses, ${o.dnsEndpoints.length} DNSEndpoints, ${(o.services ?? []).length} Services (${(o.pods ?? []).length} Pods, ${(o.nodes ?? []).length} Nodes); ${records} Cloudflare records`;
}

function main(): void {
  const runs = option("runs", 7);
  const seed = option("seed", 20_240_601);
  if (process.argv.includes("--probe-memory")) return probeMemory(seed);
  const json = process.argv.includes("--json");

  const memory = runProbe(seed);
  const large = generateWorld({ ...LARGE, seed });
  const small = generateWorld({ ...SMALL, seed });
  // Warm-up: both sizes, so that neither pays for compiling the code paths of the other.
  for (let i = 0; i < 2; i++) timed(large);
  for (let i = 0; i < 4; i++) timed(small);
  // Interleaved blocks of one large plan and ten small ones: a busy machine slows both sizes
  // alike, and each block's ratio compares 10× the input against ten times the small input
  // under the same conditions. The scaling figure is the median of the block ratios.
  const bigTimes: number[] = [];
  const smallTimes: number[] = [];
  const blockRatios: number[] = [];
  let bigSummary = timed(large).summary;
  let smallSummary = timed(small).summary;
  for (let i = 0; i < runs; i++) {
    const b = timed(large);
    bigTimes.push(b.ms);
    bigSummary = b.summary;
    let smallTotal = 0;
    for (let j = 0; j < SMALL_PER_BLOCK; j++) {
      const s = timed(small);
      smallTimes.push(s.ms);
      smallTotal += s.ms;
      smallSummary = s.summary;
    }
    blockRatios.push(b.ms / (smallTotal / SMALL_PER_BLOCK));
  }
  const big = stats(bigTimes);
  const little = stats(smallTimes);
  const ratio = stats(blockRatios).median;
  const mem = process.memoryUsage();
  const parentPeakMB = process.resourceUsage().maxRSS / 1024;

  const checks = [
    { name: `plan ${LARGE.routes}/${LARGE.records} median < ${TARGET_MS} ms`, ok: big.median < TARGET_MS, value: `${big.median.toFixed(0)} ms` },
    { name: `peak RSS of one plan < ${TARGET_PEAK_MB} MB`, ok: memory.peakRssMB < TARGET_PEAK_MB, value: `${memory.peakRssMB.toFixed(0)} MB` },
    { name: `scaling ${SMALL.routes}→${LARGE.routes} ≤ ${TARGET_RATIO}×`, ok: ratio <= TARGET_RATIO, value: `${ratio.toFixed(2)}×` },
  ];
  const pass = checks.every((c) => c.ok);

  if (json) {
    console.log(JSON.stringify({ large: big, small: little, ratio, blockRatios, memory, parentPeakRssMB: parentPeakMB, gcExposed: !!gc, pass }));
  } else {
    const cpu = os.cpus();
    console.log(`dnsdrift engine benchmark — node ${process.version}, ${cpu.length} CPU(s) (${cpu[0]?.model ?? "?"}), load ${os.loadavg()[0].toFixed(2)}, seed ${seed}`);
    for (const [label, w, t, sum] of [["large", large, big, bigSummary], ["small", small, little, smallSummary]] as const) {
      console.log(`  ${label}: ${describeWorld(w)}`);
      console.log(
        `    plan: median ${t.median.toFixed(1)} ms, min ${t.min.toFixed(1)} ms, max ${t.max.toFixed(1)} ms over ${t.runs} runs` +
          ` → ${sum.create} creates, ${sum.update} updates, ${sum.delete} deletes`,
      );
    }
    console.log(
      `  memory of one plan (fresh process): peak RSS ${memory.peakRssMB.toFixed(0)} MB (${memory.startRssMB.toFixed(0)} MB before the world existed);` +
        ` heap ${memory.heapBeforeMB.toFixed(0)} MB with the world, ${memory.heapAfterMB.toFixed(0)} MB with world and plan` +
        (gc ? " (after gc)" : " (include garbage: run with --expose-gc for exact figures)"),
    );
    console.log(`  this process after ${2 + 4 + 2 + (1 + SMALL_PER_BLOCK) * runs} plans: peak RSS ${parentPeakMB.toFixed(0)} MB, RSS now ${(mem.rss / MB).toFixed(0)} MB, heap used ${(mem.heapUsed / MB).toFixed(0)} MB`);
    console.log(
      `  scaling: ${ratio.toFixed(2)}× the time for 10× the input (median of ${runs} blocks; medians ${big.median.toFixed(1)} / ${little.median.toFixed(1)} ms = ${(big.median / little.median).toFixed(2)}×)`,
    );
    for (const c of checks) console.log(`  ${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.value}`);
    console.log(pass ? "PASS" : "FAIL");
  }
  if (!pass) process.exitCode = 1;
}

main();
