"use client";

import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import { Mono, Td, Th, Tr } from "@/components/ui/table";
import { VirtualTable } from "@/components/ui/virtual-table";
import { useIngresses } from "./api";
import { highlightClass, ObjectsView } from "./objects-view";
import { ReasonList } from "./reasons";
import { RecordRefs } from "./record-refs";

const excluded = (reasons: { code: string }[]) => reasons.some((r) => r.code === "ingress-class" || r.code === "controller-annotation" || r.code.endsWith("-filter"));

export function IngressesPage() {
  return (
    <ObjectsView title="Ingresses" description="Every Ingress, the hosts it asks for, and the records it owns">
      {(data, highlight) =>
        !data.ingressCount ? (
          <Empty testId="ingresses-empty">No Ingresses in the cluster (or the ingress source is not enabled).</Empty>
        ) : (
          <Card>
            <IngressList highlight={highlight} />
          </Card>
        )
      }
    </ObjectsView>
  );
}

/** Ingresses a page at a time, only the rows in view rendered. */
function IngressList({ highlight }: { highlight: string }) {
  const { items, total, fetchNextPage, isFetchingNextPage, isPending } = useIngresses();
  if (isPending) return <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>;
  const linked = items.findIndex((x) => x.resource === highlight);
  return (
    <VirtualTable
      caption="Ingresses"
      testId="ingress-table"
      items={items}
      total={total}
      colSpan={6}
      maxHeight="calc(100vh - 16rem)"
      loadMore={() => void fetchNextPage()}
      loading={isFetchingNextPage}
      scrollTo={linked >= 0 ? linked : undefined}
      head={
        <tr>
          <Th>Ingress</Th>
          <Th>Class</Th>
          <Th>Hosts</Th>
          <Th>Targets</Th>
          <Th>Records</Th>
          <Th className="w-[32%]">Why</Th>
        </tr>
      }
      renderRow={(ing, _i, rowProps) => (
        <Tr {...rowProps} key={ing.resource} id={ing.resource} data-testid="ingress-row" data-resource={ing.resource} className={highlightClass(highlight, ing.resource)}>
          <Td>
            <Mono>
              {ing.namespace}/{ing.name}
            </Mono>
            {excluded(ing.reasons) && (
              <div className="mt-0.5">
                <Badge tone="red">ignored</Badge>
              </div>
            )}
          </Td>
          <Td>
            <Mono>{ing.ingressClass || "—"}</Mono>
          </Td>
          <Td>
            <ul>
              {ing.hosts.map((h) => (
                <li key={h}>
                  <HostLink name={h} />
                </li>
              ))}
            </ul>
          </Td>
          <Td>{ing.targets.length ? <Mono>{ing.targets.join(", ")}</Mono> : <span className="text-xs text-slate-500 dark:text-slate-400">none</span>}</Td>
          <Td>
            <RecordRefs records={ing.records} />
          </Td>
          <Td>
            <ReasonList reasons={ing.reasons} compact />
          </Td>
        </Tr>
      )}
    />
  );
}
