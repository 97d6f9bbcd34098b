// A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order.
// Small enough to own rather than depend on p-limit (only present transitively here).

export interface Limiter {
  <T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const start = (): Promise<T> => {
      let p: Promise<T>;
      try {
        p = task();
      } catch (e) {
        p = Promise.reject(e);
      }
      return p.finally(release);
    };
    if (active < limit) {
      active++;
      return start();
    }
    return new Promise<void>((resolve) => waiting.push(resolve)).then(start);
  };

  return Object.defineProperties(run, {
    active: { get: () => active },
    pending: { get: () => waiting.length },
  }) as Limiter;
}
