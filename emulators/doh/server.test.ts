import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDohClient } from "../../lib/doh/client";
import { lookupHostname } from "../../lib/doh/lookup";
import type { DohClient } from "../../lib/doh/types";
import { want } from "../../tests/support/doh-answers";
import { startDohEmulator, type DohEmulator, type ZoneRecords } from "./server";

const zones: ZoneRecords = [
  {
    name: "example.com",
    records: [
      { name: "example.com", type: "CNAME", content: "app.example.com", ttl: 1 },
      { name: "app.example.com", type: "A", content: "192.0.2.10", ttl: 120 },
      { name: "www.example.com", type: "CNAME", content: "app.example.com", ttl: 60 },
      { name: "shop.example.com", type: "A", content: "198.51.100.5", proxied: true, ttl: 1 },
      { name: "k8s.a-app.example.com", type: "TXT", content: '"heritage=external-dns,external-dns/owner=default"', ttl: 1 },
    ],
  },
];

let emu: DohEmulator;
let client: DohClient;

beforeAll(async () => {
  // A function, so the test can change the zone and see the emulator follow it.
  emu = await startDohEmulator({ zones: () => zones, negativeTtl: 120 });
  client = createDohClient({ resolvers: [{ id: "demo", url: emu.url, label: "demo" }] });
});
afterAll(async () => {
  client.close();
  await emu.close();
});

describe("DoH emulator with the client", () => {
  it("serves http://127.0.0.1:PORT/dns-query", () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dns-query$/);
  });

  it.each(["POST", "GET"] as const)("answers over %s", async (method) => {
    const c = createDohClient({ resolvers: [{ id: "demo", url: emu.url }], method });
    try {
      const a = await c.query("demo", "www.example.com", "A");
      expect(a.error).toBeUndefined();
      expect(a.rcode).toBe("NOERROR");
      expect(a.answers.map((r) => `${r.type} ${r.data}`)).toEqual(["CNAME app.example.com", "A 192.0.2.10"]);
    } finally {
      c.close();
    }
  });

  it("NXDOMAIN carries the SOA, so the client gets a negative TTL", async () => {
    const a = await client.query("demo", "nope.example.com", "A");
    expect(a).toMatchObject({ rcode: "NXDOMAIN", answers: [], authorityMinTtl: 120 });
  });

  it("a name outside the zones is REFUSED", async () => {
    expect((await client.query("demo", "example.org", "A")).rcode).toBe("REFUSED");
  });

  it.each([
    { title: "DNS-only CNAME through the chain", host: "www.example.com", desired: [want("www.example.com", "CNAME", ["app.example.com"])], verdict: "matches" },
    { title: "apex CNAME, flattened, target checked", host: "example.com", desired: [want("example.com", "CNAME", ["app.example.com"])], verdict: "matches" },
    { title: "apex CNAME, flattened to another name's addresses", host: "example.com", desired: [want("example.com", "CNAME", ["shop.example.com"])], verdict: "wrong-target" },
    { title: "proxied A", host: "shop.example.com", desired: [want("shop.example.com", "A", ["198.51.100.5"], true)], verdict: "proxied-ok" },
    { title: "proxied record wanted DNS-only", host: "shop.example.com", desired: [want("shop.example.com", "A", ["198.51.100.5"])], verdict: "unexpectedly-proxied" },
    { title: "DNS-only record wanted proxied", host: "app.example.com", desired: [want("app.example.com", "A", ["192.0.2.10"], true)], verdict: "not-proxied" },
    { title: "wrong address", host: "app.example.com", desired: [want("app.example.com", "A", ["192.0.2.99"])], verdict: "wrong-target" },
    { title: "missing", host: "new.example.com", desired: [want("new.example.com", "A", ["192.0.2.1"])], verdict: "missing" },
  ])("lookupHostname: $title → $verdict", async ({ host, desired, verdict }) => {
    const out = await lookupHostname(client, host, desired);
    expect(out.resolvers[0].error).toBeUndefined();
    expect(out.verdict).toBe(verdict);
  });

  it("proxied answers report Cloudflare's TTL 300", async () => {
    const out = await lookupHostname(client, "shop.example.com", [want("shop.example.com", "A", ["198.51.100.5"], true)]);
    expect(out.resolvers[0].ttl).toBe(300);
  });

  it("ownership TXT visible / not visible", async () => {
    const seen = await lookupHostname(client, "app.example.com", [want("app.example.com", "A", ["192.0.2.10"])], { ownershipTxtNames: ["k8s.a-app.example.com"] });
    expect(seen.ownershipVisible).toBe(true);
    const unseen = await lookupHostname(client, "www.example.com", [want("www.example.com", "CNAME", ["app.example.com"])], {
      ownershipTxtNames: ["k8s.cname-www.example.com"],
      cloudflareHas: true,
    });
    expect(unseen.ownershipVisible).toBe(false);
    expect(unseen.hintCode).toBe("ownership-propagating");
    expect(unseen.expectedWaitSeconds).toBe(120);
  });

  it("asks the server once for identical questions in flight", async () => {
    const before = emu.questions().length;
    const [x, y] = await Promise.all([client.query("demo", "twice.example.com", "A"), client.query("demo", "twice.example.com", "A")]);
    expect(x).toEqual(y);
    expect(emu.questions().length - before).toBe(1);
  });

  it("follows the zone data live (bypassing the client cache)", async () => {
    const host = "late.example.com";
    expect((await client.query("demo", host, "A")).rcode).toBe("NXDOMAIN");
    zones[0].records.push({ name: host, type: "A", content: "192.0.2.50", ttl: 60 });
    expect((await client.query("demo", host, "A")).cached).toBe(true); // negative answer still cached
    const fresh = await client.query("demo", host, "A", { bypassCache: true });
    expect(fresh.answers.map((r) => r.data)).toEqual(["192.0.2.50"]);
    expect(emu.questions().filter((q) => q === `${host}/A`)).toHaveLength(2);
  });
});

