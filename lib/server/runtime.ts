// The process-wide server: built once from the environment on first use, and kept on
// globalThis so Next's module reloading in development does not start a second set of
// informers.

import { loadRecordsFile } from "../cloudflare/records-file";
import { createSnapshotClusterReader } from "../kube/snapshot-reader";
import { loadDiscoveryOptionsFromEnv } from "../kube/discovery";
import { installRedaction, redactConsole } from "./redact";
import { settingsFromEnv, type Settings } from "./settings";
import { staticCloudflareReader } from "./static-readers";
import { World } from "./world";
import { prepareViews } from "./views";
import type { HistoryRuntime } from "./history/setup";

export interface Runtime {
  settings: Settings;
  world: World;
  startedAt: Date;
  /** Set once the first full computation has finished. */
  ready: boolean;
  /** The drift history (absent only where a test builds a Runtime by hand). */
  history?: HistoryRuntime;
}

const KEY = Symbol.for("dnsdrift.runtime");
type Holder = { [KEY]?: Promise<Runtime> };

async function build(): Promise<Runtime> {
  const settings = settingsFromEnv();
  installRedaction(settings);
  redactConsole();
  if (settings.mode !== "snapshot" || !settings.snapshot) {
    const { buildLiveWorld } = await import("./live");
    return buildLiveWorld(settings);
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
    prepare: prepareViews,
  });
  const { setupHistory } = await import("./history/setup");
  return { settings, world, startedAt: new Date(), ready: true, history: setupHistory({ settings, world }) };
}

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    holder[KEY] = build().catch((e) => {
      delete holder[KEY];
      throw e;
    });
  }
  return holder[KEY]!;
}
