// Applying a plan's record-level changes to Cloudflare: per zone, deletes → updates (PUT, a full
// overwrite like external-dns) → creates, sent through the batch endpoint in chunks of at most
// 200 operations. A record and the ownership TXTs that claim its name always share a chunk, and
// a batch is one transaction, so they land or fail together. When Cloudflare rejects a batch,
// its changes are replayed call by call, record first: a TXT is created only once its record
// exists, deleted only once its record is gone, and a record whose TXT could not be created is
// deleted again, so no claim is left without its record and no record we made without its
// claim. Every change gets exactly one result (updated when a later step changes its outcome).

import type Cloudflare from "cloudflare";
import type { ApplyChangeResult } from "../api/types";
import type { RecordChange } from "../externaldns/types";
import { classifyCloudflareError } from "./api-errors";
import type { ClassifiedError } from "./api-errors";
import { createCloudflareClient, defaultLogSink } from "./client";
import type { LogSink } from "./client";
import { packUnits, sizeOf, unitsOf, type Unit } from "./apply-units";

export interface ApplyOptions {
  /** A token with DNS:Edit on the zones; kept apart from the dashboard's read token. */
  token: string;
  baseURL?: string;
  changes: RecordChange[];
  /** The plan index of each change (results carry it); positions in `changes` when absent. */
  indexes?: number[];
  onProgress?: (result: ApplyChangeResult) => void;
  /** Operations per batch request, 1..200 (200: the Free-plan limit, and external-dns's minimum). */
  batchSize?: number;
  timeoutMs?: number;
  log?: LogSink;
  fetch?: typeof fetch;
}

export const MAX_BATCH_OPS = 200;
const DEFAULT_TIMEOUT_MS = 30_000;

/** The MX priority rides along on the plan's changes (CloudflareRecordChange). */
type Change = RecordChange & { priority?: number };

interface Op {
  pos: number;
  change: Change;
}

type RecordBody = Record<string, unknown>;

/**
 * The record as external-dns writes it. Content goes verbatim: an ownership TXT keeps its
 * quotes. TTL 1 is "automatic"; TXT is never proxied.
 */
export function recordBody(c: Change): RecordBody {
  const body: RecordBody = {
    type: c.type,
    name: c.name,
    content: c.content,
    ttl: c.ttl ?? 1,
    proxied: c.type === "TXT" ? false : (c.proxied ?? false),
  };
  if (c.priority !== undefined) body.priority = c.priority;
  if (c.comment) body.comment = c.comment;
  if (c.tags && c.tags.length > 0) body.tags = [...c.tags];
  return body;
}

/** Answers to a single call that mean the change is already in effect. */
function alreadyDone(action: Change["action"], c: ClassifiedError): string | undefined {
  const codes = c.cloudflareErrors.map((e) => e.code);
  if (action === "delete" && codes.includes(81044)) return "the record was already gone";
  if (action === "create" && (codes.includes(81057) || codes.includes(81058))) return "an identical record already exists";
  return undefined;
}

