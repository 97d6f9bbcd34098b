// Command-line options of the emulator's CLI entry (main.ts), parsed into EmulatorOptions.

import fs from "node:fs";
import { parseArgs } from "node:util";
import type { EmulatorOptions } from "./server";
import type { Permission, SeedDoc, TokenTable } from "./types";

export const USAGE = `usage: main.ts [--port N] [--host H] [--seed FILE] [--token TOKEN[=read|=read,edit]]...
  [--rate-limit N/SECONDS] [--duplicate-code 81057|81058]`;

/** `T` grants read and edit; `T=read` makes a read-only token. No tokens = accept any token. */
export function parseTokens(values: string[]): TokenTable | undefined {
  if (values.length === 0) return undefined;
  const table: TokenTable = {};
  for (const v of values) {
    const i = v.lastIndexOf("=");
    const [token, perms] = i > 0 ? [v.slice(0, i), v.slice(i + 1)] : [v, "read,edit"];
    const permissions = perms.split(",").filter(Boolean) as Permission[];
    if (permissions.length === 0 || permissions.some((p) => p !== "read" && p !== "edit" && p !== "audit")) {
      throw new Error(`--token ${v}: permissions are read, edit and/or audit`);
    }
    table[token] = { permissions };
  }
  return table;
}

/** `undefined` when --help was asked for. */
export function parseCliArgs(argv: string[], readFile = (f: string) => fs.readFileSync(f, "utf8")): EmulatorOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string" },
      token: { type: "string", multiple: true, default: [] },
      "rate-limit": { type: "string" },
      "duplicate-code": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: not a port number`);
  const rate = values["rate-limit"]?.match(/^(\d+)\/(\d+)$/);
  if (values["rate-limit"] && !rate) throw new Error("--rate-limit expects N/SECONDS, e.g. 1200/300");
  const dup = values["duplicate-code"];
  if (dup !== undefined && dup !== "81057" && dup !== "81058") throw new Error("--duplicate-code is 81057 or 81058");
  return {
    port,
    host: values.host,
    seed: values.seed ? (JSON.parse(readFile(values.seed)) as SeedDoc) : undefined,
    tokens: parseTokens(values.token ?? []),
    rateLimit: rate ? { limit: Number(rate[1]), windowSeconds: Number(rate[2]) } : undefined,
    duplicateCode: dup === "81057" ? 81057 : dup === "81058" ? 81058 : undefined,
  };
}
