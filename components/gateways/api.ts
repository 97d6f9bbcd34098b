import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { usePagedList } from "@/components/api/paged";
import { instanceQuery, useInstanceId } from "@/components/api/state";
import type { DnsEndpointsPageResponse, DnsEndpointView, GatewaysResponse, IngressesPageResponse, IngressView, RouteView, RoutesPageResponse } from "@/lib/api/types";
import { queryKeys } from "@/components/api/query-keys";

export type ObjectsData = GatewaysResponse;

/** Every Gateway (without its routes) and the object counts of the selected instance. */
export function useObjects() {
  const id = useInstanceId();
  return useQuery({ queryKey: queryKeys.gateways(id), queryFn: () => fetchJson<GatewaysResponse>(`/api/gateways${instanceQuery(id)}`) });
}

/** One Gateway's routes ("" for routes with no known Gateway), a page at a time. */
export function useGatewayRoutes(gateway: string) {
  const id = useInstanceId();
  return usePagedList<RouteView, RoutesPageResponse>(
    queryKeys.routes(id, gateway),
    (offset, limit) => `/api/gateways/routes?gateway=${encodeURIComponent(gateway)}&offset=${offset}&limit=${limit}${instanceQuery(id, "&")}`,
  );
}

/** The one route a deep link (#httproute/ns/name) names, wherever it is in its Gateway's list. */
export function useLinkedRoute(resource: string) {
  const id = useInstanceId();
  const isRoute = /^[a-z]*route\//.test(resource);
  return useQuery({
    queryKey: queryKeys.route(id, resource),
    queryFn: () => fetchJson<RoutesPageResponse>(`/api/gateways/routes?route=${encodeURIComponent(resource)}${instanceQuery(id, "&")}`),
    enabled: isRoute,
  });
}

export function useIngresses() {
  const id = useInstanceId();
  return usePagedList<IngressView, IngressesPageResponse>(queryKeys.objects(id, "ingresses"), (offset, limit) => `/api/objects/ingresses?offset=${offset}&limit=${limit}${instanceQuery(id, "&")}`);
}

export function useDnsEndpoints() {
  const id = useInstanceId();
  return usePagedList<DnsEndpointView, DnsEndpointsPageResponse>(queryKeys.objects(id, "dnsendpoints"), (offset, limit) => `/api/objects/dnsendpoints?offset=${offset}&limit=${limit}${instanceQuery(id, "&")}`);
}
