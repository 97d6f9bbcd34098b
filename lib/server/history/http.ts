// GET /api/history?hostname=&since=&limit=&before=&instance=&state=: transitions, newest first.
// Every parameter is checked and a bad one answers 400 naming it.

import { z } from "zod";
import type { HistoryResponse } from "../../api/types";
import { json, jsonError } from "../http";
import type { HistoryStore } from "./store";
import { isHostname, normalizeHostname } from "../../externaldns/hostname";

export const MAX_HISTORY_PAGE = 500;
const DEFAULT_PAGE = 100;

const query = z.object({
  hostname: z
    .string()
    .transform(normalizeHostname)
    .refine(isHostname, { message: "hostname must be a DNS name (letters, digits, hyphens, dots; at most 253 characters)" })
    .optional(),
  since: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), { message: "since must be an ISO 8601 date or date-time, e.g. 2026-01-31T14:02:00Z" })
    .transform((s) => new Date(Date.parse(s)).toISOString())
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(DEFAULT_PAGE),
  before: z.coerce.number().int().min(1).optional(),
  instance: z.string().min(1).max(253).optional(),
});

export function historyResponse(url: URL, store: HistoryStore | undefined): Response {
  if (!store) return jsonError(503, "history-unavailable", "the drift history is not available on this server");
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const unknown = Object.keys(raw).filter((k) => !["hostname", "since", "limit", "before", "instance"].includes(k));
  if (unknown.length) return jsonError(400, "invalid-request", `unknown parameter ${unknown.map((k) => `"${k}"`).join(", ")}; use hostname, since, limit, before, instance`);
  const parsed = query.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "query");
    const message = issue.message.includes(field) ? issue.message : `${field}: ${issue.message}`;
    return jsonError(400, "invalid-request", message);
  }
  const q = parsed.data;
  const entries = store.list(q);
  const body: HistoryResponse = {
    entries,
    nextBefore: entries.length === q.limit ? entries[entries.length - 1].id : null,
  };
  return json(body);
}
