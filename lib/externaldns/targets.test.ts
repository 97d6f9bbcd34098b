import { describe, expect, it } from "vitest";
import { equalFold, parseGoAddr, sortTargets, targetsLess, targetsSame } from "./targets";

describe("parseGoAddr (netip.ParseAddr + String)", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    ["::0001", "::1"],
    ["2001:0DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["::ffff:1.2.3.4", "::ffff:1.2.3.4"],
    ["::ffff:0102:0304", "::ffff:1.2.3.4"],
    ["fe80::1%eth0", "fe80::1%eth0"],
    ["1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"],
  ])("%s → %s", (input, text) => {
    expect(parseGoAddr(input)?.text).toBe(text);
  });

  it.each(["01.2.3.4", "1.2.3", "1.2.3.4.", "256.1.1.1", "example.com", "", "0x1.2.3.4"])("%j is not an IP", (input) => {
    expect(parseGoAddr(input)).toBeUndefined();
  });

  it("answers the same when asked again, and past the memo's bound", () => {
    const first = ["::0001", "1.2.3.4", "example.com"].map((s) => parseGoAddr(s));
    for (let i = 0; i < 5000; i++) expect(parseGoAddr(`2001:db8::${i.toString(16)}`)?.bytes[15]).toBe(i & 0xff);
    expect(["::0001", "1.2.3.4", "example.com"].map((s) => parseGoAddr(s))).toEqual(first);
    expect(parseGoAddr("::0001")).toEqual({ bits: 128, bytes: [...Array(15).fill(0), 1], zone: "", text: "::1" });
  });
});

describe("sortTargets (Targets.Less + Go insertion sort)", () => {
  it.each([
    [["b.com", "a.com"], ["a.com", "b.com"]],
    [["9.0.0.1", "10.0.0.1"], ["10.0.0.1", "9.0.0.1"]], // canonical text order, not numeric
    [["B.com", "a.com"], ["B.com", "a.com"]], // byte order: upper case first
    [["::2", "::0001"], ["::0001", "::2"]], // compared as "::1" < "::2"
  ])("%j → %j", (input, sorted) => {
    expect(sortTargets(input)).toEqual(sorted);
  });

  it("returns a copy", () => {
    const input = ["b", "a"];
    sortTargets(input);
    expect(input).toEqual(["b", "a"]);
  });
});

describe("targetsSame (Targets.Same)", () => {
  it.each([
    ["identical", ["a.com"], ["a.com"], true],
    ["case-insensitive", ["V2.Example.com"], ["v2.example.com"], true],
    ["order-insensitive", ["1.1.1.1", "2.2.2.2"], ["2.2.2.2", "1.1.1.1"], true],
    ["IPv6 canonical", ["2001:db8::1"], ["2001:0db8:0000:0000:0000:0000:0000:0001"], true],
    ["IPv4-mapped written two ways", ["::ffff:1.2.3.4"], ["::ffff:102:304"], true],
    ["different lengths", ["a.com"], ["a.com", "b.com"], false],
    ["different hosts", ["a.com"], ["b.com"], false],
    ["no trailing-dot normalisation", ["a.com."], ["a.com"], false],
    ["IPv4 vs IPv6", ["1.2.3.4"], ["::ffff:1.2.3.4"], false],
    // The first non-equal-fold pair (::1 vs ::0001) decides: same IP → true; b.com vs c.com is never compared.
    ["first differing pair decides", ["::1", "b.com"], ["::0001", "c.com"], true],
    ["first differing pair decides (false)", ["a.com", "::1"], ["b.com", "::1"], false],
    ["empty lists", [], [], true],
  ])("%s", (_, a, b, same) => {
    expect(targetsSame(a, b)).toBe(same);
    expect(targetsSame(b, a)).toBe(same);
  });
});

describe("targetsLess (Targets.IsLess)", () => {
  it.each([
    ["fewer targets is less", ["z.com"], ["a.com", "b.com"], true],
    ["more targets is not", ["a.com", "b.com"], ["z.com"], false],
    ["IP before hostname", ["9.9.9.9"], ["1-2-3-4.example.com"], true],
    ["hostname after IP", ["a.example.com"], ["9.9.9.9"], false],
    ["IPs numerically", ["9.0.0.1"], ["10.0.0.1"], true],
    ["IPv4 before IPv6", ["255.255.255.255"], ["::1"], true],
    ["hostnames by byte order (case-sensitive)", ["B.com"], ["a.com"], true],
    ["equal lists are not less", ["a.com"], ["a.com"], false],
    ["one IP two spellings: neither is less", ["::1"], ["::0001"], false],
    // Sorted by text: [10.0.0.5, 9.0.0.1] vs [10.0.0.1, 9.0.0.9]; the first position decides.
    ["sorted by text, compared numerically", ["9.0.0.1", "10.0.0.5"], ["10.0.0.1", "9.0.0.9"], false],
    ["…and the other way round", ["10.0.0.1", "9.0.0.9"], ["9.0.0.1", "10.0.0.5"], true],
  ])("%s", (_, a, b, less) => {
    expect(targetsLess(a, b)).toBe(less);
  });
});

describe("equalFold", () => {
  it.each([
    ["abc", "ABC", true],
    ["straße", "STRASSE", false], // simple folding only: lengths differ
    ["\u212a", "k", true], // Kelvin sign folds to k
    ["a", "b", false],
  ])("%j %j", (a, b, eq) => {
    expect(equalFold(a, b)).toBe(eq);
  });
});
