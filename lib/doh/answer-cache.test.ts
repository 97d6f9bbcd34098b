import { describe, expect, it } from "vitest";
import { AnswerCache, cacheLifetime } from "./answer-cache";
import type { DohAnswer } from "./types";

const limits = { maxTtl: 300, maxNegativeTtl: 300, maxEntries: 3 };
const base: DohAnswer = { resolver: "r", name: "a.example.com", type: "A", rcode: "NOERROR", answers: [], elapsedMs: 5, cached: false };
const rec = (ttl: number) => ({ name: "a.example.com", type: "A", ttl, data: "192.0.2.1" });

describe("cacheLifetime", () => {
  it.each([
    ["positive: the smallest TTL of the RRset", { answers: [rec(120), rec(60)] }, 60],
    ["positive: capped", { answers: [rec(86400)] }, 300],
    ["positive: TTL 0 is not cached", { answers: [rec(0)] }, 0],
    ["NXDOMAIN with SOA: negative TTL", { rcode: "NXDOMAIN", authorityMinTtl: 120 }, 120],
    ["NODATA with SOA: negative TTL", { authorityMinTtl: 45 }, 45],
    ["negative: capped", { rcode: "NXDOMAIN", authorityMinTtl: 3600 }, 300],
    ["negative without SOA: not cached (RFC 2308 §5)", { rcode: "NXDOMAIN" }, 0],
    ["SERVFAIL: not cached", { rcode: "SERVFAIL", authorityMinTtl: 60 }, 0],
    ["transport error: not cached", { rcode: null, error: { code: "timeout", message: "x" } }, 0],
  ] as [string, Partial<DohAnswer>, number][])("%s", (_t, a, life) => {
    expect(cacheLifetime({ ...base, ...a }, limits)).toBe(life);
  });
});

describe("AnswerCache", () => {
  const k = AnswerCache.key("r", "a.example.com", "a");

  it("serves a copy marked cached with TTLs aged, until expiry", () => {
    const c = new AnswerCache(limits);
    c.put(k, { ...base, answers: [rec(60)] }, 1_000_000);
    const hit = c.get(k, 1_000_000 + 20_500);
    expect(hit).toMatchObject({ cached: true, elapsedMs: 0, answers: [{ ttl: 40 }] });
    expect(c.get(k, 1_000_000 + 59_999)).toBeDefined();
    expect(c.get(k, 1_000_000 + 60_000)).toBeUndefined();
  });

  it("ages the negative TTL too", () => {
    const c = new AnswerCache(limits);
    c.put(k, { ...base, rcode: "NXDOMAIN", authorityMinTtl: 100 }, 0);
    expect(c.get(k, 30_000)?.authorityMinTtl).toBe(70);
  });

  it("a failure replaces (drops) an earlier good answer", () => {
    const c = new AnswerCache(limits);
    c.put(k, { ...base, answers: [rec(60)] }, 0);
    c.put(k, { ...base, rcode: "SERVFAIL" }, 1);
    expect(c.get(k, 2)).toBeUndefined();
  });

  it("evicts the oldest entry beyond maxEntries", () => {
    const c = new AnswerCache(limits);
    for (const n of ["a", "b", "c", "d"]) c.put(AnswerCache.key("r", n, "A"), { ...base, name: n, answers: [rec(60)] }, 0);
    expect(c.size).toBe(3);
    expect(c.get(AnswerCache.key("r", "a", "A"), 1)).toBeUndefined();
    expect(c.get(AnswerCache.key("r", "d", "A"), 1)).toBeDefined();
  });

  it("keys by resolver, name and type", () => {
    expect(new Set([AnswerCache.key("r", "n", "A"), AnswerCache.key("s", "n", "A"), AnswerCache.key("r", "n", "AAAA"), AnswerCache.key("r", "m", "A")]).size).toBe(4);
    expect(AnswerCache.key("r", "n", "aaaa")).toBe(AnswerCache.key("r", "n", "AAAA"));
  });
});
