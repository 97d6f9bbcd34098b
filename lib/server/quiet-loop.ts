// Waits for the event loop to go quiet: background work that can wait (the drift history's pass
// over a new computation) starts once the requests that came with the computation are answered,
// instead of competing with them. At start-up that is every client's first round, when every
// answer is built for the first time. Quiet means timer ticks arriving on time; a cap keeps a
// loop that never goes quiet from postponing the work for ever.

export interface QuietOptions {
  /** The tick the loop is sampled with. */
  tickMs?: number;
  /** How late a tick may fire and still count as quiet. */
  maxLagMs?: number;
  /** Consecutive quiet ticks needed. */
  quietTicks?: number;
  /** Resolves after this long however busy the loop is. */
  maxWaitMs?: number;
  now?: () => number;
}

export function quietLoop(opts: QuietOptions = {}): Promise<void> {
  const { tickMs = 50, maxLagMs = 20, quietTicks = 3, maxWaitMs = 10_000, now = () => performance.now() } = opts;
  const start = now();
  return new Promise((resolve) => {
    let quiet = 0;
    const tick = () => {
      const scheduled = now();
      setTimeout(() => {
        const t = now();
        quiet = t - scheduled - tickMs <= maxLagMs ? quiet + 1 : 0;
        if (quiet >= quietTicks || t - start >= maxWaitMs) resolve();
        else tick();
      }, tickMs);
    };
    tick();
  });
}
