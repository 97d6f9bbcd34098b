// One Service → its endpoints (serviceSource.endpoints / generateEndpoints in source/service.go):
// the hostname and internal-hostname annotations, the target annotation, and per Service type
// where the targets come from. Every host that yields nothing says why.

import { annotationValue, parseTTL, providerSpecificFromAnnotations, splitHostnames } from "../annotations";
import { endpointsForHostname } from "../endpoint";
import type { Endpoint, KubeObject, ProviderSpecificProperty } from "../types";
import { headlessEndpoints, targetAnnotation } from "./service-headless";
import { clusterIP, externalIPs, isHeadless, resourceOfService, type ServiceReasons, serviceType, type ServiceWorld } from "./service-objects";
import { clusterIPTargets, externalNameTargets, loadBalancerTargets, nodePortSRV, nodePortTargets, type Targets } from "./service-targets";

export interface ServiceAnnotations {
  ttl: number;
  providerSpecific: ProviderSpecificProperty[];
  setIdentifier: string;
}

export function describe(ep: Endpoint): string {
  return `${ep.dnsName} → ${ep.recordType} ${ep.targets.join(", ")}`;
}

/** TTL, provider properties and set identifier, read once per Service. */
export function serviceAnnotations(svc: KubeObject, world: ServiceWorld, out: ServiceReasons): ServiceAnnotations {
  const P = world.cfg.annotationPrefix;
  const a = svc.metadata.annotations;
  let ttl = 0;
  const ttlValue = annotationValue(a, P, "ttl");
  if (ttlValue !== undefined) {
    const parsed = parseTTL(ttlValue);
    if (parsed.error) out.add("invalid-annotation", "warning", `${P}ttl="${ttlValue}" is ignored (${parsed.error}); TTL 0 (provider default) is used`);
    ttl = parsed.ttl;
  }
  return { ttl, ...providerSpecificFromAnnotations(a, P, world.cfg.version) };
}

/** Where a non-headless Service of this type takes its targets from, or why it has none. */
function typeTargets(svc: KubeObject, host: string, useClusterIP: boolean, world: ServiceWorld, out: ServiceReasons): Targets {
  const P = world.cfg.annotationPrefix;
  const type = serviceType(svc);
  const missingClusterIP = (): Targets => {
    out.add("invalid-spec", "warning", "spec.clusterIP is empty: the API server assigns it, and without it dnsdrift cannot tell the address external-dns would publish", [host]);
    return { targets: [], from: "spec.clusterIP" };
  };
  switch (type) {
    case "LoadBalancer":
      if (!useClusterIP) return loadBalancerTargets(svc, world, out, [host]);
      return clusterIP(svc) === "" ? missingClusterIP() : clusterIPTargets(svc);
    case "ClusterIP":
      if (useClusterIP || world.cfg.publishInternalServices) return clusterIP(svc) === "" ? missingClusterIP() : clusterIPTargets(svc);
      out.add(
        "internal-service",
        "info",
        `ClusterIP Service: external-dns publishes its ${P}hostname only with --publish-internal-services (the ${P}internal-hostname annotation always publishes the ClusterIP)`,
        [host],
      );
      return { targets: [], from: "" };
    case "NodePort":
      return nodePortTargets(svc, world, annotationValue(svc.metadata.annotations, P, "access"));
    case "ExternalName":
      if (externalIPs(svc).length === 0 && (typeof svc.spec?.externalName !== "string" || svc.spec.externalName === "")) {
        out.add("invalid-spec", "warning", "ExternalName Service without spec.externalName (the API server refuses it)", [host]);
        return { targets: [], from: "spec.externalName" };
      }
      return externalNameTargets(svc);
    default:
      out.add("invalid-spec", "warning", `spec.type "${type}" is not a Service type external-dns handles, so it yields no targets`, [host]);
      return { targets: [], from: "" };
  }
}

