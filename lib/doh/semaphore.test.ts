import { describe, expect, it } from "vitest";
import { createLimiter } from "./semaphore";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("createLimiter", () => {
  it("never runs more than the limit at once, and runs everything", async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("starts queued tasks in FIFO order", async () => {
    const limit = createLimiter(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limit(async () => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it("frees the slot when a task fails or throws synchronously", async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(
      limit(() => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    expect(await limit(async () => "ok")).toBe("ok");
    expect(limit.active).toBe(0);
  });

  it.each([0, -1, 1.5])("rejects concurrency %s", (n) => {
    expect(() => createLimiter(n)).toThrow(RangeError);
  });
});
