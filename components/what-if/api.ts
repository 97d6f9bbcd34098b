// The what-if query (in the URL: ?toVersion=…&arg=…, so a what-if can be linked and shared), and
// GET /api/upgrade-risk for the overview's warning. The What-if page reads the what-if in parts
// (views-api.ts); the whole document, GET /api/what-if, is for tools.

import { useQuery } from "@tanstack/react-query";
import { fetchJson, shouldRetry } from "@/components/api/fetch-json";
import type { UpgradeRiskResponse } from "@/lib/api/types";
import { queryKeys } from "@/components/api/query-keys";

export interface WhatIfParams {
  instance: string | null;
  toVersion: string | null;
  args: string[];
}

export function whatIfSearch(p: WhatIfParams): string {
  const qs = new URLSearchParams();
  if (p.instance) qs.set("instance", p.instance);
  if (p.toVersion) qs.set("toVersion", p.toVersion);
  for (const a of p.args) qs.append("arg", a);
  const s = qs.toString();
  return s ? `?${s}` : "";
}

/** The overview's question: would the newest modelled release delete or repoint records? */
export function useUpgradeRisk(instance: string, toVersion: string | undefined) {
  return useQuery({
    queryKey: queryKeys.upgradeRisk(instance, toVersion ?? ""),
    queryFn: () => fetchJson<UpgradeRiskResponse>(`/api/upgrade-risk?${new URLSearchParams({ instance, toVersion: toVersion ?? "" })}`),
    enabled: toVersion !== undefined,
    retry: shouldRetry,
    staleTime: 30_000,
  });
}
