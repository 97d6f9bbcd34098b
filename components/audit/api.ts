import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { ApiRequestError, fetchJson } from "@/components/api/fetch-json";
import type { AuditResponse } from "@/lib/api/types";
import { queryKeys } from "@/components/api/query-keys";

const PAGE = 50;

export function getAuditQueryOptions() {
  return infiniteQueryOptions({
    queryKey: queryKeys.audit(),
    queryFn: ({ pageParam }) => fetchJson<AuditResponse>(`/api/audit?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ""}`),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    retry: (n, e) => !(e instanceof ApiRequestError && (e.status === 404 || e.status === 503)) && n < 1,
  });
}

/** The apply history, newest first, a page at a time. */
export function useAudit() {
  return useInfiniteQuery(getAuditQueryOptions());
}
