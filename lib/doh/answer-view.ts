// What one resolver's answers say about a hostname, independent of what was wanted: the CNAME
// at the name (if any), the addresses at the end of the chain, and whether the name exists.

import ipaddr from "ipaddr.js";
import type { DohAnswer, DohRecord } from "./types";
import { normalizeHostname } from "../externaldns/hostname";

/** Bound on CNAME hops, well above any sane chain; protects against loops in bad answers. */
const MAX_HOPS = 16;

export interface Chain {
  /** Names walked, starting with the question's name. */
  names: string[];
  /** Data of the asked type's records at the last name (addresses canonicalised). */
  addresses: string[];
}

/** Follows CNAMEs in an answer section from `start` and collects `type` records at the end. */
export function followChain(start: string, records: readonly DohRecord[], type: string): Chain {
  const names = [normalizeHostname(start)];
  let cur = names[0];
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const next = records.find((r) => r.type === "CNAME" && r.name === cur);
    if (!next || names.includes(next.data)) break;
    cur = next.data;
    names.push(cur);
  }
  const at = records.filter((r) => r.type === type && r.name === cur).map((r) => r.data);
  const addresses = type === "A" || type === "AAAA" ? at.map(canonicalIp) : at;
  return { names, addresses };
}

/** One spelling per address, so 2001:DB8:0::1 and 2001:db8::1 compare equal. */
export function canonicalIp(ip: string): string {
  return ipaddr.isValid(ip) ? ipaddr.parse(ip).toString() : ip.toLowerCase();
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

export interface HostView {
  /** Target of a CNAME owned by the hostname itself (first hop), if any resolver answer shows one. */
  cname?: string;
  v4: string[];
  v6: string[];
  /** The A question came back NXDOMAIN. */
  nxdomain: boolean;
  /** Every record of the A, AAAA and CNAME answers, deduplicated. */
  records: DohRecord[];
  /** Smallest TTL among the records (the TTL the resolver serves). */
  ttl?: number;
  /** Negative-caching TTL, when the name or type is missing. */
  negativeTtl?: number;
}

export function hostView(hostname: string, a: DohAnswer, aaaa: DohAnswer, cname: DohAnswer): HostView {
  const host = normalizeHostname(hostname);
  const records: DohRecord[] = [];
  const seen = new Set<string>();
  for (const r of [...cname.answers, ...a.answers, ...aaaa.answers]) {
    const k = `${r.name}|${r.type}|${r.data}`;
    if (!seen.has(k)) {
      seen.add(k);
      records.push(r);
    }
  }
  const first = records.find((r) => r.type === "CNAME" && r.name === host);
  const view: HostView = {
    v4: followChain(host, a.answers, "A").addresses,
    v6: followChain(host, aaaa.answers, "AAAA").addresses,
    nxdomain: a.rcode === "NXDOMAIN",
    records,
  };
  if (first) view.cname = first.data;
  if (records.length > 0) view.ttl = Math.min(...records.map((r) => r.ttl));
  const neg = [a, aaaa].map((x) => x.authorityMinTtl).filter((x): x is number => x !== undefined);
  if (neg.length > 0) view.negativeTtl = Math.max(...neg);
  return view;
}

/** An answer that carries no DNS verdict: transport error, or an RCODE other than NOERROR/NXDOMAIN. */
export function failureOf(answer: DohAnswer): string | undefined {
  if (answer.error) return `${answer.type}: ${answer.error.code} (${answer.error.message})`;
  if (answer.rcode !== "NOERROR" && answer.rcode !== "NXDOMAIN") return `${answer.type}: ${answer.rcode}`;
  return undefined;
}
