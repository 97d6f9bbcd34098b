// Page speed in a real browser: the built server in snapshot mode on the synthetic estate
// (bench/engine/generate.ts written to files), Debian's chromium driven by Playwright. For each
// page, the time from navigation to its content on screen; on the records page, the time from
// clicking a state filter to the filtered rows.
//
//   node --import tsx bench/ui/run.ts [--large | --only=100000] [--runs=3] [--pages=what-if,records] [--json]
//
// Sizes: 10k routes / 20k records (targets: every page < 1.5 s, filtering < 100 ms) and with
// --large 100k / 200k (every page < 3 s). Needs `npm run build` (dist/bin and .next) first.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { writeEstate, type EstateFiles } from "../cli/estate";

const ROOT = path.resolve(__dirname, "../..");
const flag = (name: string) => process.argv.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split("=")[1]) : fallback;
};

interface Size {
  routes: number;
  records: number;
  pageTargetMs: number;
  filterTargetMs?: number;
}
const SIZES: Size[] = [
  { routes: 10_000, records: 20_000, pageTargetMs: 1500, filterTargetMs: 100 },
  { routes: 100_000, records: 200_000, pageTargetMs: 3000 },
];

function estate(s: Size): EstateFiles {
  const dir = path.join(ROOT, ".tmp/bench-estates", `${s.routes}-${s.records}`);
  const files = { dir, config: path.join(dir, "args.yaml"), manifests: path.join(dir, "cluster.yaml"), records: path.join(dir, "records.json") };
  return fs.existsSync(files.records) ? files : writeEstate({ routes: s.routes, records: s.records, dir });
}

async function startServer(files: EstateFiles): Promise<{ url: string; child: ChildProcess; readyMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "dist/bin/serve.cjs"), "--port", "0"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DNSDRIFT_MODE: "snapshot",
      DNSDRIFT_SNAPSHOT_MANIFESTS: files.manifests,
      DNSDRIFT_SNAPSHOT_RECORDS: files.records,
      DNSDRIFT_EXTERNALDNS_CONFIG: files.config,
      DNSDRIFT_EXTERNALDNS_VERSION: "v0.21.0",
      DNSDRIFT_AUTH_MODE: "none",
      DNSDRIFT_DOH: "off",
      DNSDRIFT_REFRESH_SECONDS: "3600",
      DNSDRIFT_AUDIT_DB: ":memory:",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /listening on (http:\/\/[^\s)]+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  });
  // The first computation happens on the first request; the pages are timed after it.
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${url}/api/summary`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, child, readyMs: performance.now() - t0 };
}

/** Milliseconds from starting the navigation to the selector being visible. */
async function timeTo(page: Page, url: string, selector: string, timeout = 60_000): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(selector).first().waitFor({ state: "visible", timeout });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  for (const f of ["dist/bin/serve.cjs", ".next/BUILD_ID"]) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const runs = option("runs", 3);
  const only = option("only", 0);
  const pagesArg = process.argv.find((x) => x.startsWith("--pages="));
  const chosen = pagesArg ? new Set(pagesArg.slice("--pages=".length).split(",")) : undefined;
  const sizes = SIZES.filter((s) => (only ? s.routes === only : s.routes < 100_000 || flag("large")));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
  const results: { size: string; page: string; ms: number; target: number }[] = [];
  let ok = true;
  try {
    for (const s of sizes) {
      const files = estate(s);
      const server = await startServer(files);
      const label = `${s.routes / 1000}k / ${s.records / 1000}k`;
      try {
        const host = ((await (await fetch(`${server.url}/api/hostnames?q=svc-1&limit=1`)).json()) as { items: string[] }).items[0];
        const pages: [string, string, string][] = [
          ["overview", "/", '[data-testid="instance"]'],
          ["gateways", "/gateways", '[data-testid="route-row"]'],
          ["ingresses", "/ingresses", '[data-testid="ingress-row"]'],
          ["records", "/records", '[data-testid="records-row"]'],
          ["plan", "/plan", '[data-testid="plan-change"]'],
          ["hostname", `/hostnames/${host}`, '[data-testid="hostname-verdict"]'],
          ["audit", "/audit", '[data-testid="audit-empty"], [data-testid="audit-entry"], [data-testid="audit-unavailable"]'],
          // Its warm-up visit computes the what-if (seconds at 10k, about a minute at 100k); timed: the first change row.
          ["what-if", "/what-if?toVersion=v0.22.0", '[data-testid="what-if-change"]'],
        ];
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        for (const [name, url, selector] of pages.filter(([name]) => !chosen || chosen.has(name))) {
          await timeTo(page, server.url + url, selector, 600_000); // warm: compiled chunks, server views (and the what-if)
          const times: number[] = [];
          for (let i = 0; i < runs; i++) times.push(await timeTo(page, server.url + url, selector));
          const ms = median(times);
          results.push({ size: label, page: name, ms, target: s.pageTargetMs });
          if (ms > s.pageTargetMs) ok = false;
        }
        if (s.filterTargetMs && (!chosen || chosen.has("records"))) {
          const times: number[] = [];
          for (let i = 0; i < runs + 1; i++) {
            await page.goto(`${server.url}/records`);
            await page.locator('[data-testid="records-row"]').first().waitFor();
            // A person reads the page before clicking; by then its background requests are done.
            await page.waitForLoadState("networkidle");
            // Timed inside the page, from the click to the frame showing the filtered rows, so the
            // figure is the dashboard's and not the automation's round trips.
            const handle = await page.waitForFunction(
              () => {
                const w = window as unknown as { __t0?: number };
                if (w.__t0 === undefined) {
                  w.__t0 = performance.now();
                  (document.querySelector('[data-testid="records-filter-missing"]') as HTMLElement).click();
                  return false;
                }
                const ready = document.querySelector('[data-testid="records-results"]')?.getAttribute("data-ready") === "true";
                const rows = [...document.querySelectorAll('[data-testid="records-row"]')] as HTMLElement[];
                return ready && rows.length > 0 && rows.every((r) => r.dataset.state === "missing") ? performance.now() - w.__t0 : false;
              },
              undefined,
              { polling: "raf" },
            );
            const ms = (await handle.jsonValue()) as number;
            if (i > 0) times.push(ms);
          }
          const ms = median(times);
          results.push({ size: label, page: "records: filter by state", ms, target: s.filterTargetMs });
          if (ms > s.filterTargetMs) ok = false;
        }
        await context.close();
        results.push({ size: label, page: "(server start to first answer)", ms: server.readyMs, target: NaN });
      } finally {
        server.child.kill("SIGTERM");
      }
    }
  } finally {
    await browser.close();
  }
  if (flag("json")) console.log(JSON.stringify({ results, ok }));
  else {
    console.log(`Time to content in chromium, median of ${runs} (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
    for (const size of [...new Set(results.map((r) => r.size))]) {
      console.log(`\n${size} routes / records\n\n| page | time | target |\n|---|---|---|`);
      for (const r of results.filter((x) => x.size === size)) console.log(`| ${r.page} | ${Math.round(r.ms)} ms | ${Number.isNaN(r.target) ? "—" : `< ${r.target} ms`} |`);
    }
    console.log(ok ? "\nPASS" : "\nFAIL");
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(`bench/ui: ${(e as Error).message}`);
  process.exit(1);
});
