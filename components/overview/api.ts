import { useRefreshState, useStateData } from "@/components/api/state";

/** The overview reads the whole state: instances, sources, counts, warnings. */
export function useOverview() {
  return useStateData();
}

export { useRefreshState };
