// One redactor for the whole process, built from the configured secrets: both Cloudflare tokens,
// the login tokens and session secret, and any other secret-named variable or file in the
// environment. JSON answers and log lines go through it, so a secret echoed by Cloudflare, a
// proxy, an external-dns flag or an error message is blanked out whichever path carries it —
// not only the token of the client that happened to make the call.

import fs from "node:fs";
import { redactSecrets } from "../cloudflare/token";
import { plainTokens } from "./auth/tokens";
import { processSlot } from "./process-slot";

type Env = Record<string, string | undefined>;

/** Variable names whose values are secrets (CF_API_TOKEN, DNSDRIFT_SESSION_SECRET, any …_API_KEY). */
const SECRET_NAME = /(TOKENS?|SECRET|PASSWORD|API_KEY)$/;

function readSecretFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Secrets named by the environment: values, `file:<path>` values and `<NAME>_FILE` files. */
export function secretsFromEnv(env: Env): string[] {
  const out: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (!value) continue;
    const fileBase = name.endsWith("_FILE") ? name.slice(0, -"_FILE".length) : undefined;
    if (fileBase !== undefined && SECRET_NAME.test(fileBase)) {
      const text = readSecretFile(value);
      if (text) out.push(text, ...(fileBase.endsWith("TOKENS") ? plainTokens(text) : []));
    } else if (SECRET_NAME.test(name)) {
      const text = value.startsWith("file:") ? readSecretFile(value.slice("file:".length)) : value;
      if (text) out.push(text, ...(name.endsWith("TOKENS") ? plainTokens(text) : []));
    }
  }
  return out;
}

/** Every secret the settings and the environment know of, longest first (a token inside another). */
/**
 * The parts of the settings that hold secrets. Spelled out here rather than taken from
 * settings.ts, which reads the secret-named variables with this module (no import cycle).
 */
export interface SecretSources {
  cloudflare?: { token?: string; writeToken?: string };
  auth?: { secrets?: string[] };
  environmentSecrets?: string[];
}

export function secretsOf(settings: SecretSources, env?: Env): string[] {
  const fromEnv = env ? secretsFromEnv(env) : (settings.environmentSecrets ?? []);
  const all = [settings.cloudflare?.token, settings.cloudflare?.writeToken, ...(settings.auth?.secrets ?? []), ...fromEnv];
  return [...new Set(all.filter((s): s is string => typeof s === "string" && s.trim() !== "").map((s) => s.trim()))].sort((a, b) => b.length - a.length);
}

/** The JSON-string form of a secret (how it appears inside a JSON answer). */
const jsonForm = (s: string) => JSON.stringify(s).slice(1, -1);

/**
 * `--some-api-token=…`, `CF_API_TOKEN=…`: a value given to a secret-named flag or variable is
 * blanked even when it is not one of the configured secrets (another tool's token, a typo).
 */
const NAMED_VALUE = /((?:--?[a-z0-9-]*(?:token|secret|password|api-key|apikey)[a-z0-9-]*|\b[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|API_KEY)S?)=)([^\s"'`,;&)]+)/gi;

/** Makes these settings' secrets (added to any installed before) the ones every output is cleaned of. */
export function installRedaction(settings: SecretSources, env?: Env): void {
  const slot = processSlot();
  slot.secrets = [...new Set([...slot.secrets, ...secretsOf(settings, env)])].sort((a, b) => b.length - a.length);
}

/**
 * Changes whenever the set of secrets does: an answer redacted under one generation can be sent
 * again as it is until the next.
 */
export function redactionGeneration(): object {
  return processSlot().secrets;
}

export function redact(text: string): string {
  const secrets = processSlot().secrets;
  let out = redactSecrets(text, secrets.flatMap((s) => [s, jsonForm(s)]));
  out = out.replace(NAMED_VALUE, (_, name: string, value: string) => (value === "[redacted]" ? `${name}${value}` : `${name}[redacted]`));
  return out;
}

/**
 * Routes every console line of the process (ours, the SDKs', Next's own error reports) through
 * the redactor. Installed once by the server entry and the runtime.
 */
export function redactConsole(): void {
  const slot = processSlot();
  if (slot.consoleRedacted) return;
  slot.consoleRedacted = true;
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) =>
      original(...args.map((a) => (typeof a === "string" ? redact(a) : a instanceof Error ? redactError(a) : a)));
  }
}

function redactError(e: Error): Error {
  const copy = new Error(redact(e.message));
  copy.name = e.name;
  if (e.stack) copy.stack = redact(e.stack);
  return copy;
}
