// The audit API's answers: a page of entries (newest first, `?limit=&before=`) or the whole
// trail as a JSON download. Route handlers stay one line; this is what tests call.

import type { AuditExport, AuditResponse } from "../../api/types";
import { json, jsonError } from "../http";
import { MAX_PAGE, type AuditStore } from "./store";

function positiveInt(value: string | null, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined | Error {
  if (value === null || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) return new Error(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

function openStore(open: () => AuditStore): AuditStore | Response {
  try {
    return open();
  } catch (e) {
    return jsonError(503, "audit-unavailable", `the audit trail cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function exportFilename(now: Date): string {
  return `dnsdrift-audit-${now.toISOString().replace(/[:.]/g, "-")}.json`;
}

/** Every entry as an attachment. */
export function auditExportResponse(open: () => AuditStore, now = new Date()): Response {
  const store = openStore(open);
  if (store instanceof Response) return store;
  const body: AuditExport = { exportedAt: now.toISOString(), entries: store.all() };
  return json(body, 200, { "content-disposition": `attachment; filename="${exportFilename(now)}"` });
}

/** GET /api/audit: a page, or the export with `?format=json&download=1`. */
export function auditResponse(url: URL, open: () => AuditStore, now = new Date()): Response {
  const q = url.searchParams;
  const format = q.get("format");
  if (format !== null && format !== "json") return jsonError(400, "invalid-request", `format must be "json", got "${format}"`);
  const download = q.get("download");
  if (download === "1" || download === "true") return auditExportResponse(open, now);
  const limit = positiveInt(q.get("limit"), "limit", MAX_PAGE);
  const before = positiveInt(q.get("before"), "before");
  for (const v of [limit, before]) if (v instanceof Error) return jsonError(400, "invalid-request", v.message);
  const store = openStore(open);
  if (store instanceof Response) return store;
  const page: AuditResponse = store.list({ limit: limit as number | undefined, before: before as number | undefined });
  return json(page);
}
