// GET /api/state is read by every page (overview, objects, records, the header's search and
// status line, the plan's write status), so its query lives here rather than in one feature;
// features narrow it with `select`.

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { InstanceState, StateResponse } from "@/lib/api/types";
import { fetchJson } from "./fetch-json";

export const stateKey = ["state"] as const;

export function getStateQueryOptions() {
  return queryOptions({
    queryKey: stateKey,
    queryFn: () => fetchJson<StateResponse>("/api/state"),
  });
}

export function useStateData<T = StateResponse>(select?: (s: StateResponse) => T) {
  return useQuery({ ...getStateQueryOptions(), select });
}

/** Re-reads cluster, Cloudflare and resolvers now (GET /api/state?refresh=1), then refreshes every view. */
export function useRefreshState() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<StateResponse>("/api/state?refresh=1"),
    onSuccess: (data) => {
      qc.setQueryData(stateKey, data);
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== stateKey[0] });
    },
  });
}

/** The instance the URL names (?instance=), else the first one. */
export function useInstanceId(): string | null {
  return useSearchParams().get("instance");
}

export function pickInstance(state: StateResponse | undefined, id: string | null): InstanceState | undefined {
  if (!state) return undefined;
  return (id && state.instances.find((i) => i.id === id)) || state.instances[0];
}

/** Keeps ?instance= on links when more than one instance exists. */
export function withInstance(href: string, id: string | null): string {
  if (!id) return href;
  const [path, hash] = href.split("#");
  const sep = path.includes("?") ? "&" : "?";
  return `${path}${sep}instance=${encodeURIComponent(id)}${hash !== undefined ? `#${hash}` : ""}`;
}
