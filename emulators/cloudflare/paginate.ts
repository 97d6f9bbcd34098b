// `page` / `per_page` handling and `result_info`. Pages past the end answer with an empty
// result and success, which is what stops the SDK's auto-pagination (BEHAVIOUR.md §2).

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface PageLimits {
  min: number;
  max: number;
  default: number;
}

function intParam(raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** Out-of-range values are clamped into the documented range rather than refused. */
export function paginate<T>(items: T[], query: URLSearchParams, limits: PageLimits): { result: T[]; result_info: ResultInfo } {
  const perPage = Math.min(limits.max, Math.max(limits.min, intParam(query.get("per_page"), limits.default)));
  const page = Math.max(1, intParam(query.get("page"), 1));
  const start = (page - 1) * perPage;
  const result = items.slice(start, start + perPage);
  return {
    result,
    result_info: {
      page,
      per_page: perPage,
      count: result.length,
      total_count: items.length,
      total_pages: Math.max(1, Math.ceil(items.length / perPage)),
    },
  };
}
