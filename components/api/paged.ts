// A list the server hands out a page at a time (GET …?offset=&limit=): pages load as the list is
// scrolled, and polling revalidates the loaded ones (cheap: each carries an ETag).

import { infiniteQueryOptions, useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Page } from "@/lib/api/types";
import { fetchJson } from "./fetch-json";

/** The list's query, for usePagedList and for reading its first page ahead (usePrefetchInfiniteQuery). */
export function pagedListOptions<T, P extends Page<T> = Page<T>>(key: QueryKey, url: (offset: number, limit: number) => string, limit = 100) {
  return infiniteQueryOptions({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchJson<P>(url(pageParam, limit)),
    initialPageParam: 0,
    getNextPageParam: (last: P) => (last.offset + last.items.length < last.total ? last.offset + last.items.length : undefined),
  });
}

export function usePagedList<T, P extends Page<T> = Page<T>>(key: QueryKey, url: (offset: number, limit: number) => string, limit = 100, enabled = true) {
  const q = useInfiniteQuery({ ...pagedListOptions<T, P>(key, url, limit), enabled });
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const first = q.data?.pages[0];
  return { ...q, items, first, total: first?.total ?? 0 };
}
