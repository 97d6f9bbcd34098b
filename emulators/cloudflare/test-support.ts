// Shared setup for the emulator's tests: an emulator plus SDK clients pointed at it.

import Cloudflare from "cloudflare";
import { startCloudflareEmulator } from "./server";
import type { CloudflareEmulator, EmulatorOptions } from "./server";
import type { SeedDoc } from "./types";

export const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
export const OTHER_ZONE_ID = "99999999999999999999999999999999";

/** One zone with a few records of each interesting kind, plus a second zone. */
export function baseSeed(): SeedDoc {
  return {
    zones: [
      {
        id: ZONE_ID,
        name: "example.com",
        records: [
          { id: "a0000000000000000000000000000001", type: "A", name: "www.example.com", content: "198.51.100.1", ttl: 300 },
          { id: "a0000000000000000000000000000002", type: "A", name: "www.example.com", content: "198.51.100.2", ttl: 300 },
          { id: "c0000000000000000000000000000001", type: "CNAME", name: "app.example.com", content: "lb.example.net", proxied: true, ttl: 1, comment: "managed by external-dns", tags: ["owner:team-a"] },
          { id: "f0000000000000000000000000000001", type: "TXT", name: "cname-app.example.com", content: '"heritage=external-dns,external-dns/owner=default"', ttl: 1 },
          { id: "mx-record-1", type: "MX", name: "example.com", content: "mx.example.com", priority: 10, ttl: 3600 },
        ],
      },
      { id: OTHER_ZONE_ID, name: "example.org", records: [] },
    ],
  };
}

export interface Harness {
  emu: CloudflareEmulator;
  /** An SDK client with the given token (default: "edit-token"). */
  client(token?: string, timeout?: number): Cloudflare;
}

export async function startHarness(opts: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startCloudflareEmulator({
    seed: baseSeed(),
    tokens: { "edit-token": { permissions: ["read", "edit"] }, "read-token": { permissions: ["read"] } },
    ...opts,
  });
  return {
    emu,
    client: (token = "edit-token", timeout?: number) =>
      new Cloudflare({ apiToken: token, baseURL: emu.url, maxRetries: 0, ...(timeout ? { timeout } : {}) }),
  };
}

/** The error an SDK promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<InstanceType<typeof Cloudflare.APIError>> {
  try {
    await p;
  } catch (e) {
    return e as InstanceType<typeof Cloudflare.APIError>;
  }
  throw new Error("expected the call to fail");
}
