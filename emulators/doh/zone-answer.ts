// How Cloudflare's public DNS answers a question from a zone's records: proxied names get edge
// addresses (TTL 300, no CNAME), DNS-only CNAMEs are chased inside the zones served and, like a
// recursive resolver, into the outside world (a small table of external answers), the apex CNAME
// is flattened, missing names get NXDOMAIN and missing types NODATA, both with the SOA, and a
// CNAME loop is a SERVFAIL.

import type dnsPacket from "dns-packet";
import { edgeAddresses } from "./edge-address";

export interface EmulatedRecord {
  name: string;
  type: string;
  content: string;
  proxied?: boolean;
  /** Cloudflare's 1 means "auto" (300 s). */
  ttl?: number;
  priority?: number;
}

/** The zones answered from; structurally a CloudflareZone, so the API emulator's zones fit. */
export type ZoneRecords = { name: string; records: EmulatedRecord[] }[];

export interface ZoneAnswer {
  rcode: "NOERROR" | "NXDOMAIN" | "REFUSED" | "SERVFAIL";
  answers: dnsPacket.Answer[];
  authorities: dnsPacket.Answer[];
}

/**
 * A record of the world outside the served zones, for CNAMEs that leave them (a Cloudflare
 * tunnel's `<id>.cfargotunnel.com`, a load balancer's name). `name` may be `*.suffix`.
 */
export interface ExternalAnswer {
  name: string;
  type: "A" | "AAAA" | "CNAME" | "TXT";
  data: string;
  ttl: number;
}

export interface AnswerOptions {
  /** SOA TTL and MINIMUM, i.e. the negative-caching time (Cloudflare uses 1800). */
  negativeTtl?: number;
  /**
   * The outside world. Without it, a CNAME leaving the zones ends the answer (nothing is known
   * beyond); with it, the chase goes on as a recursive resolver's would, and a name the table
   * does not know does not exist.
   */
  external?: ExternalAnswer[];
}

const AUTO_TTL = 300;
const PROXIABLE = new Set(["A", "AAAA", "CNAME"]);
const MAX_CHASE = 8;

const norm = (n: string) => n.trim().toLowerCase().replace(/\.$/, "");
const ttlOf = (r: EmulatedRecord) => (r.proxied || !r.ttl || r.ttl === 1 ? AUTO_TTL : r.ttl);

/** TXT content as Cloudflare shows it may be quoted ("a" "b"); each string is split at 255 bytes. */
export function txtStrings(content: string): Buffer[] {
  const strings: string[] = [];
  if (content.trim().startsWith('"')) {
    for (const m of content.matchAll(/"((?:[^"\\]|\\.)*)"/g)) strings.push(m[1].replace(/\\(.)/g, "$1"));
  } else {
    strings.push(content);
  }
  return strings.flatMap((s) => {
    const buf = Buffer.from(s, "utf8");
    const parts: Buffer[] = [];
    for (let i = 0; i < buf.length; i += 255) parts.push(buf.subarray(i, i + 255));
    return parts.length > 0 ? parts : [Buffer.alloc(0)];
  });
}

function rr(name: string, r: EmulatedRecord): dnsPacket.Answer | undefined {
  const base = { name, ttl: ttlOf(r), class: "IN" as const };
  switch (r.type.toUpperCase()) {
    case "A":
    case "AAAA":
    case "CNAME":
    case "NS":
    case "PTR":
      return { ...base, type: r.type.toUpperCase() as "A", data: norm(r.content) };
    case "TXT":
      return { ...base, type: "TXT", data: txtStrings(r.content) };
    case "MX":
      return { ...base, type: "MX", data: { preference: r.priority ?? 10, exchange: norm(r.content) } };
    default:
      return undefined; // other types exist at the name but are not served by the emulator
  }
}

class Zones {
  constructor(readonly zones: ZoneRecords) {}

  zoneOf(name: string): string | undefined {
    const candidates = this.zones.map((z) => norm(z.name)).filter((z) => name === z || name.endsWith("." + z));
    return candidates.sort((a, b) => b.length - a.length)[0];
  }

  private exact(name: string): EmulatedRecord[] {
    return this.zones.flatMap((z) => z.records).filter((r) => norm(r.name) === name);
  }

  /** A name exists if it owns records or has descendants (an empty non-terminal). */
  exists(name: string): boolean {
    return this.zones.some((z) => z.records.some((r) => norm(r.name) === name || norm(r.name).endsWith("." + name)));
  }

  /** The records at a name, or those of the closest wildcard when the name does not exist. */
  recordsAt(name: string, zone: string): EmulatedRecord[] {
    if (this.exists(name)) return this.exact(name);
    let parent = name;
    while (parent !== zone && parent.includes(".")) {
      parent = parent.slice(parent.indexOf(".") + 1);
      const wild = this.exact(`*.${parent}`);
      if (wild.length > 0) return wild;
      if (this.exists(parent)) break;
    }
    return [];
  }
}

