// Reads large YAML manifests on a worker thread while the CLI reads the Cloudflare records and
// the TXT registry: YAML parsing is the largest single cost of a plan over a big cluster
// (~4 s for 100,000 routes), and it needs nothing from the other inputs. Smaller inputs, JSON
// and runs from the TypeScript sources (no compiled worker) read on the main thread, as before.
// Errors are the same either way: the worker sends InputErrors back field by field.

import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { InputError } from "../lib/externaldns/errors";
import type { ClusterObjects } from "../lib/externaldns/types";
import { loadManifests, manifestFiles } from "../lib/kube/snapshot";
import { unpack } from "../lib/kube/transfer";
import type { WorkerAnswer } from "./manifests-worker";

/**
 * Below this much YAML the thread does not pay: starting it and handing the objects over as
 * JSON cost ~0.2 s of CPU at 10,000 routes (6 MB), about what reading the records overlaps.
 * At 100,000 routes (60 MB) the overlap is seconds.
 */
export const WORKER_MIN_YAML_BYTES = 16 << 20;

export interface ReadingOptions {
  /** The compiled worker (default: manifests-worker.cjs beside the compiled CLI). */
  workerFile?: string;
  /** Use the worker from this much YAML on (default WORKER_MIN_YAML_BYTES). */
  minBytes?: number;
}

/** The compiled worker beside the compiled CLI (dist/bin), or undefined when run from sources. */
function builtWorkerFile(): string | undefined {
  const f = path.join(__dirname, "manifests-worker.cjs");
  return __filename.endsWith(".cjs") && fs.existsSync(f) ? f : undefined;
}

export interface ManifestsReading {
  /** Whether a worker thread reads them (else they were read on this thread already). */
  onThread: boolean;
  objects: () => Promise<ClusterObjects>;
}

/**
 * Starts reading the manifests under `paths`. A missing path throws here, as loadManifests
 * would; every other problem comes out of `objects()`. The options are for tests.
 */
export function startReadingManifests(paths: string[], opts: ReadingOptions = {}): ManifestsReading {
  const files = manifestFiles(paths);
  const worker = opts.workerFile ?? builtWorkerFile();
  const yamlBytes = files.filter((f) => !f.toLowerCase().endsWith(".json")).reduce((n, f) => n + sizeOf(f), 0);
  if (!worker || yamlBytes < (opts.minBytes ?? WORKER_MIN_YAML_BYTES)) {
    const objects = loadManifests(files).objects;
    return { onThread: false, objects: () => Promise.resolve(objects) };
  }
  const answer = new Promise<ClusterObjects>((resolve, reject) => {
    const w = new Worker(worker, { workerData: { files, bytes: yamlBytes } });
    // An early exit (e.g. the records file is wrong) need not wait for the thread.
    w.unref();
    w.once("message", (m: WorkerAnswer) => {
      if ("ok" in m) resolve(unpack(m.ok) as ClusterObjects);
      else if ("inputError" in m) reject(new InputError(m.inputError.file, m.inputError.detail, m.inputError.object));
      else reject(new Error(m.internal));
    });
    w.once("error", (e) => reject(new Error(`reading the manifests failed: ${e.message}`)));
    w.once("exit", (code) => reject(new Error(`reading the manifests failed: the reader stopped (exit code ${code})`)));
  });
  // Rejections are collected by the caller; this only keeps an unawaited one from being reported twice.
  answer.catch(() => {});
  return { onThread: true, objects: () => answer };
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // unreadable: the reader reports it, naming the file
  }
}
