import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { heapGrowthFlag } from "./heap-growth";

describe("heapGrowthFlag", () => {
  const cases: { env: Record<string, string>; argv?: string[]; flag: string | undefined }[] = [
    { env: {}, flag: "--heap-growing-percent=30" },
    { env: { DNSDRIFT_HEAP_GROWTH_PERCENT: "" }, flag: "--heap-growing-percent=30" },
    { env: { DNSDRIFT_HEAP_GROWTH_PERCENT: "50" }, flag: "--heap-growing-percent=50" },
    { env: { DNSDRIFT_HEAP_GROWTH_PERCENT: " 100 " }, flag: "--heap-growing-percent=100" },
    { env: { DNSDRIFT_HEAP_GROWTH_PERCENT: "0" }, flag: undefined },
    // The operator's own choice wins, however node was given it.
    { env: { NODE_OPTIONS: "--max-old-space-size=2048 --heap-growing-percent=20" }, flag: undefined },
    { env: { DNSDRIFT_HEAP_GROWTH_PERCENT: "30" }, argv: ["--heap_growing_percent=80"], flag: undefined },
    { env: { NODE_OPTIONS: "--max-old-space-size=2048" }, flag: "--heap-growing-percent=30" },
  ];
  it.each(cases)("$env $argv → $flag", ({ env, argv, flag }) => {
    expect(heapGrowthFlag(env, argv ?? [])).toBe(flag);
  });

  it.each(["5", "301", "1.5", "-10", "lots"])("refuses DNSDRIFT_HEAP_GROWTH_PERCENT=%s, naming the variable", (v) => {
    expect(() => heapGrowthFlag({ DNSDRIFT_HEAP_GROWTH_PERCENT: v }, [])).toThrow(/DNSDRIFT_HEAP_GROWTH_PERCENT must be 0 .* got "/);
  });
});

describe("applyHeapGrowth", () => {
  // A process keeping ~100 MB alive and dropping batches of objects that live long enough to be
  // promoted (as a refresh's intermediates and the answers to many clients are): the heap's peak
  // with the server's policy applied, and with V8's own (DNSDRIFT_HEAP_GROWTH_PERCENT=0).
  const script = `
    const { applyHeapGrowth } = require(${JSON.stringify(path.join(__dirname, "heap-growth.ts"))});
    const { heapEnv } = require(${JSON.stringify(path.join(__dirname, "settings.ts"))});
    applyHeapGrowth(heapEnv());
    const live = [];
    for (let i = 0; i < 600000; i++) live.push({ a: "x" + i, b: [i] });
    let peak = 0, base = 0, batch = [];
    for (let round = 0; round < 400; round++) {
      batch.push(Array.from({ length: 20000 }, (_, j) => ({ s: "g" + j + round })));
      if (batch.length > 8) batch.shift();
      const used = process.memoryUsage().heapUsed;
      if (round === 20) base = used;
      peak = Math.max(peak, used);
    }
    console.log(JSON.stringify({ base, peak, kept: live.length }));
  `;
  const run = (env: Record<string, string>) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { env: { ...process.env, NODE_OPTIONS: "", ...env }, encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as { base: number; peak: number };
  };

  it("keeps the heap within about 1.3× of what stays alive, where V8's own policy lets it grow further", () => {
    const policy = run({});
    const v8Default = run({ DNSDRIFT_HEAP_GROWTH_PERCENT: "0" });
    expect(policy.peak / policy.base).toBeLessThan(2);
    expect(v8Default.peak).toBeGreaterThan(policy.peak * 1.3);
  }, 120_000);
});
