// Login tokens of token mode. Only each token's SHA-256 is kept, and a presented token is
// compared against every entry in constant time, so neither memory nor timing tells a guess
// how close it came.

import crypto from "node:crypto";
import YAML from "yaml";
import { z } from "zod";

export interface TokenEntry {
  /** Stable, non-secret handle a session cookie names the entry by (HMAC of the digest). */
  id: string;
  digest: Buffer;
  name: string;
  groups: string[];
}

const MIN_TOKEN_LENGTH = 16;

const person = z.object({ name: z.string().trim().min(1), groups: z.array(z.string().trim().min(1)).default([]) });
const listEntry = person.extend({
  token: z.string().min(MIN_TOKEN_LENGTH, `tokens must be at least ${MIN_TOKEN_LENGTH} characters`).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/i, "sha256 must be 64 hex digits").optional(),
});
const listSchema = z.array(listEntry);
const mapSchema = z.record(z.string(), person);

export function digestOf(token: string): Buffer {
  return crypto.createHash("sha256").update(token, "utf8").digest();
}

function entryId(digest: Buffer, secret: Buffer): string {
  return crypto.createHmac("sha256", secret).update("token-id\0").update(digest).digest("base64url").slice(0, 22);
}

/**
 * The plain tokens in a token list, for the redactor only: whatever else dnsdrift keeps are
 * digests, but a token echoed back by anything must still be found and blanked out.
 */
export function plainTokens(text: string): string[] {
  try {
    const data: unknown = YAML.parse(text);
    if (Array.isArray(data)) return data.map((e) => (e as { token?: unknown })?.token).filter((t): t is string => typeof t === "string");
    return data && typeof data === "object" ? Object.keys(data) : [];
  } catch {
    return [];
  }
}

/** Parses the token list. Error messages never quote the text: it is full of secrets. */
export function parseTokens(text: string, from: string, secret: Buffer): TokenEntry[] {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (e) {
    const pos = (e as { linePos?: { line: number }[] }).linePos?.[0];
    throw new Error(`${from}: not valid YAML or JSON${pos ? ` (line ${pos.line})` : ""}`);
  }
  if (typeof data !== "object" || data === null) throw new Error(`${from}: expected a map of token → {name, groups} or a list of {name, groups, token | sha256}`);
  const parsed = Array.isArray(data) ? listSchema.safeParse(data) : mapSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A map's keys are the tokens themselves: name the entry by position, never by key.
    const where = Array.isArray(data) ? `entry ${Number(issue.path[0]) + 1}` : `entry ${Object.keys(data).indexOf(String(issue.path[0])) + 1}`;
    throw new Error(`${from}: ${where}: ${issue.path.slice(1).join(".") || "value"}: ${issue.message}`);
  }
  const raw = Array.isArray(parsed.data)
    ? parsed.data.map((e, i) => {
        if (Boolean(e.token) === Boolean(e.sha256)) throw new Error(`${from}: entry ${i + 1} (${e.name}): give exactly one of token or sha256`);
        return { digest: e.token ? digestOf(e.token) : Buffer.from(e.sha256!, "hex"), name: e.name, groups: e.groups };
      })
    : Object.entries(parsed.data).map(([token, e], i) => {
        if (token.length < MIN_TOKEN_LENGTH) throw new Error(`${from}: entry ${i + 1} (${e.name}): tokens must be at least ${MIN_TOKEN_LENGTH} characters`);
        return { digest: digestOf(token), name: e.name, groups: e.groups };
      });
  const seen = new Set<string>();
  for (const r of raw) {
    const hex = r.digest.toString("hex");
    if (seen.has(hex)) throw new Error(`${from}: the token of ${r.name} is listed twice`);
    seen.add(hex);
  }
  return raw.map((r) => ({ ...r, id: entryId(r.digest, secret) }));
}

/** The entry the token belongs to. Every entry is compared, whether or not one matched. */
export function findToken(entries: TokenEntry[], token: string): TokenEntry | undefined {
  const digest = digestOf(token);
  let found: TokenEntry | undefined;
  for (const e of entries) {
    if (crypto.timingSafeEqual(e.digest, digest) && !found) found = e;
  }
  return found;
}

export function tokenById(entries: TokenEntry[], id: string): TokenEntry | undefined {
  return entries.find((e) => e.id === id);
}
