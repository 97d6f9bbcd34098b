// Where the cluster credentials come from: an explicit kubeconfig file, $KUBECONFIG, the pod's
// ServiceAccount when dnsdrift runs inside the cluster, or ~/.kube/config — with a chosen
// context (DNSDRIFT_KUBE_CONTEXT) checked against the file so a typo is a clear error.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { InputError } from "../externaldns/errors";

export interface LoadKubeConfigOptions {
  /** Wins over KUBECONFIG and the in-cluster ServiceAccount. */
  kubeconfigPath?: string;
  /** Context to use instead of the file's current-context; default DNSDRIFT_KUBE_CONTEXT. */
  context?: string;
  /** Prefix for the ServiceAccount files (/var/run/secrets/…); tests point it at a temp dir. */
  serviceAccountRoot?: string;
}

export type KubeConfigSource = "file" | "KUBECONFIG" | "in-cluster" | "home";

type Env = Record<string, string | undefined>;

function loadFiles(kc: KubeConfig, files: string[]): void {
  kc.loadFromFile(files[0]);
  for (const file of files.slice(1)) {
    const more = new KubeConfig();
    more.loadFromFile(file);
    // kubectl's merge: the first file's current-context wins.
    kc.mergeConfig(more, true);
  }
}

/**
 * Order: `kubeconfigPath`, then $KUBECONFIG (path-list; missing files skipped as kubectl does),
 * then the ServiceAccount when KUBERNETES_SERVICE_HOST is set (running in a pod), then
 * ~/.kube/config. Throws an InputError when nothing is found or the context does not exist.
 */
export function loadKubeConfig(opts: LoadKubeConfigOptions = {}, env: Env = process.env): { kubeConfig: KubeConfig; source: KubeConfigSource } {
  const kc = new KubeConfig();
  let source: KubeConfigSource;
  const kubeconfigEnv = (env.KUBECONFIG ?? "").split(path.delimiter).filter(Boolean);
  if (opts.kubeconfigPath) {
    if (!fs.existsSync(opts.kubeconfigPath)) throw new InputError(opts.kubeconfigPath, "kubeconfig file does not exist");
    loadFiles(kc, [opts.kubeconfigPath]);
    source = "file";
  } else if (kubeconfigEnv.length > 0) {
    const existing = kubeconfigEnv.filter((f) => fs.existsSync(f));
    if (existing.length === 0) throw new InputError("KUBECONFIG", `none of ${kubeconfigEnv.join(", ")} exists`);
    loadFiles(kc, existing);
    source = "KUBECONFIG";
  } else if (env.KUBERNETES_SERVICE_HOST) {
    if (env !== process.env) {
      // client-node reads the host and port from process.env itself.
      process.env.KUBERNETES_SERVICE_HOST = env.KUBERNETES_SERVICE_HOST;
      process.env.KUBERNETES_SERVICE_PORT = env.KUBERNETES_SERVICE_PORT ?? "443";
    }
    kc.loadFromCluster(opts.serviceAccountRoot ?? "");
    source = "in-cluster";
  } else {
    const home = path.join(env.HOME || os.homedir(), ".kube", "config");
    if (!fs.existsSync(home)) {
      throw new InputError(
        "kubeconfig",
        `no Kubernetes credentials: not running in a pod (KUBERNETES_SERVICE_HOST unset), KUBECONFIG unset and ${home} does not exist`,
      );
    }
    loadFiles(kc, [home]);
    source = "home";
  }

  const context = opts.context ?? (env.DNSDRIFT_KUBE_CONTEXT?.trim() || undefined);
  if (context !== undefined) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(context)) {
      throw new InputError("DNSDRIFT_KUBE_CONTEXT", `context "${context}" not found in the kubeconfig (has: ${names.join(", ") || "none"})`);
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentContext() || !kc.getCurrentCluster()) {
    throw new InputError("kubeconfig", "the kubeconfig has no current context with a cluster; set DNSDRIFT_KUBE_CONTEXT");
  }
  return { kubeConfig: kc, source };
}
