// The service source (source/service.go, v0.20–v0.22): which Services external-dns reads, the
// records each yields, the source-wide merge of several Services on one name, and why a Service
// yields nothing. Targets per Service type live in service-targets, headless Services in
// service-headless, one Service's hosts in service-endpoints.
//
// Codes used here besides the contract's (label-filter, annotation-filter, controller-annotation,
// no-targets, annotation-prefix-mismatch, annotation-ignored-here):
//   endpoint-produced          info     the Service yields this record (and where its targets come from)
//   namespace-filter           info     outside --namespace, never read
//   service-type-filter        info     the Service's type is not in --service-type-filter
//   internal-service           info     a ClusterIP Service's hostname, published only with --publish-internal-services
//   ignored-by-flag            info     hostname annotations skipped by --ignore-hostname-annotation
//   merged-targets             info     several Services (or hosts) on one name and type became one record
//   endpoint-not-ready         info     a headless Service's not-ready endpoint left out
//   pod-not-found / node-not-found  warning  a headless endpoint whose Pod (or its Node) external-dns cannot find
//   lb-hostname-not-resolved   warning  --resolve-service-load-balancer-hostname: resolution is not modelled
// (--compatibility's legacy annotations are read in service-compat.)
//   invalid-annotation / invalid-hostname / invalid-spec  warning  values external-dns cannot use
//   fqdn-template-not-evaluated warning --fqdn-template is set but no template evaluator was supplied
//   fqdn-template              error    the template failed: external-dns stops, the source yields nothing
//   fqdn-target-template       info     a --fqdn-target-template pair skipped (v0.22; see service-fqdn-target)

import { annotationValue, atLeast, controllerAccepts, foreignPrefixAnnotations, splitHostnames } from "../annotations";
import { byteOrder, mergeEndpoints, resourceOf } from "../endpoint";
import { reasonHosts } from "../reason-hosts";
import type { ClusterObjects, Config, Endpoint, KubeObject, Reason, SourceResult, Version } from "../types";
import { ingressTransforms, sourceTemplates } from "./fqdn-templates";
import type { TemplateExpander } from "./gateway-hosts";
import { compileObjectFilters, type ObjectFilters, objectFilterExclusion, objectFilterMessage } from "./object-filters";
import { legacyEndpoints, legacyHostnames } from "./service-compat";
import { fqdnTargetStep } from "./service-fqdn-target";
import { annotationEndpoints, describe, hostEndpoints, type ServiceAnnotations, serviceAnnotations } from "./service-endpoints";
import { isHeadless, resourceOfService, SERVICE_TYPES, ServiceReasons, serviceType, serviceWorld, type ServiceWorld } from "./service-objects";

export interface ServiceSourceOptions {
  /** Evaluates --fqdn-template for a Service (external-dns's Go template); omitted = not evaluated. */
  expandTemplate?: TemplateExpander;
}

/** Annotation names external-dns reads on other kinds only. */
const NOT_READ_ON_SERVICE: Record<string, string> = {
  "ingress-hostname-source": "it is read on Ingresses only",
  "gateway-hostname-source": "it is read on Gateway API routes only",
};

/** newServiceTypesFilter: undefined = every type (no filter, or one containing ""). */
export function serviceTypeFilter(cfg: Config): { types?: Set<string>; unknown: string[] } {
  const f = cfg.serviceTypeFilter;
  if (f.length === 0 || f.includes("")) return { unknown: [] };
  return { types: new Set(f), unknown: f.filter((t) => !(SERVICE_TYPES as readonly string[]).includes(t)) };
}

function mentionedHosts(svc: KubeObject, cfg: Config): string[] {
  const prefix = cfg.annotationPrefix;
  const a = svc.metadata.annotations ?? {};
  const names: string[] = cfg.compatibility === "" ? [] : legacyHostnames(svc);
  for (const [key, value] of Object.entries(a)) {
    const foreign = foreignPrefixAnnotations({ [key]: value }, prefix).some(([, suffix]) => suffix === "hostname" || suffix === "internal-hostname");
    if (key === `${prefix}hostname` || key === `${prefix}internal-hostname` || foreign) names.push(...splitHostnames(value));
  }
  return reasonHosts(names);
}

/** First filter, in external-dns's order, that keeps the Service out, as [code, message]. */
function exclusion(svc: KubeObject, cfg: Config, f: ObjectFilters, types: Set<string> | undefined): [string, string] | undefined {
  const filtered = objectFilterExclusion(svc, cfg, f);
  if (filtered === "namespace-filter" || filtered === "label-filter") return [filtered, objectFilterMessage(filtered, svc, cfg)];
  if (types && !types.has(serviceType(svc))) {
    return ["service-type-filter", `type ${serviceType(svc)} is not in --service-type-filter=${[...types].join(",")}`];
  }
  if (filtered) return [filtered, objectFilterMessage(filtered, svc, cfg)];
  if (!controllerAccepts(svc.metadata.annotations, cfg.annotationPrefix)) {
    const v = annotationValue(svc.metadata.annotations, cfg.annotationPrefix, "controller");
    return ["controller-annotation", `${cfg.annotationPrefix}controller is "${v}", not dns-controller, so external-dns skips the Service`];
  }
  return undefined;
}

