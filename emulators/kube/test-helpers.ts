// Shared by the emulator's tests: a real client-node KubeConfig for an emulator, polling, and
// small object builders.

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
