// --compatibility (source/compatibility.go, the same at v0.20–v0.22): legacy annotations of mate,
// Molecule and kOps' dns-controller, read only when the Service's own external-dns annotations
// yield no records. These endpoints carry no resource label: external-dns builds them without one,
// so their ownership TXT names no resource either.

import { newEndpoint, suitableType } from "../endpoint";
import type { Endpoint, KubeObject } from "../types";
import { loadBalancerIngress, nodeAddresses, type ServiceReasons, serviceType, type ServiceWorld } from "./service-objects";

export const MATE_KEY = "zalando.org/dnsname";
export const MOLECULE_KEY = "domainName";
export const KOPS_EXTERNAL_KEY = "dns.alpha.kubernetes.io/external";
export const KOPS_INTERNAL_KEY = "dns.alpha.kubernetes.io/internal";
const NODE_ROLE = "node-role.kubernetes.io/node";

function split(value: string): string[] {
  return value.replace(/ /g, "").split(",");
}

/** One endpoint per load-balancer entry: A for an ip (whatever its family), CNAME for a hostname. */
function fromLoadBalancer(svc: KubeObject, hosts: string[], world: ServiceWorld): Endpoint[] {
  const out: Endpoint[] = [];
  const add = (dnsName: string, recordType: string, target: string) => {
    const ep = newEndpoint({ dnsName, recordType, targets: [target] }, world.cfg.version);
    if (ep) out.push(ep);
  };
  for (const host of hosts) {
    for (const lb of loadBalancerIngress(svc)) {
      if (lb.ip !== "") add(host, "A", lb.ip);
      if (lb.hostname !== "") add(host, "CNAME", lb.hostname);
    }
  }
  return out;
}

/** kOps NodePort: the addresses of nodes with the "node" role, external or internal by annotation. */
function kopsNodePort(svc: KubeObject, world: ServiceWorld, out: ServiceReasons): Endpoint[] {
  const a = svc.metadata.annotations ?? {};
  const external = a[KOPS_EXTERNAL_KEY];
  const internal = a[KOPS_INTERNAL_KEY];
  if (external === undefined && internal === undefined) return [];
  if (external !== undefined && internal !== undefined) {
    out.add("invalid-annotation", "warning", `--compatibility=kops-dns-controller: a NodePort Service with both ${KOPS_EXTERNAL_KEY} and ${KOPS_INTERNAL_KEY} yields nothing, as dns-controller does`, [...split(external), ...split(internal)]);
    return [];
  }
  const eps: Endpoint[] = [];
  for (const host of split(external ?? internal!)) {
    for (const node of world.nodes) {
      if (node.metadata.labels?.[NODE_ROLE] === undefined) continue;
      for (const { type, address } of nodeAddresses(node)) {
        const recordType = suitableType(address);
        const take =
          external !== undefined
            ? type === "ExternalIP" || (world.cfg.exposeInternalIPv6 && type === "InternalIP" && recordType === "AAAA")
            : type === "InternalIP";
        const ep = take ? newEndpoint({ dnsName: host, recordType, targets: [address] }, world.cfg.version) : undefined;
        if (ep) eps.push(ep);
      }
    }
  }
  return eps;
}

/** legacyEndpointsFromService for the configured --compatibility mode. */
export function legacyEndpoints(svc: KubeObject, world: ServiceWorld, out: ServiceReasons): Endpoint[] {
  const a = svc.metadata.annotations ?? {};
  switch (world.cfg.compatibility) {
    case "mate":
      return a[MATE_KEY] === undefined ? [] : fromLoadBalancer(svc, [a[MATE_KEY]], world);
    case "molecule":
      if (svc.metadata.labels?.dns !== "route53" || a[MOLECULE_KEY] === undefined) return [];
      return fromLoadBalancer(svc, split(a[MOLECULE_KEY]), world);
    case "kops-dns-controller":
      if (serviceType(svc) === "NodePort") return kopsNodePort(svc, world, out);
      if (serviceType(svc) !== "LoadBalancer") return [];
      return fromLoadBalancer(svc, [...(a[KOPS_EXTERNAL_KEY] === undefined ? [] : split(a[KOPS_EXTERNAL_KEY])), ...(a[KOPS_INTERNAL_KEY] === undefined ? [] : split(a[KOPS_INTERNAL_KEY]))], world);
    default:
      return [];
  }
}

/** The legacy annotations a Service carries, for explain. */
export function legacyHostnames(svc: KubeObject): string[] {
  const a = svc.metadata.annotations ?? {};
  return [a[MATE_KEY], a[MOLECULE_KEY], a[KOPS_EXTERNAL_KEY], a[KOPS_INTERNAL_KEY]].filter((v): v is string => v !== undefined).flatMap(split);
}
