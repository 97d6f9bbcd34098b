// Shared setup of lib/cloudflare's integration tests: the Cloudflare emulator in-process on a random
// port, seeded from the example setup, with a read token, an edit token and a few odd ones.

import fs from "node:fs";
import path from "node:path";
import { startCloudflareEmulator } from "../../emulators/cloudflare/server";
import type { CloudflareEmulator, SeedDoc, SeedRecord } from "../../emulators/cloudflare/server";

export const SEED_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
export const ORG_ZONE_ID = "0000000000000000000000000000a0a0";

/** Long and unusual, so a leak is unmistakable in any text. */
export const READ_TOKEN = "rd-Tok3n-7f1c9a0b2e4d6f8a0c1e3b5d7f9a1c3e";
export const EDIT_TOKEN = "ed-Tok3n-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";
export const NO_PERMISSION_TOKEN = "np-Tok3n-1111222233334444555566667777aaaa";
export const DISABLED_TOKEN = "ds-Tok3n-9999888877776666555544443333bbbb";
export const UNKNOWN_TOKEN = "xx-Tok3n-deadbeefdeadbeefdeadbeefdeadbeef";

const ROOT = path.resolve(__dirname, "../..");
export const SEED_DIR = path.join(ROOT, "examples/seed");

export function exampleSeed(): SeedDoc {
  return JSON.parse(fs.readFileSync(path.join(SEED_DIR, "records.json"), "utf8")) as SeedDoc;
}

/** The example zone plus example.org with two records. */
export function twoZoneSeed(): SeedDoc {
  const seed = exampleSeed();
  seed.zones.push({
    id: ORG_ZONE_ID,
    name: "example.org",
    records: [
      { id: "0000000000000000000000000000b001", type: "A", name: "www.example.org", content: "198.51.100.20", ttl: 300 },
      { id: "0000000000000000000000000000b002", type: "TXT", name: "example.org", content: '"hello"', ttl: 1 },
    ],
  });
  return seed;
}

/** `n` A records under `zone`, with stable distinct addresses. */
export function manyRecords(zone: string, n: number): SeedRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    type: "A",
    name: `h${i}.${zone}`,
    content: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    ttl: 1,
  }));
}

export async function startTestEmulator(seed: SeedDoc = twoZoneSeed()): Promise<CloudflareEmulator> {
  return startCloudflareEmulator({
    seed,
    tokens: {
      [READ_TOKEN]: { permissions: ["read"] },
      [EDIT_TOKEN]: { permissions: ["read", "edit"] },
      [NO_PERMISSION_TOKEN]: { permissions: [] },
      [DISABLED_TOKEN]: { permissions: ["read"], status: "disabled" },
    },
  });
}

/** Requests the emulator saw for one route and zone, e.g. ("GET /zones/:zone_id/dns_records", id). */
export function callsTo(emu: CloudflareEmulator, route: string, zoneId?: string): number {
  const [method, template] = route.split(" ");
  return emu
    .stats()
    .recent.filter((r) => r.method === method && r.route === template && (zoneId === undefined || r.path.includes(`/zones/${zoneId}`)))
    .length;
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse("2026-10-01T12:00:00Z")) {
  let t = start;
  return { now: () => new Date(t), advance: (seconds: number) => void (t += seconds * 1000) };
}
