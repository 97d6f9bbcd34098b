// Runs work written in steps (lib/externaldns/steps.ts) on the server: one step per turn of the
// event loop, so requests that arrive meanwhile are answered between steps instead of after
// the whole computation.

import type { Steps } from "../externaldns/steps";

export async function runPaced<T>(steps: Steps<T>): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    await new Promise((resolve) => setImmediate(resolve));
    r = steps.next();
  }
  return r.value;
}
