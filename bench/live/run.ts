// Live-path benchmark: the Cloudflare emulator (a child process, so its memory is not counted
// here) with 20,000 records in one zone; full refreshes through the reader and the pipeline;
// Cloudflare calls per refresh, wall time, and this process's memory afterwards.
//   node --import tsx bench/live/run.ts [--records 20000] [--refreshes 5] [--json]
// Run with --expose-gc as well to get the heap after a full collection.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import Cloudflare from "cloudflare";
import { createCloudflareReader, RECORDS_PER_PAGE, zonesForPlanning } from "../../lib/cloudflare/reader";
import { runPipeline } from "../../lib/drift/pipeline";
import { parseConfigText } from "../../lib/externaldns/config";
import { makeDomainFilter } from "../../lib/externaldns/domain-filter";
import { loadManifests } from "../../lib/kube/snapshot";

const ROOT = path.resolve(__dirname, "../..");
const SEED = path.join(ROOT, "examples/seed");
const TOKEN = "bench-token-0123456789abcdef0123456789abcdef";
const LIST_ROUTE = "GET /zones/:zone_id/dns_records";

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "20000" },
    refreshes: { type: "string", default: "5" },
    json: { type: "boolean", default: false },
  },
});
const RECORDS = Number(args.records);
const REFRESHES = Number(args.refreshes);

/** The example zone topped up with distinct A records to exactly RECORDS records. */
function seedFile(): { file: string; zoneId: string } {
  const doc = JSON.parse(fs.readFileSync(path.join(SEED, "records.json"), "utf8")) as {
    zones: { id: string; name: string; records: Record<string, unknown>[] }[];
  };
  const zone = doc.zones[0];
  for (let i = zone.records.length; i < RECORDS; i++) {
    zone.records.push({ type: "A", name: `bulk${i}.${zone.name}`, content: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, ttl: 1 });
  }
  doc.zones = [zone];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-bench-")), "seed.json");
  fs.writeFileSync(file, JSON.stringify(doc));
  return { file, zoneId: zone.id };
}

async function startEmulator(seed: string) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "emulators/cloudflare/main.ts"), "--port", "0", "--seed", seed, "--token", TOKEN], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const info = JSON.parse(first) as { url: string; adminUrl: string };
  return { ...info, stop: () => child.kill("SIGTERM") };
}

type Stats = { total: number; byRoute: Record<string, number> };

