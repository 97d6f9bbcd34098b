// The what-if query (in the URL: ?toVersion=…&arg=…, so a what-if can be linked and shared), and
// GET /api/what-if, the whole document, for the overview's upgrade warning. The What-if page
// reads it in parts (views-api.ts).

import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson, shouldRetry } from "@/components/api/fetch-json";
import type { WhatIfResponse } from "@/lib/api/types";
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

export function getWhatIfQueryOptions(p: WhatIfParams) {
  return queryOptions({
    queryKey: queryKeys.whatIf(p.instance, p.toVersion, p.args),
    queryFn: () => fetchJson<WhatIfResponse>(`/api/what-if${whatIfSearch(p)}`),
    retry: shouldRetry,
    staleTime: 30_000,
  });
}

export function useWhatIf(p: WhatIfParams, enabled = true) {
  return useQuery({ ...getWhatIfQueryOptions(p), enabled });
}

/** What a newer modelled release would do to records that exist: deletes and repoints. */
export interface UpgradeRisk {
  toVersion: string;
  /** Names whose record would be deleted (and not recreated). */
  deleted: string[];
  /** Names whose record would point elsewhere: content changes, or a type change. */
  repointed: string[];
}

export function upgradeRisk(doc: WhatIfResponse): UpgradeRisk | undefined {
  const data = doc.differences.filter((c) => c.type !== "TXT" && c.ownershipOf === undefined);
  const created = new Set(data.filter((c) => c.action === "create").map((c) => c.name));
  const deletes = data.filter((c) => c.action === "delete");
  const repointed = new Set([
    ...deletes.filter((c) => created.has(c.name)).map((c) => c.name),
    ...data.filter((c) => c.action === "update" && c.previous && c.previous.content !== c.content).map((c) => c.name),
  ]);
  const deleted = [...new Set(deletes.filter((c) => !created.has(c.name)).map((c) => c.name))];
  if (!deleted.length && !repointed.size) return undefined;
  return { toVersion: doc.next.version, deleted: deleted.sort(), repointed: [...repointed].sort() };
}

/** The overview's question: would the newest modelled release delete or repoint records? */
export function useUpgradeRisk(instance: string, toVersion: string | undefined) {
  return useQuery({
    ...getWhatIfQueryOptions({ instance, toVersion: toVersion ?? null, args: [] }),
    enabled: toVersion !== undefined,
    select: upgradeRisk,
  });
}
