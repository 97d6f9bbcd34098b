// Work done in steps: a generator that pauses (yields) between pieces of a long computation, so
// a server can let other requests in while it computes a large estate. Run at once, it gives the
// same result; the pauses carry no values and change nothing.

export type Steps<T> = Generator<void, T>;

/** Runs the steps to the end, without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * Items a stage handles between pauses: a few tens of milliseconds of work at most, so at
 * 200,000 records no pause is far from the next.
 */
export const ITEMS_PER_STEP = 5000;
