import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { fetchJson, postJson } from "@/components/api/fetch-json";
import { writeHeaders } from "@/components/api/session";
import { instanceQuery } from "@/components/api/state";
import type { ApplyRequest, ApplyResponse, PlanPageResponse, PlanResponse } from "@/lib/api/types";
import { queryKeys } from "@/components/api/query-keys";
import { PLAN_WINDOW } from "@/lib/drift/page-windows";

/** Changes per request: the first window shows at once, the rest streams in behind it. */
export const PLAN_PAGE = PLAN_WINDOW;

/** The plan, read a window at a time (GET /api/plan?offset=&limit=) until every change is in. */
export function usePlan(instance: string | null) {
  const q = useInfiniteQuery({
    queryKey: queryKeys.plan(instance),
    queryFn: ({ pageParam }) => fetchJson<PlanPageResponse>(`/api/plan?offset=${pageParam}&limit=${PLAN_PAGE}${instanceQuery(instance, "&")}`),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.offset + last.changes.length < last.total ? last.offset + last.changes.length : undefined),
  });
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage, refetch } = q;
  const pages = q.data?.pages;
  // Windows of different computations do not make one plan: start again from the first.
  const mixed = Boolean(pages && pages.some((p) => p.hash !== pages[0].hash));
  useEffect(() => {
    if (mixed) void refetch();
    else if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [mixed, hasNextPage, isFetchingNextPage, isError, fetchNextPage, refetch]);
  const data = useMemo((): (PlanResponse & { total: number; loaded: boolean }) | undefined => {
    if (!pages?.length) return undefined;
    const first = pages[0];
    const same = pages.filter((p) => p.hash === first.hash);
    const changes = same.flatMap((p) => p.changes);
    return { ...first, changes, reverts: same.flatMap((p) => p.reverts), loaded: changes.length >= first.total };
  }, [pages]);
  return { ...q, data };
}

/** Puts a whole plan (e.g. the new one a 409 carries) where usePlan reads it. */
export function setPlanData(qc: QueryClient, instance: string | null, plan: PlanResponse): void {
  const page: PlanPageResponse = { ...plan, total: plan.changes.length, offset: 0, limit: Math.max(plan.changes.length, 1) };
  qc.setQueryData<InfiniteData<PlanPageResponse, number>>(queryKeys.plan(instance), { pages: [page], pageParams: [0] });
}

/** POST /api/apply. On success every view refetches, so applied rows turn green everywhere. */
export function useApply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (req: ApplyRequest) => postJson<ApplyResponse>("/api/apply", req, await writeHeaders(qc)),
    onSettled: () => qc.invalidateQueries(),
  });
}
