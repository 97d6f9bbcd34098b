// Annotation diagnostics for the Gateway API sources: annotations external-dns silently ignores
// (wrong prefix, wrong object, wrong version) and values it cannot parse. external-dns itself
// only logs at debug level or not at all, which is exactly why the dashboard must say it.

import { annotationValue, atLeast, foreignPrefixAnnotations, parseTTL, splitHostnames } from "../annotations";
import type { Config, KubeObject, Reason } from "../types";
import { displayHosts } from "./gateway-hosts";
import { gatewayControllerApplies } from "./gateway-parents";

const PROVIDER_SPECIFIC_PREFIXES = ["cloudflare-", "aws-", "scw-", "webhook-", "coredns-", "azure-"];
const ROUTE_ONLY = ["ttl", "set-identifier", "alias", "record-type", "gateway-hostname-source"];

function prefixMessage(key: string, suffix: string, where: string, cfg: Config): string {
  const how = cfg.annotationPrefixExplicit
    ? `--annotation-prefix is ${cfg.annotationPrefix}`
    : `external-dns ${cfg.version.raw} reads only the prefix ${cfg.annotationPrefix}`;
  return `annotation ${key} on ${where} is ignored: ${how}; write it as ${cfg.annotationPrefix}${suffix}`;
}

function versionOf(cfg: Config): string {
  return cfg.version.raw || `v${cfg.version.major}.${cfg.version.minor}.${cfg.version.patch}`;
}

/**
 * Diagnostics about a route's own annotations. `hostnames` gives the names the route concerns
 * (called only when there is a diagnostic: most routes have none).
 */
export function routeAnnotationReasons(route: KubeObject, routeLabel: string, resource: string, cfg: Config, hostnames: () => string[]): Reason[] {
  const out: Reason[] = [];
  const a = route.metadata.annotations;
  const P = cfg.annotationPrefix;
  const push = (code: string, message: string, hosts?: string[]) =>
    out.push({ code, resource, message, severity: "warning", hostnames: hosts ?? hostnames() });

  for (const [key, suffix] of foreignPrefixAnnotations(a, P)) {
    let msg = prefixMessage(key, suffix, routeLabel, cfg);
    let hosts: string[] | undefined;
    if (suffix === "controller") msg += " (the route is therefore NOT skipped by its controller annotation)";
    if (suffix === "hostname") {
      hosts = displayHosts([...hostnames(), ...splitHostnames(a?.[key] ?? "")]);
      msg += " (these hostnames get no records from this annotation)";
    }
    push("annotation-prefix-mismatch", msg, hosts);
  }
  if (annotationValue(a, P, "target") !== undefined) {
    push(
      "annotation-ignored-here",
      `annotation ${P}target on ${routeLabel} is ignored: targets come only from the parent Gateway (or ListenerSet); set ${P}target on the Gateway instead`,
    );
  }
  const ttl = annotationValue(a, P, "ttl");
  if (ttl !== undefined) {
    const parsed = parseTTL(ttl);
    if (parsed.error) push("invalid-annotation", `annotation ${P}ttl="${ttl}" on ${routeLabel} is ignored (${parsed.error}); TTL 0 (provider default) is used`);
  }
  const source = annotationValue(a, P, "gateway-hostname-source");
  if (source !== undefined) {
    if (!atLeast(cfg.version, 21)) {
      push("annotation-ignored-here", `annotation ${P}gateway-hostname-source on ${routeLabel} is ignored: it is read from v0.21.0, this is ${versionOf(cfg)}`);
    } else if (!["annotation-only", "defined-hosts-only"].includes(source.toLowerCase())) {
      push(
        "invalid-annotation",
        `Invalid value for "${P}gateway-hostname-source" on ${routeLabel}: "${source}" (expected annotation-only or defined-hosts-only). Falling back to default behavior.`,
      );
    }
  }
  if (annotationValue(a, P, "record-type") !== undefined && !atLeast(cfg.version, 21)) {
    push("annotation-ignored-here", `annotation ${P}record-type on ${routeLabel} is ignored: it is read from v0.21.0, this is ${versionOf(cfg)}`);
  }
  return out;
}

/**
 * Annotations on a Gateway (or ListenerSet) that external-dns does not read there. Only
 * `target` (and, after v0.22, `controller`) has any effect on a Gateway.
 */
export function gatewayAnnotationReasons(gw: KubeObject, kind: "Gateway" | "ListenerSet", cfg: Config, hostnames: string[]): Reason[] {
  const out: Reason[] = [];
  const P = cfg.annotationPrefix;
  const label = `${kind} ${gw.metadata.namespace ?? ""}/${gw.metadata.name}`;
  const resource = `${kind.toLowerCase()}/${gw.metadata.namespace ?? ""}/${gw.metadata.name}`;
  const push = (code: string, message: string) => out.push({ code, resource, message, severity: "warning", hostnames });

  for (const [key, suffix] of foreignPrefixAnnotations(gw.metadata.annotations, P)) {
    let msg = prefixMessage(key, suffix, label, cfg);
    if (suffix === "target") msg += " (targets fall back to the Gateway's status.addresses)";
    push("annotation-prefix-mismatch", msg);
  }
  for (const key of Object.keys(gw.metadata.annotations ?? {})) {
    if (!key.startsWith(P)) continue;
    const attr = key.slice(P.length);
    if (attr === "target") continue;
    if (attr === "controller" && gatewayControllerApplies(cfg)) continue;
    push("annotation-ignored-here", `annotation ${key} on ${label} is ignored: ${whyIgnoredOnGateway(attr, key, cfg)}`);
  }
  return out;
}

function whyIgnoredOnGateway(attr: string, key: string, cfg: Config): string {
  if (attr === "cloudflare-proxied") {
    return `external-dns reads cloudflare-proxied from the routes only (nothing is inherited from the Gateway); set ${key} on each route, or rely on --cloudflare-proxied (currently ${cfg.cloudflareProxied ? "on" : "off"})`;
  }
  if (ROUTE_ONLY.includes(attr) || PROVIDER_SPECIFIC_PREFIXES.some((p) => attr.startsWith(p))) {
    return `external-dns reads ${attr} from the routes only; set ${key} on each route attached to this Gateway`;
  }
  if (attr === "hostname") {
    return `hostnames come from the routes (spec.hostnames, or ${key} on the route) intersected with the listener hostnames`;
  }
  if (attr === "controller") {
    return `external-dns ${versionOf(cfg)} checks the controller annotation on routes only (Gateways only after v0.22); set it on the routes`;
  }
  if (cfg.gatewayLabelFilter.includes(key)) {
    return `--gateway-label-filter matches labels, not annotations; put ${key} under metadata.labels`;
  }
  return `only ${cfg.annotationPrefix}target is read from a Gateway`;
}
