import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isLoopbackHost, isTrustedAddress, parseCidrList, peerAddress, PEER_HEADER, registerServer, stampPeer, unregisterServer } from "./peer";

afterEach(() => unregisterServer());

describe("isLoopbackHost", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.0.0.1:3000", true],
    ["127.9.9.9", true],
    ["localhost", true],
    ["LOCALHOST:8080", true],
    ["::1", true],
    ["[::1]", true],
    ["[::1]:3000", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.1", false],
    ["dns.example.com", false],
    ["evil.localhost", false],
    ["localhost.example.com", false],
    ["", false],
  ])("%s → %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe("trusted proxies", () => {
  const trusted = parseCidrList("10.42.0.0/16, 127.0.0.1, fd00::/8, ::ffff:192.168.1.0/120", "T");
  it.each([
    ["10.42.7.9", true],
    ["10.43.0.1", false],
    ["127.0.0.1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:10.42.0.5", true],
    ["127.0.0.2", false],
    ["fd12::1", true],
    ["fe80::1", false],
    ["192.168.1.77", true],
    ["192.168.2.1", false],
    ["not-an-ip", false],
    [undefined, false],
  ])("%s → %s", (addr, ok) => {
    expect(isTrustedAddress(addr, trusted)).toBe(ok);
  });

  it.each(["10.0.0.0/33", "banana", "10.0.0.1/x"])("refuses %s with the variable's name", (bad) => {
    expect(() => parseCidrList(bad, "DNSDRIFT_TRUSTED_PROXIES")).toThrow(/DNSDRIFT_TRUSTED_PROXIES: .* is not an IP address or CIDR/);
  });
});

describe("peer stamp", () => {
  it("is unknown when no dnsdrift server registered (Next's own server)", () => {
    const req = new Request("http://localhost/", { headers: { [PEER_HEADER]: "guess 10.0.0.1" } });
    expect(peerAddress(req)).toBeUndefined();
  });

  it("refuses a stamp with another nonce", () => {
    registerServer("127.0.0.1");
    const req = new Request("http://localhost/", { headers: { [PEER_HEADER]: "forged-nonce-000000000000 10.0.0.1" } });
    expect(peerAddress(req)).toBeUndefined();
  });

  it("replaces a client-sent stamp with the socket's address on a real connection", async () => {
    const binding = registerServer("127.0.0.1");
    let seen: string | undefined;
    const server = http.createServer((req, res) => {
      stampPeer(req, binding);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      seen = peerAddress(new Request("http://localhost/", { headers }));
      expect(req.rawHeaders.filter((h) => h.toLowerCase() === PEER_HEADER)).toHaveLength(0);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: `${binding.nonce} 10.0.0.1`, "X-DnsDrift-Peer": "x" } });
      expect(seen).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