async function main(): Promise<void> {
  const { file, zoneId } = seedFile();
  const emu = await startEmulator(file);
  const stats = async (): Promise<Stats> => (await fetch(`${emu.adminUrl}/stats`)).json() as Promise<Stats>;
  const resetStats = () => fetch(`${emu.adminUrl}/stats`, { method: "DELETE" });
  try {
    const config = parseConfigText(fs.readFileSync(path.join(SEED, "values.yaml"), "utf8"), "values.yaml");
    const { objects } = loadManifests([path.join(SEED, "manifests")]);
    const reader = createCloudflareReader({ token: TOKEN, baseURL: emu.url, zoneFilter: makeDomainFilter(config).match, timeoutMs: 30_000 });
    const memBefore = process.memoryUsage();

    const refreshes: { calls: number; listCalls: number; loadMs: number; pipelineMs: number; changes: number }[] = [];
    for (let i = 0; i < REFRESHES; i++) {
      await resetStats();
      const t0 = performance.now();
      const load = await reader.load();
      const t1 = performance.now();
      const { zones, complete } = zonesForPlanning(load);
      if (!complete) throw new Error(`refresh ${i + 1} incomplete: ${JSON.stringify(load.health)}`);
      const result = runPipeline({ config, objects, zones });
      const t2 = performance.now();
      const seen = await stats();
      if (seen.total !== load.calls) throw new Error(`reader counted ${load.calls} calls, the emulator saw ${seen.total}`);
      refreshes.push({ calls: load.calls, listCalls: load.zones[0].calls ?? 0, loadMs: t1 - t0, pipelineMs: t2 - t1, changes: result.recordChanges.length });
    }
    (globalThis as { gc?: () => void }).gc?.();
    const memAfter = process.memoryUsage();

    // external-dns's way: the SDK's auto-pagination (page+1 until an empty page), at its default
    // --cloudflare-dns-records-per-page of 100 and at 5,000. Counted by the emulator.
    const sdk = new Cloudflare({ apiToken: TOKEN, baseURL: emu.url, maxRetries: 0, timeout: 30_000 });
    const sdkCalls: Record<number, number> = {};
    for (const perPage of [100, RECORDS_PER_PAGE]) {
      await resetStats();
      let n = 0;
      for await (const r of sdk.dns.records.list({ zone_id: zoneId, per_page: perPage })) n += r.id ? 1 : 0;
      if (n !== RECORDS) throw new Error(`SDK listing saw ${n} records`);
      sdkCalls[perPage] = (await stats()).byRoute[LIST_ROUTE] ?? 0;
    }

    const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
    const ms = (x: number) => Math.round(x);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const warm = refreshes.slice(1);
    const report = {
      node: process.version,
      records: RECORDS,
      zones: 1,
      perPage: RECORDS_PER_PAGE,
      calls: {
        firstRefresh: refreshes[0].calls,
        steadyRefresh: warm[0]?.calls ?? refreshes[0].calls,
        recordListPerZone: refreshes[0].listCalls,
        sdkAutoPaging5000Measured: sdkCalls[RECORDS_PER_PAGE],
        externalDnsDefault100Measured: sdkCalls[100],
        externalDnsDefault100Arithmetic: Math.ceil(RECORDS / 100) + 1,
      },
      wallMs: {
        coldLoad: ms(refreshes[0].loadMs),
        warmLoadMedian: ms(median(warm.map((r) => r.loadMs))),
        pipelineMedian: ms(median(refreshes.map((r) => r.pipelineMs))),
        fullRefreshMedian: ms(median(warm.map((r) => r.loadMs + r.pipelineMs))),
      },
      memoryMB: {
        rssBefore: mb(memBefore.rss),
        heapUsedBefore: mb(memBefore.heapUsed),
        rssAfter: mb(memAfter.rss),
        heapUsedAfter: mb(memAfter.heapUsed),
        gcBeforeMeasure: typeof (globalThis as { gc?: unknown }).gc === "function",
      },
      planChanges: refreshes[0].changes,
      perRefresh: refreshes.map((r) => ({ calls: r.calls, loadMs: ms(r.loadMs), pipelineMs: ms(r.pipelineMs) })),
    };
    if (args.json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    console.log(`dnsdrift live bench: ${RECORDS} records in 1 zone, ${REFRESHES} refreshes, Node ${process.version}`);
    console.log(`Cloudflare calls per refresh: ${report.calls.steadyRefresh} (1 zone list + ${report.calls.recordListPerZone} record pages); first refresh ${report.calls.firstRefresh} (+ token verify)`);
    console.log(`record-list calls for the zone: ${report.calls.recordListPerZone} here; SDK auto-paging at ${RECORDS_PER_PAGE}: ${report.calls.sdkAutoPaging5000Measured} (measured);` +
      ` external-dns default per_page 100: ${report.calls.externalDnsDefault100Measured} (measured; arithmetic ceil(${RECORDS}/100)+1 = ${report.calls.externalDnsDefault100Arithmetic})`);
    console.log(`wall time: cold load ${report.wallMs.coldLoad} ms, warm load ${report.wallMs.warmLoadMedian} ms (median), pipeline ${report.wallMs.pipelineMedian} ms, full refresh ${report.wallMs.fullRefreshMedian} ms`);
    console.log(`memory (this process, emulator excluded): RSS ${report.memoryMB.rssBefore} → ${report.memoryMB.rssAfter} MB, heap used ${report.memoryMB.heapUsedBefore} → ${report.memoryMB.heapUsedAfter} MB${report.memoryMB.gcBeforeMeasure ? " (after gc)" : ""}`);
  } finally {
    emu.stop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
