// The What-if page's reads: the outline (GET /api/what-if/outline) first, then each list's
// changes a page at a time as it scrolls (GET /api/what-if/changes). The whole document
// (GET /api/what-if) is for tools; at 10k routes it is ~17 MB.

import { queryOptions, usePrefetchInfiniteQuery } from "@tanstack/react-query";
import { fetchJson, shouldRetry } from "@/components/api/fetch-json";
import { pagedListOptions, usePagedList } from "@/components/api/paged";
import { queryKeys } from "@/components/api/query-keys";
import type { ChangeAction, WhatIfChangeItem, WhatIfChangesResponse, WhatIfList, WhatIfOutlineResponse } from "@/lib/api/what-if-views";
import { whatIfSearch, type WhatIfParams } from "./api";

/** Rows per request: a screenful many times over, and still a small answer. */
export const CHANGES_PAGE = 200;

export function getWhatIfOutlineQueryOptions(p: WhatIfParams) {
  return queryOptions({
    queryKey: queryKeys.whatIfOutline(p.instance, p.toVersion, p.args),
    queryFn: () => fetchJson<WhatIfOutlineResponse>(`/api/what-if/outline${whatIfSearch(p)}`),
    retry: shouldRetry,
    staleTime: 30_000,
  });
}

export function changesUrl(p: WhatIfParams, list: WhatIfList, action: ChangeAction | null, offset: number, limit: number): string {
  const qs = new URLSearchParams(whatIfSearch(p).slice(1));
  qs.set("list", list);
  if (action) qs.set("action", action);
  qs.set("offset", String(offset));
  qs.set("limit", String(limit));
  return `/api/what-if/changes?${qs}`;
}

export function useWhatIfChanges(p: WhatIfParams, list: WhatIfList, action: ChangeAction | null, enabled: boolean) {
  return usePagedList<WhatIfChangeItem, WhatIfChangesResponse>(
    queryKeys.whatIfChanges(p.instance, p.toVersion, p.args, list, action),
    (offset, limit) => changesUrl(p, list, action, offset, limit),
    CHANGES_PAGE,
    enabled,
  );
}

/** The query as the server reads it (its answers' `query`), so a key made from the URL matches one made from an answer. */
export function normalisedWhatIf(p: WhatIfParams): WhatIfParams {
  return { instance: p.instance, toVersion: p.toVersion?.trim() || null, args: p.args.map((a) => a.trim()).filter(Boolean) };
}

/**
 * Asks for the first page of differences together with the outline instead of after it: one
 * round trip and the outline's rendering off the way to the first rows. The server computes the
 * what-if once for both.
 */
export function usePrefetchDifferences(p: WhatIfParams): void {
  const n = normalisedWhatIf(p);
  usePrefetchInfiniteQuery(
    pagedListOptions<WhatIfChangeItem, WhatIfChangesResponse>(
      queryKeys.whatIfChanges(n.instance, n.toVersion, n.args, "differences", null),
      (offset, limit) => changesUrl(n, "differences", null, offset, limit),
      CHANGES_PAGE,
    ),
  );
}
