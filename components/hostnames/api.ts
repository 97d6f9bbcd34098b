import { queryOptions, useQuery } from "@tanstack/react-query";
import { pickInstance, useInstanceId, useStateData } from "@/components/api/state";
import { ApiRequestError, fetchJson } from "@/components/api/fetch-json";
import type { ExplainResponse, HostnameView, LookupResponse, RecordView } from "@/lib/api/types";
import { pathsFor, type PathStep } from "./path";

export function getExplainQueryOptions(hostname: string, instance: string | null) {
  const qs = instance ? `?instance=${encodeURIComponent(instance)}` : "";
  return queryOptions({
    queryKey: ["explain", instance ?? "", hostname],
    queryFn: () => fetchJson<ExplainResponse>(`/api/explain/${encodeURIComponent(hostname)}${qs}`),
  });
}

export function useExplain(hostname: string) {
  return useQuery(getExplainQueryOptions(hostname, useInstanceId()));
}

export function getLookupQueryOptions(hostname: string) {
  return queryOptions({
    queryKey: ["lookup", hostname],
    queryFn: () => fetchJson<LookupResponse>(`/api/lookup?name=${encodeURIComponent(hostname)}`),
    // Public resolvers cache for the record's TTL; asking every 15 s tells nothing new.
    refetchInterval: 60_000,
    retry: (n, e) => !(e instanceof ApiRequestError && e.status === 404) && n < 1,
  });
}

export function useLookup(hostname: string) {
  return useQuery(getLookupQueryOptions(hostname));
}

export interface HostnameStateData {
  view?: HostnameView;
  records: RecordView[];
  known: string[];
  path: PathStep[][];
}

/** What the state already says about the name: its verdict row and its records with their states. */
export function useHostnameState(hostname: string) {
  const id = useInstanceId();
  return useStateData((s): HostnameStateData => {
    const i = pickInstance(s, id);
    if (!i) return { records: [], known: [], path: [] };
    return {
      path: pathsFor(i, hostname),
      view: i.hostnames.find((h) => h.name === hostname),
      records: i.records.filter((r) => r.name === hostname || r.ownershipOf?.name === hostname),
      known: i.hostnames.map((h) => h.name),
    };
  });
}
