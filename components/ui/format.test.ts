import { describe, expect, it } from "vitest";
import { countOf, fieldChanges, formatAge, formatContent, formatCount, formatProxied, formatTtl, formatUtc } from "./format";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe("formatAge", () => {
  it.each([
    [0, "0 s ago"],
    [-5 * S, "0 s ago"], // a server clock a little ahead of the browser's
    [1499, "1 s ago"],
    [59 * S, "59 s ago"],
    [59.6 * S, "1 min ago"],
    [60 * S, "1 min ago"],
    [59 * MIN + 59 * S, "59 min ago"],
    [H, "1 h 0 min ago"],
    [3 * H + 4 * MIN, "3 h 4 min ago"],
    [47 * H + 59 * MIN, "47 h 59 min ago"],
    [48 * H, "2 days ago"],
    [30 * 24 * H, "30 days ago"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe("formatUtc", () => {
  it.each([
    ["2026-03-01T12:34:56.789Z", "2026-03-01 12:34:56 UTC"],
    ["2026-03-01T14:34:56+02:00", "2026-03-01 12:34:56 UTC"],
    [Date.UTC(2026, 0, 2, 3, 4, 5), "2026-01-02 03:04:05 UTC"],
    ["not a time", "not a time"],
  ] as const)("%s → %s", (at, text) => {
    expect(formatUtc(at)).toBe(text);
  });
});

describe("formatCount and countOf", () => {
  it.each([
    [0, "0", "0 changes"],
    [1, "1", "1 change"],
    [2, "2", "2 changes"],
    [12345, "12,345", "12,345 changes"],
    [1_000_000, "1,000,000", "1,000,000 changes"],
  ])("%d", (n, count, phrase) => {
    expect(formatCount(n)).toBe(count);
    expect(countOf(n, "change")).toBe(phrase);
  });

  it("takes an irregular plural", () => {
    expect(countOf(1, "change is", "changes are")).toBe("1 change is");
    expect(countOf(3, "change is", "changes are")).toBe("3 changes are");
  });
});

describe("formatTtl", () => {
  it.each([
    [undefined, "?"],
    [0, "auto"], // external-dns's "not set"
    [1, "auto"], // Cloudflare's automatic TTL
    [2, "2 s"],
    [300, "300 s"],
    [86400, "86,400 s"],
  ])("%s → %s", (ttl, text) => {
    expect(formatTtl(ttl)).toBe(text);
  });

  it("says what an unknown TTL is shown as", () => {
    expect(formatTtl(undefined, "—")).toBe("—");
    expect(formatTtl(300, "—")).toBe("300 s");
  });
});

describe("formatProxied and formatContent", () => {
  it.each([
    [true, "proxied"],
    [false, "DNS only"],
    [undefined, "?"],
  ])("proxied %s → %s", (p, text) => {
    expect(formatProxied(p)).toBe(text);
  });

  it.each([
    ["1.2.3.4", "1.2.3.4"],
    ['"heritage=external-dns,external-dns/owner=default"', '"heritage=external-dns,external-dns/owner=default"'],
    ["", "∅"],
    [undefined, "∅"],
  ])("content %j → %s", (c, text) => {
    expect(formatContent(c)).toBe(text);
  });
});

describe("fieldChanges", () => {
  const base = { content: "a.example.net", proxied: true, ttl: 1, comment: "" };
  it.each([
    ["nothing changed", base, base, []],
    ["content", base, { ...base, content: "b.example.net" }, [{ field: "content", from: "a.example.net", to: "b.example.net" }]],
    ["proxied", { ...base, proxied: false }, base, [{ field: "proxied", from: "DNS only", to: "proxied" }]],
    ["ttl", { ...base, ttl: 300 }, base, [{ field: "ttl", from: "300 s", to: "auto" }]],
    // 0 and 1 are both automatic: no change a person could see.
    ["ttl 0 to 1", { ...base, ttl: 0 }, base, []],
    ["comment added", base, { ...base, comment: "managed" }, [{ field: "comment", from: "∅", to: "managed" }]],
    ["comment missing vs empty", { content: "x" }, { content: "x", comment: "" }, []],
    ["proxied unknown before", { content: "x", ttl: 1 }, { content: "x", proxied: true, ttl: 1 }, []],
    ["ttl unknown after", { content: "x", ttl: 300 }, { content: "x" }, []],
    [
      "several, in a fixed order",
      { content: "1.1.1.1", proxied: true, ttl: 300, comment: "old" },
      { content: "2.2.2.2", proxied: false, ttl: 600, comment: "new" },
      [
        { field: "content", from: "1.1.1.1", to: "2.2.2.2" },
        { field: "proxied", from: "proxied", to: "DNS only" },
        { field: "ttl", from: "300 s", to: "600 s" },
        { field: "comment", from: "old", to: "new" },
      ],
    ],
  ])("%s", (_what, before, after, want) => {
    expect(fieldChanges(before, after)).toEqual(want);
  });
});