/** Reasons that already say why a host has no records. */
const EXPLAINS_EMPTY = new Set(["internal-service", "invalid-spec", "no-targets", "lb-hostname-not-resolved", "endpoint-not-ready", "pod-not-found", "node-not-found"]);

/** generateEndpoints: the records one host of the Service yields. */
export function hostEndpoints(svc: KubeObject, rawHost: string, useClusterIP: boolean, ann: ServiceAnnotations, world: ServiceWorld, out: ServiceReasons): Endpoint[] {
  const cfg = world.cfg;
  const P = cfg.annotationPrefix;
  const host = rawHost.endsWith(".") ? rawHost.slice(0, -1) : rawHost;
  const mark = out.list.length;
  if (host === "") out.add("invalid-hostname", "warning", "a hostname annotation contains an empty name (stray comma); external-dns emits a record with an empty name for it", []);
  const extra: Endpoint[] = [];
  let t: Targets = { targets: targetAnnotation(svc.metadata.annotations, P), from: `annotation ${P}target` };
  let from = t.from;
  if (t.targets.length === 0) {
    if (serviceType(svc) === "ClusterIP" && isHeadless(svc)) {
      extra.push(...headlessEndpoints(svc, host, ann.ttl, world, out));
      from = "EndpointSlices and Pods (headless Service)";
    } else {
      t = typeTargets(svc, host, useClusterIP, world, out);
      from = t.from;
      if (serviceType(svc) === "NodePort") extra.push(...nodePortSRV(svc, host, ann.ttl, world));
    }
    for (const ep of extra) {
      ep.providerSpecific = [...ann.providerSpecific];
      ep.setIdentifier = ann.setIdentifier;
    }
  }
  const opts = { ttl: ann.ttl, setIdentifier: ann.setIdentifier, providerSpecific: ann.providerSpecific, resource: resourceOfService(svc) };
  const endpoints = [...extra, ...endpointsForHostname(host, t.targets, opts, cfg.version)];
  for (const ep of endpoints) {
    const via = ep.recordType === "SRV" ? "the Service's nodePort" : from;
    out.add("endpoint-produced", "info", `${describe(ep)} (from ${via})`, [ep.dnsName]);
  }
  if (endpoints.length === 0 && !out.list.slice(mark).some((r) => EXPLAINS_EMPTY.has(r.code))) {
    const hint = serviceType(svc) === "LoadBalancer" && !useClusterIP ? " (the load balancer may not be provisioned yet)" : "";
    out.add("no-targets", "warning", `no targets for ${host}: ${from || "nothing"} gives none${hint}, so external-dns creates no records`, [host]);
  }
  return endpoints;
}

/** serviceSource.endpoints: the hostname then the internal-hostname annotation (none with --ignore-hostname-annotation). */
export function annotationEndpoints(svc: KubeObject, ann: ServiceAnnotations, world: ServiceWorld, out: ServiceReasons): Endpoint[] {
  const P = world.cfg.annotationPrefix;
  const a = svc.metadata.annotations;
  const hostnames = annotationValue(a, P, "hostname");
  const internal = annotationValue(a, P, "internal-hostname");
  if (world.cfg.ignoreHostnameAnnotation) {
    const hosts = [...(hostnames === undefined ? [] : splitHostnames(hostnames)), ...(internal === undefined ? [] : splitHostnames(internal))];
    if (hosts.length > 0) out.add("ignored-by-flag", "info", `the ${P}hostname and ${P}internal-hostname annotations are ignored because of --ignore-hostname-annotation`, hosts);
    return [];
  }
  const endpoints: Endpoint[] = [];
  for (const h of hostnames === undefined ? [] : splitHostnames(hostnames)) endpoints.push(...hostEndpoints(svc, h, false, ann, world, out));
  for (const h of internal === undefined ? [] : splitHostnames(internal)) endpoints.push(...hostEndpoints(svc, h, true, ann, world, out));
  return endpoints;
}
