// The four record writes (create, PUT, PATCH, delete) on one zone, shared by the single-record
// routes and the batch endpoint. Each either applies completely or throws a CfError.

import { checkConflicts } from "./conflicts";
import { err } from "./errors";
import { nowTimestamp } from "./names";
import { newRecordId, stamp } from "./store";
import { validateRecord } from "./validate";
import type { StoredRecord, StoredZone } from "./types";

export interface WriteContext {
  zone: StoredZone;
  duplicateCode: 81057 | 81058;
  /** Writes made, for the account audit log once the request succeeds. */
  writes?: RecordWrite[];
}

export interface RecordWrite {
  action: "rec_add" | "rec_set" | "rec_del";
  before?: StoredRecord;
  after?: StoredRecord;
}

function existing(zone: StoredZone, id: unknown): StoredRecord {
  const record = typeof id === "string" ? zone.records.get(id) : undefined;
  if (!record) throw err.recordNotFound();
  return record;
}

export function createRecord(ctx: WriteContext, body: unknown): StoredRecord {
  const fields = validateRecord(body, { mode: "create", zone: ctx.zone });
  checkConflicts(ctx.zone, fields, undefined, ctx.duplicateCode);
  const record = stamp(fields, newRecordId(ctx.zone), nowTimestamp());
  ctx.zone.records.set(record.id, record);
  ctx.writes?.push({ action: "rec_add", after: record });
  return record;
}

/** PUT: a full overwrite; fields left out take their defaults. */
export function putRecord(ctx: WriteContext, id: unknown, body: unknown): StoredRecord {
  const before = existing(ctx.zone, id);
  const fields = validateRecord(body, { mode: "put", zone: ctx.zone, existing: before });
  checkConflicts(ctx.zone, fields, before.id, ctx.duplicateCode);
  const record = stamp(fields, before.id, before.created_on, before);
  ctx.zone.records.set(record.id, record);
  ctx.writes?.push({ action: "rec_set", before, after: record });
  return record;
}

/** PATCH: only the fields sent change. */
export function patchRecord(ctx: WriteContext, id: unknown, body: unknown): StoredRecord {
  const before = existing(ctx.zone, id);
  const fields = validateRecord(body, { mode: "patch", zone: ctx.zone, existing: before });
  checkConflicts(ctx.zone, fields, before.id, ctx.duplicateCode);
  const record = stamp(fields, before.id, before.created_on, before);
  ctx.zone.records.set(record.id, record);
  ctx.writes?.push({ action: "rec_set", before, after: record });
  return record;
}

export function deleteRecord(ctx: WriteContext, id: unknown): StoredRecord {
  const before = existing(ctx.zone, id);
  ctx.zone.records.delete(before.id);
  ctx.writes?.push({ action: "rec_del", before });
  return before;
}
