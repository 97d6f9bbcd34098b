import { queryOptions, useQuery } from "@tanstack/react-query";
import { instanceQuery, useInstanceId } from "@/components/api/state";
import { ApiRequestError, fetchJson } from "@/components/api/fetch-json";
import type { ExplainResponse, HostnameResponse, LookupResponse } from "@/lib/api/types";
import { queryKeys } from "@/components/api/query-keys";

export function getExplainQueryOptions(hostname: string, instance: string | null) {
  const qs = instance ? `?instance=${encodeURIComponent(instance)}` : "";
  return queryOptions({
    queryKey: queryKeys.explain(instance, hostname),
    queryFn: () => fetchJson<ExplainResponse>(`/api/explain/${encodeURIComponent(hostname)}${qs}`),
  });
}

export function useExplain(hostname: string) {
  return useQuery(getExplainQueryOptions(hostname, useInstanceId()));
}

export function getLookupQueryOptions(hostname: string) {
  return queryOptions({
    queryKey: queryKeys.lookup(hostname),
    queryFn: () => fetchJson<LookupResponse>(`/api/lookup?name=${encodeURIComponent(hostname)}`),
    // Public resolvers cache for the record's TTL; asking every 15 s tells nothing new.
    refetchInterval: 60_000,
    retry: (n, e) => !(e instanceof ApiRequestError && e.status === 404) && n < 1,
  });
}

export function useLookup(hostname: string) {
  return useQuery(getLookupQueryOptions(hostname));
}

export function getHostnameStateOptions(hostname: string, instance: string | null) {
  return queryOptions({
    queryKey: queryKeys.hostname(instance, hostname),
    queryFn: () => fetchJson<HostnameResponse>(`/api/hostnames/${encodeURIComponent(hostname)}${instanceQuery(instance)}`),
  });
}

/** What the state says about the name — its verdict row, its records with their states, the object path — from the server's per-name index. */
export function useHostnameState(hostname: string) {
  return useQuery(getHostnameStateOptions(hostname, useInstanceId()));
}
