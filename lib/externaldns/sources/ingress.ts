// The Ingress source (source/ingress.go): which Ingresses external-dns reads, which hosts and
// targets it takes from them, and why an Ingress yields nothing. Every decision leaves a Reason
// so explain can answer "why is (or isn't) this hostname published?".
//
// Codes used here besides the contract's (ingress-class, label-filter, annotation-filter,
// controller-annotation, no-targets, annotation-prefix-mismatch, annotation-ignored-here):
//   endpoint-produced  info     the Ingress yields this record ("host → A 1.2.3.4")
//   namespace-filter   info     outside --namespace, never read
//   ignored-by-flag    info     hosts skipped by --ignore-ingress-rules-spec / -tls-spec / --ignore-hostname-annotation
//   hostname-source    info     hosts left out by the Ingress's ingress-hostname-source annotation
//   invalid-annotation warning  an annotation value external-dns cannot use (ttl, ingress-hostname-source)
//   invalid-hostname   warning  a host external-dns refuses (label > 63 chars) or an empty host from a stray comma
//   fqdn-template / fqdn-template-error / fqdn-template-not-evaluated: see fqdn-templates.ts

import {
  annotationValue,
  atLeast,
  controllerAccepts,
  foreignPrefixAnnotations,
  parseTTL,
  providerSpecificFromAnnotations,
  splitHostnames,
  splitTargets,
} from "../annotations";
import { endpointsForHostname, hasOverlongLabel, mergeEndpoints } from "../endpoint";
import { reasonHosts } from "../reason-hosts";
import type { ClusterObjects, Config, Endpoint, KubeObject, Reason, SourceResult } from "../types";
import { ingressTransforms, type SourceTemplates, sourceTemplates } from "./fqdn-templates";
import { compileObjectFilters, type ObjectFilters, objectFilterExclusion, objectFilterMessage } from "./object-filters";

export const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

/** Annotation names external-dns reads on other kinds only; on an Ingress they do nothing. */
const NOT_READ_ON_INGRESS: Record<string, string> = {
  "internal-hostname": "it is read on Services only",
  access: "it is read on Services and Nodes only",
  "endpoints-type": "it is read on headless Services only",
  "gateway-hostname-source": "it is read on Gateway API routes only",
};

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function nonEmptyStrings(values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === "string" && v !== "");
}

/** The --ingress-class rule: spec.ingressClassName when set and non-empty, else the legacy annotation. */
export function ingressClassProblem(ing: KubeObject, classes: string[]): string | undefined {
  if (classes.length === 0) return undefined;
  const wanted = classes.join(",");
  const specClass: unknown = ing.spec?.ingressClassName;
  const legacy = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (typeof specClass === "string" && specClass !== "") {
    if (classes.includes(specClass)) return undefined;
    const note =
      legacy !== undefined && classes.includes(legacy)
        ? ` (its ${INGRESS_CLASS_ANNOTATION} annotation "${legacy}" would match, but is ignored because spec.ingressClassName is set)`
        : "";
    return `spec.ingressClassName "${specClass}" is not one of --ingress-class=${wanted}${note}`;
  }
  if (legacy === undefined) {
    return `the Ingress has neither spec.ingressClassName nor the ${INGRESS_CLASS_ANNOTATION} annotation, so --ingress-class=${wanted} excludes it (the cluster's default IngressClass is not considered)`;
  }
  if (classes.includes(legacy)) return undefined;
  return `annotation ${INGRESS_CLASS_ANNOTATION}="${legacy}" is not one of --ingress-class=${wanted}`;
}

/** First filter (in external-dns's order) that keeps the Ingress out, as [code, message]. */
function exclusion(ing: KubeObject, cfg: Config, f: ObjectFilters): [string, string] | undefined {
  const filtered = objectFilterExclusion(ing, cfg, f);
  if (filtered) return [filtered, objectFilterMessage(filtered, ing, cfg)];
  const classProblem = ingressClassProblem(ing, cfg.ingressClassNames);
  if (classProblem) return ["ingress-class", classProblem];
  if (!controllerAccepts(ing.metadata.annotations, cfg.annotationPrefix)) {
    const v = annotationValue(ing.metadata.annotations, cfg.annotationPrefix, "controller");
    return ["controller-annotation", `${cfg.annotationPrefix}controller is "${v}", not dns-controller, so external-dns skips the Ingress`];
  }
  return undefined;
}

/** Targets: the target annotation if it yields any, else every ip and hostname of the LB status. */
function ingressTargets(ing: KubeObject, prefix: string): { targets: string[]; from: string } {
  const ann = annotationValue(ing.metadata.annotations, prefix, "target");
  const fromAnn = ann === undefined ? [] : splitTargets(ann);
  if (fromAnn.length > 0) return { targets: fromAnn, from: `annotation ${prefix}target` };
  const targets: string[] = [];
  for (const lb of asArray(ing.status?.loadBalancer?.ingress)) {
    const entry = (lb ?? {}) as { ip?: unknown; hostname?: unknown };
    if (typeof entry.ip === "string" && entry.ip !== "") targets.push(entry.ip);
    if (typeof entry.hostname === "string" && entry.hostname !== "") targets.push(entry.hostname);
  }
  return { targets, from: "status.loadBalancer.ingress" };
}

