import { describe, expect, it } from "vitest";
import { addToList, appendAll } from "./append";

describe("appendAll", () => {
  it.each([
    [[], [], []],
    [[1], [], [1]],
    [[], [2, 3], [2, 3]],
    [[1], [2, 3], [1, 2, 3]],
  ])("%j + %j", (a, b, want) => {
    const target = [...a];
    expect(appendAll(target, b)).toBe(target);
    expect(target).toEqual(want);
  });

  it("takes a list far longer than the call stack allows as arguments", () => {
    const items = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(items as never[]))).toThrow(RangeError);
    const target = appendAll([-1], items);
    expect(target.length).toBe(500_001);
    expect(target[500_000]).toBe(499_999);
  });
});

describe("addToList", () => {
  it("starts a list on a key's first value and grows the same list after", () => {
    const m = new Map<string, number[]>();
    addToList(m, "a", 1);
    const first = m.get("a");
    addToList(m, "a", 2);
    addToList(m, "b", 3);
    expect(m.get("a")).toBe(first);
    expect([...m]).toEqual([["a", [1, 2]], ["b", [3]]]);
  });
});
