import { describe, expect, it } from "vitest";
import { quietLoop } from "./quiet-loop";

/** Blocks the loop for `blockMs` every few milliseconds until `untilMs` from now. */
function busyFor(untilMs: number, blockMs: number): void {
  const end = performance.now() + untilMs;
  const step = () => {
    const until = Math.min(end, performance.now() + blockMs);
    while (performance.now() < until) {
      // spin: a synchronous stretch as a request building a large answer would be
    }
    if (performance.now() < end) setTimeout(step, 1);
  };
  setTimeout(step, 0);
}

describe("quietLoop", () => {
  it("resolves within a few ticks on an idle loop", async () => {
    const t0 = performance.now();
    await quietLoop({ tickMs: 20, maxLagMs: 15, quietTicks: 3 });
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(55);
    expect(took).toBeLessThan(1_000);
  });

  it("waits while the loop is blocked and resolves once it is quiet again", async () => {
    const t0 = performance.now();
    busyFor(600, 80);
    await quietLoop({ tickMs: 20, maxLagMs: 15, quietTicks: 3, maxWaitMs: 5_000 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(600);
  });

  it("gives up waiting after maxWaitMs when the loop never goes quiet", async () => {
    const t0 = performance.now();
    busyFor(1_500, 80);
    await quietLoop({ tickMs: 20, maxLagMs: 15, quietTicks: 3, maxWaitMs: 300 });
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(1_000);
    // let the busy loop finish before the next test
    await new Promise((r) => setTimeout(r, 1_300));
  });
});
