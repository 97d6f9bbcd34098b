import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, cachedResponse, etagOf, type CachedBody } from "./etag";
import { installRedaction } from "./redact";

const req = (headers: Record<string, string> = {}) => new Request("http://127.0.0.1/api/records", { headers });
const cached = (body: string): CachedBody => ({ body, etag: etagOf(body) });

describe("acceptsGzip", () => {
  it.each([
    ["", false],
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["gzip;q=0", false],
    ["deflate, br", false],
    ["*", true],
    ["identity", false],
  ])("Accept-Encoding %j → %s", (header, ok) => expect(acceptsGzip(req(header ? { "accept-encoding": header } : {}))).toBe(ok));
});

describe("cachedResponse", () => {
  const big = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ name: `svc-${i}.example.com`, state: "missing" })) });

  it("answers 304 with no body to the ETag the client has", async () => {
    const c = cached(big);
    const res = cachedResponse(req({ "if-none-match": c.etag, "accept-encoding": "gzip" }), c);
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(c.etag);
  });

  it("sends large bodies gzipped to clients that accept it, compressed once and reused", async () => {
    const c = cached(big);
    const res = cachedResponse(req({ "accept-encoding": "gzip, br" }), c);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("accept-encoding");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(big.length / 4);
    expect(zlib.gunzipSync(bytes).toString()).toBe(big);
    const first = c.wire!.gzip;
    cachedResponse(req({ "accept-encoding": "gzip" }), c);
    expect(c.wire!.gzip).toBe(first);
  });

  it("sends the body as it is without gzip in Accept-Encoding, or when it is small", async () => {
    const plain = cachedResponse(req(), cached(big));
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(big);
    const small = cachedResponse(req({ "accept-encoding": "gzip" }), cached('{"ok":true}'));
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(await small.text()).toBe('{"ok":true}');
  });

  it("redacts a secret installed after the body was cached and first sent", async () => {
    const secret = "etag-test-secret-token-0123456789abcdef";
    const c = cached(JSON.stringify({ note: `echoed ${secret}`, pad: "x".repeat(2000) }));
    expect(await cachedResponse(req(), c).text()).toContain(secret);
    installRedaction({ cloudflare: { token: secret }, auth: { mode: "none" } } as never, {});
    for (const headers of [{}, { "accept-encoding": "gzip" }] as Record<string, string>[]) {
      const res = cachedResponse(req(headers), c);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = res.headers.get("content-encoding") === "gzip" ? zlib.gunzipSync(bytes).toString() : bytes.toString();
      expect(text).not.toContain(secret);
      expect(text).toContain("echoed [redacted]");
    }
  });
});
