import type dnsPacket from "dns-packet";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { isCloudflareEdge } from "../../lib/doh/cloudflare-edge";
import { edgeAddresses } from "./edge-address";
import { answerQuestion, txtStrings, type ExternalAnswer, type ZoneRecords } from "./zone-answer";

const zones: ZoneRecords = [
  {
    name: "example.com",
    records: [
      { name: "example.com", type: "CNAME", content: "app.example.com", proxied: false, ttl: 1 },
      { name: "app.example.com", type: "A", content: "192.0.2.10", proxied: false, ttl: 120 },
      { name: "app.example.com", type: "A", content: "192.0.2.11", proxied: false, ttl: 120 },
      { name: "app.example.com", type: "AAAA", content: "2001:db8::10", proxied: false, ttl: 120 },
      { name: "www.example.com", type: "CNAME", content: "app.example.com", proxied: false, ttl: 60 },
      { name: "ext.example.com", type: "CNAME", content: "lb.example.net", proxied: false, ttl: 60 },
      { name: "web.example.com", type: "CNAME", content: "lb.example.net", proxied: true, ttl: 1 },
      { name: "shop.example.com", type: "A", content: "198.51.100.5", proxied: true, ttl: 1 },
      { name: "k8s.a-app.example.com", type: "TXT", content: '"heritage=external-dns,external-dns/owner=default"', ttl: 1 },
      { name: "mail.example.com", type: "MX", content: "mx.example.com", priority: 5, ttl: 300 },
      { name: "*.wild.example.com", type: "A", content: "192.0.2.77", ttl: 60 },
      { name: "deep.ent.example.com", type: "A", content: "192.0.2.88", ttl: 60 },
      { name: "loop1.example.com", type: "CNAME", content: "loop2.example.com", ttl: 60 },
      { name: "loop2.example.com", type: "CNAME", content: "loop1.example.com", ttl: 60 },
    ],
  },
];

const show = (as: dnsPacket.Answer[]) => as.map((a) => `${a.name} ${"ttl" in a ? a.ttl : ""} ${a.type} ${"data" in a ? (Array.isArray(a.data) ? a.data.map(String).join("|") : typeof a.data === "object" ? JSON.stringify(a.data) : a.data) : ""}`);

describe("answerQuestion", () => {
  it.each([
    { q: ["app.example.com", "A"], rcode: "NOERROR", answers: ["app.example.com 120 A 192.0.2.10", "app.example.com 120 A 192.0.2.11"] },
    { q: ["APP.example.com.", "AAAA"], rcode: "NOERROR", answers: ["app.example.com 120 AAAA 2001:db8::10"] },
    { q: ["www.example.com", "A"], rcode: "NOERROR", answers: ["www.example.com 60 CNAME app.example.com", "app.example.com 120 A 192.0.2.10", "app.example.com 120 A 192.0.2.11"] },
    { q: ["www.example.com", "CNAME"], rcode: "NOERROR", answers: ["www.example.com 60 CNAME app.example.com"] },
    { q: ["ext.example.com", "A"], rcode: "NOERROR", answers: ["ext.example.com 60 CNAME lb.example.net"] },
    { q: ["example.com", "A"], rcode: "NOERROR", answers: ["example.com 120 A 192.0.2.10", "example.com 120 A 192.0.2.11"] },
    { q: ["example.com", "CNAME"], rcode: "NOERROR", answers: [], soa: true },
    { q: ["k8s.a-app.example.com", "TXT"], rcode: "NOERROR", answers: ["k8s.a-app.example.com 300 TXT heritage=external-dns,external-dns/owner=default"] },
    { q: ["mail.example.com", "MX"], rcode: "NOERROR", answers: ['mail.example.com 300 MX {"preference":5,"exchange":"mx.example.com"}'] },
    { q: ["x.wild.example.com", "A"], rcode: "NOERROR", answers: ["x.wild.example.com 60 A 192.0.2.77"] },
    { q: ["nope.example.com", "A"], rcode: "NXDOMAIN", answers: [], soa: true },
    { q: ["app.example.com", "TXT"], rcode: "NOERROR", answers: [], soa: true },
    { q: ["ent.example.com", "A"], rcode: "NOERROR", answers: [], soa: true },
    { q: ["web.example.com", "CNAME"], rcode: "NOERROR", answers: [], soa: true },
    { q: ["other.org", "A"], rcode: "REFUSED", answers: [] },
  ])("$q.0/$q.1 → $rcode", ({ q, rcode, answers, soa }) => {
    const out = answerQuestion(zones, q[0], q[1], { negativeTtl: 1800 });
    expect(out.rcode).toBe(rcode);
    expect(show(out.answers)).toEqual(answers);
    if (soa) expect(show(out.authorities)).toEqual([expect.stringMatching(/^example\.com 1800 SOA .*"minimum":1800/)]);
    else expect(out.authorities).toEqual([]);
  });

  it.each([
    ["shop.example.com", "A"],
    ["shop.example.com", "AAAA"],
    ["web.example.com", "A"],
    ["web.example.com", "AAAA"],
  ])("proxied %s/%s answers edge addresses, TTL 300, no CNAME", (name, type) => {
    const out = answerQuestion(zones, name, type);
    expect(out.rcode).toBe("NOERROR");
    expect(out.answers.length).toBe(2);
    for (const a of out.answers) {
      expect(a).toMatchObject({ name, type, ttl: 300 });
      expect(isCloudflareEdge((a as { data: string }).data)).toBe(true);
    }
    expect(out.answers).toEqual(answerQuestion(zones, name, type).answers); // stable
  });

  it.each([["loop1.example.com", "A"], ["loop2.example.com", "AAAA"]])("a CNAME loop (%s/%s) is a SERVFAIL with no answers", (name, type) => {
    expect(answerQuestion(zones, name, type)).toEqual({ rcode: "SERVFAIL", answers: [], authorities: [] });
  });
});