/** Annotations external-dns silently ignores on this Service. */
function annotationDiagnostics(svc: KubeObject, cfg: Config, out: ServiceReasons): void {
  const P = cfg.annotationPrefix;
  const a = svc.metadata.annotations;
  for (const [key, suffix] of foreignPrefixAnnotations(a, P)) {
    const how = cfg.annotationPrefixExplicit ? `--annotation-prefix is ${P}` : `external-dns ${cfg.version.raw} reads only the prefix ${P}`;
    const hosts = suffix === "hostname" || suffix === "internal-hostname" ? [...out.hosts, ...splitHostnames(a?.[key] ?? "")] : out.hosts;
    const consequence = suffix === "controller" ? " (so it does NOT exclude the Service)" : "";
    out.add("annotation-prefix-mismatch", "warning", `annotation ${key} is ignored: ${how}; write it as ${P}${suffix}${consequence}`, hosts);
  }
  for (const [name, why] of Object.entries(NOT_READ_ON_SERVICE)) {
    if (annotationValue(a, P, name) !== undefined) out.add("annotation-ignored-here", "warning", `annotation ${P}${name} on a Service is ignored: ${why}`);
  }
  const access = annotationValue(a, P, "access");
  if (access !== undefined && serviceType(svc) !== "NodePort") {
    out.add("annotation-ignored-here", "warning", `annotation ${P}access is read on NodePort Services only; this one is ${serviceType(svc)}`);
  } else if (access !== undefined && access !== "public" && access !== "private") {
    out.add("invalid-annotation", "warning", `${P}access="${access}" is neither public nor private, so external-dns uses ExternalIPs when a node has one, else InternalIPs`);
  }
  const endpointsType = annotationValue(a, P, "endpoints-type");
  if (endpointsType !== undefined && !(serviceType(svc) === "ClusterIP" && isHeadless(svc))) {
    out.add("annotation-ignored-here", "warning", `annotation ${P}endpoints-type is read on headless Services only`);
  } else if (endpointsType !== undefined && endpointsType !== "NodeExternalIP" && endpointsType !== "HostIP") {
    out.add("invalid-annotation", "warning", `${P}endpoints-type="${endpointsType}" is neither NodeExternalIP nor HostIP, so pod addresses are published`);
  }
  if (!atLeast(cfg.version, 21)) {
    for (const name of ["record-type", "azure-tags"]) {
      if (annotationValue(a, P, name) !== undefined) {
        out.add("annotation-ignored-here", "warning", `annotation ${P}${name} is ignored: it is read from v0.21.0, this is ${cfg.version.raw}`);
      }
    }
  }
}

/** --compatibility: the legacy annotations, only when the Service's own yield no records. */
function withLegacy(svc: KubeObject, found: Endpoint[], world: ServiceWorld, out: ServiceReasons): Endpoint[] {
  if (found.length > 0 || world.cfg.compatibility === "") return found;
  const legacy = legacyEndpoints(svc, world, out);
  for (const ep of legacy) {
    out.add("endpoint-produced", "info", `${describe(ep)} (legacy annotation, --compatibility=${world.cfg.compatibility}; external-dns records no resource for it)`, [ep.dnsName]);
  }
  return legacy;
}

class TemplateFailure extends Error {}

/** The --fqdn-template step: when no annotation host yielded records, or with --combine-fqdn-annotation. */
function withTemplate(svc: KubeObject, found: Endpoint[], ann: ServiceAnnotations, world: ServiceWorld, out: ServiceReasons, expand?: TemplateExpander): Endpoint[] {
  const cfg = world.cfg;
  if (cfg.fqdnTemplate === "" || (!cfg.combineFqdnAndAnnotation && found.length > 0)) return found;
  if (!expand) {
    out.add("fqdn-template-not-evaluated", "warning", `--fqdn-template="${cfg.fqdnTemplate}" would name this Service, but templates were not evaluated here; those records are not shown`);
    return found;
  }
  let hosts: string[];
  try {
    hosts = expand(svc);
  } catch (e) {
    throw new TemplateFailure(`--fqdn-template failed for ${out.resource}: ${(e as Error).message}; external-dns stops with this error, so the service source publishes nothing`);
  }
  const fromTemplate = hosts.flatMap((h) => hostEndpoints(svc, h, false, ann, world, out));
  return cfg.combineFqdnAndAnnotation ? [...found, ...fromTemplate] : fromTemplate;
}

