// Shared by the emulator's tests: a real client-node KubeConfig for an emulator, polling, and
// small object builders.

import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";
import type { KubeEmulator } from "./server";

export function kubeConfigFor(emu: KubeEmulator, token?: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(emu.kubeconfig({ token }));
  return kc;
}

export async function waitFor<T>(fn: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const GW = "gateway.networking.k8s.io";

export function route(name: string, namespace: string, extra: { labels?: Record<string, string>; hostnames?: string[] } = {}) {
  return {
    apiVersion: `${GW}/v1`,
    kind: "HTTPRoute",
    metadata: { name, namespace, labels: extra.labels },
    spec: { hostnames: extra.hostnames ?? [`${name}.example.com`] },
  };
}

export function namespace(name: string, labels?: Record<string, string>) {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

/** The ApiException thrown by a client call (fails the test if the call succeeded). */
export async function apiError(p: Promise<unknown>): Promise<{ code: number; body: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof k8s.ApiException) return { code: e.code, body: typeof e.body === "string" ? JSON.parse(e.body) : e.body };
    throw e;
  }
  throw new Error("expected the call to fail");
}

/**
 * Every distinct kubectl binary on this machine: the one on PATH (in `npm test`, the v1.33 that
 * scripts/tools.sh fetches) and the machine's own (/usr/bin/kubectl, v1.32 here), so the
 * emulator is checked against both minor versions that newcomers and CI use.
 */
export function kubectlBinaries(): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const candidates = [...(process.env.PATH ?? "").split(path.delimiter).map((d) => path.join(d, "kubectl")), "/usr/bin/kubectl", path.resolve(__dirname, "../../.tmp/tools/kubectl")];
  for (const c of candidates) {
    let real: string;
    try {
      fs.accessSync(c, fs.constants.X_OK);
      real = fs.realpathSync(c);
    } catch {
      continue;
    }
    if (!seen.has(real)) {
      seen.add(real);
      found.push(c);
    }
  }
  return found;
}

export interface Kubectl {
  (...args: string[]): Promise<string>;
  /** With extra environment (KUBE_EDITOR) and, optionally, standard input. */
  with(env: Record<string, string>, args: string[], input?: string): Promise<string>;
}

/** Runs one kubectl binary against a kubeconfig file; a failure throws with kubectl's stderr. */
export function kubectlRunner(binary: string, kubeconfig: string): Kubectl {
  const runWith = (env: Record<string, string>, args: string[], input?: string) =>
    new Promise<string>((resolve, reject) => {
      const child = execFile(binary, ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8", env: { ...process.env, ...env } }, (err, stdout, stderr) => {
        if (err) reject(new Error(`kubectl ${args.join(" ")} failed: ${stderr || err.message}`));
        else resolve(stdout);
      });
      child.stdin?.end(input ?? "");
    });
  const run = ((...args: string[]) => runWith({}, args)) as Kubectl;
  run.with = runWith;
  return run;
}
