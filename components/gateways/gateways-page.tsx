"use client";

import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/feedback";
import { Mono } from "@/components/ui/table";
import { GatewayCard } from "./gateway-card";
import { ObjectsView } from "./objects-view";
import { RouteTable } from "./route-table";

export function GatewaysPage() {
  return (
    <ObjectsView
      title="Gateways"
      description={(data) =>
        data?.gatewayLabelFilter ? (
          <>
            external-dns processes Gateways matching <Mono>--gateway-label-filter={data.gatewayLabelFilter}</Mono>
          </>
        ) : (
          "Every Gateway, its routes, and the records each route owns"
        )
      }
    >
      {(data, highlight) => (
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
    </ObjectsView>
  );
}
