// RFC 8484 message handling with dns-packet: the query we send and what we read back from the
// response. Everything a dashboard needs is flattened into text records here, so the rest of
// lib/doh never touches dns-packet's union types.

import dnsPacket from "dns-packet";
import { normalizeHostname } from "../externaldns/hostname";
import type { DohRecord, Rcode } from "./types";

export class MalformedMessage extends Error {}


/** Throws for a type dns-packet cannot encode (a caller's mistake, reported as "malformed"). */
export function encodeQuery(name: string, type: string): Buffer {
  const t = type.toUpperCase();
  // ID 0 as RFC 8484 §4.1 asks, so HTTP caches can share answers.
  const msg = dnsPacket.encode({
    type: "query",
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: t as dnsPacket.RecordType, name: normalizeHostname(name) }],
  });
  // dns-packet encodes a type name it does not know as 0; refuse rather than ask a nonsense question.
  if (msg.readUInt16BE(msg.length - 4) === 0) throw new MalformedMessage(`unknown record type ${type}`);
  return msg;
}

export interface DecodedResponse {
  rcode: Rcode;
  answers: DohRecord[];
  authorityMinTtl?: number;
}

type AnyAnswer = dnsPacket.Answer;

function txtText(data: unknown): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString("utf8") : String(p))).join("");
}

/** Presentation text of an RR's data; unknown types in RFC 3597 generic form. */
export function recordData(a: AnyAnswer): string {
  if (!("data" in a)) return "";
  const d: unknown = a.data;
  switch (a.type) {
    case "A":
    case "AAAA":
      return String(d);
    case "CNAME":
    case "DNAME":
    case "NS":
    case "PTR":
      return normalizeHostname(String(d));
    case "TXT":
      return txtText(d);
    case "MX": {
      const mx = d as dnsPacket.MxData;
      return `${mx.preference ?? 0} ${normalizeHostname(mx.exchange)}`;
    }
    case "SOA": {
      const s = d as dnsPacket.SoaData;
      return `${normalizeHostname(s.mname)} ${normalizeHostname(s.rname)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
    }
    case "SRV": {
      const s = d as dnsPacket.SrvData;
      return `${s.priority ?? 0} ${s.weight ?? 0} ${s.port} ${normalizeHostname(s.target)}`;
    }
    case "CAA": {
      const c = d as dnsPacket.CaaData;
      return `${c.flags ?? 0} ${c.tag} "${c.value}"`;
    }
    default:
      return Buffer.isBuffer(d) ? `\\# ${d.length} ${d.toString("hex")}` : JSON.stringify(d);
  }
}

/** RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM) seconds. */
function negativeTtl(packet: dnsPacket.Packet, qname: string): number | undefined {
  const covers = (owner: string) => owner === "." || qname === owner || qname.endsWith("." + owner);
  const soaOf = (list: AnyAnswer[] | undefined) => (list ?? []).find((r) => r.type === "SOA" && covers(normalizeHostname(r.name)));
  // dnsdist 1.7's NegativeAndSOAAction puts the SOA in the additional section; accept it there too.
  const soa = soaOf(packet.authorities) ?? soaOf(packet.additionals);
  if (!soa || soa.type !== "SOA") return undefined;
  return Math.min(soa.ttl ?? 0, soa.data.minimum ?? 0);
}

export function decodeResponse(body: Buffer, qname: string, qtype: string): DecodedResponse {
  let packet: dnsPacket.Packet & { rcode?: string };
  try {
    packet = dnsPacket.decode(body) as dnsPacket.Packet & { rcode?: string };
  } catch (e) {
    throw new MalformedMessage(`undecodable DNS message: ${(e as Error).message}`);
  }
  if (packet.type !== "response") throw new MalformedMessage("not a DNS response (QR bit clear)");
  const q = packet.questions?.[0];
  const name = normalizeHostname(qname);
  if (q && (normalizeHostname(q.name) !== name || q.type !== qtype.toUpperCase())) {
    throw new MalformedMessage(`answer is for ${q.name}/${q.type}, asked ${name}/${qtype}`);
  }
  const answers: DohRecord[] = (packet.answers ?? [])
    .filter((a) => a.type !== "OPT")
    .map((a) => ({ name: normalizeHostname(a.name), type: a.type, ttl: "ttl" in a ? (a.ttl ?? 0) : 0, data: recordData(a) }));
  const rcode = packet.rcode ?? "NOERROR";
  const out: DecodedResponse = { rcode, answers };
  if (rcode === "NXDOMAIN" || (rcode === "NOERROR" && answers.length === 0)) {
    const neg = negativeTtl(packet, name);
    if (neg !== undefined) out.authorityMinTtl = neg;
  }
  return out;
}