function key(ep: Endpoint): string {
  return `${ep.dnsName}\u0000${ep.recordType}\u0000${ep.setIdentifier}`;
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(byteOrder);
}

/**
 * The source-wide merge: endpoints sorted by their Service, those sharing name, type and set
 * identifier merged into the first one (CNAMEs kept side by side), then sorted by name and type;
 * from v0.21 MergeEndpoints follows. Only runs with more than one endpoint, as upstream does.
 */
export function mergeServiceEndpoints(endpoints: Endpoint[], version: Version, reasons: Reason[]): Endpoint[] {
  let out = endpoints;
  if (endpoints.length > 1) {
    const sorted = [...endpoints].sort((a, b) => byteOrder(resourceOf(a), resourceOf(b)));
    const groups = new Map<string, Endpoint[]>();
    for (const ep of sorted) {
      const existing = groups.get(key(ep));
      if (!existing) {
        groups.set(key(ep), [{ ...ep, targets: sortedUnique(ep.targets) }]);
      } else if (existing[0].recordType === "CNAME") {
        existing.push(ep);
      } else {
        const first = existing[0];
        if (resourceOf(first) !== resourceOf(ep) && resourceOf(first) !== "" && resourceOf(ep) !== "") {
          const message = `${ep.dnsName} ${ep.recordType}: the targets of ${resourceOf(ep)} are merged into the record of ${resourceOf(first)}, which owns it (the first Service by namespace/name); its TTL and annotations apply`;
          for (const resource of [resourceOf(first), resourceOf(ep)]) {
            reasons.push({ code: "merged-targets", resource, message, severity: "info", hostnames: reasonHosts([ep.dnsName]) });
          }
        }
        first.targets = sortedUnique([...first.targets, ...ep.targets]);
      }
    }
    out = [...groups.values()].flat();
    out.sort((a, b) => byteOrder(a.dnsName, b.dnsName) || byteOrder(a.recordType, b.recordType));
  }
  return atLeast(version, 21) ? mergeEndpoints(out, version) : out;
}

export function serviceSource(objects: ClusterObjects, cfg: Config, options: ServiceSourceOptions = {}): SourceResult {
  const reasons: Reason[] = [];
  const filters = compileObjectFilters(cfg, "Service", reasons);
  if (!filters) return { endpoints: [], reasons };
  const types = serviceTypeFilter(cfg);
  if (types.unknown.length > 0) {
    const message = `--service-type-filter: unsupported service type ${types.unknown.map((t) => `"${t}"`).join(", ")} (supported: ${SERVICE_TYPES.join(", ")}); external-dns refuses to start, so no Service is read`;
    return { endpoints: [], reasons: [{ code: "service-type-filter", resource: "config", message, severity: "error", hostnames: [] }] };
  }
  const world = serviceWorld(objects, cfg, !types.types || types.types.has("NodePort"));
  const endpoints: Endpoint[] = [];
  // The Service informer strips the same fields as the Ingress one, from the same release, so
  // a template sees the object external-dns sees.
  const templates = sourceTemplates(cfg, "service", reasons, ingressTransforms(cfg));
  const expand: TemplateExpander | undefined =
    options.expandTemplate ?? (templates.configured ? (svc) => templates.hostnames(svc, resourceOfService(svc), mentionedHosts(svc, cfg)) ?? [] : undefined);
  const pairs = fqdnTargetStep(cfg, reasons);
  for (const svc of objects.services ?? []) {
    const out = new ServiceReasons(resourceOfService(svc), mentionedHosts(svc, cfg));
    const excluded = exclusion(svc, cfg, filters, types.types);
    if (excluded?.[0] === "namespace-filter") {
      out.add(excluded[0], "info", excluded[1]);
      reasons.push(...out.list);
      continue;
    }
    annotationDiagnostics(svc, cfg, out);
    if (excluded) {
      out.add(excluded[0], "info", excluded[1]);
      reasons.push(...out.list);
      continue;
    }
    const ann = serviceAnnotations(svc, world, out);
    try {
      const own = withLegacy(svc, annotationEndpoints(svc, ann, world, out), world, out);
      endpoints.push(...withTemplate(svc, pairs.apply(svc, own, out), ann, world, out, expand));
    } catch (e) {
      if (!(e instanceof TemplateFailure)) throw e;
      reasons.push(...out.list, { code: "fqdn-template", resource: out.resource, message: e.message, severity: "error", hostnames: out.hosts });
      return { endpoints: [], reasons };
    }
    reasons.push(...out.list);
  }
  // A template that failed on any Service stops the source, as in external-dns.
  const failed = pairs.error() ?? templates.error;
  if (failed) return { endpoints: [], reasons, error: failed };
  return { endpoints: mergeServiceEndpoints(endpoints, cfg.version, reasons), reasons };
}