interface HostSets {
  rules: string[];
  tls: string[];
  annotation: string[];
}

function hostSets(ing: KubeObject, prefix: string): HostSets {
  const rules = nonEmptyStrings(asArray(ing.spec?.rules).map((r) => (r as { host?: unknown } | null)?.host));
  const tls = nonEmptyStrings(asArray(ing.spec?.tls).flatMap((t) => asArray((t as { hosts?: unknown } | null)?.hosts)));
  const raw = annotationValue(ing.metadata.annotations, prefix, "hostname");
  return { rules, tls, annotation: raw === undefined ? [] : splitHostnames(raw) };
}

/** Every name the Ingress mentions under any known prefix, for reasons about the whole object. */
function mentionedHosts(ing: KubeObject, prefix: string): string[] {
  const sets = hostSets(ing, prefix);
  const foreign = foreignPrefixAnnotations(ing.metadata.annotations, prefix)
    .filter(([, suffix]) => suffix === "hostname")
    .flatMap(([key]) => splitHostnames(ing.metadata.annotations?.[key] ?? ""));
  return reasonHosts([...sets.rules, ...sets.tls, ...sets.annotation, ...foreign]);
}

class IngressReasons {
  readonly list: Reason[] = [];
  constructor(
    readonly resource: string,
    readonly hosts: string[],
  ) {}
  add(code: string, severity: Reason["severity"], message: string, hosts: string[] = this.hosts): void {
    this.list.push({ code, resource: this.resource, message, severity, hostnames: reasonHosts(hosts) });
  }
}

/** Annotations external-dns silently ignores on this Ingress. */
function annotationDiagnostics(ing: KubeObject, cfg: Config, out: IngressReasons): void {
  const P = cfg.annotationPrefix;
  const a = ing.metadata.annotations;
  for (const [key, suffix] of foreignPrefixAnnotations(a, P)) {
    const how = cfg.annotationPrefixExplicit
      ? `--annotation-prefix is ${P}`
      : `external-dns ${cfg.version.raw} reads only the prefix ${P}`;
    let hosts = out.hosts;
    if (suffix === "hostname") hosts = [...hosts, ...splitHostnames(a?.[key] ?? "")];
    const consequence = suffix === "controller" ? " (so it does NOT exclude the Ingress)" : "";
    out.add("annotation-prefix-mismatch", "warning", `annotation ${key} is ignored: ${how}; write it as ${P}${suffix}${consequence}`, hosts);
  }
  for (const [name, why] of Object.entries(NOT_READ_ON_INGRESS)) {
    if (annotationValue(a, P, name) !== undefined) {
      out.add("annotation-ignored-here", "warning", `annotation ${P}${name} on an Ingress is ignored: ${why}`);
    }
  }
  if (!atLeast(cfg.version, 21)) {
    for (const name of ["record-type", "azure-tags"]) {
      if (annotationValue(a, P, name) !== undefined) {
        out.add("annotation-ignored-here", "warning", `annotation ${P}${name} is ignored: it is read from v0.21.0, this is ${cfg.version.raw}`);
      }
    }
  }
}

/** Picks the hosts the Ingress publishes, reporting the ones it leaves out. */
function selectHosts(ing: KubeObject, cfg: Config, out: IngressReasons): string[] {
  const P = cfg.annotationPrefix;
  const sets = hostSets(ing, P);
  const skipped = (hosts: string[], flag: string, what: string) => {
    if (hosts.length > 0) out.add("ignored-by-flag", "info", `${what} ignored because of ${flag}`, hosts);
  };
  if (cfg.ignoreIngressRulesSpec) skipped(sets.rules, "--ignore-ingress-rules-spec", "spec.rules hosts are");
  if (cfg.ignoreIngressTLSSpec) skipped(sets.tls, "--ignore-ingress-tls-spec", "spec.tls hosts are");
  if (cfg.ignoreHostnameAnnotation) skipped(sets.annotation, "--ignore-hostname-annotation", `the ${P}hostname annotation is`);
  const defined = [...(cfg.ignoreIngressRulesSpec ? [] : sets.rules), ...(cfg.ignoreIngressTLSSpec ? [] : sets.tls)];
  const annotated = cfg.ignoreHostnameAnnotation ? [] : sets.annotation;

  const source = annotationValue(ing.metadata.annotations, P, "ingress-hostname-source");
  if (source === undefined) return [...defined, ...annotated];
  switch (source.toLowerCase()) {
    case "defined-hosts-only":
      if (annotated.length > 0) {
        out.add("hostname-source", "info", `${P}ingress-hostname-source=${source}: the ${P}hostname annotation is not used`, annotated);
      }
      return defined;
    case "annotation-only":
      if (defined.length > 0) {
        out.add("hostname-source", "info", `${P}ingress-hostname-source=${source}: spec.rules and spec.tls hosts are not used`, defined);
      }
      return annotated;
    default:
      out.add(
        "invalid-annotation",
        "warning",
        `${P}ingress-hostname-source="${source}" is neither defined-hosts-only nor annotation-only; external-dns then publishes no hosts of this Ingress at all`,
        [...defined, ...annotated],
      );
      return [];
  }
}

