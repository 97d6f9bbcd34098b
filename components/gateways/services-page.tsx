"use client";

// The Services of an instance that runs --source=service: what each asks for, whether
// external-dns reads it at all (labels, type, controller), the records it owns with their
// state, proxied and where that comes from, and the why trail.

import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import { Mono, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ServiceView } from "@/lib/api/types";
import type { ObjectsData } from "./api";
import { highlightClass, ObjectsView } from "./objects-view";
import { ReasonList } from "./reasons";
import { RecordRefs } from "./record-refs";

const PROXIED_SOURCE: Record<NonNullable<ServiceView["proxiedSource"]>, [string, string]> = {
  annotation: ["Service annotation", "set by the cloudflare-proxied annotation on the Service"],
  "flag-default": ["flag default", "no annotation on the Service: the --cloudflare-proxied flag decides"],
  "not-proxiable": ["not proxiable", "Cloudflare cannot proxy these records (SRV, or the name), so they are DNS only"],
};

function Proxied({ svc }: { svc: ServiceView }) {
  if (svc.proxied === null) return <span className="text-xs text-slate-500 dark:text-slate-400">—</span>;
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Badge tone={svc.proxied ? "amber" : "slate"}>{svc.proxied ? "proxied" : "DNS only"}</Badge>
      {svc.proxiedSource && (
        <span className="whitespace-nowrap text-[11px] text-slate-600 dark:text-slate-400" title={PROXIED_SOURCE[svc.proxiedSource][1]}>
          {PROXIED_SOURCE[svc.proxiedSource][0]}
        </span>
      )}
    </span>
  );
}

/** Labels, and whether they pass --label-filter: the label-status view for Services. */
function Labels({ svc, labelFilter }: { svc: ServiceView; labelFilter: string }) {
  const entries = Object.entries(svc.labels);
  const filtered = svc.exclusion?.code === "label-filter";
  return (
    <div className="space-y-0.5" data-testid="service-labels" data-label-status={labelFilter === "" ? "no-filter" : filtered ? "excluded" : "matches"}>
      {labelFilter !== "" && <Badge tone={filtered ? "red" : "green"} title={`--label-filter=${labelFilter}`}>{filtered ? "label filter: no match" : "label filter: match"}</Badge>}
      {entries.length > 0 && (
        <ul className="font-mono text-[11px] text-slate-600 dark:text-slate-400">
          {entries.map(([k, v]) => (
            <li key={k}>
              {k}={v}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function description(data: ObjectsData | undefined): string {
  const parts = ["Every Service the service source reads, the names its annotations ask for, and the records it owns"];
  if (data?.serviceTypeFilter.length) parts.push(`--service-type-filter=${data.serviceTypeFilter.join(",")}`);
  if (data?.publishInternalServices) parts.push("--publish-internal-services");
  return parts.join(" · ");
}

export function ServicesPage() {
  return (
    <ObjectsView title="Services" description={description}>
      {(data, highlight) =>
        !data.services ? (
          <Empty testId="services-disabled">This external-dns instance does not run --source=service.</Empty>
        ) : !data.services.length ? (
          <Empty testId="services-empty">No Services in the cluster.</Empty>
        ) : (
          <Card>
            <Table caption="Services" testId="service-table">
              <thead>
                <tr>
                  <Th>Service</Th>
                  <Th>Type</Th>
                  <Th className="w-[16%]">Labels</Th>
                  <Th>Hostnames</Th>
                  <Th>Targets</Th>
                  <Th>Proxied</Th>
                  <Th>Records</Th>
                  <Th className="w-[28%]">Why</Th>
                </tr>
              </thead>
              <tbody>
                {data.services.map((svc) => (
                  <Tr key={svc.resource} id={svc.resource} data-testid="service-row" data-resource={svc.resource} className={highlightClass(highlight, svc.resource)}>
                    <Td className="whitespace-nowrap">
                      <Mono>
                        {svc.namespace}/{svc.name}
                      </Mono>
                      {svc.exclusion && (
                        <div className="mt-0.5">
                          <Badge tone="red" title={svc.exclusion.message}>
                            ignored ({svc.exclusion.code})
                          </Badge>
                        </div>
                      )}
                    </Td>
                    <Td className="whitespace-nowrap">
                      <Mono>{svc.headless ? "headless" : svc.type}</Mono>
                    </Td>
                    <Td>
                      <Labels svc={svc} labelFilter={data.labelFilter} />
                    </Td>
                    <Td>
                      <ul>
                        {svc.hostnames.map((h) => (
                          <li key={h}>
                            <HostLink name={h} />
                          </li>
                        ))}
                        {svc.internalHostnames.map((h) => (
                          <li key={`internal:${h}`} className="flex items-center gap-1">
                            <HostLink name={h} />
                            <Badge tone="slate" title="internal-hostname annotation: published with the ClusterIP">
                              internal
                            </Badge>
                          </li>
                        ))}
                      </ul>
                    </Td>
                    <Td>{svc.targets.length ? <Mono>{svc.targets.join(", ")}</Mono> : <span className="text-xs text-slate-500 dark:text-slate-400">none</span>}</Td>
                    <Td>
                      <Proxied svc={svc} />
                    </Td>
                    <Td>
                      <RecordRefs records={svc.records} />
                    </Td>
                    <Td>
                      <ReasonList reasons={svc.reasons} compact />
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
