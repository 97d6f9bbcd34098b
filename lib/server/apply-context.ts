// What an apply needs besides the world: the audit store, this replica's identity, the zone
// locks (in-process always; Kubernetes Leases across replicas in live mode) and the Event
// recorder. Built once per runtime from the environment, on the first apply; tests put their own in.

import fs from "node:fs";
import os from "node:os";
import { randomBytes } from "node:crypto";
import { CoordinationV1Api, type KubeConfig } from "@kubernetes/client-node";
import { loadKubeConfig } from "../kube/kubeconfig";
import type { AuditStore } from "./audit/store";
import { kubeApplyEvents, type ApplyEvents } from "./events";
import { LeaseUnavailableError, ZoneLeases } from "./lease";
import { clusterSettingsFromEnv, type Settings } from "./settings";

export interface ApplyContext {
  audit: AuditStore;
  /** This replica: pod name (or hostname) plus a random suffix. */
  replica: string;
  /** Zones being applied by this replica right now. */
  busyZones: Set<string>;
  /** Cross-replica zone locks; absent in snapshot mode, where the in-process lock is all there is. */
  leases?: ZoneLeases;
  /** Absent in snapshot mode (no cluster to write to). */
  events?: ApplyEvents;
  log: (line: string) => void;
}

type Env = Record<string, string | undefined>;

const SA_NAMESPACE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

export function replicaIdentity(env: Env = clusterSettingsFromEnv().env): string {
  return `${env.POD_NAME?.trim() || os.hostname()}-${randomBytes(3).toString("hex")}`;
}

/** DNSDRIFT_LEASE_NAMESPACE, else the pod's namespace, else the kubeconfig context's, else "default". */
export function leaseNamespace(env: Env, kc?: KubeConfig, saNamespaceFile = SA_NAMESPACE): string {
  const explicit = env.DNSDRIFT_LEASE_NAMESPACE?.trim() || env.POD_NAMESPACE?.trim();
  if (explicit) return explicit;
  try {
    const fromPod = fs.readFileSync(/*turbopackIgnore: true*/ saNamespaceFile, "utf8").trim();
    if (fromPod) return fromPod;
  } catch {
    // not running in a pod
  }
  const current = kc?.getContextObject(kc.getCurrentContext());
  return current?.namespace || "default";
}

export interface ContextOptions {
  mode: Settings["mode"];
  env?: Env;
  audit: AuditStore;
  kubeConfig?: KubeConfig;
  replica?: string;
  leaseSeconds?: number;
  renewEveryMs?: number;
  log?: (line: string) => void;
}

export function buildApplyContext(opts: ContextOptions): ApplyContext {
  const env = opts.env ?? clusterSettingsFromEnv().env;
  const log = opts.log ?? ((line: string) => console.warn(line));
  const replica = opts.replica ?? replicaIdentity(env);
  const audit = opts.audit;
  const ctx: ApplyContext = { audit, replica, busyZones: new Set(), log };
  if (opts.mode === "snapshot") return ctx;
  // The same credentials the live cluster reader uses.
  let kc: KubeConfig;
  try {
    kc = opts.kubeConfig ?? loadKubeConfig({}, env);
  } catch (e) {
    throw new LeaseUnavailableError(`no Kubernetes credentials for the zone Leases: ${e instanceof Error ? e.message : String(e)}`);
  }
  ctx.leases = new ZoneLeases({
    api: kc.makeApiClient(CoordinationV1Api),
    namespace: leaseNamespace(env, kc),
    holder: replica,
    durationSeconds: opts.leaseSeconds,
    renewEveryMs: opts.renewEveryMs,
    log,
  });
  ctx.events = kubeApplyEvents(kc, { replica, log });
  return ctx;
}
