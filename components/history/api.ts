import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ApiRequestError, fetchJson } from "@/components/api/fetch-json";
import type { HistoryResponse } from "@/lib/api/types";
import { queryKeys } from "@/components/api/query-keys";

const unavailable = (e: unknown) => e instanceof ApiRequestError && (e.status === 404 || e.status === 503);

export function getHostnameHistoryQueryOptions(hostname: string) {
  return queryOptions({
    queryKey: queryKeys.history(hostname),
    queryFn: () => fetchJson<HistoryResponse>(`/api/history?hostname=${encodeURIComponent(hostname)}&limit=100`),
    refetchInterval: 30_000,
    retry: (n, e) => !unavailable(e) && n < 1,
  });
}

/** One hostname's transitions, newest first. */
export function useHostnameHistory(hostname: string) {
  return useQuery(getHostnameHistoryQueryOptions(hostname));
}

export interface ActivityFilters {
  hostname: string;
  /** ISO time or "". */
  since: string;
}

const PAGE = 100;

export function getActivityQueryOptions(f: ActivityFilters) {
  const qs = new URLSearchParams({ limit: String(PAGE) });
  if (f.hostname) qs.set("hostname", f.hostname);
  if (f.since) qs.set("since", f.since);
  return infiniteQueryOptions({
    queryKey: queryKeys.activity(f.hostname, f.since),
    queryFn: ({ pageParam }) => fetchJson<HistoryResponse>(`/api/history?${qs}${pageParam ? `&before=${pageParam}` : ""}`),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    retry: (n, e) => !unavailable(e) && n < 1,
  });
}

/** Every transition matching the server-side filters, a page at a time. */
export function useActivity(f: ActivityFilters) {
  return useInfiniteQuery(getActivityQueryOptions(f));
}

export { unavailable as historyUnavailable };
