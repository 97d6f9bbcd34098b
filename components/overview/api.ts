import { useRefreshState, useSummary } from "@/components/api/state";

/** The overview reads the summary: instances, sources, counts, warnings, plan summaries. */
export function useOverview() {
  return useSummary();
}

export { useRefreshState };
