// Endpoint construction, type inference and per-source merging (endpoint/endpoint.go,
// endpoint/utils.go). Sources build their endpoints only through these functions so that the
// trimming and label-length rules are applied exactly once, in one place.

import { atLeast } from "./annotations";
import { isFourPartIPv4, isIPv6Literal } from "./ip";
import type { Endpoint, ProviderSpecificProperty, Version } from "./types";

export interface EndpointInit {
  dnsName: string;
  recordType: string;
  targets: string[];
  ttl?: number;
  setIdentifier?: string;
  labels?: Record<string, string>;
  providerSpecific?: ProviderSpecificProperty[];
}

/** Types whose targets keep a trailing dot (SRV joined the list in v0.21.0). */
function keepsTargetDot(type: string, version: Version): boolean {
  if (type === "TXT" || type === "NAPTR") return true;
  return type === "SRV" && atLeast(version, 21);
}

/** True when some label of the name is longer than 63 characters (checked before trimming). */
export function hasOverlongLabel(name: string): boolean {
  return name.length > 63 && name.split(".").some((l) => l.length > 63);
}

/** A copy whose lists and labels can be changed without touching the original (stages that adjust endpoints). */
export function copyEndpoint(ep: Endpoint): Endpoint {
  return {
    ...ep,
    targets: [...ep.targets],
    labels: { ...ep.labels },
    providerSpecific: ep.providerSpecific.map((p) => ({ ...p })),
  };
}

/**
 * NewEndpointWithTTL: trims one trailing dot from the name and (for most types) from each
 * target; refuses (returns undefined) a name with a label over 63 characters.
 */
export function newEndpoint(init: EndpointInit, version: Version): Endpoint | undefined {
  if (hasOverlongLabel(init.dnsName)) return undefined;
  const keepDot = keepsTargetDot(init.recordType, version);
  return {
    dnsName: trimDot(init.dnsName),
    recordType: init.recordType,
    targets: init.targets.map((t) => (keepDot ? t : trimDot(t))),
    recordTTL: init.ttl ?? 0,
    setIdentifier: init.setIdentifier ?? "",
    labels: init.labels ? { ...init.labels } : {},
    providerSpecific: init.providerSpecific ? [...init.providerSpecific] : [],
  };
}

function trimDot(s: string): string {
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

/** SuitableType: IPv4 → A, any IPv6 (incl. mapped) → AAAA, everything else → CNAME. */
export function suitableType(target: string): "A" | "AAAA" | "CNAME" {
  if (isFourPartIPv4(target)) return "A";
  if (isIPv6Literal(target)) return "AAAA";
  return "CNAME";
}

export interface HostEndpointOptions {
  ttl: number;
  setIdentifier: string;
  providerSpecific: ProviderSpecificProperty[];
  resource: string;
}

/**
 * EndpointsForHostname: splits one host's targets by type into up to three endpoints in the
 * order A, AAAA, CNAME. All hostname targets share a single (multi-target) CNAME endpoint.
 */
export function endpointsForHostname(
  hostname: string,
  targets: string[],
  opts: HostEndpointOptions,
  version: Version,
): Endpoint[] {
  const byType: Record<"A" | "AAAA" | "CNAME", string[]> = { A: [], AAAA: [], CNAME: [] };
  for (const t of targets) byType[suitableType(t)].push(t);
  const out: Endpoint[] = [];
  for (const type of ["A", "AAAA", "CNAME"] as const) {
    if (byType[type].length === 0) continue;
    const ep = newEndpoint(
      {
        dnsName: hostname,
        recordType: type,
        targets: byType[type],
        ttl: opts.ttl,
        setIdentifier: opts.setIdentifier,
        labels: { resource: opts.resource },
        providerSpecific: opts.providerSpecific,
      },
      version,
    );
    if (ep) out.push(ep);
  }
  return out;
}

function sortedUnique(values: string[]): string[] {
  if (values.length === 1) return [values[0]]; // the usual single target: no Set, no sort
  return [...new Set(values)].sort(byteOrder);
}

/** Go's sort.Strings: plain UTF-16 code unit order, which equals byte order for ASCII names. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** CNAME (and from v0.22 DNAME) may hold one target per name, so merging keys on it. */
function singleTargetType(type: string, version: Version): boolean {
  return type === "CNAME" || (type === "DNAME" && atLeast(version, 22));
}

/**
 * MergeEndpoints (v0.21+): within one source, endpoints sharing name, type, set identifier and
 * TTL become one with the union of their targets; the first one's labels and properties win.
 * CNAMEs only merge when their first target agrees, and target-less CNAMEs are dropped.
 * Before v0.21 each object's endpoints were returned as they were, with sorted targets.
 */
export function mergeEndpoints(endpoints: Endpoint[], version: Version): Endpoint[] {
  if (!atLeast(version, 21)) {
    return endpoints.map((e) => ({ ...e, targets: [...e.targets].sort(byteOrder) }));
  }
  const merged = new Map<string, Endpoint>();
  for (const ep of endpoints) {
    const single = singleTargetType(ep.recordType, version);
    if (single && ep.targets.length === 0) continue;
    const key = `${ep.dnsName}\u0000${ep.recordType}\u0000${ep.setIdentifier ?? ""}\u0000${ep.recordTTL}\u0000${single ? ep.targets[0] : ""}`;
    const existing = merged.get(key);
    if (existing) {
      existing.targets = sortedUnique([...existing.targets, ...ep.targets]);
    } else {
      merged.set(key, { ...ep, targets: sortedUnique(ep.targets) });
    }
  }
  return [...merged.values()];
}

/** The "resource" label that names the object an endpoint came from. */
export function resourceOf(ep: Endpoint): string {
  return ep.labels.resource ?? "";
}

export function getProviderSpecific(ep: Endpoint, name: string): string | undefined {
  // A loop, not find(): this runs several times per endpoint and change, and each find() call
  // made a closure.
  const props = ep.providerSpecific;
  for (let i = 0; i < props.length; i++) if (props[i].name === name) return props[i].value;
  return undefined;
}
