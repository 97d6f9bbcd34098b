// Writes the synthetic estate of bench/engine/generate.ts to files, as a user would hand them to
// the CLI or to snapshot mode: external-dns arguments, cluster manifests (multi-document YAML as
// `kubectl get -o yaml` prints it, or one JSON List), and the Cloudflare records JSON.
//
//   node --import tsx bench/cli/estate.ts --routes 10000 --records 20000 --out DIR [--format yaml|json]

import fs from "node:fs";
import path from "node:path";
import { dump } from "js-yaml";
import { generateWorld, worldArgs, type WorldOptions } from "../engine/generate";

export interface EstateFiles {
  dir: string;
  config: string;
  manifests: string;
  records: string;
}

export const SEED = 20240601;

export function writeEstate(opts: { routes: number; records: number; dir: string; format?: "yaml" | "json"; seed?: number }): EstateFiles {
  const worldOpts: WorldOptions = { routes: opts.routes, records: opts.records, seed: opts.seed ?? SEED };
  const world = generateWorld(worldOpts);
  fs.mkdirSync(opts.dir, { recursive: true });
  const config = path.join(opts.dir, "args.yaml");
  fs.writeFileSync(config, dump(worldArgs(worldOpts)));
  const o = world.objects;
  const all = [...o.namespaces, ...o.gateways, ...o.routes, ...o.ingresses, ...o.dnsEndpoints];
  let manifests: string;
  if (opts.format === "json") {
    manifests = path.join(opts.dir, "cluster.json");
    fs.writeFileSync(manifests, JSON.stringify({ apiVersion: "v1", kind: "List", items: all }));
  } else {
    manifests = path.join(opts.dir, "cluster.yaml");
    const fd = fs.openSync(manifests, "w");
    for (const obj of all) fs.writeSync(fd, "---\n" + dump(obj, { lineWidth: -1 }));
    fs.closeSync(fd);
  }
  const records = path.join(opts.dir, "records.json");
  fs.writeFileSync(records, JSON.stringify({ zones: world.zones }));
  return { dir: opts.dir, config, manifests, records };
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const files = writeEstate({
    routes: Number(arg("routes") ?? 10_000),
    records: Number(arg("records") ?? 20_000),
    dir: arg("out") ?? ".tmp/estate",
    format: arg("format") === "json" ? "json" : "yaml",
  });
  console.log(JSON.stringify(files));
}
