"use client";

import { Card, PageHeader } from "@/components/ui/card";
import { Empty, ErrorBox, Loading } from "@/components/ui/feedback";
import { Mono } from "@/components/ui/table";
import { useObjects } from "./api";
import { GatewayCard } from "./gateway-card";
import { ObjectsTabs } from "./objects-tabs";
import { RouteTable } from "./route-table";
import { useHashTarget } from "./use-hash-target";

export function GatewaysPage() {
  const { data, error, isPending, refetch } = useObjects();
  const highlight = useHashTarget(!!data);
  return (
    <div>
      <PageHeader
        title="Gateways"
        description={
          data?.gatewayLabelFilter ? (
            <>
              external-dns processes Gateways matching <Mono>--gateway-label-filter={data.gatewayLabelFilter}</Mono>
            </>
          ) : (
            "Every Gateway, its routes, and the records each route owns"
          )
        }
      />
      <ObjectsTabs data={data} />
      {isPending ? (
        <Loading />
      ) : !data ? (
        <ErrorBox error={error ?? new Error("no external-dns instance")} retry={() => void refetch()} />
      ) : (
        <div className="space-y-4">
          {!data.gateways.length && !data.orphanRoutes.length && <Empty testId="gateways-empty">No Gateways or routes in the cluster.</Empty>}
          {[...data.gateways]
            .sort((a, b) => Number(a.processed) - Number(b.processed) || a.resource.localeCompare(b.resource))
            .map((gw) => (
              <GatewayCard key={gw.resource} gw={gw} prefix={data.prefix} highlight={highlight} />
            ))}
          {data.orphanRoutes.length > 0 && (
            <Card title="Routes without a known Gateway" subtitle="Their parentRefs name no Gateway external-dns can see" testId="orphan-routes">
              <RouteTable routes={data.orphanRoutes} highlight={highlight} />
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
