// POST /zones/{id}/dns_records/batch: deletes, then patches, then puts, then posts, as one
// transaction (BEHAVIOUR.md §5). The first failure restores the zone
// exactly as it was and is returned as the batch's error.

import { CfError, err } from "./errors";
import { createRecord, deleteRecord, patchRecord, putRecord } from "./records";
import type { WriteContext } from "./records";
import { recordView } from "./store";
import type { StoredRecord } from "./types";

export const BATCH_LIMITS = { free: 200, pro: 3500, business: 3500, enterprise: 3500 } as const;

type Kind = "deletes" | "patches" | "puts" | "posts";
const ORDER: Kind[] = ["deletes", "patches", "puts", "posts"];

export interface BatchHooks {
  /** Called before each operation and after the last with the number applied so far; may throw to fail the batch. */
  checkpoint?: (applied: number) => void;
}

function listOf(body: Record<string, unknown>, kind: Kind): Record<string, unknown>[] {
  const v = body[kind];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "object" || x === null || Array.isArray(x))) {
    throw err.validation(`${kind} must be an array of objects.`);
  }
  return v as Record<string, unknown>[];
}

function withoutId(op: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...op };
  delete rest.id;
  return rest;
}

export function runBatch(ctx: WriteContext, body: unknown, hooks: BatchHooks = {}): Record<Kind, unknown[]> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw err.invalidBody();
  const ops = Object.fromEntries(ORDER.map((k) => [k, listOf(body as Record<string, unknown>, k)])) as Record<Kind, Record<string, unknown>[]>;
  const total = ORDER.reduce((n, k) => n + ops[k].length, 0);
  const limit = BATCH_LIMITS[ctx.zone.plan];
  if (total > limit) throw err.validation(`Batch exceeds the limit of ${limit} record operations for this zone's plan.`);

  const snapshot = new Map(ctx.zone.records);
  const result: Record<Kind, StoredRecord[]> = { deletes: [], patches: [], puts: [], posts: [] };
  let applied = 0;
  try {
    for (const kind of ORDER) {
      for (const op of ops[kind]) {
        hooks.checkpoint?.(applied);
        result[kind].push(apply(ctx, kind, op));
        applied++;
      }
    }
    hooks.checkpoint?.(applied);
  } catch (e) {
    ctx.zone.records.clear();
    for (const [id, r] of snapshot) ctx.zone.records.set(id, r);
    throw e instanceof CfError ? e : err.invalidBody();
  }
  return {
    deletes: result.deletes.map(recordView),
    patches: result.patches.map(recordView),
    puts: result.puts.map(recordView),
    posts: result.posts.map(recordView),
  };
}

function apply(ctx: WriteContext, kind: Kind, op: Record<string, unknown>): StoredRecord {
  switch (kind) {
    case "deletes":
      return deleteRecord(ctx, op.id);
    case "patches":
      return patchRecord(ctx, op.id, withoutId(op));
    case "puts":
      return putRecord(ctx, op.id, withoutId(op));
    case "posts":
      return createRecord(ctx, op);
  }
}
