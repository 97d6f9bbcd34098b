// The page answers the dashboard polls, as definitions shared by their route handlers
// (app/api/*/route.ts) and the prebuild (lib/server/prebuild.ts). Each names what its answer
// depends on (`canonical`), so the same answer asked for in different spellings is one entry.

import { parseRecordsQuery, recordsSearch } from "../drift/record-query";
import type { PageDef } from "./page-answer";
import { fullPlan, gatewaysResponse, MAX_LIMIT, pageParams, planPage, recordsPage, summaryResponse } from "./pages";

/** The overview and the header: counts, warnings, sources, plan summary; no lists. */
export const SUMMARY_ANSWER: PageDef = {
  build: ({ rt, c, views }) => summaryResponse(rt, c, views.instances),
  canonical: () => "",
  live: true,
  // Public-DNS checks run in the background, started by whatever the dashboard polls.
  before: ({ rt, c }) => {
    for (const { instance, result } of c.instances) rt.doh.scheduleLookups(instance.id, result, rt.settings.refreshSeconds * 1000);
  },
};

/** Records filtered (q, state, type), sorted (sort, dir) and paged (offset, limit). */
export const RECORDS_ANSWER: PageDef = {
  build: ({ iv, params }) => recordsPage(iv, params),
  canonical: (params) => {
    const { offset, limit } = pageParams(params);
    return `${recordsSearch(parseRecordsQuery(params), new URLSearchParams()).slice(1)}|offset=${offset}|limit=${limit}`;
  },
};

/** Every Gateway with its route tally. */
export const GATEWAYS_ANSWER: PageDef = {
  build: ({ iv }) => gatewaysResponse(iv),
  canonical: () => "",
};

const planWindowed = (params: URLSearchParams) => params.has("limit") || params.has("offset");

/** The plan; with ?offset=/&limit= only that window of its changes. */
export const PLAN_ANSWER: PageDef = {
  build: ({ rt, c, iv, params }) => (planWindowed(params) ? planPage(c, iv, params, rt.settings.safety) : fullPlan(c, iv, rt.settings.safety)),
  canonical: (params) => {
    if (!planWindowed(params)) return "whole";
    const { offset, limit } = pageParams(params, MAX_LIMIT);
    return `offset=${offset}|limit=${limit}`;
  },
};
