// The DoH client and verdicts against a real DoH server (dnsdist on loopback, self-signed TLS).
// dnsdist missing makes these tests fail, by design: see tests/support/dnsdist.ts.

import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDohClient } from "../lib/doh/client";
import { lookupHostname, lookupMany } from "../lib/doh/lookup";
import { want } from "./support/doh-answers";
import type { DohClient } from "../lib/doh/types";
import { startDnsdist, type Dnsdist, type DnsdistRule } from "./support/dnsdist";

const SOA = { zone: "example.test", ttl: 900, minimum: 120 };
const EDGE4 = ["104.21.33.10", "172.67.140.2"];
const OWNER_TXT = "heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/app";

const rulesA: DnsdistRule[] = [
  { kind: "A", name: "app.example.test", addresses: ["192.0.2.10"], ttl: 120 },
  {
    kind: "raw",
    name: "www.example.test",
    type: "A",
    response: {
      flags: 0x0180,
      questions: [{ name: "www.example.test", type: "A" }],
      answers: [
        { name: "www.example.test", type: "CNAME", ttl: 60, data: "app.example.test" },
        { name: "app.example.test", type: "A", ttl: 60, data: "192.0.2.10" },
      ],
    },
  },
  { kind: "CNAME", name: "www.example.test", target: "app.example.test", ttl: 60 },
  { kind: "A", name: "shop.example.test", addresses: EDGE4, ttl: 300 },
  { kind: "AAAA", name: "shop.example.test", addresses: ["2606:4700:3030::6815:210a"], ttl: 300 },
  { kind: "A", name: "old.example.test", addresses: ["192.0.2.99"], ttl: 200 },
  { kind: "A", name: "moved.example.test", addresses: ["192.0.2.20"] },
  { kind: "TXT", name: "txtonly.example.test", values: ["just text"] },
  { kind: "nodata", name: "txtonly.example.test", soa: SOA },
  { kind: "TXT", name: "k8s.a-app.example.test", values: [OWNER_TXT] },
  { kind: "servfail", name: "broken.example.test" },
  // Cloudflare-style CNAME flattening: addresses under the name, no CNAME in the answer.
  { kind: "A", name: "flat.example.test", addresses: ["192.0.2.10"], ttl: 300 },
  { kind: "A", name: "flat-broken.example.test", addresses: ["192.0.2.77"], ttl: 300 },
  { kind: "nxdomain", suffix: "example.test", soa: SOA },
];

// A second resolver that sees an older state of the zone.
const rulesB: DnsdistRule[] = [
  { kind: "A", name: "app.example.test", addresses: ["192.0.2.10"], ttl: 120 },
  { kind: "A", name: "moved.example.test", addresses: ["192.0.2.21"] },
  { kind: "nxdomain", suffix: "example.test", soa: SOA },
];