function soa(zone: string, negativeTtl: number): dnsPacket.Answer {
  return {
    name: zone,
    type: "SOA",
    ttl: negativeTtl,
    class: "IN",
    data: { mname: "ns.cloudflare.com", rname: "dns.cloudflare.com", serial: 2400000001, refresh: 10000, retry: 2400, expire: 604800, minimum: negativeTtl },
  };
}

function externalAt(table: ExternalAnswer[], name: string): ExternalAnswer[] {
  const exact = table.filter((e) => norm(e.name) === name);
  if (exact.length > 0) return exact;
  return table.filter((e) => e.name.startsWith("*.") && name.endsWith(norm(e.name).slice(1)));
}

/** Continues a chase outside the zones served, from the external table. */
function chaseOutside(table: ExternalAnswer[], start: string, type: string, answers: dnsPacket.Answer[], seen: Set<string>): ZoneAnswer {
  let name = start;
  for (;;) {
    if (seen.has(name)) return { rcode: "SERVFAIL", answers: [], authorities: [] };
    seen.add(name);
    const here = externalAt(table, name);
    if (here.length === 0) return { rcode: "NXDOMAIN", answers, authorities: [] };
    const cname = here.find((e) => e.type === "CNAME");
    if (cname && type !== "CNAME") {
      answers.push({ name, type: "CNAME", ttl: cname.ttl, class: "IN", data: norm(cname.data) });
      name = norm(cname.data);
      continue;
    }
    for (const e of here.filter((x) => x.type === type)) {
      answers.push(e.type === "TXT" ? { name, type: "TXT", ttl: e.ttl, class: "IN", data: txtStrings(e.data) } : { name, type: e.type as "A", ttl: e.ttl, class: "IN", data: e.data });
    }
    return { rcode: "NOERROR", answers, authorities: [] };
  }
}

export function answerQuestion(zones: ZoneRecords, qname: string, qtype: string, opts: AnswerOptions = {}): ZoneAnswer {
  const negativeTtl = opts.negativeTtl ?? 1800;
  const z = new Zones(zones);
  const type = qtype.toUpperCase();
  const answers: dnsPacket.Answer[] = [];
  let name = norm(qname);
  let zone = z.zoneOf(name);
  if (!zone) return { rcode: "REFUSED", answers, authorities: [] };
  const seen = new Set<string>();

  for (let hop = 0; hop <= MAX_CHASE; hop++) {
    if (seen.has(name)) return { rcode: "SERVFAIL", answers: [], authorities: [] };
    seen.add(name);
    const records = z.recordsAt(name, zone);
    // Wildcard answers are owned by the asked name, like any synthesized answer.
    const owner = name;
    if (records.some((r) => r.proxied && PROXIABLE.has(r.type.toUpperCase()))) {
      // Proxied: edge addresses for A/AAAA, and the CNAME (if any) is never shown.
      const edge = edgeAddresses(owner);
      if (type === "A" || type === "AAAA") {
        for (const ip of type === "A" ? edge.v4 : edge.v6) answers.push({ name: owner, type, ttl: AUTO_TTL, class: "IN", data: ip });
        return { rcode: "NOERROR", answers, authorities: [] };
      }
      if (type === "CNAME") return { rcode: "NOERROR", answers, authorities: [soa(zone, negativeTtl)] };
    }
    const cname = records.find((r) => r.type.toUpperCase() === "CNAME");
    const target = cname ? norm(cname.content) : "";
    const targetZone = cname ? z.zoneOf(target) : undefined;
    // A flattened apex CNAME is invisible: asking for the CNAME itself gets NODATA.
    if (cname && type === "CNAME" && name === zone && targetZone) return { rcode: "NOERROR", answers, authorities: [soa(zone, negativeTtl)] };
    if (cname && type !== "CNAME") {
      if (name === zone && targetZone) {
        // Apex CNAME flattening: the target's records answer under the apex name.
        const flat = answerQuestion(zones, target, type, opts);
        const owned = flat.answers.filter((a) => a.type === type).map((a) => ({ ...a, name: owner }));
        return { rcode: "NOERROR", answers: [...answers, ...owned], authorities: owned.length > 0 ? [] : [soa(zone, negativeTtl)] };
      }
      answers.push(rr(owner, cname) as dnsPacket.Answer);
      if (!targetZone) {
        if (!opts.external) return { rcode: "NOERROR", answers, authorities: [] };
        return chaseOutside(opts.external, target, type, answers, seen);
      }
      name = target;
      zone = targetZone;
      continue;
    }
    const matching = records.filter((r) => r.type.toUpperCase() === type).map((r) => rr(owner, r)).filter((a): a is dnsPacket.Answer => !!a);
    answers.push(...matching);
    if (matching.length > 0) return { rcode: "NOERROR", answers, authorities: [] };
    return { rcode: records.length > 0 || z.exists(name) ? "NOERROR" : "NXDOMAIN", answers, authorities: [soa(zone, negativeTtl)] };
  }
  return { rcode: "SERVFAIL", answers: [], authorities: [] }; // a chain longer than resolvers follow
}
