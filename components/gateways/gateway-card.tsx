import { Badge } from "@/components/ui/badge";
import { Card, Facts } from "@/components/ui/card";
import { Empty } from "@/components/ui/feedback";
import { Mono } from "@/components/ui/table";
import type { GatewaySummary, GatewayView } from "@/lib/api/types";
import { useInView } from "@/components/ui/use-in-view";
import { useGatewayRoutes } from "./api";
import { ReasonLine } from "./reasons";
import { RouteTable } from "./route-table";
import { formatCount } from "@/components/ui/format";

const TARGET_SOURCE: Record<GatewayView["targetSource"], string> = {
  annotation: "from the target annotation",
  status: "from status.addresses",
  none: "none",
};

function ProcessedBadge({ gw }: { gw: GatewaySummary }) {
  if (gw.processed) return <Badge tone="green" testId="gateway-status">processed</Badge>;
  const flag = gw.exclusion?.code === "gateway-label-filter" ? "--gateway-label-filter" : gw.exclusion?.code ?? "a filter";
  return (
    <Badge tone="red" testId="gateway-status" title={gw.exclusion?.message}>
      ignored by {flag}
    </Badge>
  );
}

export function GatewayCard({ gw, prefix, highlight }: { gw: GatewaySummary; prefix: string; highlight: string }) {
  const labels = Object.entries(gw.labels);
  return (
    <Card
      id={gw.resource}
      testId="gateway-card"
      highlight={highlight === gw.resource}
      title={
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono">
            {gw.namespace}/{gw.name}
          </span>
          <ProcessedBadge gw={gw} />
        </span>
      }
      subtitle={gw.kind}
    >
      <div data-resource={gw.resource} className="space-y-3">
        {!gw.processed && gw.exclusion && (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950/40 dark:text-red-100" data-testid="gateway-exclusion">
            {gw.exclusion.message}. None of its routes publish records.
          </p>
        )}
        <div className="grid gap-4 md:grid-cols-2">
          <Facts
            items={[
              [
                "Labels",
                labels.length ? (
                  <span className="flex flex-wrap gap-1">
                    {labels.map(([k, v]) => (
                      <Badge key={k} tone="muted">
                        <span className="font-mono">
                          {k}={v}
                        </span>
                      </Badge>
                    ))}
                  </span>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">none</span>
                ),
              ],
              [
                "Targets",
                <span key="t">
                  {gw.targets.length ? <Mono>{gw.targets.join(", ")}</Mono> : <span className="text-red-700 dark:text-red-300">none</span>}{" "}
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {gw.targetSource === "annotation" ? `(${prefix}target)` : `(${TARGET_SOURCE[gw.targetSource]})`}
                  </span>
                </span>,
              ],
              ["Addresses", gw.addresses.length ? <Mono key="a">{gw.addresses.join(", ")}</Mono> : <span className="text-slate-500 dark:text-slate-400">none</span>],
            ]}
          />
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Listeners</h3>
            <ul className="space-y-0.5 text-sm">
              {gw.listeners.map((l) => (
                <li key={l.name} className="flex flex-wrap gap-x-2 font-mono text-[0.8125rem]">
                  <span className="font-semibold">{l.name}</span>
                  <span>
                    {l.protocol}:{l.port}
                  </span>
                  <span className="text-slate-600 dark:text-slate-400">{l.hostname ?? "any hostname"}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
        {gw.ignoredAnnotations.length > 0 && (
          <div data-testid="ignored-annotations" className="space-y-1 rounded-md border border-amber-300 bg-amber-50/60 px-3 py-2 dark:border-amber-800 dark:bg-amber-950/30">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-amber-900 dark:text-amber-200">Annotations external-dns ignores here</h3>
            {gw.ignoredAnnotations.map((r, i) => (
              <ReasonLine key={i} reason={r} />
            ))}
          </div>
        )}
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Routes ({formatCount(gw.routeCount)})</h3>
          {gw.routeCount ? <GatewayRoutes gateway={gw.resource} highlight={highlight} /> : <Empty>No routes attach to this Gateway.</Empty>}
        </div>
      </div>
    </Card>
  );
}

/** A Gateway's routes, fetched once the card is near the screen, then a page at a time as the list scrolls. */
export function GatewayRoutes({ gateway, highlight, caption }: { gateway: string; highlight: string; caption?: string }) {
  const [ref, inView] = useInView<HTMLDivElement>();
  return <div ref={ref}>{inView ? <RoutesList gateway={gateway} highlight={highlight} caption={caption} /> : <p className="text-sm text-slate-500 dark:text-slate-400">Routes load when shown…</p>}</div>;
}

function RoutesList({ gateway, highlight, caption }: { gateway: string; highlight: string; caption?: string }) {
  const { items, total, fetchNextPage, isFetchingNextPage, isPending } = useGatewayRoutes(gateway);
  if (isPending) return <p className="text-sm text-slate-500 dark:text-slate-400">Loading routes…</p>;
  return <RouteTable routes={items} total={total} highlight={highlight} loadMore={() => void fetchNextPage()} loading={isFetchingNextPage} caption={caption} />;
}
