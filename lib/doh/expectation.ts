// What the public should see for a hostname, read off the desired records: which addresses or
// CNAME target for a DNS-only name, or "Cloudflare edge addresses" for a proxied one.

import type { DesiredJSON } from "../drift/plan-json";
import { canonicalIp } from "./answer-view";
import { normalizeHostname } from "../externaldns/hostname";

/** The types a DoH check asks for; anything else desired is out of its reach. */
export const ADDRESS_TYPES = new Set(["A", "AAAA", "CNAME"]);

export type Expectation =
  /** Nothing desired at the name. */
  | { kind: "none" }
  /** Only types the check does not query are desired (TXT, MX…). */
  | { kind: "unchecked"; types: string[] }
  /** Proxied: the origin is hidden, so only "edge addresses, no CNAME" can be checked. */
  | { kind: "proxied"; mixed: boolean }
  | { kind: "direct"; a: string[]; aaaa: string[]; cname?: string };

export function expectationOf(desired: readonly DesiredJSON[]): Expectation {
  if (desired.length === 0) return { kind: "none" };
  const addr = desired.filter((d) => ADDRESS_TYPES.has(d.type.toUpperCase()));
  if (addr.length === 0) return { kind: "unchecked", types: [...new Set(desired.map((d) => d.type))] };
  // external-dns sets proxied per hostname, so A/AAAA/CNAME agree in practice; if they do not,
  // any proxied record makes Cloudflare answer the name from its edge.
  const proxied = addr.filter((d) => d.proxied);
  if (proxied.length > 0) return { kind: "proxied", mixed: proxied.length !== addr.length };
  const targetsOf = (type: string) => addr.filter((d) => d.type.toUpperCase() === type).flatMap((d) => d.targets);
  const exp: Expectation = {
    kind: "direct",
    a: [...new Set(targetsOf("A").map(canonicalIp))],
    aaaa: [...new Set(targetsOf("AAAA").map(canonicalIp))],
  };
  const cname = targetsOf("CNAME")[0];
  if (cname !== undefined) exp.cname = normalizeHostname(cname);
  return exp;
}
