import { pickInstance, useInstanceId, useStateData } from "@/components/api/state";
import type { DnsEndpointView, GatewayView, IngressView, InstanceState, RouteView, ServiceView } from "@/lib/api/types";

export interface ObjectsData {
  instance: string;
  prefix: string;
  gatewayLabelFilter: string;
  gateways: GatewayView[];
  orphanRoutes: RouteView[];
  ingresses: IngressView[];
  dnsEndpoints: DnsEndpointView[];
  /** Undefined when the instance does not run --source=service. */
  services?: ServiceView[];
  labelFilter: string;
  serviceTypeFilter: string[];
  publishInternalServices: boolean;
}

function objectsOf(i: InstanceState | undefined): ObjectsData | undefined {
  if (!i) return undefined;
  return {
    instance: i.id,
    prefix: i.config.annotationPrefix,
    gatewayLabelFilter: i.config.gatewayLabelFilter,
    gateways: i.gateways,
    orphanRoutes: i.orphanRoutes,
    ingresses: i.ingresses,
    dnsEndpoints: i.dnsEndpoints,
    services: i.services,
    labelFilter: i.config.labelFilter,
    serviceTypeFilter: i.config.serviceTypeFilter ?? [],
    publishInternalServices: i.config.publishInternalServices ?? false,
  };
}

/** The cluster objects of the selected external-dns instance, with their records. */
export function useObjects() {
  const id = useInstanceId();
  return useStateData((s) => objectsOf(pickInstance(s, id)));
}
