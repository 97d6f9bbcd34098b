// Live mode (a real cluster and Cloudflare account, or the demo's emulators): wires the
// informer-based cluster reader and the SDK-based Cloudflare reader into a World.

import type { KubeConfig } from "@kubernetes/client-node";
import { makeDomainFilter } from "../externaldns/domain-filter";
import { createCloudflareReader } from "../cloudflare/reader";
import { createClusterReader } from "../kube/reader";
import { loadKubeConfig } from "../kube/kubeconfig";
import { loadDiscoveryOptionsFromEnv } from "../kube/discovery";
import type { Settings } from "./settings";
import { World, type Computed } from "./world";
import { CloudflareBudget } from "./cloudflare-budget";
import { refreshEdgeRanges } from "../doh/cloudflare-edge";

export interface LiveWorld {
  world: World;
  kubeConfig: KubeConfig;
  /** The read token and API base, for the history's Cloudflare audit-log reader. */
  cloudflare: { token: string; baseURL?: string };
}

export async function buildLiveWorld(settings: Settings, prepare: (c: Computed) => Promise<void>): Promise<LiveWorld> {
  const kubeConfig = loadKubeConfig({ kubeconfigPath: settings.cluster.kubeconfigPath, context: settings.cluster.context }, settings.cluster.env);
  const cluster = createClusterReader({ kubeConfig, discovery: loadDiscoveryOptionsFromEnv(settings.discoveryEnv) });
  await cluster.start();

  const token = settings.cloudflare?.token;
  const baseURL = settings.cloudflare?.baseURL;
  if (!token) throw new Error("CF_API_TOKEN (or CF_API_TOKEN_FILE) is not set: dnsdrift needs a Cloudflare token with Zone:Read and DNS:Read");
  // Zones are chosen by the union of every discovered instance's domain filter, evaluated at
  // load time because instances come and go with their Deployments.
  const zoneFilter = (zone: string) =>
    cluster.snapshot().instances.some((i) => makeDomainFilter(i.config).match(zone));
  const timeoutMs = settings.cloudflare?.timeoutMs;
  // Every call to Cloudflare, reads and writes, goes through the budget's fetch.
  const budget = new CloudflareBudget(settings.cloudflareBudget);
  const cloudflare = createCloudflareReader({ token, baseURL, zoneFilter, timeoutMs, fetch: budget.fetch() });
  const world = new World({ cluster, cloudflare, maxAgeMs: settings.refreshSeconds * 1000, minForceMs: settings.forceRefreshSeconds * 1000, budget, prepare });
  // Cloudflare's edge ranges decide the proxied verdicts of public DNS: refresh the embedded list
  // from the API in the background (it needs no token); on failure the embedded list stays.
  // The demo's emulator serves /ips too, so the demo takes the same path.
  void refreshEdgeRanges(fetch, { baseUrl: baseURL }).catch((e) =>
    console.warn(`dnsdrift: keeping the embedded Cloudflare edge ranges: ${(e as Error).message}`),
  );
  return { world, kubeConfig, cloudflare: { token, baseURL } };
}
