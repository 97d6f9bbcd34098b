// Consequences of a difference that deserve a warning before anyone upgrades: private addresses
// in public DNS (and Cloudflare proxying to them), wildcards that appear, records that change
// type, and deletes of names that resolve today.

import ipaddr from "ipaddr.js";
import type { CloudflareZone, RecordChange } from "../../externaldns/types";
import type { WhatIfConsequence } from "./types";
import { normalizeHostname } from "../../externaldns/hostname";

/** ipaddr.js ranges that must not be published in public DNS, with the standard that reserves them. */
const NON_PUBLIC: Record<string, string> = {
  private: "RFC 1918 private",
  carrierGradeNat: "RFC 6598 shared (carrier-grade NAT)",
  uniqueLocal: "RFC 4193 unique local (ULA)",
  loopback: "loopback",
  linkLocal: "link-local",
  unspecified: "unspecified",
};

/** The kind of non-public address `content` is, or undefined for public addresses and names. */
export function nonPublicRange(content: string): string | undefined {
  if (!ipaddr.isValid(content)) return undefined;
  let addr = ipaddr.parse(content);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return NON_PUBLIC[addr.range()];
}

const isData = (c: RecordChange) => c.ownershipOf === undefined && c.type !== "TXT";

export interface ConsequenceInput {
  /** The differences, all of them: a type change is a delete and a create of the same name. */
  differences: RecordChange[];
  /** Cloudflare's records today. */
  zones: CloudflareZone[];
  /** Whether public DNS resolves the name today (undefined: not known). */
  resolvesToday?: (name: string) => boolean | undefined;
}

export function consequencesOf(input: ConsequenceInput): WhatIfConsequence[][] {
  const deletedTypes = new Map<string, Set<string>>();
  const createdTypes = new Map<string, Set<string>>();
  for (const c of input.differences.filter(isData)) {
    const m = c.action === "delete" ? deletedTypes : c.action === "create" ? createdTypes : undefined;
    if (m) m.set(c.name, (m.get(c.name) ?? new Set()).add(c.type));
  }
  const existing = new Set(input.zones.flatMap((z) => z.records.filter((r) => r.type !== "TXT").map((r) => normalizeHostname(r.name))));

  return input.differences.map((c) => {
    const out: WhatIfConsequence[] = [];
    if (!isData(c)) return out;
    if (c.action !== "delete" && (c.type === "A" || c.type === "AAAA")) {
      const range = nonPublicRange(c.content);
      if (range) {
        out.push({ code: "private-address", message: `${c.name} → ${c.content}: a ${range} address published in public DNS` });
        if (c.proxied) {
          out.push({ code: "proxied-private-address", message: `${c.name} is proxied by Cloudflare to ${c.content}, which Cloudflare's edge cannot reach: visitors get errors` });
        }
      }
    }
    if (c.action === "create" && c.name.startsWith("*.") && !existing.has(c.name)) {
      out.push({ code: "wildcard-appears", message: `a wildcard ${c.name} appears: every name under ${c.name.slice(2)} without its own record resolves to ${c.content}` });
    }
    const other = c.action === "delete" ? createdTypes.get(c.name) : c.action === "create" ? deletedTypes.get(c.name) : undefined;
    const changedTo = [...(other ?? [])].filter((t) => t !== c.type);
    if (changedTo.length) {
      const [from, to] = c.action === "delete" ? [c.type, changedTo.join("/")] : [changedTo.join("/"), c.type];
      out.push({ code: "type-change", message: `${c.name} changes type from ${from} to ${to} (the ${from} is deleted and the ${to} created; resolvers may keep the old answer until its TTL runs out)` });
    }
    // A name recreated under another type still resolves; only a name that goes away is lost.
    if (c.action === "delete" && !createdTypes.has(c.name) && input.resolvesToday?.(c.name)) {
      out.push({ code: "resolves-today", message: `public DNS resolves ${c.name} today; this delete takes it away` });
    }
    return out;
  });
}
