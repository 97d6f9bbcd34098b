// The Cloudflare provider's AdjustEndpoints: what it does to every desired endpoint before the
// planner sees it. The planner compares provider-specific properties verbatim, so each rewrite
// here (proxied flag always present, sorted tags, default comment, region key) exists to make
// desired and current read alike; getting one wrong shows up as an update on every cycle.

import { byteOrder, copyEndpoint, getProviderSpecific, resourceOf } from "../../endpoint";
import type { Config, Endpoint, ProviderSpecificProperty, Reason } from "../../types";
import { normalizeHostname } from "../../hostname";
import { ITEMS_PER_STEP, runSteps, type Steps } from "../../steps";

/** Cloudflare refuses proxying these; external-dns forces proxied=false whatever the flags say. */
const NOT_PROXIABLE = new Set(["LOC", "MX", "NS", "SPF", "TXT", "SRV"]);
/** Regional hostnames (data localisation) only apply to these types. */
const REGIONAL_TYPES = new Set(["A", "AAAA", "CNAME"]);

export const proxiedKey = (cfg: Config): string => cfg.annotationPrefix + "cloudflare-proxied";
export const customHostnameKey = (cfg: Config): string => cfg.annotationPrefix + "cloudflare-custom-hostname";
export const regionKeyKey = (cfg: Config): string => cfg.annotationPrefix + "cloudflare-region-key";
export const commentKey = (cfg: Config): string => cfg.annotationPrefix + "cloudflare-record-comment";
export const tagsKey = (cfg: Config): string => cfg.annotationPrefix + "cloudflare-tags";

export function isProxiableType(type: string): boolean {
  return !NOT_PROXIABLE.has(type);
}

/** Go's strconv.ParseBool; undefined where Go returns an error. */
export function parseGoBool(value: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  return undefined;
}

/** Tags as the provider canonicalises them: comma split, trimmed, empties dropped, sorted. */
export function parseTags(value: string): string[] {
  return value
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .sort(byteOrder);
}

export function regionalServicesEnabled(cfg: Config): boolean {
  // A region key alone switches the feature on (NewCloudFlareProvider does the same).
  return cfg.cloudflareRegionalServices || cfg.cloudflareRegionKey !== "";
}

/**
 * shouldBeProxied: the first `<P>cloudflare-proxied` property decides if it parses, otherwise
 * the --cloudflare-proxied default stays; never-proxiable types end up false either way.
 */
export function shouldBeProxied(ep: Endpoint, cfg: Config, key = proxiedKey(cfg)): boolean {
  let proxied = cfg.cloudflareProxied;
  const raw = getProviderSpecific(ep, key);
  if (raw !== undefined) {
    const parsed = parseGoBool(raw);
    if (parsed !== undefined) proxied = parsed;
  }
  return isProxiableType(ep.recordType) ? proxied : false;
}

export type ProxiedSource = "annotation" | "flag-default" | "not-proxiable";

/**
 * Where the proxied flag of an endpoint comes from, for the UI. Call it on the endpoint as the
 * source produced it: after adjustEndpoints every endpoint carries the property, so it would
 * always answer "annotation".
 */
export function proxiedSourceOf(ep: Endpoint, cfg: Config): ProxiedSource {
  if (!isProxiableType(ep.recordType)) return "not-proxiable";
  const raw = getProviderSpecific(ep, proxiedKey(cfg));
  return raw !== undefined && parseGoBool(raw) !== undefined ? "annotation" : "flag-default";
}

/** SetProviderSpecificProperty: overwrite the first property of that name, else append. */
function setProperty(props: ProviderSpecificProperty[], name: string, value: string): void {
  const existing = props.find((p) => p.name === name);
  if (existing) existing.value = value;
  else props.push({ name, value });
}

/** DeleteProviderSpecificProperty removes only the first match, as upstream does. */
function deleteProperty(props: ProviderSpecificProperty[], name: string): void {
  const i = props.findIndex((p) => p.name === name);
  if (i >= 0) props.splice(i, 1);
}

function invalidProxiedReason(ep: Endpoint, value: string, key: string): Reason {
  const resource = resourceOf(ep) || "config";
  return {
    code: "invalid-annotation",
    resource,
    message:
      `${resource}: ${key} value "${value}" is not a boolean (Go ParseBool accepts 1/t/T/TRUE/true/True/0/f/F/FALSE/false/False); ` +
      `external-dns logs an error and keeps the --cloudflare-proxied default`,
    severity: "warning",
    hostnames: [normalizeHostname(ep.dnsName)],
  };
}

/**
 * AdjustEndpoints of the Cloudflare provider, on copies (the inputs are left untouched).
 * Upstream applies the same steps at v0.20–v0.22 as far as the spec records; tags, region key
 * and default comment are applied regardless of version.
 */
export function adjustEndpoints(desired: Endpoint[], cfg: Config): { endpoints: Endpoint[]; reasons: Reason[] } {
  return runSteps(adjustEndpointsSteps(desired, cfg));
}

/** The same, pausing every ITEMS_PER_STEP endpoints. */
export function* adjustEndpointsSteps(desired: Endpoint[], cfg: Config): Steps<{ endpoints: Endpoint[]; reasons: Reason[] }> {
  const reasons: Reason[] = [];
  // The property names once per call, not once per endpoint and step (each a new string).
  const proxiedName = proxiedKey(cfg);
  const customHostnameName = customHostnameKey(cfg);
  const tagsName = tagsKey(cfg);
  const regionKeyName = regionKeyKey(cfg);
  const commentName = commentKey(cfg);
  const regional = regionalServicesEnabled(cfg);
  const endpoints: Endpoint[] = [];
  for (const original of desired) {
    if (endpoints.length % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    const ep = copyEndpoint(original);
    endpoints.push(ep);
    const props = ep.providerSpecific;

    const raw = getProviderSpecific(ep, proxiedName);
    let proxied = cfg.cloudflareProxied; // shouldBeProxied, with the property already read
    if (raw !== undefined) {
      const parsed = parseGoBool(raw);
      // Upstream logs this on every call of shouldBeProxied, regardless of the record type.
      if (parsed === undefined) reasons.push(invalidProxiedReason(ep, raw, proxiedName));
      else proxied = parsed;
    }
    if (!isProxiableType(ep.recordType)) proxied = false;
    // Proxied records are always "auto" at Cloudflare; a zero desired TTL never triggers an update.
    if (proxied) ep.recordTTL = 0;
    setProperty(props, proxiedName, String(proxied));

    if (cfg.cloudflareCustomHostnames) {
      const hosts = getProviderSpecific(ep, customHostnameName);
      const list = hosts === undefined ? [] : hosts.split(",");
      if (list.length > 1) setProperty(props, customHostnameName, list.sort(byteOrder).join(","));
    } else {
      deleteProperty(props, customHostnameName);
    }

    const tags = getProviderSpecific(ep, tagsName);
    if (tags !== undefined) setProperty(props, tagsName, parseTags(tags).join(","));

    if (!regional || !REGIONAL_TYPES.has(ep.recordType)) {
      deleteProperty(props, regionKeyName);
    } else if (getProviderSpecific(ep, regionKeyName) === undefined) {
      setProperty(props, regionKeyName, cfg.cloudflareRegionKey);
    }

    if (cfg.cloudflareRecordComment !== "" && getProviderSpecific(ep, commentName) === undefined) {
      setProperty(props, commentName, cfg.cloudflareRecordComment);
    }
  }
  return { endpoints, reasons };
}
