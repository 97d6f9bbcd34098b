// Every React Query key of the dashboard, one builder per API endpoint. A key starts with its
// endpoint's root, so a view can be refreshed (or spared) by that first element alone, and the
// instance is always "" when none is chosen: the default instance's key does not depend on
// whether the URL happened to name it.

import type { QueryKey } from "@tanstack/react-query";

const inst = (instance: string | null | undefined) => instance ?? "";

export const queryKeys = {
  /** GET /api/summary */
  summary: () => ["summary"] as const,
  /** GET /api/state */
  state: () => ["state"] as const,
  /** GET /api/session */
  session: () => ["session"] as const,
  /** GET /api/hostnames?q= (the search box) */
  hostnameSearch: (instance: string | null, q: string) => ["hostnames", inst(instance), q] as const,
  /** GET /api/hostnames/:name */
  hostname: (instance: string | null, hostname: string) => ["hostname", inst(instance), hostname] as const,
  /** GET /api/explain/:name */
  explain: (instance: string | null, hostname: string) => ["explain", inst(instance), hostname] as const,
  /** GET /api/lookup?name= (DoH answers do not depend on the instance) */
  lookup: (hostname: string) => ["lookup", hostname] as const,
  /** GET /api/history?hostname= */
  history: (hostname: string) => ["history", hostname] as const,
  /** GET /api/history with the Activity page's filters, paged */
  activity: (hostname: string, since: string) => ["activity", hostname, since] as const,
  /** GET /api/audit, paged */
  audit: () => ["audit"] as const,
  /** GET /api/plan, read a window at a time */
  plan: (instance: string | null) => ["plan", inst(instance)] as const,
  /** GET /api/records: one page of the rows the query string selects */
  records: (instance: string | null, search: string, page: number) => ["records", inst(instance), search, page] as const,
  /** GET /api/gateways */
  gateways: (instance: string | null) => ["gateways", inst(instance)] as const,
  /** GET /api/gateways/routes?gateway=, paged */
  routes: (instance: string | null, gateway: string) => ["routes", inst(instance), gateway] as const,
  /** GET /api/gateways/routes?route= (a deep link's one route) */
  route: (instance: string | null, resource: string) => ["route", inst(instance), resource] as const,
  /** GET /api/objects/:kind, paged */
  objects: (instance: string | null, kind: "ingresses" | "dnsendpoints") => ["objects", inst(instance), kind] as const,
  /** GET /api/what-if; the arguments stay one element so they cannot be read as a version */
  whatIf: (instance: string | null, toVersion: string | null, args: readonly string[]) => ["what-if", inst(instance), toVersion ?? "", [...args]] as const,
  /** GET /api/what-if/outline (the What-if page: the document without its change lists) */
  whatIfOutline: (instance: string | null, toVersion: string | null, args: readonly string[]) => ["what-if-outline", inst(instance), toVersion ?? "", [...args]] as const,
  /** GET /api/what-if/changes?list=&action=, paged */
  whatIfChanges: (instance: string | null, toVersion: string | null, args: readonly string[], list: string, action: string | null) =>
    ["what-if-changes", inst(instance), toVersion ?? "", [...args], list, action ?? ""] as const,
  /** GET /api/upgrade-risk (the overview's warning) */
  upgradeRisk: (instance: string, toVersion: string) => ["upgrade-risk", instance, toVersion] as const,
} satisfies Record<string, (...args: never[]) => QueryKey>;

export type QueryRoot = ReturnType<(typeof queryKeys)[keyof typeof queryKeys]>[0];

/**
 * After a forced refresh the summary is set from the refresh's own answer; every other view
 * reads again.
 */
export function refetchAfterRefresh(key: QueryKey): boolean {
  return key[0] !== queryKeys.summary()[0];
}