describe("DoH emulator wire details", () => {
  async function ask(packet: dnsPacket.Packet): Promise<dnsPacket.DecodedPacket> {
    const res = await fetch(emu.url, { method: "POST", headers: { "content-type": "application/dns-message" }, body: new Uint8Array(dnsPacket.encode(packet)) });
    expect(res.status).toBe(200);
    return dnsPacket.decode(Buffer.from(await res.arrayBuffer()));
  }
  const question = { type: "query" as const, id: 0, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: "A" as const, name: "app.example.com" }] };

  it("answers as a recursive resolver: RA and RD set, never AA", async () => {
    const r = await ask(question);
    expect(r.flags! & dnsPacket.RECURSION_AVAILABLE).toBeTruthy();
    expect(r.flags! & dnsPacket.RECURSION_DESIRED).toBeTruthy();
    expect(r.flags! & dnsPacket.AUTHORITATIVE_ANSWER).toBe(0);
  });

  it.each([
    { title: "no OPT in the query: none in the answer", additionals: [], opt: undefined },
    { title: "OPT: echoed with the resolver's buffer size", additionals: [{ type: "OPT", name: ".", udpPayloadSize: 4096, flags: 0 }], opt: { udpPayloadSize: 1232, flag_do: false } },
    { title: "OPT with DO: DO echoed", additionals: [{ type: "OPT", name: ".", udpPayloadSize: 4096, flags: dnsPacket.DNSSEC_OK }], opt: { udpPayloadSize: 1232, flag_do: true } },
  ])("$title", async ({ additionals, opt }) => {
    const r = await ask({ ...question, additionals: additionals as dnsPacket.Answer[] });
    const got = (r.additionals ?? []).filter((a) => a.type === "OPT");
    if (!opt) expect(got).toEqual([]);
    else expect(got).toEqual([expect.objectContaining({ name: ".", ednsVersion: 0, ...opt })]);
  });

  it("a CNAME loop answers SERVFAIL", async () => {
    zones[0].records.push({ name: "ping.example.com", type: "CNAME", content: "pong.example.com", ttl: 60 }, { name: "pong.example.com", type: "CNAME", content: "ping.example.com", ttl: 60 });
    const r = await ask({ ...question, questions: [{ type: "A", name: "ping.example.com" }] });
    expect(r.flags! & 0xf).toBe(2); // SERVFAIL
    expect(r.answers).toEqual([]);
  });
});

describe("DoH emulator HTTP errors", () => {
  it.each([
    { title: "POST without the DNS media type", init: { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }, path: "/dns-query", status: 415 },
    { title: "GET without ?dns=", init: { method: "GET" }, path: "/dns-query", status: 400 },
    { title: "GET with garbage", init: { method: "GET" }, path: "/dns-query?dns=AAAA", status: 400 },
    { title: "another path", init: { method: "GET" }, path: "/resolve", status: 404 },
    { title: "PUT", init: { method: "PUT", body: "x" }, path: "/dns-query", status: 405 },
  ])("$title → $status", async ({ init, path, status }) => {
    const res = await fetch(new URL(path, emu.url), init);
    expect(res.status).toBe(status);
  });

  it("a client sees an HTTP error as data", async () => {
    const c = createDohClient({ resolvers: [{ id: "bad", url: emu.url.replace("/dns-query", "/nope") }] });
    try {
      const a = await c.query("bad", "app.example.com", "A");
      expect(a.error).toEqual({ code: "http", message: "HTTP 404: not found" });
      expect(a.rcode).toBeNull();
    } finally {
      c.close();
    }
  });
});
