// Kubernetes Events for applied DNS changes, on the object that caused each change, so
// `kubectl describe httproute app` tells who changed its DNS and what Cloudflare said. One Event
// per object and outcome (DNSApplied / DNSApplyFailed). Best effort by design: an Event that
// cannot be written is logged and never fails or slows the apply beyond a short timeout.

import { AppsV1Api, CoreV1Api, type CoreV1Event, type KubeConfig } from "@kubernetes/client-node";
import { randomBytes } from "node:crypto";
import type { AuditActor } from "../api/types";
import type { ClusterObjects, Config, RecordChange } from "../externaldns/types";
import { classifyKubeError } from "../kube/errors";
import { deploymentOf, involvedObjectFor, type InvolvedObject } from "./audit/involved-object";
import type { ChangeAnswer } from "./audit/store";
import type { ExternalDnsInstance } from "./ports";
import { normalizeHostname } from "../externaldns/hostname";

export interface ApplyEventsInput {
  auditId?: number;
  actor: AuditActor;
  planHash: string;
  instance: Pick<ExternalDnsInstance, "id" | "origin">;
  objects: ClusterObjects;
  config: Config;
  /** Each change with Cloudflare's answer; no answer = unknown (the apply stopped as a whole). */
  items: { change: RecordChange; answer?: ChangeAnswer }[];
  /** Why the apply stopped as a whole, when it did. */
  error?: string;
}

export type ApplyEvents = (input: ApplyEventsInput) => Promise<{ created: number; failed: number; unplaced: number }>;

export interface PlannedEvent {
  involved: InvolvedObject;
  reason: "DNSApplied" | "DNSApplyFailed";
  type: "Normal" | "Warning";
  message: string;
}

/** The API server keeps messages to about 1 kB. */
export const MAX_MESSAGE = 1024;
const COMPONENT = "dnsdrift";

export function actorLabel(actor: AuditActor): string {
  return actor.email && actor.email !== actor.name ? `${actor.name} <${actor.email}>` : actor.name;
}

