// The page views keep a row per record and per route for as long as a computation is shown (tens
// of thousands at 20,000 records). Rows with the same properties must share one hidden class: in
// the V8 of Node 20 an object made as `{ ...a, b }` gets a class of its own (~0.4 KB), which once
// made the views of 22k records 12 MB larger. V8's own %HaveSameMap says whether two objects share
// one, so this runs in a child process with --allow-natives-syntax.

import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

it("record, route and Ingress rows with the same properties share a hidden class", () => {
  const script = `
    const { generateWorld } = require(${JSON.stringify(path.join(root, "bench/engine/generate.ts"))});
    const { runPipeline } = require(${JSON.stringify(path.join(root, "lib/drift/pipeline.ts"))});
    const { instanceState } = require(${JSON.stringify(path.join(root, "lib/drift/state.ts"))});
    const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)");
    const world = generateWorld({ routes: 300, records: 600, seed: 7 });
    // The shapes the live readers hand out: plain JSON.
    world.zones = JSON.parse(JSON.stringify(world.zones));
    world.objects = JSON.parse(JSON.stringify(world.objects));
    const st = instanceState("i", "o", runPipeline(world));
    const tally = (rows) => {
      const first = new Map();
      let same = 0, different = 0;
      for (const r of rows) {
        const k = Object.keys(r).join();
        if (!first.has(k)) first.set(k, r);
        else if (sameMap(first.get(k), r)) same++;
        else different++;
      }
      return { same, different };
    };
    console.log(JSON.stringify({
      records: tally(st.records),
      routes: tally([...st.gateways.flatMap((g) => g.routes), ...st.orphanRoutes]),
      ingresses: tally(st.ingresses),
    }));
  `;
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000, env: { ...process.env, NODE_OPTIONS: "" } });
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as Record<string, { same: number; different: number }>;
  for (const kind of ["records", "routes"]) expect(out[kind].same, kind).toBeGreaterThan(100);
  for (const kind of ["records", "routes", "ingresses"]) expect(out[kind].different, kind).toBe(0);
}, 90_000);
