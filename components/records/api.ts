import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { instanceQuery, useInstanceId } from "@/components/api/state";
import { fetchJson } from "@/components/api/fetch-json";
import type { RecordsPageResponse } from "@/lib/api/types";
import { recordsSearch, type RecordsQuery } from "./query";
import { queryKeys } from "@/components/api/query-keys";
import { RECORDS_WINDOW } from "@/lib/drift/page-windows";

/** Rows per request; the table asks for the pages its visible rows fall in. */
export const RECORDS_PAGE = RECORDS_WINDOW;

export function getRecordsPageOptions(instance: string | null, query: RecordsQuery, page: number) {
  const search = recordsSearch(query, new URLSearchParams());
  const qs = `${search || "?"}${search ? "&" : ""}offset=${page * RECORDS_PAGE}&limit=${RECORDS_PAGE}${instanceQuery(instance, "&")}`;
  return queryOptions({
    queryKey: queryKeys.records(instance, search, page),
    queryFn: () => fetchJson<RecordsPageResponse>(`/api/records${qs}`),
    // While a new filter loads, the previous rows stay (no flash of an empty table).
    placeholderData: keepPreviousData,
  });
}

/** The first page of the records matching the query: totals and facet counts come with it. */
export function useRecordsHead(query: RecordsQuery) {
  return useQuery(getRecordsPageOptions(useInstanceId(), query, 0));
}
