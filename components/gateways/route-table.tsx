import { Badge } from "@/components/ui/badge";
import { HostLink } from "@/components/ui/links";
import { Td, Th, Tr } from "@/components/ui/table";
import { VirtualTable } from "@/components/ui/virtual-table";
import type { RouteView } from "@/lib/api/types";
import { RecordRefs } from "./record-refs";
import { ReasonList } from "./reasons";
import { highlightClass } from "./objects-view";
import { formatTtl } from "@/components/ui/format";

const PROXIED_SOURCE: Record<NonNullable<RouteView["proxiedSource"]>, [string, string]> = {
  annotation: ["route annotation", "set by the cloudflare-proxied annotation on the route"],
  "flag-default": ["flag default", "no annotation on the route: the --cloudflare-proxied flag decides"],
  "not-proxiable": ["not proxiable", "Cloudflare cannot proxy this record (type or name), so it is DNS only"],
};

function Proxied({ route }: { route: RouteView }) {
  if (route.proxied === null) return <span className="text-xs text-slate-500 dark:text-slate-400">—</span>;
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Badge tone={route.proxied ? "amber" : "slate"}>{route.proxied ? "proxied" : "DNS only"}</Badge>
      {route.proxiedSource && (
        <span className="whitespace-nowrap text-[11px] text-slate-600 dark:text-slate-400" title={PROXIED_SOURCE[route.proxiedSource][1]}>
          {PROXIED_SOURCE[route.proxiedSource][0]}
        </span>
      )}
    </span>
  );
}

export function RouteTable({
  routes,
  total,
  highlight,
  loadMore,
  loading,
  caption = "Routes attached to this Gateway",
}: {
  routes: RouteView[];
  total: number;
  highlight: string;
  loadMore?: () => void;
  loading?: boolean;
  caption?: string;
}) {
  const linked = routes.findIndex((r) => r.resource === highlight);
  return (
    <VirtualTable
      caption={caption}
      testId="route-table"
      items={routes}
      total={total}
      colSpan={7}
      loadMore={loadMore}
      loading={loading}
      scrollTo={linked >= 0 ? linked : undefined}
      head={
        <tr>
          <Th className="w-[18%]">Route</Th>
          <Th className="w-[16%]">Hostnames</Th>
          <Th>Parent</Th>
          <Th>TTL</Th>
          <Th>Proxied</Th>
          <Th className="w-[20%]">Records</Th>
          <Th className="w-[26%]">Why</Th>
        </tr>
      }
      renderRow={(r, _i, rowProps) => (
          <Tr
            {...rowProps}
            key={r.resource}
            id={r.resource}
            data-testid="route-row"
            data-resource={r.resource}
            className={highlightClass(highlight, r.resource)}
          >
            <Td>
              <div className="text-xs text-slate-600 dark:text-slate-400">{r.kind}</div>
              <span className="font-mono text-[0.8125rem] [overflow-wrap:anywhere]">
                {r.namespace}/{r.name}
              </span>
            </Td>
            <Td>
              {r.hostnames.length ? (
                <ul>
                  {r.hostnames.map((h) => (
                    <li key={h}>
                      <HostLink name={h} />
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-xs text-slate-500 dark:text-slate-400">none (listener hostname)</span>
              )}
            </Td>
            <Td>
              <ul className="space-y-0.5">
                {r.parents.map((p, i) => (
                  <li key={i} className="flex flex-wrap items-center gap-1">
                    <span className="font-mono text-xs">
                      {p.gateway}
                      {p.section ? `/${p.section}` : ""}
                    </span>
                    <Badge tone={p.accepted ? "green" : "red"}>{p.accepted ? "accepted" : "not accepted"}</Badge>
                  </li>
                ))}
              </ul>
            </Td>
            <Td className="whitespace-nowrap tabular-nums">{r.ttl ? formatTtl(r.ttl) : <span className="text-xs text-slate-600 dark:text-slate-400">auto</span>}</Td>
            <Td>
              <Proxied route={r} />
            </Td>
            <Td>
              <RecordRefs records={r.records} />
            </Td>
            <Td>
              <ReasonList reasons={r.reasons} compact />
            </Td>
          </Tr>
      )}
    />
  );
}
