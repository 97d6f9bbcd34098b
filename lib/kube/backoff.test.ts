import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff";

describe("Backoff", () => {
  it("doubles from the initial delay up to the ceiling, and starts over after reset", () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(b.attempts).toBe(6);
    b.reset();
    expect(b.next()).toBe(100);
  });

  it.each([
    [0, 80],
    [0.5, 100],
    [0.999999, 120],
  ])("spreads delays by the jitter fraction (random %f → %i ms)", (r, want) => {
    expect(new Backoff({ initialMs: 100, jitter: 0.2, random: () => r }).next()).toBe(want);
  });

  it("never exceeds the ceiling, even with jitter", () => {
    const b = new Backoff({ initialMs: 1000, maxMs: 1000, jitter: 0.5, random: () => 0.99 });
    expect(b.next()).toBeLessThanOrEqual(1000);
  });
});
