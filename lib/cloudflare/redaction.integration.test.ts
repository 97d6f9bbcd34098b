// The token must appear in no error message, log line or returned object, whatever fails: run
// every failure path of the reader and of apply, with a server that echoes the Authorization
// header back, and search everything they produced for the token.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudflareEmulator } from "../../emulators/cloudflare/server";
import { applyRecordChanges } from "./apply";
import type { LogLevel } from "./client";
import { createCloudflareReader } from "./reader";
import { EDIT_TOKEN, ORG_ZONE_ID, READ_TOKEN, SEED_ZONE_ID, startTestEmulator, UNKNOWN_TOKEN } from "../../tests/support/cloudflare-emulator";

let emu: CloudflareEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());

/** A proxy that answers with the request's Authorization header (and the token alone) in the body. */
function echoing(status: number, contentType = "application/json"): typeof fetch {
  return async (_input, init) => {
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    const token = auth.replace(/^Bearer /, "");
    const body =
      contentType === "application/json"
        ? JSON.stringify({ success: false, errors: [{ code: 10000, message: `denied for ${auth}`, error_chain: [{ code: 1, message: token }] }], result: null })
        : `<html>echo ${auth}</html>`;
    return new Response(body, { status, headers: { "content-type": contentType, "retry-after": "5" } });
  };
}

const throwing: typeof fetch = async (_input, init) => {
  const auth = new Headers(init?.headers).get("authorization") ?? "";
  throw new TypeError(`fetch failed`, { cause: new Error(`socket closed while sending ${auth}`) });
};

describe("no token in any output", () => {
  const lines: string[] = [];
  const log = (level: LogLevel, line: string) => void lines.push(`${level} ${line}`);
  const outputs: unknown[] = [];

  it("collects the output of every failure path", async () => {
    for (const fetchImpl of [echoing(401), echoing(403), echoing(429), echoing(500), echoing(502, "text/html"), echoing(200, "text/html"), throwing]) {
      const reader = createCloudflareReader({ token: READ_TOKEN, baseURL: emu.url, zoneFilter: () => true, log, fetch: fetchImpl });
      outputs.push(await reader.load());
      const byId = createCloudflareReader({ token: READ_TOKEN, baseURL: emu.url, zoneFilter: () => true, zoneIdFilters: [SEED_ZONE_ID], log, fetch: fetchImpl });
      outputs.push(await byId.load());
      const changes = [
        { action: "create" as const, zone: "example.org", zoneId: ORG_ZONE_ID, name: "x.example.org", type: "A", content: "198.51.100.1", ttl: 1 },
        { action: "delete" as const, zone: "example.org", zoneId: ORG_ZONE_ID, name: "y.example.org", type: "A", content: "198.51.100.2", recordId: "0000000000000000000000000000b001" },
      ];
      outputs.push(await applyRecordChanges({ token: EDIT_TOKEN, baseURL: emu.url, changes, log, fetch: fetchImpl, onProgress: (r) => outputs.push(r) }));
    }
    // The real emulator: an unknown token, a read-only token writing, timeouts, a rate limit.
    outputs.push(await createCloudflareReader({ token: UNKNOWN_TOKEN, baseURL: emu.url, zoneFilter: () => true, log }).load());
    emu.setFault({ kind: "delay", ms: 300, count: 2 });
    outputs.push(await createCloudflareReader({ token: READ_TOKEN, baseURL: emu.url, zoneFilter: () => true, log, timeoutMs: 100 }).load());
    emu.clearFaults();
    emu.setFault({ kind: "batch", afterOps: 0, count: 1 });
    const bad = [{ action: "create" as const, zone: "example.org", zoneId: ORG_ZONE_ID, name: "z.example.org", type: "A", content: "nope", ttl: 1 }];
    outputs.push(await applyRecordChanges({ token: READ_TOKEN, baseURL: emu.url, changes: bad, log }));
    outputs.push(await applyRecordChanges({ token: EDIT_TOKEN, baseURL: emu.url, changes: bad, log }));
    emu.clearFaults();
    expect(outputs.length).toBeGreaterThan(20);
  });

  it("the echoed tokens were there to leak, and were redacted", () => {
    const text = JSON.stringify(outputs) + "\n" + lines.join("\n");
    expect(text).toContain("[redacted]");
    expect(lines.some((l) => l.includes("Bearer [redacted]"))).toBe(true);
  });

  it.each([
    ["read token", READ_TOKEN],
    ["edit token", EDIT_TOKEN],
    ["unknown token", UNKNOWN_TOKEN],
  ])("the %s appears in no result, error or log line", (_label, token) => {
    const text = JSON.stringify(outputs) + "\n" + lines.join("\n");
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(token);
    expect(text).not.toContain(encodeURIComponent(token));
  });

  it("the reader and its results hold no token in enumerable state", () => {
    const reader = createCloudflareReader({ token: READ_TOKEN, baseURL: emu.url, zoneFilter: () => true, log });
    expect(JSON.stringify(reader)).not.toContain(READ_TOKEN);
    expect(Object.values(reader).map(String).join("")).not.toContain(READ_TOKEN);
  });
});
