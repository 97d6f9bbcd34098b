import { describe, expect, it } from "vitest";
import { reasonHosts } from "./reason-hosts";

describe("reasonHosts", () => {
  it("drops empties and repeats (after normalising), keeping first-seen order", () => {
    expect(reasonHosts(["B.example.com", "a.example.com.", "", "b.example.com", ".", " . ", "A.EXAMPLE.COM", " a.example.com"])).toEqual(["b.example.com", "a.example.com"]);
  });
});

describe("reasonHosts on long lists", () => {
  it("gives the same answer past the length where it switches to a set", () => {
    const names = Array.from({ length: 60 }, (_, i) => `H${i % 23}.example.com${i % 2 ? "." : ""}`);
    const expected = Array.from({ length: 23 }, (_, i) => `h${i}.example.com`);
    expect(reasonHosts(names)).toEqual(expected);
  });
});