function describe(ep: Endpoint): string {
  return `${ep.dnsName} → ${ep.recordType} ${ep.targets.join(", ")}`;
}

/** One Ingress that passed the filters → its endpoints (before the source-wide merge). */
function ingressEndpoints(ing: KubeObject, cfg: Config, out: IngressReasons, templates: SourceTemplates): Endpoint[] {
  const P = cfg.annotationPrefix;
  const a = ing.metadata.annotations;
  let ttl = 0;
  const ttlValue = annotationValue(a, P, "ttl");
  if (ttlValue !== undefined) {
    const parsed = parseTTL(ttlValue);
    if (parsed.error) out.add("invalid-annotation", "warning", `${P}ttl="${ttlValue}" is ignored (${parsed.error}); TTL 0 (provider default) is used`);
    ttl = parsed.ttl;
  }
  const { providerSpecific, setIdentifier } = providerSpecificFromAnnotations(a, P, cfg.version);
  const { targets, from } = ingressTargets(ing, P);
  const hosts = selectHosts(ing, cfg, out);

  const endpoints: Endpoint[] = [];
  if (hosts.length > 0 && targets.length === 0) {
    out.add("no-targets", "warning", `no targets: ${P}target gives none and status.loadBalancer.ingress is empty, so external-dns creates no records`, hosts);
  }
  for (const host of targets.length > 0 ? hosts : []) {
    if (host === "") {
      out.add("invalid-hostname", "warning", `${P}hostname contains an empty name (stray comma); external-dns emits a record with an empty name for it`, []);
    }
    if (hasOverlongLabel(host)) {
      out.add("invalid-hostname", "warning", `"${host}" has a label longer than 63 characters; external-dns refuses to create it`, [host]);
      continue;
    }
    const opts = { ttl, setIdentifier, providerSpecific, resource: out.resource };
    for (const ep of endpointsForHostname(host, targets, opts, cfg.version)) {
      endpoints.push(ep);
      out.add("endpoint-produced", "info", `${describe(ep)} (targets from ${from})`, [ep.dnsName]);
    }
  }
  // The template runs when the Ingress gave no endpoints, or always with --combine-fqdn-annotation
  // (v0.20 ingress.go; v0.21+ Engine.CombineWithEndpoints); its names get the same targets.
  if (templates.configured && (endpoints.length === 0 || cfg.combineFqdnAndAnnotation)) {
    const names = templates.hostnames(ing, out.resource, hosts) ?? [];
    if (names.length > 0 && targets.length === 0) {
      out.add("no-targets", "warning", `no targets for the --fqdn-template names: ${P}target gives none and status.loadBalancer.ingress is empty`, names);
    }
    const opts = { ttl, setIdentifier, providerSpecific, resource: out.resource };
    for (const host of targets.length > 0 ? names : []) {
      for (const ep of endpointsForHostname(host, targets, opts, cfg.version)) {
        endpoints.push(ep);
        out.add("endpoint-produced", "info", `${describe(ep)} (name from --fqdn-template, targets from ${from})`, [ep.dnsName]);
      }
    }
  }
  return endpoints;
}

export function ingressSource(objects: ClusterObjects, cfg: Config): SourceResult {
  const reasons: Reason[] = [];
  const filters = compileObjectFilters(cfg, "Ingress", reasons);
  if (!filters) return { endpoints: [], reasons };
  const endpoints: Endpoint[] = [];
  const templates = sourceTemplates(cfg, "ingress", reasons, ingressTransforms(cfg));
  for (const ing of objects.ingresses) {
    const resource = `ingress/${ing.metadata.namespace ?? ""}/${ing.metadata.name}`;
    const out = new IngressReasons(resource, mentionedHosts(ing, cfg.annotationPrefix));
    const excluded = exclusion(ing, cfg, filters);
    if (excluded?.[0] === "namespace-filter") {
      out.add(excluded[0], "info", excluded[1]);
    } else {
      annotationDiagnostics(ing, cfg, out);
      if (excluded) out.add(excluded[0], "info", excluded[1]);
      else endpoints.push(...ingressEndpoints(ing, cfg, out, templates));
    }
    reasons.push(...out.list);
  }
  return { endpoints: mergeEndpoints(endpoints, cfg.version), reasons, ...(templates.error ? { error: templates.error } : {}) };
}
