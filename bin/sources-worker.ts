// The worker thread of a large `dnsdrift plan` (see sources-thread.ts): reads the manifests and
// runs the sources while the main thread reads the Cloudflare records and the TXT registry. The
// parsed manifests, most of a large run's memory, then never enter the main thread's heap.
// Any failure is reported as such; the main thread then does everything itself, so that errors
// are worded exactly as in a run without this thread.

import { parentPort, workerData } from "node:worker_threads";
import { configFromSimpleText } from "../lib/externaldns/config-core";
import { runSources } from "../lib/externaldns/source-chain";
import { loadManifestsLazily } from "../lib/kube/manifest-load";
import type { SourcesJob, SourcesReply } from "./sources-thread";

async function run(job: SourcesJob): Promise<SourcesReply> {
  try {
    const config =
      configFromSimpleText(job.configText, job.configFile, job.overrides) ??
      (await import("../lib/externaldns/config")).parseConfigText(job.configText, job.configFile, job.overrides);
    const { objects } = await loadManifestsLazily(job.manifests);
    return { sources: runSources(objects, config, { narrate: job.narrate }) };
  } catch {
    return { failed: true };
  }
}

void run(workerData as SourcesJob).then((reply) => parentPort?.postMessage(reply));
