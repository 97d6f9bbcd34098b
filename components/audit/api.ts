import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiRequestError, fetchJson } from "@/components/api/fetch-json";

/**
 * One applied plan as GET /api/audit reports it. The endpoint is newer than this page, so every
 * field is optional and unknown ones are kept for the raw view.
 */
export interface AuditEntry {
  at?: string;
  time?: string;
  actor?: string;
  user?: string;
  hash?: string;
  instance?: string;
  ok?: boolean;
  zones?: string[];
  results?: { action?: string; name?: string; type?: string; status?: string; message?: string }[];
  [key: string]: unknown;
}

function entriesOf(body: unknown): AuditEntry[] {
  if (Array.isArray(body)) return body as AuditEntry[];
  if (body && typeof body === "object") {
    for (const k of ["entries", "audit", "items", "history"]) {
      const v = (body as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as AuditEntry[];
    }
  }
  return [];
}

export function getAuditQueryOptions() {
  return queryOptions({
    queryKey: ["audit"],
    queryFn: async () => entriesOf(await fetchJson<unknown>("/api/audit")),
    retry: (n, e) => !(e instanceof ApiRequestError && e.status === 404) && n < 1,
  });
}

export function useAudit() {
  return useQuery(getAuditQueryOptions());
}
