// The CLI entry: argument parsing, and the real process serving the SDK and /__admin.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Cloudflare from "cloudflare";
import { describe, expect, it } from "vitest";
import { parseCliArgs, parseTokens } from "./cli-args";
import { baseSeed, rejection, ZONE_ID } from "./test-support";

describe("parseTokens", () => {
  it.each<[string[], unknown]>([
    [[], undefined],
    [["T"], { T: { permissions: ["read", "edit"] } }],
    [["R=read", "W=read,edit"], { R: { permissions: ["read"] }, W: { permissions: ["read", "edit"] } }],
    [["a=b=read"], { "a=b": { permissions: ["read"] } }],
  ])("%j", (args, expected) => {
    expect(parseTokens(args)).toEqual(expected);
  });

  it.each([["T=write"], ["T="]])("refuses %s", (arg) => {
    expect(() => parseTokens([arg])).toThrow(/permissions/);
  });
});

describe("parseCliArgs", () => {
  it("reads the seed file and the options", () => {
    const opts = parseCliArgs(["--port", "0", "--seed", "s.json", "--token", "T", "--rate-limit", "1200/300", "--duplicate-code", "81057"], () => '{"zones":[]}');
    expect(opts).toEqual({
      port: 0, host: "127.0.0.1", seed: { zones: [] }, tokens: { T: { permissions: ["read", "edit"] } },
      rateLimit: { limit: 1200, windowSeconds: 300 }, duplicateCode: 81057,
    });
  });

  it.each([[["--port", "x"]], [["--rate-limit", "fast"]], [["--duplicate-code", "1"]]])("refuses %j", (args) => {
    expect(() => parseCliArgs(args)).toThrow();
  });

  it("returns undefined for --help", () => {
    expect(parseCliArgs(["--help"])).toBeUndefined();
  });
});

describe("main.ts as a process", () => {
  it("serves the seed to the SDK, honours read-only tokens and the admin surface", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cf-emu-"));
    const seedFile = path.join(dir, "seed.json");
    fs.writeFileSync(seedFile, JSON.stringify(baseSeed()));
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", main, "--port", "0", "--seed", seedFile, "--token", "W", "--token", "R=read"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (d: Buffer) => resolve(d.toString().split("\n")[0]));
        child.once("exit", (c) => reject(new Error(`exited ${c}`)));
      });
      const { url, adminUrl } = JSON.parse(line) as { url: string; adminUrl: string };
      const writer = new Cloudflare({ apiToken: "W", baseURL: url, maxRetries: 0 });
      const reader = new Cloudflare({ apiToken: "R", baseURL: url, maxRetries: 0 });
      expect((await reader.dns.records.list({ zone_id: ZONE_ID })).result).toHaveLength(5);
      expect((await rejection(reader.dns.records.delete("mx-record-1", { zone_id: ZONE_ID }))).status).toBe(403);
      await writer.dns.records.delete("mx-record-1", { zone_id: ZONE_ID });
      const stats = (await (await fetch(`${adminUrl}/stats`)).json()) as { total: number };
      expect(stats.total).toBe(3);
    } finally {
      child.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
