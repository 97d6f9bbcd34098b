"use client";

import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import { Mono, Td, Th, Tr } from "@/components/ui/table";
import { VirtualTable } from "@/components/ui/virtual-table";
import { useDnsEndpoints } from "./api";
import { highlightClass, ObjectsView } from "./objects-view";
import { ReasonList } from "./reasons";
import { RecordRefs } from "./record-refs";

export function DnsEndpointsPage() {
  return (
    <ObjectsView title="DNSEndpoints" description="DNSEndpoint objects (the crd source), their endpoints and the records they own">
      {(data, highlight) =>
        !data.dnsEndpointCount ? (
          <Empty testId="dnsendpoints-empty">No DNSEndpoints in the cluster (or the crd source is not enabled).</Empty>
        ) : (
          <Card>
            <DnsEndpointList highlight={highlight} />
          </Card>
        )
      }
    </ObjectsView>
  );
}

/** DNSEndpoints a page at a time, only the rows in view rendered. */
function DnsEndpointList({ highlight }: { highlight: string }) {
  const { items, total, fetchNextPage, isFetchingNextPage, isPending } = useDnsEndpoints();
  if (isPending) return <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>;
  const linked = items.findIndex((x) => x.resource === highlight);
  return (
    <VirtualTable
      caption="DNSEndpoints"
      testId="dnsendpoint-table"
      items={items}
      total={total}
      colSpan={4}
      maxHeight="calc(100vh - 16rem)"
      loadMore={() => void fetchNextPage()}
      loading={isFetchingNextPage}
      scrollTo={linked >= 0 ? linked : undefined}
      head={
        <tr>
          <Th>DNSEndpoint</Th>
          <Th className="w-[34%]">Endpoints</Th>
          <Th>Records</Th>
          <Th className="w-[30%]">Why</Th>
        </tr>
      }
      renderRow={(d, _i, rowProps) => (
        <Tr {...rowProps} key={d.resource} id={d.resource} data-testid="dnsendpoint-row" data-resource={d.resource} className={highlightClass(highlight, d.resource)}>
          <Td>
            <Mono>
              {d.namespace}/{d.name}
            </Mono>
          </Td>
          <Td>
            <ul className="space-y-0.5">
              {d.endpoints.map((e, i) => (
                <li key={i} className="text-[0.8125rem]">
                  <HostLink name={e.dnsName} /> <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{e.recordType}</span> <Mono>{e.targets.join(", ") || "(no targets)"}</Mono>
                  {e.ttl ? <span className="text-xs text-slate-600 dark:text-slate-400"> · TTL {e.ttl}</span> : null}
                </li>
              ))}
            </ul>
          </Td>
          <Td>
            <RecordRefs records={d.records} />
          </Td>
          <Td>
            <ReasonList reasons={d.reasons} compact />
          </Td>
        </Tr>
      )}
    />
  );
}
