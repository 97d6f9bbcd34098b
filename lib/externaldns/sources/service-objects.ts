// What the service source reads from Services, EndpointSlices, Pods and Nodes, with the API
// server's defaults applied (a manifest from a file may omit fields the cluster would fill in),
// and the per-run indexes external-dns's informers keep (slices by service name label, pods by
// namespace, nodes by name).

import { reasonHosts } from "../reason-hosts";
import type { ClusterObjects, Config, KubeObject, Reason } from "../types";
import { addToList } from "../append";

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const SERVICE_TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] as const;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** spec.type; the API server defaults an omitted type to ClusterIP. */
export function serviceType(svc: KubeObject): string {
  return str(svc.spec?.type) || "ClusterIP";
}

export function clusterIP(svc: KubeObject): string {
  return str(svc.spec?.clusterIP);
}

export function isHeadless(svc: KubeObject): boolean {
  return clusterIP(svc) === "None";
}

export function externalIPs(svc: KubeObject): string[] {
  return asArray(svc.spec?.externalIPs).filter((v): v is string => typeof v === "string");
}

export function loadBalancerIngress(svc: KubeObject): Array<{ ip: string; hostname: string }> {
  return asArray(svc.status?.loadBalancer?.ingress).map((e) => {
    const entry = (e ?? {}) as { ip?: unknown; hostname?: unknown };
    return { ip: str(entry.ip), hostname: str(entry.hostname) };
  });
}

export interface ServicePort {
  protocol: string;
  nodePort: number;
}

export function servicePorts(svc: KubeObject): ServicePort[] {
  return asArray(svc.spec?.ports).map((p) => {
    const port = (p ?? {}) as { protocol?: unknown; nodePort?: unknown };
    return { protocol: str(port.protocol), nodePort: typeof port.nodePort === "number" ? port.nodePort : 0 };
  });
}

export function selectorOf(svc: KubeObject): Record<string, string> {
  const s: unknown = svc.spec?.selector;
  return s !== null && typeof s === "object" && !Array.isArray(s) ? (s as Record<string, string>) : {};
}

/** labels.Set(selector).AsSelector(): every pair must match; an empty selector matches every pod. */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

export function podHostname(pod: KubeObject): string {
  return str(pod.spec?.hostname);
}

export function podNodeName(pod: KubeObject): string {
  return str(pod.spec?.nodeName);
}

export function podHostIP(pod: KubeObject): string {
  return str(pod.status?.hostIP);
}

export function podPhase(pod: KubeObject): string {
  return str(pod.status?.phase);
}

/** The first PodReady condition decides; none means not ready. */
export function podReady(pod: KubeObject): boolean {
  for (const c of asArray(pod.status?.conditions)) {
    const cond = (c ?? {}) as { type?: unknown; status?: unknown };
    if (cond.type === "Ready") return cond.status === "True";
  }
  return false;
}

export function podTerminating(pod: KubeObject): boolean {
  const m = pod.metadata as { deletionTimestamp?: unknown };
  return m.deletionTimestamp !== undefined && m.deletionTimestamp !== null;
}

export interface NodeAddress {
  type: string;
  address: string;
}

export function nodeAddresses(node: KubeObject): NodeAddress[] {
  return asArray(node.status?.addresses).map((a) => {
    const entry = (a ?? {}) as { type?: unknown; address?: unknown };
    return { type: str(entry.type), address: str(entry.address) };
  });
}

export function nodeUnschedulable(node: KubeObject): boolean {
  return node.spec?.unschedulable === true;
}

export interface SliceEndpoint {
  addresses: string[];
  /** conditions.ready; absent means ready (EndpointConditions). */
  ready: boolean;
  targetRef?: { apiVersion: string; kind: string; name: string };
}

export function sliceAddressType(slice: KubeObject): string {
  return str((slice as { addressType?: unknown }).addressType);
}

export function sliceEndpoints(slice: KubeObject): SliceEndpoint[] {
  return asArray((slice as { endpoints?: unknown }).endpoints).map((e) => {
    const entry = (e ?? {}) as { addresses?: unknown; conditions?: { ready?: unknown }; targetRef?: unknown };
    const ref = entry.targetRef as { apiVersion?: unknown; kind?: unknown; name?: unknown } | null | undefined;
    return {
      addresses: asArray(entry.addresses).filter((a): a is string => typeof a === "string"),
      ready: entry.conditions?.ready !== false,
      targetRef: ref ? { apiVersion: str(ref.apiVersion), kind: str(ref.kind), name: str(ref.name) } : undefined,
    };
  });
}

export function resourceOfService(svc: KubeObject): string {
  return `service/${svc.metadata.namespace ?? ""}/${svc.metadata.name}`;
}

/** The informers' view of one run: indexes built once, read per Service. */
export interface ServiceWorld {
  cfg: Config;
  podsByNamespace: Map<string, KubeObject[]>;
  slicesByService: Map<string, KubeObject[]>;
  nodesByName: Map<string, KubeObject>;
  nodes: KubeObject[];
  /** external-dns starts its Node informer only when --service-type-filter admits NodePort. */
  nodeInformer: boolean;
}

export function serviceWorld(objects: ClusterObjects, cfg: Config, nodeInformer: boolean): ServiceWorld {
  const podsByNamespace = new Map<string, KubeObject[]>();
  for (const pod of objects.pods ?? []) addToList(podsByNamespace, pod.metadata.namespace ?? "", pod);
  const slicesByService = new Map<string, KubeObject[]>();
  for (const slice of objects.endpointSlices ?? []) {
    const name = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (name) addToList(slicesByService, `${slice.metadata.namespace ?? ""}/${name}`, slice);
  }
  const nodes = nodeInformer ? (objects.nodes ?? []) : [];
  return { cfg, podsByNamespace, slicesByService, nodesByName: new Map(nodes.map((n) => [n.metadata.name, n])), nodes, nodeInformer };
}

/** The pods the Service's selector picks in its namespace (external-dns lists them from the informer). */
export function podsOf(svc: KubeObject, world: ServiceWorld): KubeObject[] {
  const selector = selectorOf(svc);
  return (world.podsByNamespace.get(svc.metadata.namespace ?? "") ?? []).filter((p) => selectorMatches(selector, p.metadata.labels));
}

/** Reasons about one Service, each tagged with the hosts it concerns. */
export class ServiceReasons {
  readonly list: Reason[] = [];
  constructor(
    readonly resource: string,
    readonly hosts: string[],
  ) {}
  add(code: string, severity: Reason["severity"], message: string, hosts: string[] = this.hosts): void {
    this.list.push({ code, resource: this.resource, message, severity, hostnames: reasonHosts(hosts) });
  }
}
