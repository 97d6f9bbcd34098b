// The demo's world, shared by `npm run demo` and the tests that run the server against the
// emulators: the seed's cluster objects plus the external-dns Deployment, and its Cloudflare zone.

import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/** The seed's manifests, the demo's Services and the external-dns Deployment, as one multi-document YAML text. */
export function demoSeedObjects(): string {
  const dir = path.join(root, "examples/seed/manifests");
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  docs.push(fs.readFileSync(path.join(root, "emulators/demo/services.yaml"), "utf8"));
  docs.push(fs.readFileSync(path.join(root, "emulators/demo/external-dns.yaml"), "utf8"));
  return docs.join("\n---\n");
}

/** The seed's Cloudflare zone with its drift, in the emulator's seed format. */
export function demoSeedRecords(): { zones: unknown[] } {
  return JSON.parse(fs.readFileSync(path.join(root, "examples/seed/records.json"), "utf8"));
}
