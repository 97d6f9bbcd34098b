// The manifests reader's thread (see manifests-background.ts): loadManifests on the files it is
// given, answered as one message — the cluster objects, or the error as the CLI prints it.

import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../lib/externaldns/errors";
import { loadManifests } from "../lib/kube/snapshot";
import { carry } from "../lib/kube/transfer";

export type WorkerAnswer =
  | { ok: ReturnType<typeof carry> }
  | { inputError: { file: string; detail: string; object?: string } }
  | { internal: string };

const { files, bytes } = workerData as { files: string[]; bytes: number };
let answer: WorkerAnswer;
try {
  // A node for every 4 bytes of text is far more than any manifest has; past that, aliases multiply nodes.
  answer = { ok: carry(loadManifests(files).objects, Math.max(1e6, bytes / 4)) };
} catch (e) {
  answer = e instanceof InputError ? { inputError: { file: e.file, detail: e.detail, object: e.object } } : { internal: (e as Error).message };
}
parentPort!.postMessage(answer);
