// How far V8 lets the heap grow past what survived its last full collection before it collects
// again. With gigabytes of memory to spare V8 allows up to four times that, and a server holding
// ~180 MB of computed state while two hundred dashboards poll it (every answer, every refresh's
// intermediates is garbage) grew to 700–900 MB, most of it garbage waiting for a collection. The
// server asks V8 for 1.3× (V8's own factor when it saves memory; the flag is read at every full
// collection, so it can be set after start). The price is more frequent full collections: in the
// poll bench the p99 latency was worse by ~200–300 ms on a loaded 2-core machine
// (bench/live/README.md), so DNSDRIFT_HEAP_GROWTH_PERCENT=0 gives V8 its own policy back.

import v8 from "node:v8";
import { SettingsError } from "./settings";

export const DEFAULT_HEAP_GROWTH_PERCENT = 30;

type Env = Record<string, string | undefined>;

/**
 * The V8 flag the server sets, or undefined: DNSDRIFT_HEAP_GROWTH_PERCENT=0 leaves V8's own
 * policy, and so does a --heap-growing-percent the operator gave node (NODE_OPTIONS or arguments).
 */
export function heapGrowthFlag(env: Env, execArgv: readonly string[]): string | undefined {
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
  if (given) return undefined;
  const raw = env.DNSDRIFT_HEAP_GROWTH_PERCENT?.trim();
  const percent = raw === undefined || raw === "" ? DEFAULT_HEAP_GROWTH_PERCENT : Number(raw);
  if (!Number.isInteger(percent) || (percent !== 0 && (percent < 10 || percent > 300))) {
    throw new SettingsError(`DNSDRIFT_HEAP_GROWTH_PERCENT must be 0 (V8's default) or a whole number from 10 to 300, got "${raw}"`);
  }
  return percent === 0 ? undefined : `--heap-growing-percent=${percent}`;
}

/** Applies the heap growth policy to this process (the server entry calls it first thing). */
export function applyHeapGrowth(env: Env, execArgv: readonly string[] = process.execArgv): void {
  const flag = heapGrowthFlag(env, execArgv);
  if (flag) v8.setFlagsFromString(flag);
}
