// `page` / `per_page` handling and `result_info`. Pages past the end answer with an empty
// result and success, which is what stops the SDK's auto-pagination (BEHAVIOUR.md §2); values
// outside the contract's ranges are refused.

import { err } from "./errors";

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

/** A number within the contract's range, or the 400 the API answers for anything else. */
function intParam(name: string, raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    throw err.invalidQuery(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return n;
}

export function paginate<T>(items: T[], query: URLSearchParams, limits: PageLimits): { result: T[]; result_info: ResultInfo } {
  const perPage = intParam("per_page", query.get("per_page"), limits.default, limits.min, limits.max);
  const page = intParam("page", query.get("page"), 1, 1, Number.MAX_SAFE_INTEGER);
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
