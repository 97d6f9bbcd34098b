// Route host lists and listener/route host intersection for the Gateway API sources
//. Kept apart from resolution so the host rules can be tested as tables.

import { annotationValue, atLeast, splitHostnames } from "../annotations";
import { isFourPartIPv4, isIPv6Literal } from "../ip";
import { normalizeHostname } from "../hostname";
import { reasonHosts } from "../reason-hosts";
import type { Config, KubeObject } from "../types";

/**
 * Labels of 1–63 characters of [A-Za-z0-9-] that neither start nor end with "-", joined by
 * dots, with at most one trailing dot: one pass over the name instead of a split per host.
 */
const DNS1123_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/**
 * RFC 1123 domain check as the gateway source does it: total ≤ 255, every label valid, no empty
 * inner label. A single trailing dot is tolerated because the final empty label is never visited.
 */
export function isDNS1123Domain(name: string): boolean {
  return name.length > 0 && name.length <= 255 && DNS1123_DOMAIN.test(name);
}

/** Go's netip.ParseAddr accepts plain IPv4 dotted quads and IPv6 (with zone); nothing looser. */
function isIPAddress(s: string): boolean {
  return isFourPartIPv4(s) || isIPv6Literal(s);
}

/**
 * Canonical form of a listener or route host: "" stays "" (means "any"), IPs and non-DNS-1123
 * names (after one leading "*.") are invalid (undefined), everything else is ASCII lower-cased.
 */
export function canonicalHost(host: string): string | undefined {
  if (host === "") return "";
  if (isIPAddress(host)) return undefined;
  const bare = host.startsWith("*.") ? host.slice(2) : host;
  if (!isDNS1123Domain(bare)) return undefined;
  return host.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The most specific host two hostnames share, or undefined. "" matches anything; a "*." name is
 * a suffix match at any depth but never its bare parent. Symmetric in its arguments.
 */
export function matchingHost(a: string, b: string): string | undefined {
  const x = canonicalHost(a);
  const y = canonicalHost(b);
  if (x === undefined || y === undefined) return undefined;
  return matchingCanonicalHost(x, y);
}

/** matchingHost for two hosts already in canonicalHost form (canonicalHost is idempotent). */
function matchingCanonicalHost(x: string, y: string): string | undefined {
  if (x === "") return y;
  if (y === "" || x === y) return x;
  if (y.length < x.length || (x.length === y.length && y.startsWith("*."))) [x, y] = [y, x];
  if (x.startsWith("*.") && y.endsWith(x.slice(1))) return y;
  return undefined;
}

/**
 * Listener hostname × route host → the record name, or undefined. Two empty hosts mean "any
 * route on any host" and give no record at all.
 */
export function listenerHostMatch(listenerHost: string, routeHost: string): string | undefined {
  if (listenerHost === "" && routeHost === "") return undefined;
  return matchingHost(listenerHost, routeHost);
}

/** listenerHostMatch for hosts already in canonicalHost form: the same answer without re-validating. */
export function canonicalListenerHostMatch(listenerHost: string, routeHost: string): string | undefined {
  if (listenerHost === "" && routeHost === "") return undefined;
  return matchingCanonicalHost(listenerHost, routeHost);
}

export type HostnameSource = "default" | "annotation-only" | "defined-hosts-only";

export interface RouteHosts {
  /** hosts() as the source builds it; "" means "inherit the listener hostname". */
  hosts: string[];
  source: HostnameSource;
  /** The gateway-hostname-source value when it was present but not understood. */
  invalidSource?: string;
  /** Hosts the route names but that the hostname rules drop, with why. */
  dropped: Array<{ host: string; why: string }>;
}

/**
 * The names --fqdn-template gives a route (the source binds it to its template run). `record`
 * is true only where external-dns itself evaluates it (a route past the filters), so that an
 * error is reported only for routes external-dns would fail on.
 */
export type TemplateExpander = (route: KubeObject, record?: boolean) => string[];

/** Whether hosts() runs the template for this route: no hostnames yet, or --combine-fqdn-annotation. */
export function templateRuns(route: KubeObject, cfg: Config): boolean {
  if (cfg.combineFqdnAndAnnotation) return true;
  if (specHostnames(route).length > 0) return false;
  // v0.20 counts annotation hostnames too; v0.21 runs the template before reading annotations.
  return atLeast(cfg.version, 21) || cfg.ignoreHostnameAnnotation || annotationHostnames(route, cfg.annotationPrefix).length === 0;
}

export function specHostnames(route: KubeObject): string[] {
  // TCPRoute and UDPRoute have no hostnames to external-dns (Hostnames() returns nil), whatever the object says.
  if (route.kind === "TCPRoute" || route.kind === "UDPRoute") return [];
  const hs = route.spec?.hostnames;
  return Array.isArray(hs) ? hs.filter((h): h is string => typeof h === "string") : [];
}

export function annotationHostnames(route: KubeObject, prefix: string): string[] {
  const v = annotationValue(route.metadata.annotations, prefix, "hostname");
  return v === undefined ? [] : splitHostnames(v);
}

/** The route's candidate host list (`hosts()`), version-dependent. */
export function routeHosts(route: KubeObject, cfg: Config, expand?: TemplateExpander): RouteHosts {
  const spec = specHostnames(route);
  const annotated = annotationHostnames(route, cfg.annotationPrefix);
  const ignoreAnnotation = cfg.ignoreHostnameAnnotation;
  const dropped: RouteHosts["dropped"] = [];
  // `expand` is present exactly when external-dns's template engine is configured.
  const template = () => (expand ? expand(route) : []);
  if (ignoreAnnotation) {
    for (const h of annotated) dropped.push({ host: h, why: "--ignore-hostname-annotation is set" });
  }

  if (!atLeast(cfg.version, 21)) {
    const hosts = [...spec, ...(ignoreAnnotation ? [] : annotated)];
    if (expand && (hosts.length === 0 || cfg.combineFqdnAndAnnotation)) hosts.push(...template());
    if (spec.length === 0) hosts.push("");
    return { hosts, source: "default", dropped };
  }

  const defined = [...spec];
  if (expand && (spec.length === 0 || cfg.combineFqdnAndAnnotation)) defined.push(...template());
  const raw = annotationValue(route.metadata.annotations, cfg.annotationPrefix, "gateway-hostname-source");
  const value = raw?.toLowerCase();
  if (value === "annotation-only") {
    for (const h of defined) dropped.push({ host: h, why: "gateway-hostname-source is annotation-only" });
    return { hosts: ignoreAnnotation ? [] : annotated, source: "annotation-only", dropped };
  }
  if (value === "defined-hosts-only") {
    if (!ignoreAnnotation) {
      for (const h of annotated) dropped.push({ host: h, why: "gateway-hostname-source is defined-hosts-only" });
    }
    return { hosts: defined, source: "defined-hosts-only", dropped };
  }
  const hosts = [...defined];
  if (spec.length === 0) hosts.push("");
  if (!ignoreAnnotation) hosts.push(...annotated);
  return { hosts, source: "default", invalidSource: raw !== undefined ? raw : undefined, dropped };
}

/** How a hostname is shown in reasons: the reason form of the trimmed name; "" is dropped. */
export function displayHost(host: string): string | undefined {
  const h = normalizeHostname(host);
  return h === "" || h === "." ? undefined : h;
}

export function displayHosts(hosts: Iterable<string>): string[] {
  return reasonHosts(hosts); // reasonHosts trims each name itself (normalizeHostname)
}
