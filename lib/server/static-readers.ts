// Readers over data that does not change by itself: snapshot mode (files) and tests. They
// speak the same ports as the live readers, so the rest of the server cannot tell them apart.

import type { ClusterObjects, CloudflareZone } from "../externaldns/types";
import type { CloudflareLoad, CloudflareReader, ClusterReader, ClusterSnapshot, ExternalDnsInstance, SourceHealth } from "./ports";

export function staticClusterReader(
  objects: ClusterObjects,
  instances: ExternalDnsInstance[],
  loadedAt = new Date(),
): ClusterReader {
  const health: SourceHealth = {
    id: "cluster",
    kind: "cluster",
    label: "Cluster snapshot (files)",
    status: "ok",
    fetchedAt: loadedAt.toISOString(),
  };
  const snapshot: ClusterSnapshot = { objects, instances, health: [health], complete: true };
  return {
    start: async () => {},
    snapshot: () => snapshot,
    onChange: () => () => {},
    stop: async () => {},
  };
}

export function staticCloudflareReader(zones: CloudflareZone[], loadedAt = new Date()): CloudflareReader {
  const at = loadedAt.toISOString();
  const load: CloudflareLoad = {
    zones: zones.map((z) => ({
      id: z.id,
      name: z.name,
      records: z.records,
      health: { id: `zone/${z.name}`, kind: "zone", label: `Zone ${z.name} (file)`, status: "ok", fetchedAt: at },
    })),
    health: { id: "cloudflare", kind: "cloudflare", label: "Cloudflare records (file)", status: "ok", fetchedAt: at },
    calls: 0,
  };
  return { load: async () => load };
}
