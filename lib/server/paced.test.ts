import { describe, expect, it } from "vitest";
import { runSteps, type Steps } from "../externaldns/steps";
import { runPaced } from "./paced";

function* counted(log: string[], n: number): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    log.push(`step ${i}`);
    sum += i;
    yield;
  }
  return sum;
}

describe("runPaced", () => {
  it("gives what running at once gives", async () => {
    expect(await runPaced(counted([], 5))).toBe(runSteps(counted([], 5)));
  });

  it("lets other callbacks run between steps, not only after the last", async () => {
    const log: string[] = [];
    const done = runPaced(counted(log, 3));
    setImmediate(() => log.push("other"));
    await done;
    expect(log.indexOf("other")).toBeGreaterThan(0);
    expect(log.indexOf("other")).toBeLessThan(log.indexOf("step 3"));
  });
});
