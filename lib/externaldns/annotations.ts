// Prefix-aware annotation reading and value parsing, as source/annotations/ does it.
// external-dns reads exactly one prefix; annotations under the other known prefix are
// silently ignored by it, so we surface them for explain instead.

import type { ProviderSpecificProperty, Version } from "./types";

export const LEGACY_PREFIX = "external-dns.alpha.kubernetes.io/";
export const GA_PREFIX = "external-dns.kubernetes.io/";
const KNOWN_PREFIXES = [LEGACY_PREFIX, GA_PREFIX];

/** The prefix a version reads when --annotation-prefix is not given (v0.22.0 switched it). */
export function defaultAnnotationPrefix(version: Version): string {
  return version.major > 0 || version.minor >= 22 ? GA_PREFIX : LEGACY_PREFIX;
}

export function annotationValue(
  annotations: Record<string, string> | undefined,
  prefix: string,
  name: string,
): string | undefined {
  if (annotations === undefined) return undefined;
  return annotations[annotationKey(prefix, name)];
}

// Looking a freshly concatenated key up in an object makes V8 flatten and hash it every time;
// with one key string per (prefix, name) the lookups of a 10,000-route run stay cheap.
const annotationKeys = new Map<string, Map<string, string>>();
function annotationKey(prefix: string, name: string): string {
  let byName = annotationKeys.get(prefix);
  if (!byName) annotationKeys.set(prefix, (byName = new Map()));
  let key = byName.get(name);
  if (key === undefined) byName.set(name, (key = prefix + name));
  return key;
}

/**
 * Annotations that use a known external-dns prefix other than the one in effect. Returned as
 * [fullKey, suffix] pairs, e.g. ["external-dns.alpha.kubernetes.io/hostname", "hostname"].
 */
export function foreignPrefixAnnotations(
  annotations: Record<string, string> | undefined,
  prefix: string,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const key of Object.keys(annotations ?? {})) {
    for (const other of KNOWN_PREFIXES) {
      if (other !== prefix && key.startsWith(other) && !key.startsWith(prefix)) {
        out.push([key, key.slice(other.length)]);
      }
    }
  }
  return out;
}

const MAX_TTL = 2 ** 31 - 1;

/**
 * TTL annotation value → seconds. Plain integers first, then Go durations; anything outside
 * [1, 2^31-1] or unparsable is 0 ("not configured") plus an error message for the explain chain.
 */
export function parseTTL(value: string): { ttl: number; error?: string } {
  let seconds: number | undefined;
  if (/^[+-]?\d+$/.test(value)) {
    seconds = Number(value);
  } else {
    const ns = parseGoDuration(value);
    if (ns !== undefined) seconds = Math.trunc(ns / 1e9);
  }
  if (seconds === undefined) {
    return { ttl: 0, error: `"${value}" is neither a number of seconds nor a duration like 10m` };
  }
  if (seconds < 1 || seconds > MAX_TTL) {
    return { ttl: 0, error: `TTL ${value} is outside 1..${MAX_TTL} seconds` };
  }
  return { ttl: seconds };
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "µs": 1e3,
  "μs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * Go's time.ParseDuration, in nanoseconds; undefined when Go would return an error. With
 * `daysAndWeeks`, also "d" and "w" as kingpin's duration flags read them (go-str2duration).
 */
export function parseGoDuration(input: string, daysAndWeeks = false): number | undefined {
  let s = input;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return undefined;
  let total = 0;
  const re = daysAndWeeks ? /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h|d|w)/ : /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m || m[1] === "" || m[1] === ".") return undefined;
    total += Number(m[1]) * (m[2] === "d" ? 86400e9 : m[2] === "w" ? 604800e9 : DURATION_UNITS[m[2]]);
    s = s.slice(m[0].length);
  }
  return sign * total;
}

/** Hostname annotation: all spaces removed, split on "," (a trailing comma yields ""). */
export function splitHostnames(value: string): string[] {
  return value.replace(/ /g, "").split(",");
}

/** Target annotation: like hostnames, plus one trailing dot trimmed; empty entries dropped. */
export function splitTargets(value: string): string[] {
  return value
    .replace(/ /g, "")
    .split(",")
    .map((t) => (t.endsWith(".") ? t.slice(0, -1) : t))
    .filter((t) => t !== "");
}

/** The controller annotation lets an object through only when absent or exactly dns-controller. */
export function controllerAccepts(annotations: Record<string, string> | undefined, prefix: string): boolean {
  const v = annotationValue(annotations, prefix, "controller");
  return v === undefined || v === "dns-controller";
}

const CLOUDFLARE_KEYS = [
  "cloudflare-proxied",
  "cloudflare-custom-hostname",
  "cloudflare-region-key",
  "cloudflare-record-comment",
  "cloudflare-tags",
];

/**
 * Provider-specific properties and set identifier from an object's annotations
 * (source/annotations/provider_specific.go). Cloudflare keys keep the full annotation key as
 * the property name, which is why a prefix switch silently disables them.
 */
// The providers whose "<provider>-<attr>" annotations external-dns turns into "<provider>/<attr>".
const PROVIDER_PREFIXES = ["aws-", "scw-", "webhook-", "coredns-"];

export function providerSpecificFromAnnotations(
  annotations: Record<string, string> | undefined,
  prefix: string,
  version: Version,
): { providerSpecific: ProviderSpecificProperty[]; setIdentifier: string } {
  const props: ProviderSpecificProperty[] = [];
  if (annotations === undefined) return { providerSpecific: props, setIdentifier: "" };
  const a = annotations;
  if (annotationValue(a, prefix, "alias") === "true") props.push({ name: "alias", value: "true" });
  const v21 = version.major > 0 || version.minor >= 21;
  const recordType = v21 ? annotationValue(a, prefix, "record-type") : undefined;
  if (recordType !== undefined) props.push({ name: "record-type", value: recordType });
  // Runs for every route, Ingress and Service: no slices or key strings are built for
  // annotations outside the prefix, which are most of them.
  for (const key in a) {
    if (!Object.hasOwn(a, key) || !key.startsWith(prefix)) continue;
    const value = a[key];
    for (const p of PROVIDER_PREFIXES) {
      if (key.startsWith(p, prefix.length)) props.push({ name: `${p.slice(0, -1)}/${key.slice(prefix.length + p.length)}`, value });
    }
    const attr = key.slice(prefix.length);
    if (v21 && attr === "azure-tags") props.push({ name: "azure/tags", value });
    if (CLOUDFLARE_KEYS.includes(attr)) props.push({ name: key, value });
  }
  return { providerSpecific: props, setIdentifier: annotationValue(a, prefix, "set-identifier") ?? "" };
}

/** Version helpers shared by every module that switches on the release. */
export function atLeast(version: Version, minor: number): boolean {
  return version.major > 0 || version.minor >= minor;
}
