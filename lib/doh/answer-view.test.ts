import { describe, expect, it } from "vitest";
import { followChain, sameSet } from "./answer-view";
import type { DohRecord } from "./types";

const r = (name: string, type: string, data: string): DohRecord => ({ name, type, ttl: 60, data });

describe("followChain", () => {
  it.each([
    { title: "direct A", recs: [r("a.x", "A", "192.0.2.1")], names: ["a.x"], addrs: ["192.0.2.1"] },
    { title: "two hops", recs: [r("a.x", "CNAME", "b.x"), r("b.x", "CNAME", "c.y"), r("c.y", "A", "192.0.2.3")], names: ["a.x", "b.x", "c.y"], addrs: ["192.0.2.3"] },
    { title: "records off the chain are ignored", recs: [r("a.x", "CNAME", "b.x"), r("z.x", "A", "192.0.2.9")], names: ["a.x", "b.x"], addrs: [] },
    { title: "a loop stops", recs: [r("a.x", "CNAME", "b.x"), r("b.x", "CNAME", "a.x")], names: ["a.x", "b.x"], addrs: [] },
    { title: "IPv6 canonicalised", recs: [r("a.x", "AAAA", "2001:DB8:0::1")], names: ["a.x"], addrs: ["2001:db8::1"], type: "AAAA" },
  ])("$title", ({ recs, names, addrs, type }) => {
    expect(followChain("A.X.", recs, type ?? "A")).toEqual({ names, addresses: addrs });
  });
});

describe("sameSet", () => {
  it.each([
    [["a", "b"], ["b", "a"], true],
    [["a", "a"], ["a"], true],
    [["a"], ["a", "b"], false],
    [[], [], true],
  ])("%j vs %j → %s", (a, b, same) => expect(sameSet(a, b)).toBe(same));
});
