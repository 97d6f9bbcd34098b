import { afterEach, describe, expect, it } from "vitest";
import { startCloudflareEmulator } from "../../emulators/cloudflare/server";
import { currentEdgeRanges, EMBEDDED_EDGE_RANGES, isCloudflareEdge, parseIpsResponse, refreshEdgeRanges, resetEdgeRanges, type FetchLike } from "./cloudflare-edge";

afterEach(() => resetEdgeRanges());

describe("isCloudflareEdge (embedded list)", () => {
  it.each([
    ["104.16.0.1", true],
    ["104.21.33.10", true],
    ["104.27.255.254", true], // 104.24.0.0/14
    ["104.28.0.1", false], // outside both 104.16/13 and 104.24/14
    ["172.67.140.2", true],
    ["173.245.48.1", true],
    ["131.0.72.9", true],
    ["192.0.2.10", false],
    ["8.8.8.8", false],
    ["2606:4700:3030::6815:210a", true],
    ["2a06:98c7::1", true], // inside 2a06:98c0::/29
    ["2a06:98c8::1", false],
    ["2001:db8::1", false],
    ["::ffff:104.21.33.10", true], // v4-mapped
    ["not-an-ip", false],
    ["", false],
  ])("%s → %s", (ip, edge) => expect(isCloudflareEdge(ip)).toBe(edge));

  it("embeds the 15 IPv4 and 7 IPv6 ranges Cloudflare publishes", () => {
    expect(EMBEDDED_EDGE_RANGES.ipv4).toHaveLength(15);
    expect(EMBEDDED_EDGE_RANGES.ipv6).toHaveLength(7);
  });
});

function fakeFetch(status: number, body: unknown, seen: string[] = []): FetchLike {
  return async (url) => {
    seen.push(url);
    return { ok: status >= 200 && status < 300, status, json: async () => body };
  };
}

describe("refreshEdgeRanges against the Cloudflare emulator (real HTTP, no credentials)", () => {
  it("takes the ranges the API publishes, and a failure keeps the list in use", async () => {
    const published = { ipv4: ["198.51.100.0/24"], ipv6: ["2001:db8:cf::/48"] };
    const emu = await startCloudflareEmulator({ edgeRanges: published });
    try {
      await expect(refreshEdgeRanges(fetch, { baseUrl: emu.url })).resolves.toEqual(published);
      expect(isCloudflareEdge("198.51.100.7")).toBe(true);
      expect(isCloudflareEdge("104.21.33.10")).toBe(false);
      emu.setFault({ kind: "serverError", status: 503, count: 1 });
      await expect(refreshEdgeRanges(fetch, { baseUrl: emu.url })).rejects.toThrow(/HTTP 503/);
      expect(currentEdgeRanges()).toEqual(published);
    } finally {
      await emu.close();
    }
  });
});

describe("refreshEdgeRanges", () => {
  const fresh = { success: true, result: { ipv4_cidrs: ["192.0.2.0/24"], ipv6_cidrs: ["2001:db8::/32"], etag: "x" } };

  it("loads GET /client/v4/ips and makes it the list in use", async () => {
    const urls: string[] = [];
    const ranges = await refreshEdgeRanges(fakeFetch(200, fresh, urls));
    expect(urls).toEqual(["https://api.cloudflare.com/client/v4/ips"]);
    expect(ranges).toEqual({ ipv4: ["192.0.2.0/24"], ipv6: ["2001:db8::/32"] });
    expect(currentEdgeRanges()).toEqual(ranges);
    expect(isCloudflareEdge("192.0.2.10")).toBe(true);
    expect(isCloudflareEdge("104.21.33.10")).toBe(false);
  });

  it("accepts a base URL that already ends in /client/v4 (the emulator's)", async () => {
    const urls: string[] = [];
    await refreshEdgeRanges(fakeFetch(200, fresh, urls), { baseUrl: "http://127.0.0.1:9999/client/v4/" });
    expect(urls).toEqual(["http://127.0.0.1:9999/client/v4/ips"]);
  });

  it.each([
    ["HTTP error", 500, fresh, /HTTP 500/],
    ["no result", 200, { success: false, result: null }, /no result/],
    ["empty list", 200, { result: { ipv4_cidrs: [], ipv6_cidrs: ["2001:db8::/32"] } }, /ipv4_cidrs/],
    ["v6 in the v4 list", 200, { result: { ipv4_cidrs: ["2001:db8::/32"], ipv6_cidrs: ["2001:db8::/32"] } }, /not an ipv4 CIDR/],
    ["not a CIDR", 200, { result: { ipv4_cidrs: ["1.2.3.4"], ipv6_cidrs: ["2001:db8::/32"] } }, /not an ipv4 CIDR/],
  ])("rejects on %s and keeps the current list", async (_t, status, body, msg) => {
    await expect(refreshEdgeRanges(fakeFetch(status, body))).rejects.toThrow(msg);
    expect(currentEdgeRanges()).toBe(EMBEDDED_EDGE_RANGES);
  });

  it("parseIpsResponse reads the envelope", () => {
    expect(parseIpsResponse({ result: { ipv4_cidrs: ["104.16.0.0/13"], ipv6_cidrs: ["2606:4700::/32"] } })).toEqual({ ipv4: ["104.16.0.0/13"], ipv6: ["2606:4700::/32"] });
  });
});
