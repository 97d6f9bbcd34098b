"use client";

import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import { Mono, Table, Td, Th, Tr } from "@/components/ui/table";
import { highlightClass, ObjectsView } from "./objects-view";
import { ReasonList } from "./reasons";
import { RecordRefs } from "./record-refs";

export function DnsEndpointsPage() {
  return (
    <ObjectsView title="DNSEndpoints" description="DNSEndpoint objects (the crd source), their endpoints and the records they own">
      {(data, highlight) =>
        !data.dnsEndpoints.length ? (
        <Empty testId="dnsendpoints-empty">No DNSEndpoints in the cluster (or the crd source is not enabled).</Empty>
      ) : (
        <Card>
          <Table caption="DNSEndpoints" testId="dnsendpoint-table">
            <thead>
              <tr>
                <Th>DNSEndpoint</Th>
                <Th className="w-[34%]">Endpoints</Th>
                <Th>Records</Th>
                <Th className="w-[30%]">Why</Th>
              </tr>
            </thead>
            <tbody>
              {data.dnsEndpoints.map((d) => (
                <Tr key={d.resource} id={d.resource} data-testid="dnsendpoint-row" data-resource={d.resource} className={highlightClass(highlight, d.resource)}>
                  <Td>
                    <Mono>
                      {d.namespace}/{d.name}
                    </Mono>
                  </Td>
                  <Td>
                    <ul className="space-y-0.5">
                      {d.endpoints.map((e, i) => (
                        <li key={i} className="text-[0.8125rem]">
                          <HostLink name={e.dnsName} /> <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{e.recordType}</span>{" "}
                          <Mono>{e.targets.join(", ") || "(no targets)"}</Mono>
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
              ))}
            </tbody>
          </Table>
        </Card>
      )
      }
    </ObjectsView>
  );
}
