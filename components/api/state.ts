// GET /api/summary is read by the overview, the header's status line and plan count, the data
// banner and the plan's write status, so its query lives here; features narrow it with
// `select`. Lists come from their own paged endpoints (records, gateways, objects, hostnames).

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { HostnameSearchResponse, StateResponse, SummaryResponse } from "@/lib/api/types";
import { fetchJson } from "./fetch-json";
import { queryKeys, refetchAfterRefresh } from "./query-keys";

export function getSummaryQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.summary(),
    queryFn: () => fetchJson<SummaryResponse>("/api/summary"),
  });
}

export function useSummary<T = SummaryResponse>(select?: (s: SummaryResponse) => T) {
  return useQuery({ ...getSummaryQueryOptions(), select });
}

/**
 * The whole state (GET /api/state): megabytes at tens of thousands of records. No page of the
 * dashboard reads it any more; it stays for views that truly need everything at once.
 */
export function getStateQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.state(),
    queryFn: () => fetchJson<StateResponse>("/api/state"),
  });
}

export function useStateData<T = StateResponse>(select?: (s: StateResponse) => T) {
  return useQuery({ ...getStateQueryOptions(), select });
}

/** Re-reads cluster, Cloudflare and resolvers now (GET /api/summary?refresh=1), then refreshes every view. */
export function useRefreshState() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<SummaryResponse>("/api/summary?refresh=1"),
    onSuccess: (data) => {
      qc.setQueryData(queryKeys.summary(), data);
      void qc.invalidateQueries({ predicate: (q) => refetchAfterRefresh(q.queryKey) });
    },
  });
}

/** Hostnames for the search box, matching what was typed (prefix matches first). */
export function useHostnameSearch(q: string, instance: string | null) {
  const qs = new URLSearchParams({ q, limit: "12", ...(instance ? { instance } : {}) });
  return useQuery({
    queryKey: queryKeys.hostnameSearch(instance, q),
    queryFn: () => fetchJson<HostnameSearchResponse>(`/api/hostnames?${qs}`),
    placeholderData: keepPreviousData,
    refetchInterval: false,
  });
}

/** The instance the URL names (?instance=), else the first one. */
export function useInstanceId(): string | null {
  return useSearchParams().get("instance");
}

export function pickInstance<T extends { id: string }>(state: { instances: T[] } | undefined, id: string | null): T | undefined {
  if (!state) return undefined;
  return (id && state.instances.find((i) => i.id === id)) || state.instances[0];
}

/** ?instance= for API calls, or nothing. */
export function instanceQuery(id: string | null, sep: "?" | "&" = "?"): string {
  return id ? `${sep}instance=${encodeURIComponent(id)}` : "";
}

/** Keeps ?instance= on links when more than one instance exists. */
export function withInstance(href: string, id: string | null): string {
  if (!id) return href;
  const [path, hash] = href.split("#");
  const sep = path.includes("?") ? "&" : "?";
  return `${path}${sep}instance=${encodeURIComponent(id)}${hash !== undefined ? `#${hash}` : ""}`;
}
