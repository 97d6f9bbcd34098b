// Headless Services (clusterIP: None) through the objects every modelled version reads: the
// Service's EndpointSlices (by the kubernetes.io/service-name label), the Pods its selector picks,
// and for the NodeExternalIP endpoints type the Nodes (extractHeadlessEndpoints and helpers in
// source/service.go, v0.20–v0.22 alike).

import { annotationValue, splitHostnames } from "../annotations";
import { newEndpoint, suitableType } from "../endpoint";
import type { Endpoint, KubeObject } from "../types";
import {
  nodeAddresses,
  podHostIP,
  podHostname,
  podNodeName,
  podsOf,
  resourceOfService,
  type ServiceReasons,
  sliceAddressType,
  sliceEndpoints,
  type SliceEndpoint,
  type ServiceWorld,
} from "./service-objects";

export const NODE_EXTERNAL_IP = "NodeExternalIP";
export const HOST_IP = "HostIP";

/** TargetsFromTargetAnnotation: split like hostnames, one trailing dot trimmed, empties kept. */
export function targetAnnotation(annotations: Record<string, string> | undefined, prefix: string): string[] {
  const v = annotationValue(annotations, prefix, "target");
  if (v === undefined || v === "") return [];
  return splitHostnames(v.trim()).map((t) => (t.endsWith(".") ? t.slice(0, -1) : t));
}

function findPod(ep: SliceEndpoint, pods: KubeObject[]): KubeObject | undefined {
  const ref = ep.targetRef;
  if (!ref || ref.apiVersion !== "" || ref.kind !== "Pod") return undefined;
  return pods.find((p) => p.metadata.name === ref.name);
}

interface HeadlessTargetsInput {
  pod: KubeObject;
  ep: SliceEndpoint;
  slice: KubeObject;
  endpointsType: string;
  domain: string;
}

/** getTargetsForDomain: the pod's target annotation, else node, host or endpoint address. */
function targetsForDomain(input: HeadlessTargetsInput, world: ServiceWorld, out: ServiceReasons): string[] {
  const { pod, ep, slice, endpointsType, domain } = input;
  const cfg = world.cfg;
  const fromPod = targetAnnotation(pod.metadata.annotations, cfg.annotationPrefix);
  if (fromPod.length > 0) return fromPod;
  const sliceName = `${slice.metadata.namespace ?? ""}/${slice.metadata.name}`;
  if (endpointsType === NODE_EXTERNAL_IP) {
    if (!world.nodeInformer) {
      out.add("no-targets", "warning", `EndpointSlice ${sliceName} skipped: endpoints-type NodeExternalIP needs Nodes, which external-dns does not read when --service-type-filter leaves out NodePort`, [domain]);
      return [];
    }
    const node = world.nodesByName.get(podNodeName(pod));
    if (!node) {
      out.add("node-not-found", "warning", `pod ${pod.metadata.name} runs on node "${podNodeName(pod)}", which does not exist; no NodeExternalIP records for it`, [domain]);
      return [];
    }
    return nodeAddresses(node)
      .filter((a) => a.type === "ExternalIP" || (cfg.exposeInternalIPv6 && a.type === "InternalIP" && suitableType(a.address) === "AAAA"))
      .map((a) => a.address);
  }
  if (endpointsType === HOST_IP || cfg.publishHostIP) return [podHostIP(pod)];
  if (ep.addresses.length === 0) {
    out.add("no-targets", "warning", `EndpointSlice ${sliceName} has an endpoint for pod ${pod.metadata.name} without addresses`, [domain]);
    return [];
  }
  return [ep.addresses[0]];
}

/** extractHeadlessEndpoints: A/AAAA records for the Service's name and each pod's hostname under it. */
export function headlessEndpoints(svc: KubeObject, hostname: string, ttl: number, world: ServiceWorld, out: ServiceReasons): Endpoint[] {
  const cfg = world.cfg;
  const slices = world.slicesByService.get(`${svc.metadata.namespace ?? ""}/${svc.metadata.name}`) ?? [];
  const pods = podsOf(svc, world);
  const endpointsType = annotationValue(svc.metadata.annotations, cfg.annotationPrefix, "endpoints-type") ?? "";
  const publishPodIPs = endpointsType !== NODE_EXTERNAL_IP && endpointsType !== HOST_IP && !cfg.publishHostIP;
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true || cfg.alwaysPublishNotReadyAddresses;
  if (slices.length === 0) {
    out.add("no-targets", "warning", `headless Service: no EndpointSlice is labelled ${"kubernetes.io/service-name"}=${svc.metadata.name}, so there are no pod addresses to publish`, [hostname]);
  }

  const byKey = new Map<string, { name: string; type: string; targets: string[] }>();
  for (const slice of slices) {
    for (const ep of sliceEndpoints(slice)) {
      if (!ep.ready && !publishNotReady) {
        out.add("endpoint-not-ready", "info", `endpoint ${ep.targetRef?.name ?? ep.addresses.join(",")} is not ready and is left out (publishNotReadyAddresses is false and --always-publish-not-ready-addresses is not set)`, [hostname]);
        continue;
      }
      const addressType = sliceAddressType(slice);
      if (publishPodIPs && addressType !== "IPv4" && addressType !== "IPv6") {
        out.add("no-targets", "info", `EndpointSlice ${slice.metadata.name} has addressType ${addressType || "(none)"}, which external-dns does not publish pod addresses from`, [hostname]);
        continue;
      }
      const pod = findPod(ep, pods);
      if (!pod) {
        const ref = ep.targetRef;
        const what = ref ? `${ref.kind || "?"} ${ref.name}` : "an endpoint without targetRef";
        out.add("pod-not-found", "warning", `${what} is not a Pod selected by the Service (or not a Pod at all), so external-dns skips it`, [hostname]);
        continue;
      }
      const domains = [hostname];
      if (podHostname(pod) !== "") domains.push(`${podHostname(pod)}.${hostname}`);
      for (const domain of domains) {
        for (const target of targetsForDomain({ pod, ep, slice, endpointsType, domain }, world, out)) {
          const type = suitableType(target);
          const key = `${domain}\u0000${type}`;
          const entry = byKey.get(key) ?? { name: domain, type, targets: [] };
          if (!entry.targets.includes(target)) entry.targets.push(target);
          byKey.set(key, entry);
        }
      }
    }
  }
  const entries = [...byKey.values()].sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const endpoints: Endpoint[] = [];
  for (const e of entries) {
    const ep = newEndpoint({ dnsName: e.name, recordType: e.type, targets: e.targets, ttl, labels: { resource: resourceOfService(svc) } }, cfg.version);
    if (ep) endpoints.push(ep);
  }
  return endpoints;
}
