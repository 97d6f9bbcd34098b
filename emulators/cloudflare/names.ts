// Names, ids and timestamps as the real API shapes them.

import { createHash, randomBytes } from "node:crypto";
import { domainToASCII } from "node:url";

export const HEX32 = /^[0-9a-f]{32}$/;

export function randomId(): string {
  return randomBytes(16).toString("hex");
}

/** Seeds without ids get stable ids so demo data looks the same after every restart. */
export function stableId(...parts: (string | number)[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

let lastMicros = 0;
/** RFC 3339 with microseconds (e.g. 2025-10-25T12:48:34.168054Z), strictly increasing per process. */
export function nowTimestamp(): string {
  const subMilli = Number((process.hrtime.bigint() / 1000n) % 1000n);
  const micros = Math.max(Date.now() * 1000 + subMilli, lastMicros + 1);
  lastMicros = micros;
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, "0")}Z`;
}

/** Lower-case Punycode form without a trailing dot; non-IDN input is only lower-cased. */
export function toAsciiName(name: string): string {
  const trimmed = name.trim().replace(/\.$/, "").toLowerCase();
  if (/^[\x00-\x7f]*$/.test(trimmed)) return trimmed;
  // domainToASCII rejects wildcards, so convert label by label.
  return trimmed
    .split(".")
    .map((label) => (label === "*" || /^[\x00-\x7f]*$/.test(label) ? label : domainToASCII(label) || label))
    .join(".");
}

/**
 * Relative names and `@` expand to the FQDN. A name outside the zone is treated as relative,
 * as the real API does (`www.other.com` in `example.com` becomes `www.other.com.example.com`),
 * unless it is absolute (trailing dot): see `isOutsideZone` and BEHAVIOUR.md §3.
 */
export function expandName(name: string, zoneName: string): string {
  const n = toAsciiName(name);
  if (n === "" || n === "@") return zoneName;
  if (n === zoneName || n.endsWith(`.${zoneName}`)) return n;
  return `${n}.${zoneName}`;
}

/** Loose hostname check: letters, digits, `-`, `_`, a leading `*` label; 63-byte labels; 253 total. */
export function isHostname(value: string): boolean {
  const v = value.replace(/\.$/, "");
  if (v.length === 0 || v.length > 253) return false;
  return v.split(".").every((label, i) => (i === 0 && label === "*") || /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label));
}

/** A record name may be longer than a hostname (up to 255) but labels still max 63. */
export function isRecordName(value: string): boolean {
  return value.length >= 1 && value.length <= 255 && value.split(".").every((l) => l.length >= 1 && l.length <= 63);
}

/**
 * An absolute name (written with its trailing dot) that is neither the zone nor below it: it
 * cannot be made relative without changing what it names, so the emulator refuses it.
 */
export function isOutsideZone(name: string, zoneName: string): boolean {
  const raw = name.trim();
  if (!raw.endsWith(".") || raw === "." || raw === "@.") return false;
  const n = toAsciiName(raw);
  return n !== zoneName && !n.endsWith(`.${zoneName}`);
}
