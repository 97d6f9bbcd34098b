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

type Env = Record<string, string | undefined>;

/** client-node's loadFromCluster reads the service host and port from process.env itself. */
function withProcessEnv(vars: Record<string, string | undefined>, fn: () => void): void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    fn();
  } finally {
    set(saved);
  }
}

function loadFiles(kc: KubeConfig, files: string[]): void {
  kc.loadFromFile(files[0]);
  for (const file of files.slice(1)) {
    const more = new KubeConfig();
    more.loadFromFile(file);
    // kubectl's merge: the first file to define a name wins, and so does its current-context
    // (client-node's mergeConfig throws on duplicate names instead).
    for (const c of more.clusters) if (!kc.clusters.some((x) => x.name === c.name)) kc.clusters.push(c);
    for (const u of more.users) if (!kc.users.some((x) => x.name === u.name)) kc.users.push(u);
    for (const c of more.contexts) if (!kc.contexts.some((x) => x.name === c.name)) kc.contexts.push(c);
    if (!kc.getCurrentContext()) kc.setCurrentContext(more.getCurrentContext());
  }
}

/**
 * Order: `kubeconfigPath`, then $KUBECONFIG (path-list; missing files skipped as kubectl does),
 * then the ServiceAccount when KUBERNETES_SERVICE_HOST is set (running in a pod), then
 * ~/.kube/config. Throws an InputError when nothing is found or the context does not exist.
 */
export function loadKubeConfig(opts: LoadKubeConfigOptions, env: Env): KubeConfig {
  const kc = new KubeConfig();
  const kubeconfigEnv = (env.KUBECONFIG ?? "").split(path.delimiter).filter(Boolean);
  if (opts.kubeconfigPath) {
    if (!fs.existsSync(/*turbopackIgnore: true*/ opts.kubeconfigPath)) throw new InputError(opts.kubeconfigPath, "kubeconfig file does not exist");
    loadFiles(kc, [opts.kubeconfigPath]);
  } else if (kubeconfigEnv.length > 0) {
    const existing = kubeconfigEnv.filter((f) => fs.existsSync(/*turbopackIgnore: true*/ f));
    if (existing.length === 0) throw new InputError("KUBECONFIG", `none of ${kubeconfigEnv.join(", ")} exists`);
    loadFiles(kc, existing);
  } else if (env.KUBERNETES_SERVICE_HOST) {
    withProcessEnv({ KUBERNETES_SERVICE_HOST: env.KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT: env.KUBERNETES_SERVICE_PORT ?? "443" }, () =>
      kc.loadFromCluster(opts.serviceAccountRoot ?? ""),
    );
  } else {
    const home = path.join(/*turbopackIgnore: true*/ env.HOME || os.homedir(), ".kube", "config");
    if (!fs.existsSync(/*turbopackIgnore: true*/ home)) {
      throw new InputError(
        "kubeconfig",
        `no Kubernetes credentials: not running in a pod (KUBERNETES_SERVICE_HOST unset), KUBECONFIG unset and ${home} does not exist`,
      );
    }
    loadFiles(kc, [home]);
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
  return kc;
}