/** What an update changes: ` (was "5.6.7.8", proxied false → true)`. */
function wasText(change: RecordChange): string {
  const prev = change.previous;
  if (change.action !== "update" || !prev) return "";
  const parts: string[] = [];
  if (prev.content !== change.content) parts.push(`was "${prev.content}"`);
  if (prev.proxied !== undefined && change.proxied !== undefined && prev.proxied !== change.proxied) parts.push(`proxied ${prev.proxied} → ${change.proxied}`);
  if (prev.ttl !== undefined && change.ttl !== undefined && prev.ttl !== change.ttl) parts.push(`ttl ${prev.ttl} → ${change.ttl}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** `update A www.example.com "1.2.3.4" (was "5.6.7.8"): applied (…)` */
export function changeLine(change: RecordChange, answer: ChangeAnswer | undefined, error?: string): string {
  const what = `${change.action} ${change.type} ${change.name} "${change.content}"${wasText(change)}`;
  if (!answer) return `${what}: unknown${error ? `, the apply stopped: ${error}` : ""}`;
  const codes = answer.cloudflareErrors?.length ? ` [Cloudflare ${answer.cloudflareErrors.map((e) => e.code).join(", ")}]` : "";
  return `${what}: ${answer.status}${answer.message ? ` (${answer.message})` : ""}${codes}`;
}

function truncate(lines: string[], head: string, auditId?: number): string {
  let out = head;
  for (let i = 0; i < lines.length; i++) {
    const next = `${i === 0 ? " " : "; "}${lines[i]}`;
    const rest = lines.length - i;
    const tail = `; … ${rest} more${auditId !== undefined ? `, see audit #${auditId}` : ""}`;
    if (out.length + next.length > MAX_MESSAGE - (rest > 1 ? tail.length : 0)) {
      return (out + tail).slice(0, MAX_MESSAGE);
    }
    out += next;
  }
  return out;
}

const keyOf = (o: InvolvedObject) => `${o.apiVersion}/${o.kind}/${o.namespace}/${o.name}`;

/**
 * The resource behind each change. An ownership TXT carries none of its own: it belongs to the
 * data record it claims (in the same apply), else to the resource its content names.
 */
export function resourcesOf(changes: RecordChange[]): (string | undefined)[] {
  const byName = new Map<string, string>();
  for (const c of changes) if (!c.ownershipOf && c.resource) byName.set(normalizeHostname(c.name), c.resource);
  return changes.map((c) => {
    if (c.resource || !c.ownershipOf) return c.resource;
    return byName.get(normalizeHostname(c.ownershipOf)) ?? /external-dns\/resource=([^,"]+)/.exec(c.content)?.[1];
  });
}

/** Groups the changes by the object they are about, then by whether they applied. */
export function plannedEvents(input: ApplyEventsInput, deployment?: InvolvedObject): { events: PlannedEvent[]; unplaced: number } {
  const groups = new Map<string, { involved: InvolvedObject; applied: string[]; failed: string[] }>();
  let unplaced = 0;
  const resources = resourcesOf(input.items.map((i) => i.change));
  for (const [i, { change, answer }] of input.items.entries()) {
    const involved = involvedObjectFor(resources[i], input.objects, input.config) ?? deployment;
    if (!involved) {
      unplaced++;
      continue;
    }
    const key = keyOf(involved);
    const group = groups.get(key) ?? { involved, applied: [], failed: [] };
    groups.set(key, group);
    (answer?.status === "applied" ? group.applied : group.failed).push(changeLine(change, answer, input.error));
  }
  const audit = input.auditId !== undefined ? `, audit #${input.auditId}` : "";
  const head = `${actorLabel(input.actor)} approved plan ${input.planHash.slice(0, 12)} of ${input.instance.id}${audit}:`;
  const events: PlannedEvent[] = [];
  for (const { involved, applied, failed } of groups.values()) {
    if (applied.length) events.push({ involved, reason: "DNSApplied", type: "Normal", message: truncate(applied, head, input.auditId) });
    if (failed.length) events.push({ involved, reason: "DNSApplyFailed", type: "Warning", message: truncate(failed, head, input.auditId) });
  }
  return { events, unplaced };
}

/** A core/v1 Event as client-go's recorder writes one (name = object name + a unique suffix). */
export function eventBody(p: PlannedEvent, now: Date, replica: string): CoreV1Event {
  const suffix = `${now.getTime().toString(16)}${randomBytes(4).toString("hex")}`;
  const namespace = p.involved.namespace || "default";
  const involvedObject: CoreV1Event["involvedObject"] = {
    apiVersion: p.involved.apiVersion,
    kind: p.involved.kind,
    name: p.involved.name,
    ...(p.involved.namespace ? { namespace: p.involved.namespace } : {}),
    ...(p.involved.uid ? { uid: p.involved.uid } : {}),
  };
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${p.involved.name.slice(0, 253 - suffix.length - 1)}.${suffix}`, namespace },
    involvedObject,
    reason: p.reason,
    message: p.message,
    type: p.type,
    source: { component: COMPONENT },
    reportingComponent: COMPONENT,
    reportingInstance: replica,
    action: "ApplyDNS",
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface KubeEventsOptions {
  /** reportingInstance: this replica's identity. */
  replica: string;
  log?: (line: string) => void;
  timeoutMs?: number;
  now?: () => Date;
}

export function kubeApplyEvents(kc: KubeConfig, opts: KubeEventsOptions): ApplyEvents {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const log = opts.log ?? ((line: string) => console.warn(line));
  const timeoutMs = opts.timeoutMs ?? 5000;
  const now = opts.now ?? (() => new Date());

  /** The Deployment with its uid, so the Event shows in `kubectl describe deployment`. */
  async function deploymentFor(instance: ApplyEventsInput["instance"]): Promise<InvolvedObject | undefined> {
    const dep = deploymentOf(instance);
    if (!dep) return undefined;
    try {
      const obj = await withTimeout(apps.readNamespacedDeployment({ name: dep.name, namespace: dep.namespace }), timeoutMs, "reading the Deployment");
      return obj.metadata?.uid ? { ...dep, uid: obj.metadata.uid } : dep;
    } catch {
      return dep;
    }
  }

  return async (input) => {
    const needsDeployment = resourcesOf(input.items.map((i) => i.change)).some((r) => !involvedObjectFor(r, input.objects, input.config));
    const deployment = needsDeployment ? await deploymentFor(input.instance) : undefined;
    const { events, unplaced } = plannedEvents(input, deployment);
    let created = 0;
    let failed = 0;
    for (const p of events) {
      const body = eventBody(p, now(), opts.replica);
      try {
        await withTimeout(core.createNamespacedEvent({ namespace: body.metadata!.namespace!, body }), timeoutMs, "creating the Event");
        created++;
      } catch (e) {
        failed++;
        const o = p.involved;
        log(`dnsdrift: could not record the ${p.reason} Event on ${o.kind} ${o.namespace}/${o.name}: ${classifyKubeError(e).message}`);
      }
    }
    if (unplaced) log(`dnsdrift: ${unplaced} applied change(s) have no Kubernetes object to record an Event on (instance ${input.instance.id} is not a Deployment)`);
    return { created, failed, unplaced };
  };
}
