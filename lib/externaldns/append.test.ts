import { describe, expect, it } from "vitest";
import { appendAll } from "./append";

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
