// Shared by lib/kube's tests: Deployment builders shaped like the external-dns Helm chart's
// output, and a reader on the in-process Kubernetes API emulator with short timings.

import { kubeConfigFor, waitFor } from "../../emulators/kube/test-helpers";
import type { KubeEmulator } from "../../emulators/kube/server";
import type { ClusterReader, ClusterSnapshot, SourceHealth } from "../../lib/server/ports";
import type { DiscoveryOptions } from "../../lib/kube/discovery";
import { createClusterReader } from "../../lib/kube/reader";

export { waitFor };

/** The arguments the chart renders for examples/seed/values.yaml. */
export const SEED_ARGS = [
  "--log-level=info",
  "--log-format=text",
  "--interval=1m",
  "--source=crd",
  "--source=ingress",
  "--source=gateway-httproute",
  "--policy=sync",
  "--registry=txt",
  "--txt-owner-id=default",
  "--txt-prefix=k8s.",
  "--domain-filter=example.com",
  "--provider=cloudflare",
  "--ingress-class=external",
  "--cloudflare-proxied",
  "--crd-source-apiversion=externaldns.k8s.io/v1alpha1",
  "--crd-source-kind=DNSEndpoint",
  "--gateway-label-filter=external-dns.alpha.kubernetes.io/enabled=true",
];

export const SEED_IMAGE = "registry.k8s.io/external-dns/external-dns:v0.20.0";

export interface DeploymentInput {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  image?: string;
  containerName?: string;
  args?: string[];
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  replicas?: number;
  sidecars?: { name: string; image: string }[];
}

export function deployment(d: DeploymentInput = {}) {
  const name = d.name ?? "external-dns";
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace: d.namespace ?? "networking",
      labels: d.labels ?? { "app.kubernetes.io/name": "external-dns", "app.kubernetes.io/instance": name },
    },
    spec: {
      replicas: d.replicas ?? 1,
      selector: { matchLabels: { "app.kubernetes.io/name": "external-dns" } },
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "external-dns" } },
        spec: {
          serviceAccountName: "external-dns",
          containers: [
            {
              name: d.containerName ?? "external-dns",
              image: d.image ?? SEED_IMAGE,
              ...(d.command ? { command: d.command } : {}),
              ...(d.args ? { args: d.args } : { args: SEED_ARGS }),
              env: d.env ?? [{ name: "CF_API_TOKEN", valueFrom: { secretKeyRef: { name: "external-dns-secret", key: "api-token" } } }],
            },
            ...(d.sidecars ?? []),
          ],
        },
      },
    },
  };
}

export function httpRoute(name: string, namespace: string, hostnames = [`${name}.example.com`], labels?: Record<string, string>) {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    spec: { parentRefs: [{ name: "envoy-external", namespace: "networking" }], hostnames },
  };
}

/** Short timings so reconnects and debounces happen within a test. */
export const FAST = { backoff: { initialMs: 50, maxMs: 200, jitter: 0 }, debounceMs: 20, missingRecheckMs: 60_000 };

export function readerFor(emu: KubeEmulator, discovery: DiscoveryOptions = { mode: "discover" }, logs: string[] = []): ClusterReader {
  return createClusterReader({ kubeConfig: kubeConfigFor(emu), discovery, onLog: (m) => logs.push(m), ...FAST });
}

export function healthOf(snap: ClusterSnapshot, id: string): SourceHealth {
  const h = snap.health.find((x) => x.id === id);
  if (!h) throw new Error(`no health ${id} in ${snap.health.map((x) => x.id).join(", ")}`);
  return h;
}

/** Waits until the reader's snapshot satisfies `ok`, and returns that snapshot. */
export function waitForSnapshot(reader: ClusterReader, ok: (s: ClusterSnapshot) => boolean, what: string, timeoutMs = 5000): Promise<ClusterSnapshot> {
  return waitFor(() => {
    const s = reader.snapshot();
    return ok(s) ? s : undefined;
  }, what, timeoutMs);
}

/** namespace/name of a bucket's objects. */
export function names(objs: { metadata: { namespace?: string; name: string } }[]): string[] {
  return objs.map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name));
}
