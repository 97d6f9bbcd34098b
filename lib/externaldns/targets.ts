// endpoint.Targets comparison (endpoint/endpoint.go: Less, Same, IsLess). These decide both
// "does this record need an update" and "which competing candidate wins", so their quirks
// (first differing pair decides; IPs compared by canonical text when sorting but numerically
// when choosing) are reproduced rather than tidied up.

import ipaddr from "ipaddr.js";
import { isFourPartIPv4, isIPv6Literal } from "./ip";

/** A netip.Addr: enough of it to print and order it as Go does. */
export interface GoAddr {
  bits: 32 | 128;
  bytes: number[];
  zone: string;
  /** Addr.String(): dotted quad, RFC 5952 IPv6, "::ffff:a.b.c.d" for IPv4-mapped, "%zone" appended. */
  text: string;
}

// Comparing target lists parses the same few addresses over and over (every update and every
// contested name of a large plan): the parsed forms are remembered, within a bound. They are
// read-only to every caller.
const PARSED_LIMIT = 4096;
const parsed = new Map<string, GoAddr | null>();

/** netip.ParseAddr: strict dotted-quad IPv4 (no leading zeros) or IPv6 with an optional zone. */
export function parseGoAddr(s: string): GoAddr | undefined {
  let addr = parsed.get(s);
  if (addr === undefined) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    addr = parseAddr(s) ?? null;
    parsed.set(s, addr);
  }
  return addr ?? undefined;
}

function parseAddr(s: string): GoAddr | undefined {
  if (isFourPartIPv4(s)) {
    const octets = ipaddr.IPv4.parse(s).octets;
    return { bits: 32, bytes: [...octets], zone: "", text: octets.join(".") };
  }
  if (!isIPv6Literal(s)) return undefined;
  const addr = ipaddr.IPv6.parse(s);
  const zone = addr.zoneId ?? "";
  const bytes = addr.toByteArray();
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  const body = mapped ? `::ffff:${bytes.slice(12).join(".")}` : ipaddr.IPv6.parse(s.split("%")[0]).toRFC5952String();
  return { bits: 128, bytes, zone, text: zone ? `${body}%${zone}` : body };
}

/** Addr.Compare: family (IPv4 first), then address bits, then zone. */
export function compareGoAddr(a: GoAddr, b: GoAddr): number {
  if (a.bits !== b.bits) return a.bits - b.bits;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return a.bytes[i] - b.bytes[i];
  return a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0;
}

/** Targets.Less: two IPs by their canonical text, anything else by plain string order. */
function targetLess(x: string, y: string): boolean {
  const a = parseGoAddr(x);
  const b = a && parseGoAddr(y);
  return a && b ? a.text < b.text : x < y;
}

/**
 * Go sorts short slices (the only size targets come in) by insertion sort, both in sort.Sort
 * and sort.Stable; with Less not being a consistent order for mixed IP/hostname lists, the
 * algorithm decides the result, so it is reproduced. Returns a sorted copy.
 */
export function sortTargets(targets: readonly string[]): string[] {
  const out = [...targets];
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && targetLess(out[j], out[j - 1]); j--) [out[j], out[j - 1]] = [out[j - 1], out[j]];
  }
  return out;
}

/** strings.EqualFold, rune by rune under simple case folding. */
export function equalFold(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  return x.every((c, i) => c === y[i] || c.toLowerCase() === y[i].toLowerCase() || c.toUpperCase() === y[i].toUpperCase());
}

/**
 * Targets.Same: equal length, both sorted, compared pairwise case-insensitively. The first pair
 * that is not equal-fold decides alone: the lists count as the same if that pair is one IP
 * written two ways (::1 vs ::0001); later pairs are not looked at.
 */
export function targetsSame(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  // Identical lists sort identically and compare equal pair by pair: skip the sorting.
  if (a.every((t, i) => t === b[i])) return true;
  const x = sortTargets(a);
  const y = sortTargets(b);
  for (let i = 0; i < x.length; i++) {
    if (equalFold(x[i], y[i])) continue;
    const p = parseGoAddr(x[i]);
    const q = parseGoAddr(y[i]);
    return !!p && !!q && p.text === q.text;
  }
  return true;
}

/**
 * Targets.IsLess: fewer targets is less; else both sorted and the first differing position
 * decides — IP before hostname, two IPs numerically, two hostnames by byte order (case-sensitive).
 */
export function targetsLess(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  const x = sortTargets(a);
  const y = sortTargets(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    const p = parseGoAddr(x[i]);
    const q = parseGoAddr(y[i]);
    if (p && q) return compareGoAddr(p, q) < 0;
    if (p || q) return !!p;
    return x[i] < y[i];
  }
  return false;
}
