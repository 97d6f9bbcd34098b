// Synthetic resolver answers for the pure verdict tests: describe what a resolver "saw" in a few
// fields and get the A/AAAA/CNAME DohAnswers a real resolver would have returned.

import type { DesiredJSON } from "../../lib/drift/plan-json";
import type { DohAnswer, DohRecord } from "../../lib/doh/types";
import type { ResolverAnswers } from "../../lib/doh/verdict";

export interface Seen {
  /** The hostname is a CNAME to this name; v4/v6 are then the target's addresses. */
  cname?: string;
  v4?: string[];
  v6?: string[];
  rcode?: "NXDOMAIN" | "SERVFAIL" | "REFUSED";
  error?: "timeout" | "network" | "http" | "malformed";
  ttl?: number;
  /** SOA-derived negative TTL on empty answers. */
  negTtl?: number;
  elapsedMs?: number;
}

function answer(resolver: string, name: string, type: string, rcode: DohAnswer["rcode"], answers: DohRecord[], extra: Partial<DohAnswer> = {}): DohAnswer {
  return { resolver, name, type, rcode, answers, elapsedMs: 1, cached: false, ...extra };
}

export function seen(host: string, s: Seen, resolver = "r"): ResolverAnswers {
  const extra: Partial<DohAnswer> = { elapsedMs: s.elapsedMs ?? 1 };
  if (s.error) {
    const e = { ...extra, error: { code: s.error, message: `fake ${s.error}` } };
    return { a: answer(resolver, host, "A", null, [], e), aaaa: answer(resolver, host, "AAAA", null, [], e), cname: answer(resolver, host, "CNAME", null, [], e) };
  }
  const neg = s.negTtl !== undefined ? { ...extra, authorityMinTtl: s.negTtl } : extra;
  if (s.rcode) {
    const x = s.rcode === "NXDOMAIN" ? neg : extra;
    return { a: answer(resolver, host, "A", s.rcode, [], x), aaaa: answer(resolver, host, "AAAA", s.rcode, [], x), cname: answer(resolver, host, "CNAME", s.rcode, [], x) };
  }
  const ttl = s.ttl ?? 300;
  const owner = s.cname ?? host;
  const hop: DohRecord[] = s.cname ? [{ name: host, type: "CNAME", ttl, data: s.cname }] : [];
  const recs = (type: string, ips: string[] = []) => ips.map((data) => ({ name: owner, type, ttl, data }));
  const mk = (type: string, rs: DohRecord[]) => answer(resolver, host, type, "NOERROR", rs, rs.length === 0 ? neg : extra);
  return {
    a: mk("A", [...hop, ...recs("A", s.v4)]),
    aaaa: mk("AAAA", [...hop, ...recs("AAAA", s.v6)]),
    cname: mk("CNAME", hop),
  };
}

export function txtAnswer(name: string, values: string[] | "NXDOMAIN" | "SERVFAIL", negTtl?: number, resolver = "r"): DohAnswer {
  if (values === "NXDOMAIN") return answer(resolver, name, "TXT", "NXDOMAIN", [], negTtl !== undefined ? { authorityMinTtl: negTtl } : {});
  if (values === "SERVFAIL") return answer(resolver, name, "TXT", "SERVFAIL", []);
  return answer(resolver, name, "TXT", "NOERROR", values.map((data) => ({ name, type: "TXT", ttl: 300, data })));
}

export function aAnswer(name: string, ips: string[], resolver = "r"): DohAnswer {
  return answer(resolver, name, "A", ips.length > 0 ? "NOERROR" : "NXDOMAIN", ips.map((data) => ({ name, type: "A", ttl: 60, data })));
}

export function want(host: string, type: string, targets: string[], proxied = false): DesiredJSON {
  return { name: host, type, targets, ttl: 0, proxied, resource: "test/x" };
}
