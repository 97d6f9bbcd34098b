// Targets of non-headless Services (source/service.go): LoadBalancer status and externalIPs,
// the ClusterIP, ExternalName, and NodePort node addresses with their SRV records. Each function
// returns where the targets came from too, for the explain chain.

import { atLeast } from "../annotations";
import { newEndpoint, suitableType } from "../endpoint";
import type { Endpoint, KubeObject } from "../types";
import {
  clusterIP,
  externalIPs,
  loadBalancerIngress,
  nodeAddresses,
  nodeUnschedulable,
  podNodeName,
  podPhase,
  podReady,
  podsOf,
  podTerminating,
  resourceOfService,
  type ServiceReasons,
  servicePorts,
  type ServiceWorld,
} from "./service-objects";

export interface Targets {
  targets: string[];
  from: string;
}

/** extractServiceIps: the ClusterIP (a headless Service has none). */
export function clusterIPTargets(svc: KubeObject): Targets {
  if (clusterIP(svc) === "None") return { targets: [], from: "spec.clusterIP (None: headless)" };
  return { targets: [clusterIP(svc)], from: "spec.clusterIP" };
}

export function externalNameTargets(svc: KubeObject): Targets {
  const ips = externalIPs(svc);
  if (ips.length > 0) return { targets: ips, from: "spec.externalIPs" };
  return { targets: [typeof svc.spec?.externalName === "string" ? svc.spec.externalName : ""], from: "spec.externalName" };
}

/**
 * extractLoadBalancerTargets: spec.externalIPs win; else every ip and hostname of the status.
 * With --resolve-service-load-balancer-hostname external-dns resolves the hostnames at run time;
 * dnsdrift cannot, so they are left out and said so.
 */
export function loadBalancerTargets(svc: KubeObject, world: ServiceWorld, out: ServiceReasons, hosts: string[]): Targets {
  const ips = externalIPs(svc);
  if (ips.length > 0) return { targets: ips, from: "spec.externalIPs" };
  const targets: string[] = [];
  for (const lb of loadBalancerIngress(svc)) {
    if (lb.ip !== "") targets.push(lb.ip);
    if (lb.hostname === "") continue;
    if (world.cfg.resolveServiceLoadBalancerHostname) {
      out.add(
        "lb-hostname-not-resolved",
        "warning",
        `--resolve-service-load-balancer-hostname: external-dns publishes the A/AAAA addresses "${lb.hostname}" resolves to when it runs; dnsdrift does not resolve names, so those records are not shown`,
        hosts,
      );
    } else {
      targets.push(lb.hostname);
    }
  }
  return { targets, from: "status.loadBalancer.ingress" };
}

const NOT_READY = 1;
const READY_TERMINATING = 2;
const READY = 3;

/**
 * Nodes behind an externalTrafficPolicy=Local Service: those running its pods, preferring ready
 * non-terminating pods, then ready ones, then any running one. v0.20 ranks a node by the first of
 * its pods seen; from v0.21 by its best pod.
 */
export function localTrafficNodes(svc: KubeObject, world: ServiceWorld): KubeObject[] {
  const v21 = atLeast(world.cfg.version, 21);
  const best = new Map<KubeObject, number>();
  for (const pod of podsOf(svc, world)) {
    if (podPhase(pod) !== "Running") continue;
    const node = world.nodesByName.get(podNodeName(pod));
    if (!node) continue;
    const p = !podReady(pod) ? NOT_READY : podTerminating(pod) ? READY_TERMINATING : READY;
    const seen = best.get(node);
    if (seen === undefined || (v21 && p > seen)) best.set(node, p);
  }
  const ranks = [...best.values()];
  if (v21) {
    const top = Math.max(0, ...ranks);
    return [...best].filter(([, p]) => p === top).map(([n]) => n);
  }
  // v0.20: non-terminating ready nodes, else ready nodes, else every running node.
  for (const floor of [READY, READY_TERMINATING]) {
    const nodes = [...best].filter(([, p]) => p >= floor).map(([n]) => n);
    if (nodes.length > 0) return nodes;
  }
  return [...best.keys()];
}

/** extractNodePortTargets: node addresses chosen by the access annotation. */
export function nodePortTargets(svc: KubeObject, world: ServiceWorld, access: string | undefined): Targets {
  const cfg = world.cfg;
  const local = svc.spec?.externalTrafficPolicy === "Local";
  const nodes = local ? localTrafficNodes(svc, world) : world.nodes;
  const external: string[] = [];
  const internal: string[] = [];
  const ipv6: string[] = [];
  for (const node of nodes) {
    if (atLeast(cfg.version, 21) && cfg.excludeUnschedulable && nodeUnschedulable(node)) continue;
    for (const { type, address } of nodeAddresses(node)) {
      if (type === "ExternalIP") external.push(address);
      else if (type === "InternalIP") {
        internal.push(address);
        if (suitableType(address) === "AAAA") ipv6.push(address);
      }
    }
  }
  const which = local ? "nodes running its pods (externalTrafficPolicy: Local)" : "all nodes";
  const publicTargets = cfg.exposeInternalIPv6 ? [...external, ...ipv6] : external;
  const withV6 = cfg.exposeInternalIPv6 ? " and InternalIP IPv6 addresses (--expose-internal-ipv6)" : "";
  if (access === "public") return { targets: publicTargets, from: `ExternalIP addresses${withV6} of ${which} (access: public)` };
  if (access === "private") return { targets: internal, from: `InternalIP addresses of ${which} (access: private)` };
  if (external.length > 0) return { targets: publicTargets, from: `ExternalIP addresses${withV6} of ${which}` };
  return { targets: internal, from: `InternalIP addresses of ${which} (no node has an ExternalIP)` };
}

/** extractNodePortEndpoints: one SRV record per port with a nodePort, "_<svc>._<proto>.<host>". */
export function nodePortSRV(svc: KubeObject, hostname: string, ttl: number, world: ServiceWorld): Endpoint[] {
  const version = world.cfg.version;
  const out: Endpoint[] = [];
  for (const port of servicePorts(svc)) {
    if (port.nodePort <= 0) continue;
    // v0.21 made the SRV target fully qualified; v0.20 wrote the bare host (and trimmed any dot).
    const host = atLeast(version, 21) && !hostname.endsWith(".") ? `${hostname}.` : hostname;
    const protocol = port.protocol.toLowerCase() || "tcp";
    const ep = newEndpoint(
      {
        dnsName: `_${svc.metadata.name}._${protocol}.${hostname}`,
        recordType: "SRV",
        targets: [`0 50 ${port.nodePort} ${host}`],
        ttl,
        labels: { resource: resourceOfService(svc) },
      },
      version,
    );
    if (ep) out.push(ep);
  }
  return out;
}
