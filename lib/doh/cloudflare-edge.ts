// Cloudflare's anycast edge ranges: a proxied name answers with addresses from these, never the
// origin, so "is every answered address in here?" is how we tell proxied from DNS-only.

import ipaddr from "ipaddr.js";
import type { EdgeRanges } from "./types";

/**
 * As published at https://www.cloudflare.com/ips-v4 and https://www.cloudflare.com/ips-v6 (the
 * same lists as GET /client/v4/ips), copied in 2026 (see emulators/cloudflare/BEHAVIOUR.md §7).
 * Cloudflare changes them rarely but does change them: refreshEdgeRanges() replaces this copy.
 */
export const EMBEDDED_EDGE_RANGES: EdgeRanges = Object.freeze({
  ipv4: [
    "173.245.48.0/20",
    "103.21.244.0/22",
    "103.22.200.0/22",
    "103.31.4.0/22",
    "141.101.64.0/18",
    "108.162.192.0/18",
    "190.93.240.0/20",
    "188.114.96.0/20",
    "197.234.240.0/22",
    "198.41.128.0/17",
    "162.158.0.0/15",
    "104.16.0.0/13",
    "104.24.0.0/14",
    "172.64.0.0/13",
    "131.0.72.0/22",
  ],
  ipv6: ["2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32", "2a06:98c0::/29", "2c0f:f248::/32"],
});

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

const parsed = new WeakMap<EdgeRanges, Cidr[]>();

function cidrsOf(ranges: EdgeRanges): Cidr[] {
  let list = parsed.get(ranges);
  if (!list) {
    list = [...ranges.ipv4, ...ranges.ipv6].map((c) => ipaddr.parseCIDR(c));
    parsed.set(ranges, list);
  }
  return list;
}

let current: EdgeRanges = EMBEDDED_EDGE_RANGES;

/** The list in use: the embedded copy until a refresh succeeded. */
export function currentEdgeRanges(): EdgeRanges {
  return current;
}

/** True when `ip` (v4, v6 or v4-mapped v6) lies in one of the ranges; false for non-addresses. */
export function isCloudflareEdge(ip: string, ranges: EdgeRanges = current): boolean {
  if (!ipaddr.isValid(ip)) return false;
  // process() turns ::ffff:a.b.c.d into the IPv4 address, which is how the v4 list covers it.
  const addr = ipaddr.process(ip);
  return cidrsOf(ranges).some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

function validList(value: unknown, kind: "ipv4" | "ipv6"): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${kind}_cidrs missing or empty`);
  return value.map((c) => {
    if (typeof c !== "string" || !ipaddr.isValidCIDR(c) || ipaddr.parseCIDR(c)[0].kind() !== kind) {
      throw new Error(`not an ${kind} CIDR: ${JSON.stringify(c)}`);
    }
    return c;
  });
}

/** Reads `{result: {ipv4_cidrs, ipv6_cidrs}}` (the envelope of GET /client/v4/ips). */
export function parseIpsResponse(body: unknown): EdgeRanges {
  const result = (body as { result?: { ipv4_cidrs?: unknown; ipv6_cidrs?: unknown } } | null)?.result;
  if (!result) throw new Error("response has no result");
  return { ipv4: validList(result.ipv4_cidrs, "ipv4"), ipv6: validList(result.ipv6_cidrs, "ipv6") };
}

export type FetchLike = (url: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

/**
 * Loads the ranges from Cloudflare's API (no authentication needed) and makes them the list in
 * use. Rejects, leaving the current list untouched, when the answer is not a valid list.
 */
export async function refreshEdgeRanges(
  fetchFn: FetchLike,
  opts: { baseUrl?: string; timeoutMs?: number } = {},
): Promise<EdgeRanges> {
  const base = (opts.baseUrl ?? "https://api.cloudflare.com").replace(/\/+$/, "");
  const url = base.endsWith("/client/v4") ? `${base}/ips` : `${base}/client/v4/ips`;
  const res = await fetchFn(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(opts.timeoutMs ?? 10000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const ranges = parseIpsResponse(await res.json());
  current = ranges;
  return ranges;
}

/** Back to the embedded copy (tests). */
export function resetEdgeRanges(): void {
  current = EMBEDDED_EDGE_RANGES;
}
