"use client";

import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/feedback";
import { Mono } from "@/components/ui/table";
import { useLinkedRoute } from "./api";
import { GatewayCard, GatewayRoutes } from "./gateway-card";
import { ObjectsView } from "./objects-view";
import { RouteTable } from "./route-table";

/** A deep link to one route shows that route first, wherever it sits in its Gateway's list. */
function LinkedRoute({ resource }: { resource: string }) {
  const { data } = useLinkedRoute(resource);
  if (!data?.items.length) return null;
  return (
    <Card title="Linked route" subtitle={data.gateway ? `attached to Gateway ${data.gateway.replace(/^gateway\//, "")}` : "no known Gateway"} testId="linked-route">
      <RouteTable routes={data.items} total={data.total} highlight={resource} caption="The linked route" />
    </Card>
  );
}

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
          {!data.gateways.length && !data.orphanRouteCount && <Empty testId="gateways-empty">No Gateways or routes in the cluster.</Empty>}
          {highlight && <LinkedRoute resource={highlight} />}
          {[...data.gateways]
            .sort((a, b) => Number(a.processed) - Number(b.processed) || a.resource.localeCompare(b.resource))
            .map((gw) => (
              <GatewayCard key={gw.resource} gw={gw} prefix={data.prefix} highlight={highlight} />
            ))}
          {data.orphanRouteCount > 0 && (
            <Card title="Routes without a known Gateway" subtitle="Their parentRefs name no Gateway external-dns can see" testId="orphan-routes">
              <GatewayRoutes gateway="" highlight={highlight} caption="Routes without a known Gateway" />
            </Card>
          )}
        </div>
      )}
    </ObjectsView>
  );
}