export async function applyRecordChanges(opts: ApplyOptions): Promise<ApplyChangeResult[]> {
  const secrets = [opts.token];
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = opts.log ?? defaultLogSink;
  const batchSize = Math.max(1, Math.min(MAX_BATCH_OPS, Math.floor(opts.batchSize ?? MAX_BATCH_OPS)));
  const client: Cloudflare = createCloudflareClient({ token: opts.token, baseURL: opts.baseURL, timeoutMs, log, fetch: opts.fetch });
  const results = new Array<ApplyChangeResult | undefined>(opts.changes.length);
  /** Set by a 429: Cloudflare's limit is per user, so nothing else is attempted. */
  let rateLimited: ClassifiedError | undefined;

  const report = (op: Op, status: ApplyChangeResult["status"], message: string, error?: ClassifiedError) => {
    const c = op.change;
    const r: ApplyChangeResult = { index: opts.indexes?.[op.pos] ?? op.pos, action: c.action, name: c.name, type: c.type, content: c.content, status, message };
    if (error && error.cloudflareErrors.length > 0) r.cloudflareErrors = error.cloudflareErrors;
    results[op.pos] = r;
    if (status === "failed") log("warn", `cloudflare apply: ${message}`);
    opts.onProgress?.(r);
  };
  const classify = (e: unknown, what: string) => classifyCloudflareError(e, { what, now: new Date(), secrets, timeoutMs });
  const label = (c: Change) => `${c.action} ${c.type} ${c.name} "${c.content}"`;

  // Group by zone in order of first appearance; changes that cannot be sent are skipped here.
  const byZone = new Map<string, Op[]>();
  opts.changes.forEach((change, pos) => {
    const op = { pos, change };
    if (!change.zoneId) return report(op, "skipped", `${label(change)}: the plan has no zone id for it`);
    if (change.action !== "create" && !change.recordId) return report(op, "skipped", `${label(change)}: the plan has no record id for it`);
    const list = byZone.get(change.zoneId) ?? [];
    list.push(op);
    byZone.set(change.zoneId, list);
  });

  /** One call; `landed` when the change is in effect afterwards (applied, or already so). */
  async function single(zoneId: string, op: Op): Promise<{ landed: boolean; createdId?: string; error?: ClassifiedError }> {
    const c = op.change;
    try {
      if (c.action === "delete") {
        await client.dns.records.delete(c.recordId as string, { zone_id: zoneId });
        report(op, "applied", `deleted ${c.type} ${c.name} (record ${c.recordId})`);
        return { landed: true };
      } else if (c.action === "update") {
        const params = { zone_id: zoneId, ...recordBody(c) } as unknown as Parameters<Cloudflare["dns"]["records"]["update"]>[1];
        await client.dns.records.update(c.recordId as string, params);
        report(op, "applied", `updated ${c.type} ${c.name} (record ${c.recordId})`);
        return { landed: true };
      }
      const params = { zone_id: zoneId, ...recordBody(c) } as unknown as Parameters<Cloudflare["dns"]["records"]["create"]>[0];
      const created = await client.dns.records.create(params);
      report(op, "applied", `created ${c.type} ${c.name} (record ${created?.id ?? "?"})`);
      return { landed: true, createdId: created?.id };
    } catch (e) {
      const err = classify(e, label(c));
      if (err.code === "rate-limited") rateLimited = err;
      const done = alreadyDone(c.action, err);
      if (done) report(op, "skipped", `${label(c)}: nothing to do, ${done}`, err);
      else report(op, "failed", err.message, err);
      return { landed: Boolean(done), error: err };
    }
  }

  const notAttempted = (op: Op) => report(op, "skipped", `${label(op.change)}: not attempted, ${(rateLimited as ClassifiedError).message}`);

  /**
   * Replays one unit call by call: its records first, then its TXTs only if the records are in
   * a state the claim matches (created or updated: at least one landed; deleted: all gone).
   */
  async function settleUnit(zoneId: string, unit: Unit<Change>): Promise<void> {
    const outcomes: { op: Op; landed: boolean; createdId?: string }[] = [];
    for (const op of unit.data) {
      if (rateLimited) {
        notAttempted(op);
        outcomes.push({ op, landed: false });
        continue;
      }
      outcomes.push({ op, ...(await single(zoneId, op)) });
    }
    const landed = outcomes.filter((o) => o.landed).length;
    const claimFits = unit.data.length === 0 || (unit.action === "delete" ? landed === unit.data.length : landed > 0);
    if (!claimFits) {
      const why =
        unit.action === "delete"
          ? `kept: the record at ${unit.name} it claims was not deleted, so it stays owned`
          : `not sent: the record at ${unit.name} it would claim was not ${unit.action === "create" ? "created" : "updated"}`;
      for (const op of unit.txt) report(op, "skipped", `${label(op.change)}: ${why}`);
      return;
    }
    for (const op of unit.txt) {
      if (rateLimited) {
        notAttempted(op);
        continue;
      }
      const txt = await single(zoneId, op);
      if (!txt.landed && unit.action === "create") await undoCreates(zoneId, outcomes, txt.error);
    }
  }

  /** A record this apply created but could not claim is deleted again: as it was before, both absent. */
  async function undoCreates(zoneId: string, outcomes: { op: Op; createdId?: string }[], why: ClassifiedError | undefined) {
    for (const { op, createdId } of outcomes) {
      if (!createdId) continue;
      const c = op.change;
      const reason = `its ownership TXT could not be created (${why?.message ?? "not attempted"})`;
      try {
        if (rateLimited) throw rateLimited;
        await client.dns.records.delete(createdId, { zone_id: zoneId });
        report(op, "failed", `${label(c)}: created as record ${createdId}, then deleted again because ${reason}`, why);
      } catch (e) {
        const err = e === rateLimited ? (rateLimited as ClassifiedError) : classify(e, `deleting record ${createdId} again`);
        report(op, "applied", `created ${c.type} ${c.name} (record ${createdId}), but ${reason} and deleting it again failed (${err.message}): the record is at Cloudflare without its ownership TXT`, err);
      }
    }
  }

  /** Sends one chunk of whole units; returns the error when the token may not write to this zone. */
  async function batch(zoneId: string, units: Unit<Change>[]): Promise<ClassifiedError | undefined> {
    const chunk = units.flatMap((u) => [...u.data, ...u.txt]);
    const pick = (action: Change["action"]) => chunk.filter((o) => o.change.action === action);
    const params = {
      zone_id: zoneId,
      deletes: pick("delete").map((o) => ({ id: o.change.recordId as string })),
      puts: pick("update").map((o) => ({ id: o.change.recordId, ...recordBody(o.change) })),
      posts: pick("create").map((o) => recordBody(o.change)),
    } as unknown as Parameters<Cloudflare["dns"]["records"]["batch"]>[0];
    let res: Awaited<ReturnType<Cloudflare["dns"]["records"]["batch"]>> | undefined;
    try {
      res = await client.dns.records.batch(params);
    } catch (e) {
      const err = classify(e, `zone ${chunk[0].change.zone}: batch of ${chunk.length} changes`);
      if (err.code === "rate-limited") {
        rateLimited = err;
        for (const op of chunk) report(op, "failed", `${label(op.change)}: ${err.message}`, err);
        return undefined;
      }
      if (err.code === "unauthorized" || err.code === "forbidden") {
        for (const op of chunk) report(op, "failed", `${label(op.change)}: ${err.message}`, err);
        return err;
      }
      log("info", `cloudflare apply: ${err.message}; retrying its changes one by one`);
      for (const unit of units) await settleUnit(zoneId, unit);
      return undefined;
    }
    const posts = Array.isArray(res?.posts) ? res.posts : [];
    const created = new Map(pick("create").map((op, i) => [op, posts[i]?.id]));
    for (const op of chunk) {
      const c = op.change;
      const id = c.action === "create" ? created.get(op) : c.recordId;
      const verb = { delete: "deleted", update: "updated", create: "created" }[c.action];
      report(op, "applied", `${verb} ${c.type} ${c.name} (record ${id ?? "?"}, in a batch of ${chunk.length})`);
    }
    return undefined;
  }

  for (const [zoneId, ops] of byZone) {
    let denied: ClassifiedError | undefined;
    for (const units of packUnits(unitsOf(ops), batchSize)) {
      if (rateLimited || denied) {
        const why = (rateLimited ?? denied) as ClassifiedError;
        // The token's permissions will not change mid-apply: later chunks of a denied zone fail alike.
        for (const op of units.flatMap((u) => [...u.data, ...u.txt])) {
          if (denied) report(op, "failed", `${label(op.change)}: ${why.message}`, why);
          else report(op, "skipped", `${label(op.change)}: not attempted, ${why.message}`);
        }
        continue;
      }
      if (units.length === 1 && sizeOf(units[0]) > batchSize) await settleUnit(zoneId, units[0]);
      else denied = await batch(zoneId, units);
    }
  }
  return results.filter((r): r is ApplyChangeResult => r !== undefined).sort((a, b) => a.index - b.index);
}
