import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, postJson } from "@/components/api/fetch-json";
import { writeHeaders } from "@/components/api/session";
import type { ApplyRequest, ApplyResponse, PlanResponse } from "@/lib/api/types";

export function getPlanQueryOptions(instance: string | null) {
  const qs = instance ? `?instance=${encodeURIComponent(instance)}` : "";
  return queryOptions({
    queryKey: ["plan", instance ?? ""],
    queryFn: () => fetchJson<PlanResponse>(`/api/plan${qs}`),
  });
}

export function usePlan(instance: string | null) {
  return useQuery(getPlanQueryOptions(instance));
}

/** POST /api/apply. On success every view refetches, so applied rows turn green everywhere. */
export function useApply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (req: ApplyRequest) => postJson<ApplyResponse>("/api/apply", req, await writeHeaders(qc)),
    onSettled: () => qc.invalidateQueries(),
  });
}
