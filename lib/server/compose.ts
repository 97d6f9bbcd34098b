// The composition root: builds the one Runtime of a server process from its settings — the
// world (live: informers and the Cloudflare SDK; snapshot: files), the drift history, and the
// runtime's own stores (views, DoH results, metrics, audit handles, logged-out sessions).

import { loadRecordsFile } from "../cloudflare/records-file";
import { createSnapshotClusterReader } from "../kube/snapshot-reader";
import { loadDiscoveryOptionsFromEnv } from "../kube/discovery";
import { AuditStores } from "./audit/open";
import { SessionRevocations } from "./auth/revocations";
import { DohService } from "./doh";
import { setupHistory } from "./history/setup";
import { buildLiveWorld } from "./live";
import { createMetrics } from "./metrics";
import { prebuildAnswers } from "./prebuild";
import { installRedaction, redactConsole } from "./redact";
import type { Runtime } from "./runtime";
import { auditDbFromEnv, type Settings } from "./settings";
import { staticCloudflareReader } from "./static-readers";
import { ViewCache } from "./views";
import { World } from "./world";

export async function createRuntime(settings: Settings): Promise<Runtime> {
  installRedaction(settings);
  redactConsole();
  const views = new ViewCache();
  // Before a computation is published: its views, then the answers every dashboard asks for
  // first (the runtime exists by the time a computation finishes; the first one is awaited by
  // the first request, after createRuntime has returned).
  let runtime: Runtime | undefined;
  const prepare = async (c: Parameters<ViewCache["prepare"]>[0]) => {
    await views.prepare(c);
    if (runtime) await prebuildAnswers(runtime, c);
  };
  const parts = { views, doh: new DohService(), metrics: createMetrics(), audit: new AuditStores(auditDbFromEnv()), revocations: new SessionRevocations() };
  if (settings.mode !== "snapshot" || !settings.snapshot) {
    const live = await buildLiveWorld(settings, prepare);
    const history = setupHistory({ settings, world: live.world, kubeConfig: live.kubeConfig, cloudflare: live.cloudflare, ...parts });
    runtime = { settings, world: live.world, startedAt: new Date(), ready: false, history, ...parts };
    return runtime;
  }
  const { manifests, records } = settings.snapshot;
  // The configuration comes from DNSDRIFT_EXTERNALDNS_CONFIG, or from the external-dns
  // Deployment among the manifests, exactly as discovery reads it in a live cluster.
  const cluster = createSnapshotClusterReader({ paths: manifests, discovery: loadDiscoveryOptionsFromEnv(settings.discoveryEnv) });
  const world = new World({
    cluster,
    cloudflare: staticCloudflareReader(loadRecordsFile(records)),
    maxAgeMs: settings.refreshSeconds * 1000,
    minForceMs: settings.forceRefreshSeconds * 1000,
    prepare,
  });
  runtime = { settings, world, startedAt: new Date(), ready: true, history: setupHistory({ settings, world, ...parts }), ...parts };
  return runtime;
}