describe("answerQuestion beyond the zones (a recursive resolver's chase)", () => {
  const external: ExternalAnswer[] = [
    { name: "*.cfargotunnel.com", type: "AAAA", data: "fd10:aec2:5dae::", ttl: 300 },
    { name: "lb.example.net", type: "CNAME", data: "lb-1.example.net", ttl: 30 },
    { name: "lb-1.example.net", type: "A", data: "203.0.113.7", ttl: 20 },
    { name: "out1.example.net", type: "CNAME", data: "out2.example.net", ttl: 30 },
    { name: "out2.example.net", type: "CNAME", data: "out1.example.net", ttl: 30 },
  ];
  const world: ZoneRecords = [
    {
      name: "example.com",
      records: [
        ...zones[0].records,
        { name: "tunnel.example.com", type: "CNAME", content: "7ee9277a.cfargotunnel.com", ttl: 1 },
        { name: "gone.example.com", type: "CNAME", content: "nothing.example.org", ttl: 60 },
        { name: "spin.example.com", type: "CNAME", content: "out1.example.net", ttl: 60 },
      ],
    },
  ];
  it.each([
    { q: ["ext.example.com", "A"], rcode: "NOERROR", answers: ["ext.example.com 60 CNAME lb.example.net", "lb.example.net 30 CNAME lb-1.example.net", "lb-1.example.net 20 A 203.0.113.7"] },
    { q: ["tunnel.example.com", "AAAA"], rcode: "NOERROR", answers: ["tunnel.example.com 300 CNAME 7ee9277a.cfargotunnel.com", "7ee9277a.cfargotunnel.com 300 AAAA fd10:aec2:5dae::"] },
    { q: ["tunnel.example.com", "A"], rcode: "NOERROR", answers: ["tunnel.example.com 300 CNAME 7ee9277a.cfargotunnel.com"] },
    { q: ["gone.example.com", "A"], rcode: "NXDOMAIN", answers: ["gone.example.com 60 CNAME nothing.example.org"] },
    { q: ["spin.example.com", "A"], rcode: "SERVFAIL", answers: [] },
    // A proxied CNAME never leaves Cloudflare's edge, whatever the table says.
    { q: ["web.example.com", "CNAME"], rcode: "NOERROR", answers: [] },
  ])("$q.0/$q.1 → $rcode", ({ q, rcode, answers }) => {
    const out = answerQuestion(world, q[0], q[1], { external });
    expect(out.rcode).toBe(rcode);
    expect(show(out.answers)).toEqual(answers);
  });

  it("without a table, a CNAME leaving the zones ends the answer", () => {
    expect(show(answerQuestion(world, "ext.example.com", "A").answers)).toEqual(["ext.example.com 60 CNAME lb.example.net"]);
  });
});

describe("edgeAddresses", () => {
  it.each(["a.example.com", "b.example.com", "x", "very.long.name.of.some.kind.example.org"])("%s: valid, in Cloudflare's ranges, distinct per name", (n) => {
    const { v4, v6 } = edgeAddresses(n);
    for (const ip of [...v4, ...v6]) {
      expect(ipaddr.isValid(ip)).toBe(true);
      expect(isCloudflareEdge(ip)).toBe(true);
    }
    expect(edgeAddresses(n)).toEqual({ v4, v6 });
  });

  it("differs between names", () => {
    expect(edgeAddresses("a.example.com").v4).not.toEqual(edgeAddresses("b.example.com").v4);
  });
});

describe("txtStrings", () => {
  it.each([
    ['"hello"', ["hello"]],
    ["hello", ["hello"]],
    ['"a b" "c\\"d"', ["a b", 'c"d']],
    ["", [""]],
  ])("%s", (content, out) => expect(txtStrings(content).map(String)).toEqual(out));

  it("splits at 255 bytes", () => {
    expect(txtStrings("x".repeat(600)).map((b) => b.length)).toEqual([255, 255, 90]);
  });
});
