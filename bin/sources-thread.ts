// `dnsdrift plan` can read the manifests and run the sources on a worker thread
// (sources-worker.ts) while the main thread reads the records and the TXT registry. Off unless
// DNSDRIFT_SOURCES_THREAD asks for it (docs/environment.md): on the 2-core machine this was
// measured on, it gained no wall time at 10,000 routes even with the machine nearly idle (the
// second core already runs the collector's helper threads; the thread adds its own start-up and
// the hand-over of its result), and lost time under load. What it does give is a lower peak
// memory on very large inputs — the parsed manifests live and die in the worker's heap (100,000
// routes: 0.86 GB instead of 1.13 GB) — which is what `on` is for. `auto` uses it for manifests
// of 1 MiB or more when a core is free (see coreToSpare), for machines where that may pay.
// A run from the TypeScript sources never uses it (there is no compiled worker to start).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ConfigOverrides } from "../lib/externaldns/config-core";
import type { SourceResult } from "../lib/externaldns/types";
import { manifestFiles } from "../lib/kube/manifest-load";

export interface SourcesJob {
  configText: string;
  configFile: string;
  overrides: ConfigOverrides;
  manifests: string[];
  narrate: boolean;
}

export type SourcesReply = { sources: SourceResult } | { failed: true };

/** Below this many bytes of manifests a plan reads them on the main thread. */
export const WORKER_MIN_BYTES = 1 << 20;

/** The compiled worker next to the compiled CLI (dist/bin), if this is the compiled CLI. */
function workerFile(): string | undefined {
  const file = path.join(__dirname, "sources-worker.cjs");
  return __filename.endsWith(".cjs") && fs.existsSync(file) ? file : undefined;
}

/**
 * Whether a core is likely free for the worker: the thread adds CPU time of its own (its start,
 * handing the result over), which only pays when it runs beside the main thread rather than
 * taking turns with it. On a busy machine (load average at or above the cores less one) the run
 * stays on one thread: measured there, the thread lost wall time as well as CPU time.
 */
export function coreToSpare(cores = os.availableParallelism(), load = os.loadavg()[0]): boolean {
  return cores >= 2 && load <= cores - 1;
}

function manifestBytes(paths: string[]): number {
  let total = 0;
  for (const f of manifestFiles(paths)) total += fs.statSync(f).size;
  return total;
}

export const SOURCES_THREAD_MODES = ["off", "on", "auto"] as const;
export type SourcesThreadMode = (typeof SOURCES_THREAD_MODES)[number];

/** The launcher's DNSDRIFT_SOURCES_THREAD (unset: off), or an error naming the variable. */
export function sourcesThreadMode(value: string | undefined): SourcesThreadMode {
  if (value === undefined || value === "") return "off";
  if ((SOURCES_THREAD_MODES as readonly string[]).includes(value)) return value as SourcesThreadMode;
  throw new Error(`DNSDRIFT_SOURCES_THREAD must be one of ${SOURCES_THREAD_MODES.join(", ")}, got "${value}"`);
}

export interface SourcesThread {
  /** The sources' result, or undefined when the worker failed (the main thread then does it all). */
  result: Promise<SourceResult | undefined>;
  /** Stops the worker (the run ended before it needed the result). */
  cancel: () => void;
}

/**
 * A worker thread computing the sources, or undefined when the run should do it all itself: not
 * asked for, a small input under `auto`, or no compiled worker. Started before the main thread reads the configuration
 * (the worker reads it too), so that its start-up overlaps with that.
 */
export function startSourcesThread(job: SourcesJob, mode: SourcesThreadMode = "off"): SourcesThread | undefined {
  const file = workerFile();
  if (!file || mode === "off") return undefined;
  if (mode !== "on" && !coreToSpare()) return undefined;
  try {
    if (mode !== "on" && manifestBytes(job.manifests) < WORKER_MIN_BYTES) return undefined;
  } catch {
    return undefined; // an unreadable path: the main thread names it
  }
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: job });
  } catch {
    return undefined;
  }
  const result = new Promise<SourceResult | undefined>((resolve) => {
    worker.once("message", (reply: SourcesReply) => resolve("sources" in reply ? reply.sources : undefined));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined)); // no-op once a reply arrived
  });
  return { result, cancel: () => void worker.terminate() };
}
