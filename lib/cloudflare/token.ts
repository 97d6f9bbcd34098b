// Where the Cloudflare credentials and API base URL come from, the way external-dns takes them
// (CF_API_TOKEN, also as `file:<path>`), plus CF_API_TOKEN_FILE and CF_API_BASE_URL for the
// dashboard, and the redaction every message goes through before anyone sees it.

import fs from "node:fs";

export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** A problem with the configured credentials. Its message never contains the token. */
export class TokenConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readTokenFile(path: string, variable: string, readFile: (p: string) => string): string {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new TokenConfigError(`${variable}: cannot read token file ${path}${typeof code === "string" ? ` (${code})` : ""}`);
  }
  const token = text.trim();
  if (token === "") throw new TokenConfigError(`${variable}: token file ${path} is empty`);
  return token;
}

/**
 * The API token: CF_API_TOKEN (its `file:<path>` form reads the file, as external-dns does),
 * else CF_API_TOKEN_FILE. Undefined when neither is set; surrounding whitespace is dropped so a
 * mounted Secret's trailing newline does not end up in the Authorization header.
 */
export function resolveCloudflareToken(
  env: Env,
  readFile: (p: string) => string = (p) => fs.readFileSync(p, "utf8"),
): string | undefined {
  const direct = env.CF_API_TOKEN?.trim();
  if (direct) {
    return direct.startsWith("file:") ? readTokenFile(direct.slice("file:".length), "CF_API_TOKEN", readFile) : direct;
  }
  const file = env.CF_API_TOKEN_FILE?.trim();
  return file ? readTokenFile(file, "CF_API_TOKEN_FILE", readFile) : undefined;
}

/** An explicit option wins, then CF_API_BASE_URL, then Cloudflare itself. */
export function resolveCloudflareBaseURL(explicit: string | undefined, env: Env): string {
  const url = explicit?.trim() || env.CF_API_BASE_URL?.trim() || DEFAULT_BASE_URL;
  return url.replace(/\/+$/, "");
}

/** Secrets shorter than this are not searched for: redacting "a" would shred every message. */
const MIN_SECRET_LENGTH = 6;

/** Replaces every occurrence of each secret (and its URL-encoded form) with "[redacted]". */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[redacted]");
  }
  return out;
}
