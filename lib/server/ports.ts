// The seams between the composition root and the adapters at the edge. The server only ever
// talks to a cluster, Cloudflare or resolvers through these shapes, so tests and demo mode can
// swap a live cluster for a snapshot and Cloudflare for the emulator without touching the core.

import type { ClusterObjects, CloudflareRecord, Config } from "../externaldns/types";
import type { ConfigSource } from "../drift/what-if/config-source";

/** Health of one data source (the cluster, one kind in it, one zone, one resolver). */
export interface SourceHealth {
  /** Stable id: "cluster", "cluster/httproutes", "cloudflare", "zone/example.com", "doh/cloudflare". */
  id: string;
  kind: "cluster" | "cluster-kind" | "cloudflare" | "zone" | "doh";
  /** Human label, e.g. "HTTPRoutes (gateway.networking.k8s.io/v1)". */
  label: string;
  status: "ok" | "stale" | "error" | "missing" | "loading";
  /** ISO time of the last successful load; null if never. */
  fetchedAt: string | null;
  error?: SourceError;
}

export type SourceErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "crd-missing"
  | "rate-limited"
  | "server-error"
  | "timeout"
  | "unreachable"
  | "watch-dropped"
  | "invalid-response"
  | "unknown";

export interface SourceError {
  code: SourceErrorCode;
  message: string;
  /** Seconds the source asked us to wait (Retry-After), when it said so. */
  retryAfter?: number;
  at: string;
}

/** An external-dns instance found in the cluster (or configured), with its config in effect. */
export interface ExternalDnsInstance {
  /** "namespace/deployment" or a configured name. */
  id: string;
  origin: "deployment" | "config-file" | "environment" | "snapshot";
  config: Config;
  image?: string;
  /** What the config was read from, so a what-if can read it again with changes. */
  source?: ConfigSource;
}

export interface ClusterSnapshot {
  objects: ClusterObjects;
  instances: ExternalDnsInstance[];
  health: SourceHealth[];
  /** True when every kind the sources need has loaded at least once and none is in error. */
  complete: boolean;
}

export interface ClusterReader {
  start(): Promise<void>;
  snapshot(): ClusterSnapshot;
  /** Called after any object changes (watch event) so the server can invalidate its cache. */
  onChange(listener: () => void): () => void;
  stop(): Promise<void>;
}

export interface ZoneLoad {
  id: string;
  name: string;
  records: CloudflareRecord[];
  health: SourceHealth;
  /** API calls this load made for the zone (0 when it was served from memory, e.g. during a backoff). */
  calls?: number;
}

export interface CloudflareLoad {
  zones: ZoneLoad[];
  /** Account-level health (token verification, zone listing). */
  health: SourceHealth;
  /** API calls this load made, for metrics and the benchmark. */
  calls: number;
}

export interface CloudflareReader {
  /** Lists zones visible to the token, then every record of each zone (5,000 per page). */
  load(): Promise<CloudflareLoad>;
  /**
   * Lists these zones' records now: never from memory, never shared with a load under way (whose
   * data may predate a change). Zones in a Retry-After wait are not called; they read as errors.
   * Readers of data that cannot change (files) leave it out.
   */
  listZones?(zoneIds: string[]): Promise<ZoneLoad[]>;
}
