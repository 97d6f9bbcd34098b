// The objects a hostname passes through on its way to a record, read from the state:
// route → parent Gateway → record(s), or Ingress, DNSEndpoint or Service → record(s).
// Shown above the reason list so the chain reads left to right.

import type { InstanceState, RecordRef } from "../api/types";
import { normalizeHostname } from "../externaldns/hostname";

export interface PathStep {
  kind: string;
  resource: string;
  label: string;
  ok: boolean;
  note?: string;
}

function recordSteps(records: RecordRef[], hostname: string): PathStep[] {
  const mine = records.filter((r) => r.name === hostname);
  if (!mine.length) return [{ kind: "Record", resource: "", label: "no record", ok: false }];
  return mine.map((r) => ({ kind: "Record", resource: "", label: `${r.type} ${r.name}`, ok: r.state === "in-sync", note: r.state.replace("-", " ") }));
}

export function pathsFor(i: InstanceState, hostname: string): PathStep[][] {
  const paths: PathStep[][] = [];
  for (const gw of i.gateways) {
    for (const route of gw.routes) {
      if (!route.hostnames.includes(hostname) && !route.records.some((r) => r.name === hostname)) continue;
      const parent = route.parents.find((p) => p.gateway === `${gw.namespace}/${gw.name}`);
      const labels = Object.entries(gw.labels).map(([k, v]) => `${k}=${v}`);
      paths.push([
        { kind: route.kind, resource: route.resource, label: `${route.namespace}/${route.name}`, ok: route.accepted, note: parent?.accepted === false ? "not accepted" : undefined },
        {
          kind: "Gateway",
          resource: gw.resource,
          label: `${gw.namespace}/${gw.name}${parent?.section ? ` · ${parent.section}` : ""}`,
          ok: gw.processed,
          note: gw.processed ? undefined : `ignored${gw.exclusion?.code ? ` (${gw.exclusion.code})` : ""}; labels: ${labels.join(", ") || "none"}`,
        },
        ...recordSteps(route.records, hostname),
      ]);
    }
  }
  for (const route of i.orphanRoutes) {
    if (!route.hostnames.includes(hostname)) continue;
    paths.push([
      { kind: route.kind, resource: route.resource, label: `${route.namespace}/${route.name}`, ok: false, note: "no known parent Gateway" },
      ...recordSteps(route.records, hostname),
    ]);
  }
  for (const ing of i.ingresses) {
    if (!ing.hosts.includes(hostname)) continue;
    const excluded = ing.reasons.find((r) => r.code === "ingress-class" || r.code === "controller-annotation" || r.code.endsWith("-filter"));
    paths.push([
      { kind: "Ingress", resource: ing.resource, label: `${ing.namespace}/${ing.name}`, ok: !excluded, note: excluded ? `ignored (${excluded.code})` : `class ${ing.ingressClass || "—"}` },
      ...recordSteps(ing.records, hostname),
    ]);
  }
  for (const d of i.dnsEndpoints) {
    if (!d.endpoints.some((e) => normalizeHostname(e.dnsName) === hostname)) continue;
    paths.push([{ kind: "DNSEndpoint", resource: d.resource, label: `${d.namespace}/${d.name}`, ok: true }, ...recordSteps(d.records, hostname)]);
  }
  for (const svc of i.services ?? []) {
    const names = [...svc.hostnames, ...svc.internalHostnames];
    if (!names.includes(hostname) && !svc.records.some((r) => r.name === hostname)) continue;
    const what = svc.headless ? "headless" : svc.type;
    paths.push([
      { kind: "Service", resource: svc.resource, label: `${svc.namespace}/${svc.name}`, ok: !svc.exclusion, note: svc.exclusion ? `ignored (${svc.exclusion.code})` : what },
      ...recordSteps(svc.records, hostname),
    ]);
  }
  return paths;
}
