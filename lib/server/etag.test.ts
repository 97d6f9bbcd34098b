import { describe, expect, it } from "vitest";
import { acceptsGzip, cachedResponse, etagOf, readyBody, revalidated, type CachedBody } from "./etag";
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

  it("sends the body, kept as bytes and reused while the secrets stay the same", async () => {
    const c = cached(big);
    const res = cachedResponse(req(), c);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(c.etag);
    expect(await res.text()).toBe(big);
    const bytes = c.wire!.bytes;
    await cachedResponse(req(), c).text();
    expect(c.wire!.bytes).toBe(bytes);
  });

  it("redacts a secret installed after the body was cached and first sent", async () => {
    const secret = "etag-test-secret-token-0123456789abcdef";
    const c = cached(JSON.stringify({ note: `echoed ${secret}`, pad: "x".repeat(2000) }));
    expect(await cachedResponse(req(), c).text()).toContain(secret);
    installRedaction({ cloudflare: { token: secret }, auth: { mode: "none" } } as never, {});
    const text = await cachedResponse(req(), c).text();
    expect(text).not.toContain(secret);
    expect(text).toContain("echoed [redacted]");
  });
});

describe("readyBody", () => {
  it("is the 200's body as the stream gives it, and nothing for a 304 or another response", async () => {
    const c = cached(JSON.stringify({ items: ["a", "b"] }));
    const res = cachedResponse(req(), c);
    const ready = readyBody(res);
    expect(ready?.toString()).toBe(Buffer.from(await res.arrayBuffer()).toString());
    expect(readyBody(cachedResponse(req({ "if-none-match": c.etag }), c))).toBeUndefined();
    expect(readyBody(new Response("x"))).toBeUndefined();
  });
});

describe("revalidated: answers built per request get a validator", () => {
  const answer = (status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify({ entries: [1, 2] }), { status, headers: { "content-type": "application/json", ...headers } });
  const ask = (ifNoneMatch?: string) => new Request("http://x/api/history", { headers: ifNoneMatch ? { "if-none-match": ifNoneMatch } : {} });

  it("adds the ETag to a 200, keeping the body and content type", async () => {
    const res = await revalidated(ask(), answer());
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(etagOf('{"entries":[1,2]}'));
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(await res.text()).toBe('{"entries":[1,2]}');
  });

  it.each([
    ["the same ETag", () => etagOf('{"entries":[1,2]}'), 304],
    ["another ETag", () => '"other"', 200],
  ])("answers a poll that sends %s with %i", async (_, tag, status) => {
    const res = await revalidated(ask(tag()), answer());
    expect(res.status).toBe(status);
    if (status === 304) expect(await res.text()).toBe("");
  });

  it.each([
    ["an error", answer(503)],
    ["a download", answer(200, { "content-disposition": 'attachment; filename="a.json"' })],
  ])("passes %s through untouched", async (_, res) => {
    const out = await revalidated(ask('"*"'), res);
    expect(out).toBe(res);
  });
});
