// Who caused each transition: an object field is matched to the managedFields entry that owns
// it (manager, operation, time) and shown with the object's recent Kubernetes Events; a
// Cloudflare record change is dnsdrift's own apply when its audit trail says so, and otherwise
// whoever Cloudflare's account audit log names. Every lookup is best effort: a failure leaves
// the cause unattributed and says why, it never drops the transition.

import type { RecordActor } from "../../cloudflare/audit-logs";
import type { HistoryCause, Transition } from "../../drift/history/diff";
import type { KubeObject } from "../../externaldns/types";
import { fieldOwner } from "../../kube/field-owner";

export interface KubeEventView {
  type: string;
  reason: string;
  message: string;
  at?: string;
}

export interface OwnApply {
  id: number;
  actor: string;
  finishedAt: string;
}

export interface AttributionSources {
  /** The object behind a "kind/namespace/name" resource, as last read. */
  object(resource: string): KubeObject | undefined;
  /** Recent Events about an object (best effort). */
  events?(obj: KubeObject): Promise<KubeEventView[]>;
  /** The newest audit log entry for these records. */
  recordActor?(zone: string, recordIds: string[]): Promise<RecordActor>;
  /** Why record actors are unknown when there is no audit log reader (e.g. disabled). */
  recordActorUnavailable?: string;
  /** dnsdrift's own apply that wrote this name and type after `since`, if any. */
  ownApply?(name: string, type: string, since: string): OwnApply | undefined;
}

const MAX_EVENTS = 5;

async function kubeCause(cause: HistoryCause, src: AttributionSources, events: Map<string, Promise<KubeEventView[]>>): Promise<void> {
  const obj = src.object(cause.resource);
  if (!obj) return;
  const owner = fieldOwner(obj.metadata.managedFields, cause.field ?? ["spec"]);
  if (owner) {
    cause.manager = owner.manager;
    cause.via = `${owner.operation}${owner.subresource ? ` (${owner.subresource})` : ""}${owner.inferred ? ", inferred from the parent field" : ""}`;
    if (owner.time) cause.changedAt = owner.time;
  }
  if (src.events) {
    let pending = events.get(cause.resource);
    if (!pending) {
      pending = src.events(obj).catch(() => []);
      events.set(cause.resource, pending);
    }
    const list = (await pending).slice(0, MAX_EVENTS);
    if (list.length) cause.events = list;
  }
}

async function recordCauseActor(t: Transition, cause: HistoryCause, src: AttributionSources, since: string | undefined): Promise<void> {
  if (t.type && since) {
    const own = src.ownApply?.(t.hostname, t.type, since);
    if (own) {
      cause.actor = own.actor;
      cause.via = `dnsdrift apply #${own.id}`;
      cause.changedAt = own.finishedAt;
      return;
    }
  }
  const records = cause.records ?? [];
  if (!records.length) return;
  if (!src.recordActor) {
    cause.actor = src.recordActorUnavailable ?? "actor unknown";
    return;
  }
  const found = await src.recordActor(records[0].zone, records.map((r) => r.id)).catch(
    (e: Error): RecordActor => ({ unknown: `actor unknown: ${e.name}` }),
  );
  if (found.unknown) {
    cause.actor = found.unknown;
    return;
  }
  cause.actor = found.actor;
  if (found.via) cause.via = found.via;
  if (found.changedAt) cause.changedAt = found.changedAt;
}

const OBJECT_CODES = new Set(["object-changed", "object-created"]);
const RECORD_CODES = new Set(["record-changed", "record-created", "record-seen", "record-deleted"]);

/** Fills manager/actor/via/changedAt/events on the transitions' causes, in place. */
export async function attribute(transitions: Transition[], src: AttributionSources, since?: string): Promise<void> {
  const events = new Map<string, Promise<KubeEventView[]>>();
  const work: Promise<void>[] = [];
  for (const t of transitions) {
    for (const cause of t.causes) {
      // One failed lookup leaves its cause unattributed; it never loses the batch.
      if (OBJECT_CODES.has(cause.code)) work.push(kubeCause(cause, src, events).catch(() => undefined));
      else if (RECORD_CODES.has(cause.code)) work.push(recordCauseActor(t, cause, src, since).catch(() => undefined));
    }
  }
  await Promise.all(work);
}
