// Wires the drift history into a running server: the SQLite store, the recorder on every
// refresh of the world, attribution sources (Kubernetes Events and managedFields, Cloudflare's
// audit log, dnsdrift's own audit trail), the webhook and the drift-age metrics.

import { CoreV1Api, type CoreV1Event, type KubeConfig } from "@kubernetes/client-node";
import { createAuditLogReader, type AuditLogReader } from "../../cloudflare/audit-logs";
import type { KubeObject } from "../../externaldns/types";
import type { AuditStores } from "../audit/open";
import type { DohService } from "../doh";
import { setDriftAges, type Metrics } from "../metrics";
import type { Settings } from "../settings";
import { quietLoop } from "../quiet-loop";
import type { ViewCache } from "../views";
import type { Computed, World } from "../world";
import type { KubeEventView, OwnApply } from "./attribute";
import { HistoryRecorder } from "./recorder";
import { HistoryStore, type HistoryEntry } from "./store";
import { createWebhookNotifier, type WebhookNotifier } from "./webhook";

export interface HistoryRuntime {
  store: HistoryStore;
  recorder: HistoryRecorder;
  webhook?: WebhookNotifier;
}

export interface HistorySetup {
  settings: Settings;
  world: World;
  kubeConfig?: KubeConfig;
  /** The Cloudflare read token and API base, for the account audit log. */
  cloudflare?: { token: string; baseURL?: string };
  /** Overrides the audit log reader (tests). */
  auditLogs?: AuditLogReader;
  /** The runtime's parts the history reads from and reports to. */
  audit: AuditStores;
  /** The page views: the history reuses their record rows instead of deriving them again. */
  views?: ViewCache;
  doh: DohService;
  metrics: Metrics;
}

function eventTime(e: CoreV1Event): string | undefined {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? new Date(t as unknown as string).toISOString() : undefined;
}

function kubeEvents(kc: KubeConfig): (obj: KubeObject) => Promise<KubeEventView[]> {
  const api = kc.makeApiClient(CoreV1Api);
  return async (obj) => {
    const list = await api.listNamespacedEvent({
      namespace: obj.metadata.namespace ?? "default",
      fieldSelector: `involvedObject.name=${obj.metadata.name},involvedObject.kind=${obj.kind ?? ""}`,
    });
    return list.items
      .map((e) => ({ type: e.type ?? "Normal", reason: e.reason ?? "", message: e.message ?? "", at: eventTime(e) }))
      .sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""));
  };
}

/** dnsdrift's own apply of this name and type, finished after `since`. */
function ownApply(audit: AuditStores, name: string, type: string, since: string): OwnApply | undefined {
  let entries;
  try {
    entries = audit.open().list({ limit: 50 }).entries;
  } catch {
    // An unreadable audit trail only means the change is not recognised as dnsdrift's own.
    return undefined;
  }
  for (const e of entries) {
    if (!e.finishedAt || e.finishedAt < since) continue;
    if (e.changes.some((c) => c.name === name && c.type === type && c.status === "applied")) {
      return { id: e.id, actor: e.actor.email ?? e.actor.name, finishedAt: e.finishedAt };
    }
  }
  return undefined;
}

const UNHEALTHY = new Set(["missing", "drifted", "blocked"]);

/** Per instance and state, how long the longest-standing hostname has been in it. */
function driftAges(c: Computed, store: HistoryStore, now: number): { instance: string; state: string; seconds: number }[] {
  const out: { instance: string; state: string; seconds: number }[] = [];
  for (const { instance } of c.instances) {
    const latest = store.currentStates(instance.id);
    const oldest = new Map<string, string>();
    for (const e of latest) {
      const state = e.to.split(" (")[0];
      if (!UNHEALTHY.has(state)) continue;
      const prev = oldest.get(state);
      if (!prev || e.at < prev) oldest.set(state, e.at);
    }
    for (const state of UNHEALTHY) {
      const at = oldest.get(state);
      out.push({ instance: instance.id, state, seconds: at ? Math.max(0, (now - Date.parse(at)) / 1000) : 0 });
    }
  }
  return out;
}

/** The history, or undefined when its database cannot be opened: the dashboard runs on without it. */
export function setupHistory(s: HistorySetup): HistoryRuntime | undefined {
  const h = s.settings.history;
  let store: HistoryStore;
  try {
    store = HistoryStore.open(h.db, { days: h.retentionDays, rows: h.maxRows });
  } catch (e) {
    console.error(`dnsdrift: the drift history is off: cannot open ${h.db}: ${(e as Error).message}`);
    return undefined;
  }
  const secrets = [s.cloudflare?.token, s.settings.cloudflare?.writeToken].filter((x): x is string => Boolean(x));
  const webhook = h.webhookUrl ? createWebhookNotifier({ url: h.webhookUrl, secrets, dashboardUrl: h.publicUrl }) : undefined;
  const auditLogs =
    s.auditLogs ?? (s.cloudflare?.token && h.cloudflareAuditLogs ? createAuditLogReader({ token: s.cloudflare.token, baseURL: s.cloudflare.baseURL, fetch: s.world.budget.fetch() }) : undefined);
  const events = s.kubeConfig ? kubeEvents(s.kubeConfig) : undefined;

  const recorder = new HistoryRecorder({
    store,
    rows: s.views ? (c, instance) => s.views!.of(c).instances.find((iv) => iv.id === instance)?.state.records : undefined,
    // A resolver that failed to answer says nothing about the name; it is not a change of verdict.
    doh: (instance, host) => {
      const verdict = s.doh.lastLookup(instance, host)?.verdict;
      return verdict === "resolver-failure" ? undefined : verdict;
    },
    sources: (c) => {
      const zoneIds = new Map(c.instances.flatMap(({ result }) => result.zones.map((z) => [z.name, z.id] as const)));
      return {
        events,
        ownApply: (name: string, type: string, since: string) => ownApply(s.audit, name, type, since),
        ...(auditLogs
          ? { recordActor: (zone: string, ids: string[]) => auditLogs.lastChange({ id: zoneIds.get(zone) ?? "", name: zone }, ids) }
          : { recordActorUnavailable: h.cloudflareAuditLogs ? "actor unknown: no Cloudflare API token" : "actor unknown: audit log reading is off" }),
      };
    },
    onEntries: (entries: HistoryEntry[]) => webhook?.notify(entries),
    // A new computation brings every client's next round of 200s (new ETags on every answer);
    // the history's seconds of work and its SQLite write wait until those are answered: the loop
    // quiet for a second (twenty 50 ms ticks on time), at most 10 s. The entries carry the
    // computation's time, not the time they are written.
    settle: () => quietLoop({ quietTicks: 20 }),
    // Each step of the pass (tens of milliseconds) then waits for a moment the loop is idle, so
    // a request never waits behind more than one of them, even while the pass runs.
    pause: () => quietLoop({ tickMs: 5, maxLagMs: 5, quietTicks: 1, maxWaitMs: 1000 }),
  });
  s.world.onComputed((c) => {
    void recorder.observe(c).then(() => setDriftAges(s.metrics, driftAges(c, store, Date.now())));
  });
  return { store, recorder, webhook };
}
