// Who is signed in (GET /api/session): shown in the header, and the source of the CSRF token
// every write sends back. Servers without the endpoint (404) simply have no session.

import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import type { SessionResponse } from "@/lib/api/session";
import { ApiRequestError, fetchJson } from "./fetch-json";
import { queryKeys } from "./query-keys";

export function getSessionQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.session(),
    queryFn: async (): Promise<SessionResponse | null> => {
      try {
        return await fetchJson<SessionResponse>("/api/session");
      } catch (e) {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    refetchInterval: false,
    retry: false,
  });
}

export function useSession() {
  return useQuery(getSessionQueryOptions());
}

export const CSRF_HEADER = "x-csrf-token";

/** The headers a state-changing request needs (the CSRF token, when the server uses one). */
export async function writeHeaders(qc: QueryClient): Promise<Record<string, string>> {
  const session = await qc.fetchQuery(getSessionQueryOptions()).catch(() => null);
  return session?.csrf ? { [CSRF_HEADER]: session.csrf } : {};
}
