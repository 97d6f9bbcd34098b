// The demo's world, shared by `npm run demo` and the tests that run the server against the
// emulators: the seed's cluster objects plus the external-dns Deployment, and its Cloudflare zone.

import fs from "node:fs";
import path from "node:path";
import type { SeedAuditEntry } from "../cloudflare/audit-logs";
import type { SeedDoc } from "../cloudflare/types";

const root = path.resolve(__dirname, "../..");

/** The seed's manifests, the demo's Services and GRPCRoute and the external-dns Deployment, as one multi-document YAML text. */
export function demoSeedObjects(): string {
  const dir = path.join(root, "examples/seed/manifests");
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  for (const f of ["services.yaml", "grpcroute.yaml"]) docs.push(fs.readFileSync(path.join(root, "emulators/demo", f), "utf8"));
  docs.push(fs.readFileSync(path.join(root, "emulators/demo/external-dns.yaml"), "utf8"));
  return docs.join("\n---\n");
}

/**
 * The seed's Cloudflare zone with its drift, plus the records the demo's own objects own in sync
 * (emulators/demo/records.json: the template-named Service, the GRPCRoute), in the emulator's seed format.
 */
export function demoSeedRecords(): SeedDoc {
  const read = (p: string): SeedDoc => JSON.parse(fs.readFileSync(path.join(root, p), "utf8"));
  const seed = read("examples/seed/records.json");
  for (const extra of read("emulators/demo/records.json").zones) {
    const zone = seed.zones.find((z) => z.name === extra.name);
    if (!zone) throw new Error(`emulators/demo/records.json: zone ${extra.name} is not in the seed`);
    zone.records = [...(zone.records ?? []), ...(extra.records ?? [])];
  }
  return seed;
}

/**
 * The demo's hand-made edits, as Cloudflare's account audit log tells them: app.example.com
 * switched to DNS-only by ops@example.com in the dashboard, blog.example.com created by hand.
 */
export function demoSeedAuditLogs(): SeedAuditEntry[] {
  return JSON.parse(fs.readFileSync(path.join(root, "emulators/demo/audit-logs.json"), "utf8"));
}
