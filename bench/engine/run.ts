// Engine benchmark: plans 10,000 HTTPRoutes against 20,000 Cloudflare records (a synthetic world
// from generate.ts), and checks the targets — plan under 1 s, peak memory under 300 MB, and
// linear scaling (10× the input in at most 12× the time, measured against 1,000 / 2,000).
//
//   node --import tsx bench/engine/run.ts            # plain
//   node --expose-gc --import tsx bench/engine/run.ts # collects garbage before every timed run
//
// Options: --runs=N (timed runs per size, default 7), --seed=N, --json (machine-readable line).
// Exit code 1 when a target is missed.

import os from "node:os";
import { runPipeline } from "../../lib/drift/pipeline";
import { planDocument } from "../../lib/drift/plan-json";
import { generateWorld, type World } from "./generate";

const TARGET_MS = 1000;
const TARGET_PEAK_MB = 300;
const TARGET_RATIO = 12;

interface Size {
  routes: number;
  records: number;
}
const LARGE: Size = { routes: 10_000, records: 20_000 };
const SMALL: Size = { routes: 1_000, records: 2_000 };

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = arg ? Number(arg.slice(name.length + 3)) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

/** One plan, as the CLI computes it: the pipeline run and the plan document built from it. */
function plan(world: World) {
  const result = runPipeline(world);
  return { result, doc: planDocument(result) };
}

interface Timing {
  median: number;
  min: number;
  max: number;
  /** Heap in use right after a run, with its result still alive (after a GC before it, when exposed). */
  heapAfterMB: number;
  summary: { create: number; update: number; delete: number };
}

function measure(world: World, warmups: number, runs: number): Timing {
  let summary = { create: 0, update: 0, delete: 0 };
  for (let i = 0; i < warmups; i++) summary = plan(world).doc.summary;
  const times: number[] = [];
  let heapAfter = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t0 = performance.now();
    const out = plan(world);
    times.push(performance.now() - t0);
    heapAfter = Math.max(heapAfter, process.memoryUsage().heapUsed);
    summary = out.doc.summary;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], heapAfterMB: heapAfter / MB, summary };
}

function describeWorld(w: World): string {
  const records = w.zones.reduce((n, z) => n + z.records.length, 0);
  const o = w.objects;
  return `${o.routes.length} HTTPRoutes, ${o.gateways.length} Gateways, ${o.ingresses.length} Ingresses, ${o.dnsEndpoints.length} DNSEndpoints; ${records} Cloudflare records`;
}

function main(): void {
  const runs = option("runs", 7);
  const seed = option("seed", 20_240_601);
  const json = process.argv.includes("--json");
  const large = generateWorld({ ...LARGE, seed });
  const small = generateWorld({ ...SMALL, seed });

  // Warm both sizes first so that neither measurement pays for JIT compilation of the other.
  measure(small, 3, 1);
  const big = measure(large, 2, runs);
  const little = measure(small, 3, runs * 2);
  const ratio = big.median / little.median;
  const mem = process.memoryUsage();
  const peakRssMB = process.resourceUsage().maxRSS / 1024;

  const checks = [
    { name: `plan ${LARGE.routes}/${LARGE.records} median < ${TARGET_MS} ms`, ok: big.median < TARGET_MS, value: `${big.median.toFixed(0)} ms` },
    { name: `peak RSS < ${TARGET_PEAK_MB} MB`, ok: peakRssMB < TARGET_PEAK_MB, value: `${peakRssMB.toFixed(0)} MB` },
    { name: `scaling ${SMALL.routes}→${LARGE.routes} ≤ ${TARGET_RATIO}×`, ok: ratio <= TARGET_RATIO, value: `${ratio.toFixed(2)}×` },
  ];
  const pass = checks.every((c) => c.ok);

  if (json) {
    console.log(JSON.stringify({ large: big, small: little, ratio, peakRssMB, heapUsedMB: mem.heapUsed / MB, gcExposed: !!gc, pass }));
  } else {
    console.log(`dnsdrift engine benchmark — node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? "?"}), seed ${seed}`);
    console.log(`  gc between runs: ${gc ? "yes (--expose-gc)" : "no (run with --expose-gc for steadier figures)"}`);
    for (const [label, w, t] of [["large", large, big], ["small", small, little]] as const) {
      console.log(`  ${label}: ${describeWorld(w)}`);
      console.log(
        `    plan: median ${t.median.toFixed(1)} ms, min ${t.min.toFixed(1)} ms, max ${t.max.toFixed(1)} ms over ${label === "large" ? runs : runs * 2} runs` +
          ` → ${t.summary.create} creates, ${t.summary.update} updates, ${t.summary.delete} deletes; heap after a run ${t.heapAfterMB.toFixed(0)} MB`,
      );
    }
    console.log(`  memory: peak RSS ${peakRssMB.toFixed(0)} MB, RSS now ${(mem.rss / MB).toFixed(0)} MB, heap used ${(mem.heapUsed / MB).toFixed(0)} MB`);
    console.log(`  scaling: ${big.median.toFixed(1)} / ${little.median.toFixed(1)} ms = ${ratio.toFixed(2)}× for 10× the input`);
    for (const c of checks) console.log(`  ${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.value}`);
    console.log(pass ? "PASS" : "FAIL");
  }
  if (!pass) process.exitCode = 1;
}

main();
