import { describe, expect, it } from "vitest";
import { CloudflareBudget, WINDOW_MS } from "./cloudflare-budget";

function budget(limit = 10, softLimit = 4) {
  let t = 1_000_000;
  const b = new CloudflareBudget({ limit, softLimit, now: () => t });
  return { b, advance: (ms: number) => (t += ms) };
}

describe("CloudflareBudget", () => {
  it.each([
    [0, "ok", true, true, 30_000],
    [3, "ok", true, true, 30_000],
    [4, "backing-off", false, true, 120_000],
    [9, "backing-off", false, true, 120_000],
    [10, "exhausted", false, false, 120_000],
  ] as const)("after %i calls: %s (forced %s, calls %s, interval %i ms)", (calls, level, forced, any, interval) => {
    const { b } = budget();
    b.record(calls);
    expect([b.level(), b.allowsForced(), b.allowsCalls(), b.refreshIntervalMs(30_000)]).toEqual([level, forced, any, interval]);
    expect(Boolean(b.writesBlocked())).toBe(level === "exhausted");
  });

  it("forgets calls older than the 5-minute window", () => {
    const { b, advance } = budget();
    b.record(10);
    expect(b.level()).toBe("exhausted");
    advance(WINDOW_MS - 1);
    expect(b.used()).toBe(10);
    advance(1);
    expect(b.used()).toBe(0);
    expect(b.level()).toBe("ok");
  });

  it("stops everything while Cloudflare asks to wait (429), for Retry-After or a minute", () => {
    const { b, advance } = budget();
    b.rateLimited(120);
    expect([b.allowsCalls(), b.allowsForced()]).toEqual([false, false]);
    expect(b.writesBlocked()).toMatch(/429/);
    expect(b.status().rateLimitedUntil).toBeDefined();
    advance(120_000);
    expect(b.allowsCalls()).toBe(true);
    b.rateLimited(undefined);
    advance(59_999);
    expect(b.allowsCalls()).toBe(false);
    advance(1);
    expect(b.writesBlocked()).toBeUndefined();
  });

  it("counts every request made through its fetch and notices 429 answers", async () => {
    const { b } = budget();
    const answers = [new Response("{}", { status: 200 }), new Response("{}", { status: 429, headers: { "retry-after": "30" } })];
    const f = b.fetch(async () => answers.shift()!);
    await f("http://x/a");
    expect([b.used(), b.isRateLimited()]).toEqual([1, false]);
    await f("http://x/b");
    expect([b.used(), b.isRateLimited()]).toEqual([2, true]);
  });
});
