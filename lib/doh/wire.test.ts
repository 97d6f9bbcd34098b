import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { decodeResponse, encodeQuery, MalformedMessage } from "./wire";

const SOA = (ttl: number, minimum: number) => ({
  name: "example.com",
  type: "SOA" as const,
  ttl,
  data: { mname: "ns.example.com", rname: "dns.example.com", serial: 1, refresh: 2, retry: 3, expire: 4, minimum },
});

function response(p: Partial<dnsPacket.Packet> & { rcode?: number }, q = { name: "app.example.com", type: "A" as const }): Buffer {
  return dnsPacket.encode({ type: "response", id: 0, flags: dnsPacket.RECURSION_DESIRED | (p.rcode ?? 0), questions: [q], ...p });
}

describe("encodeQuery", () => {
  it("asks one recursive question with ID 0 (RFC 8484 §4.1)", () => {
    const q = dnsPacket.decode(encodeQuery("App.Example.com.", "aaaa"));
    expect(q.id).toBe(0);
    expect(q.flags! & dnsPacket.RECURSION_DESIRED).toBeTruthy();
    expect(q.questions).toEqual([{ name: "app.example.com", type: "AAAA", class: "IN" }]);
  });

  it("refuses a type dns-packet cannot encode", () => {
    expect(() => encodeQuery("app.example.com", "BOGUS")).toThrow(MalformedMessage);
  });
});

describe("decodeResponse", () => {
  it("renders record data as text, names lower-case without the dot", () => {
    const body = response({
      answers: [
        { name: "App.Example.com", type: "CNAME", ttl: 60, data: "LB.example.NET." },
        { name: "lb.example.net", type: "A", ttl: 30, data: "192.0.2.1" },
      ],
    });
    expect(decodeResponse(body, "app.example.com", "A")).toEqual({
      rcode: "NOERROR",
      answers: [
        { name: "app.example.com", type: "CNAME", ttl: 60, data: "lb.example.net" },
        { name: "lb.example.net", type: "A", ttl: 30, data: "192.0.2.1" },
      ],
    });
  });

  it.each([
    ["TXT chunks are joined", { type: "TXT", data: ["heritage=external-dns,", "external-dns/owner=a"] }, "heritage=external-dns,external-dns/owner=a"],
    ["MX", { type: "MX", data: { preference: 10, exchange: "Mail.example.com." } }, "10 mail.example.com"],
    ["SRV", { type: "SRV", data: { priority: 1, weight: 2, port: 443, target: "svc.example.com" } }, "1 2 443 svc.example.com"],
    ["AAAA", { type: "AAAA", data: "2001:db8::1" }, "2001:db8::1"],
  ] as const)("%s", (_t, rec, text) => {
    const body = response({ answers: [{ name: "app.example.com", ttl: 5, ...rec } as dnsPacket.Answer] }, { name: "app.example.com", type: rec.type as "A" });
    expect(decodeResponse(body, "app.example.com", rec.type).answers[0].data).toBe(text);
  });

  it.each([
    ["NXDOMAIN: min(SOA TTL, MINIMUM) from authority", { rcode: 3, authorities: [SOA(900, 300)] }, "NXDOMAIN", 300],
    ["NODATA: SOA TTL when smaller", { authorities: [SOA(60, 300)] }, "NOERROR", 60],
    ["SOA in the additional section (dnsdist 1.7)", { rcode: 3, additionals: [SOA(900, 250)] }, "NXDOMAIN", 250],
    ["no SOA: no negative TTL", { rcode: 3 }, "NXDOMAIN", undefined],
    ["SERVFAIL carries no negative TTL", { rcode: 2, authorities: [SOA(900, 300)] }, "SERVFAIL", undefined],
  ] as const)("%s", (_t, p, rcode, neg) => {
    const out = decodeResponse(response(p as Partial<dnsPacket.Packet>), "app.example.com", "A");
    expect(out.rcode).toBe(rcode);
    expect(out.authorityMinTtl).toBe(neg);
  });

  it("ignores an SOA of an unrelated zone", () => {
    const other = { ...SOA(900, 300), name: "other.org" };
    expect(decodeResponse(response({ rcode: 3, authorities: [other] }), "app.example.com", "A").authorityMinTtl).toBeUndefined();
  });

  it.each([
    ["garbage", Buffer.from("<html>nope</html>")],
    ["a query, not a response", dnsPacket.encode({ type: "query", id: 0, questions: [{ name: "app.example.com", type: "A" }] })],
    ["an answer to another question", response({}, { name: "other.example.com", type: "A" })],
  ])("throws MalformedMessage for %s", (_t, body) => {
    expect(() => decodeResponse(body, "app.example.com", "A")).toThrow(MalformedMessage);
  });
});