/** Accepts TCP connections and never says a word: TLS handshakes hang until the client gives up. */
async function startBlackhole() {
  const sockets = new Set<net.Socket>();
  let peak = 0;
  const server = net.createServer((s) => {
    sockets.add(s);
    peak = Math.max(peak, sockets.size);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
    // Read (and drop) the ClientHello: an unread socket never notices the client hanging up.
    s.resume();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/dns-query`,
    peak: () => peak,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

let a: Dnsdist;
let b: Dnsdist;
let hole: Awaited<ReturnType<typeof startBlackhole>>;
let client: DohClient;

beforeAll(async () => {
  [a, b, hole] = await Promise.all([startDnsdist(rulesA), startDnsdist(rulesB), startBlackhole()]);
  client = createDohClient({
    resolvers: [
      { id: "a", url: a.url, label: "dnsdist A" },
      { id: "b", url: b.url, label: "dnsdist B" },
      { id: "hole", url: hole.url, label: "black hole" },
    ],
    // Two self-signed certificates in one PEM bundle.
    ca: a.ca + b.ca,
    timeoutMs: 400,
  });
}, 20000);

afterAll(async () => {
  client?.close();
  await Promise.all([a?.stop(), b?.stop(), hole?.close()]);
});

describe("verdicts against dnsdist", () => {
  const only = { resolverIds: ["a"], bypassCache: true };

  it.each([
    { title: "A record", host: "app.example.test", desired: [want("app.example.test", "A", ["192.0.2.10"])], verdict: "matches" },
    { title: "CNAME chain in the answer", host: "www.example.test", desired: [want("www.example.test", "CNAME", ["app.example.test"])], verdict: "matches" },
    { title: "proxied, edge addresses", host: "shop.example.test", desired: [want("shop.example.test", "CNAME", ["origin.example.net"], true)], verdict: "proxied-ok" },
    { title: "edge addresses for a DNS-only record", host: "shop.example.test", desired: [want("shop.example.test", "A", ["198.51.100.5"])], verdict: "unexpectedly-proxied" },
    { title: "origin address for a proxied record", host: "app.example.test", desired: [want("app.example.test", "A", ["192.0.2.10"], true)], verdict: "not-proxied" },
    { title: "another address", host: "old.example.test", desired: [want("old.example.test", "A", ["192.0.2.10"])], verdict: "wrong-target" },
    { title: "NXDOMAIN", host: "gone.example.test", desired: [want("gone.example.test", "A", ["192.0.2.10"])], verdict: "missing" },
    { title: "NODATA", host: "txtonly.example.test", desired: [want("txtonly.example.test", "A", ["192.0.2.10"])], verdict: "missing" },
    { title: "SERVFAIL", host: "broken.example.test", desired: [want("broken.example.test", "A", ["192.0.2.10"])], verdict: "resolver-failure" },
    { title: "nothing desired but it resolves", host: "app.example.test", desired: [], verdict: "not-desired-but-resolves" },
    { title: "flattened CNAME with the target's address", host: "flat.example.test", desired: [want("flat.example.test", "CNAME", ["app.example.test"])], verdict: "matches" },
    { title: "flattened CNAME whose target fails (SERVFAIL)", host: "flat-broken.example.test", desired: [want("flat-broken.example.test", "CNAME", ["broken.example.test"])], verdict: "unknown" },
  ])("$title → $verdict", async ({ host, desired, verdict }) => {
    const out = await lookupHostname(client, host, desired, only);
    expect(out.resolvers.map((r) => r.verdict)).toEqual([verdict]);
    expect(out.verdict).toBe(verdict);
  });

  it("a flattened CNAME whose target lookup failed says so instead of matching", async () => {
    const out = await lookupHostname(client, "flat-broken.example.test", [want("flat-broken.example.test", "CNAME", ["broken.example.test"])], only);
    expect(out.resolvers[0]).toMatchObject({ verdict: "unknown", seen: ["192.0.2.77"] });
    expect(out.resolvers[0].detail).toMatch(/broken\.example\.test could not be looked up \(A: SERVFAIL\)/);
  });

  it("reports what was seen for a wrong target, and the served TTL", async () => {
    const out = await lookupHostname(client, "old.example.test", [want("old.example.test", "A", ["192.0.2.10"])], only);
    expect(out.resolvers[0]).toMatchObject({ seen: ["192.0.2.99"], ttl: 200, rcode: "NOERROR" });
  });

  it("proxied: reports Cloudflare's TTL 300 and never a wrong target", async () => {
    const out = await lookupHostname(client, "shop.example.test", [want("shop.example.test", "A", ["203.0.113.1"], true)], only);
    expect(out.resolvers[0]).toMatchObject({ verdict: "proxied-ok", ttl: 300 });
    expect(out.resolvers[0].answers.map((r) => r.data).sort()).toEqual([...EDGE4, "2606:4700:3030::6815:210a"].sort());
  });

  it("NXDOMAIN while Cloudflare has the record: propagating, wait = the negative TTL", async () => {
    const out = await lookupHostname(client, "gone.example.test", [want("gone.example.test", "A", ["192.0.2.10"])], { ...only, cloudflareHas: true });
    expect(out.resolvers[0].rcode).toBe("NXDOMAIN");
    expect(out.resolvers[0].ttl).toBe(120);
    expect(out).toMatchObject({ verdict: "missing", hintCode: "propagating", expectedWaitSeconds: 120 });
  });

  it("NXDOMAIN and Cloudflare does not have it: says so", async () => {
    const out = await lookupHostname(client, "gone.example.test", [want("gone.example.test", "A", ["192.0.2.10"])], { ...only, cloudflareHas: false });
    expect(out.hintCode).toBe("not-in-cloudflare");
  });

  it("NODATA is told apart from NXDOMAIN", async () => {
    const out = await lookupHostname(client, "txtonly.example.test", [want("txtonly.example.test", "A", ["192.0.2.10"])], only);
    expect(out.resolvers[0].detail).toMatch(/^NODATA/);
    expect(out.resolvers[0].rcode).toBe("NOERROR");
  });

  it("a resolver that never answers times out as a resolver failure", async () => {
    const out = await lookupHostname(client, "app.example.test", [want("app.example.test", "A", ["192.0.2.10"])], { resolverIds: ["hole"], bypassCache: true });
    expect(out.verdict).toBe("resolver-failure");
    expect(out.resolvers[0].error).toEqual({ code: "timeout", message: "no answer within 400 ms" });
    expect(out.resolvers[0].elapsedMs).toBeGreaterThanOrEqual(3 * 390);
  });

  it("resolvers that answer differently disagree; the black hole is reported but does not vote", async () => {
    const out = await lookupHostname(client, "moved.example.test", [want("moved.example.test", "A", ["192.0.2.20"])], { bypassCache: true });
    expect(out.resolvers.map((r) => [r.id, r.verdict])).toEqual([
      ["a", "matches"],
      ["b", "wrong-target"],
      ["hole", "resolver-failure"],
    ]);
    expect(out.verdict).toBe("resolvers-disagree");
  });

  it("resolvers that agree give their verdict even with one failing", async () => {
    const out = await lookupHostname(client, "app.example.test", [want("app.example.test", "A", ["192.0.2.10"])], { bypassCache: true });
    expect(out.verdict).toBe("matches");
    expect(out.hintCode).toBe("partial-failure");
  });

  it("ownership TXT visible on one resolver, not yet on the other", async () => {
    const txt = ["k8s.a-app.example.test"];
    const desired = [want("app.example.test", "A", ["192.0.2.10"])];
    const onA = await lookupHostname(client, "app.example.test", desired, { resolverIds: ["a"], ownershipTxtNames: txt });
    expect(onA.ownershipVisible).toBe(true);
    const both = await lookupHostname(client, "app.example.test", desired, { resolverIds: ["a", "b"], ownershipTxtNames: txt, cloudflareHas: true });
    expect(both.resolvers.map((r) => r.ownershipVisible)).toEqual([true, false]);
    expect(both).toMatchObject({ ownershipVisible: false, hintCode: "ownership-propagating", expectedWaitSeconds: 120 });
  });

  it("lookupMany keeps input order", async () => {
    const out = await lookupMany(
      client,
      [
        { hostname: "old.example.test", desired: [want("old.example.test", "A", ["192.0.2.99"])] },
        { hostname: "gone.example.test", desired: [] },
        { hostname: "app.example.test", desired: [want("app.example.test", "A", ["192.0.2.10"])] },
      ],
      { resolverIds: ["a"], concurrency: 2 },
    );
    expect(out.map((o) => [o.hostname, o.verdict])).toEqual([
      ["old.example.test", "matches"],
      ["gone.example.test", "absent"],
      ["app.example.test", "matches"],
    ]);
  });

  it("GET ?dns= works as well as POST", async () => {
    const c = createDohClient({ resolvers: [{ id: "a", url: a.url }], ca: a.ca, method: "GET" });
    try {
      const ans = await c.query("a", "app.example.test", "A");
      expect(ans.answers.map((r) => r.data)).toEqual(["192.0.2.10"]);
    } finally {
      c.close();
    }
  });
});

describe("caching against dnsdist", () => {
  let d: Dnsdist;
  let t = 0;
  let c: DohClient;
  beforeAll(async () => {
    d = await startDnsdist([
      { kind: "A", name: "app.example.test", addresses: ["192.0.2.10"], ttl: 120 },
      { kind: "nxdomain", suffix: "capped.example.test", soa: { zone: "example.test", ttl: 3600, minimum: 3600 } },
      { kind: "nxdomain", suffix: "example.test", soa: SOA },
    ]);
    c = createDohClient({ resolvers: [{ id: "d", url: d.url }], ca: d.ca, now: () => t });
  });
  afterAll(async () => {
    c?.close();
    await d?.stop();
  });

  it("serves a second query within the TTL from cache, with the TTL aged", async () => {
    t = 1_000_000;
    const first = await c.query("d", "app.example.test", "A");
    expect(first).toMatchObject({ cached: false, answers: [{ ttl: 120 }] });
    t += 30_000;
    const second = await c.query("d", "App.Example.Test.", "A");
    expect(second).toMatchObject({ cached: true, elapsedMs: 0, answers: [{ ttl: 90, data: "192.0.2.10" }] });
  });

  it("bypassCache asks the server again", async () => {
    const fresh = await c.query("d", "app.example.test", "A", { bypassCache: true });
    expect(fresh).toMatchObject({ cached: false, answers: [{ ttl: 120 }] });
  });

  it("expires after the TTL", async () => {
    t += 121_000;
    expect((await c.query("d", "app.example.test", "A")).cached).toBe(false);
  });

  it("caches NXDOMAIN for min(SOA TTL, MINIMUM)", async () => {
    t = 5_000_000;
    expect(await c.query("d", "nx.example.test", "A")).toMatchObject({ rcode: "NXDOMAIN", cached: false, authorityMinTtl: 120 });
    t += 119_000;
    expect(await c.query("d", "nx.example.test", "A")).toMatchObject({ cached: true, authorityMinTtl: 1 });
    t += 1_000;
    expect((await c.query("d", "nx.example.test", "A")).cached).toBe(false);
  });

  it("caps the negative lifetime at 300 s", async () => {
    t = 9_000_000;
    expect((await c.query("d", "x.capped.example.test", "A")).authorityMinTtl).toBe(3600);
    t += 299_000;
    expect((await c.query("d", "x.capped.example.test", "A")).cached).toBe(true);
    t += 1_000;
    expect((await c.query("d", "x.capped.example.test", "A")).cached).toBe(false);
  });

  it("answers from cache after the server is gone; bypass then reports the failure as data", async () => {
    t = 20_000_000;
    await c.query("d", "app.example.test", "A");
    await d.stop();
    expect(await c.query("d", "app.example.test", "A")).toMatchObject({ cached: true, answers: [{ data: "192.0.2.10" }] });
    const dead = await c.query("d", "app.example.test", "A", { bypassCache: true });
    expect(dead).toMatchObject({ cached: false, rcode: null, error: { code: "network" } });
  });
});

describe("bounded concurrency and failures as data", () => {
  it("never has more questions in flight than `concurrency`", async () => {
    const h = await startBlackhole();
    const c = createDohClient({ resolvers: [{ id: "h", url: h.url }], concurrency: 2, timeoutMs: 150 });
    try {
      const started = Date.now();
      const out = await Promise.all(Array.from({ length: 6 }, (_, i) => c.query("h", `n${i}.example.test`, "A")));
      expect(out.every((o) => o.error?.code === "timeout")).toBe(true);
      expect(h.peak()).toBe(2);
      // Three waves of two; each question's clock starts when it leaves the queue.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 140);
      expect(out.every((o) => o.elapsedMs < 400)).toBe(true);
    } finally {
      c.close();
      await h.close();
    }
  });

  it.each([
    { title: "connection refused", url: async () => `https://127.0.0.1:${await closedPort()}/dns-query`, code: "network", ca: true },
    { title: "untrusted certificate", url: async () => a.url, code: "network", ca: false, message: /self[- ]signed/i },
    { title: "wrong path (HTTP 404 from dnsdist)", url: async () => a.url.replace("/dns-query", "/other"), code: "http", ca: true },
    { title: "not a URL", url: async () => "not a url", code: "network", ca: true },
  ])("$title → error $code, no throw", async ({ url, code, ca, message }) => {
    const c = createDohClient({ resolvers: [{ id: "x", url: await url() }], ca: ca ? a.ca : undefined, timeoutMs: 2000 });
    try {
      const ans = await c.query("x", "app.example.test", "A");
      expect(ans.error?.code).toBe(code);
      if (message) expect(ans.error?.message).toMatch(message);
      const host = await lookupHostname(c, "app.example.test", [want("app.example.test", "A", ["192.0.2.10"])]);
      expect(host.verdict).toBe("resolver-failure");
    } finally {
      c.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
