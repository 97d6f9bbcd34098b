// Snapshot mode: a ClusterReader over manifest files (kubectl get -o yaml output or plain
// manifests). The external-dns instances come from a configured file (static discovery) or
// from the external-dns Deployments found among the files, read the same way as in a cluster.

import type { ClusterReader, ClusterSnapshot, ExternalDnsInstance, SourceHealth } from "../server/ports";
import { parseSelector } from "../externaldns/label-selector";
import { instanceFromDeployment, noDeploymentMessage, selectorOf, staticInstances, type DeploymentLike, type DiscoveryOptions } from "./discovery";
import { loadManifests } from "./snapshot";

export interface SnapshotReaderOptions {
  /** Files or directories of manifests. */
  paths: string[];
  /** Default: discover from Deployments in the files. */
  discovery?: DiscoveryOptions;
  now?: () => Date;
}

/** Loads the files now (InputError on malformed input); the snapshot never changes afterwards. */
export function createSnapshotClusterReader(opts: SnapshotReaderOptions): ClusterReader {
  const discovery = opts.discovery ?? { mode: "discover" };
  const at = (opts.now ?? (() => new Date()))().toISOString();
  const { objects, deployments } = loadManifests(opts.paths);

  let instances: ExternalDnsInstance[];
  const health: SourceHealth[] = [{ id: "cluster", kind: "cluster", label: `Cluster snapshot (${opts.paths.join(", ")})`, status: "ok", fetchedAt: at }];
  if (discovery.mode === "static") {
    instances = staticInstances(discovery);
  } else {
    const selector = parseSelector(selectorOf(discovery));
    const candidates = deployments.filter(
      (d) => selector.matches(d.metadata.labels) && (!discovery.namespace || (d.metadata.namespace ?? "default") === discovery.namespace),
    );
    instances = candidates
      .map((d) => instanceFromDeployment(d as DeploymentLike, discovery.overrides))
      .filter((i): i is ExternalDnsInstance => i !== undefined)
      .map((i) => ({ ...i, origin: "snapshot" as const }));
    const deploymentsHealth: SourceHealth = {
      id: "cluster/deployments",
      kind: "cluster-kind",
      label: `external-dns Deployments in the snapshot (${selectorOf(discovery)})`,
      status: instances.length > 0 ? "ok" : "missing",
      fetchedAt: at,
    };
    if (instances.length === 0) deploymentsHealth.error = { code: "not-found", message: noDeploymentMessage(discovery, candidates.length), at };
    health.push(deploymentsHealth);
  }

  const snapshot: ClusterSnapshot = { objects, instances, health, complete: true };
  return {
    start: async () => {},
    snapshot: () => snapshot,
    onChange: () => () => {},
    stop: async () => {},
  };
}
