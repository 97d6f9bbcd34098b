// The CRD source (source/crd.go): DNSEndpoint objects are decoded straight into endpoints, with
// no type inference and no normalisation, so what the user wrote is what external-dns publishes
// (or rejects). The object is loose JSON here, so every field is checked before use.
//
// Codes used here besides the contract's (label-filter, annotation-filter, no-targets,
// annotation-prefix-mismatch, annotation-ignored-here):
//   endpoint-produced  info     the DNSEndpoint yields this record ("host → CNAME x")
//   namespace-filter   info     outside --namespace, never read
//   crd-source-kind    warning  v0.20: the object is not of --crd-source-apiversion/--crd-source-kind
//   invalid-target     warning  a target external-dns calls illegal; the whole endpoint is dropped
//   invalid-spec       warning  a field of the wrong shape; that endpoint (or the object) is skipped

import { atLeast, GA_PREFIX, LEGACY_PREFIX } from "../annotations";
import { mergeEndpoints } from "../endpoint";
import { reasonHosts } from "../reason-hosts";
import type { ClusterObjects, Config, Endpoint, KubeObject, ProviderSpecificProperty, Reason, SourceResult, Version } from "../types";
import { compileObjectFilters, type ObjectFilters, objectFilterExclusion, objectFilterMessage } from "./object-filters";

export const DNSENDPOINT_API_VERSION = "externaldns.k8s.io/v1alpha1";
export const DNSENDPOINT_KIND = "DNSEndpoint";

/** Record types whose targets skip the trailing-dot check, by release. */
function dotExemptTypes(version: Version): Set<string> {
  if (atLeast(version, 22)) return new Set(["TXT", "CNAME", "DNAME", "MX", "SRV"]);
  if (atLeast(version, 21)) return new Set(["TXT", "CNAME", "MX"]);
  return new Set(["TXT"]);
}

/**
 * Why the CRD source would call a target illegal (NAPTR targets need a trailing dot, most other
 * types must not have one), or undefined. Types compare case-sensitively, as upstream does.
 */
export function illegalTarget(recordType: string, targets: string[], version: Version): string | undefined {
  if (dotExemptTypes(version).has(recordType)) return undefined;
  for (const t of targets) {
    const dotted = t.endsWith(".");
    if (recordType === "NAPTR" && !dotted) return `NAPTR target "${t}" must end with a dot`;
    if (recordType !== "NAPTR" && dotted) {
      const hint =
        recordType === "CNAME" || recordType === "MX"
          ? ` (${recordType} targets with a trailing dot are accepted from v0.21.0, this is ${version.raw})`
          : recordType === "SRV" || recordType === "DNAME"
            ? ` (accepted from v0.22.0, this is ${version.raw})`
            : "";
      return `${recordType || "(empty type)"} target "${t}" must not end with a dot${hint}`;
    }
  }
  return undefined;
}

type Decoded = { endpoint: Endpoint } | { problem: string; host: string };

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");
}

/** JSON-decodes one spec.endpoints[i] the way the typed Go struct would accept it. */
function decodeEndpoint(raw: unknown, field: string): Decoded {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { problem: `${field} is not an object`, host: "" };
  const r = raw as Record<string, unknown>;
  const host = typeof r.dnsName === "string" ? r.dnsName : "";
  const bad = (problem: string): Decoded => ({ problem, host });
  if (typeof r.dnsName !== "string" || r.dnsName === "") return bad(`${field}.dnsName is missing or not a string`);
  const targets = r.targets ?? [];
  if (!Array.isArray(targets) || !targets.every((t) => typeof t === "string")) {
    return bad(`${field}.targets must be a list of strings`);
  }
  for (const key of ["recordType", "setIdentifier"] as const) {
    if (r[key] !== undefined && typeof r[key] !== "string") return bad(`${field}.${key} must be a string`);
  }
  const ttl = r.recordTTL ?? 0;
  if (typeof ttl !== "number" || !Number.isInteger(ttl)) return bad(`${field}.recordTTL must be a whole number of seconds`);
  if (r.labels !== undefined && r.labels !== null && !isStringMap(r.labels)) return bad(`${field}.labels must map strings to strings`);
  const props: ProviderSpecificProperty[] = [];
  const rawProps = r.providerSpecific ?? [];
  if (!Array.isArray(rawProps)) return bad(`${field}.providerSpecific must be a list of {name, value}`);
  for (const [i, p] of rawProps.entries()) {
    const prop = p as { name?: unknown; value?: unknown } | null;
    if (typeof prop?.name !== "string" || (prop.value !== undefined && typeof prop.value !== "string")) {
      return bad(`${field}.providerSpecific[${i}] must be {name: string, value: string}`);
    }
    props.push({ name: prop.name, value: (prop.value as string | undefined) ?? "" });
  }
  return {
    endpoint: {
      dnsName: r.dnsName,
      recordType: (r.recordType as string | undefined) ?? "",
      targets: [...(targets as string[])],
      recordTTL: ttl,
      setIdentifier: (r.setIdentifier as string | undefined) ?? "",
      labels: { ...((r.labels as Record<string, string> | undefined) ?? {}) },
      providerSpecific: props,
    },
  };
}

interface Context extends ObjectFilters {
  cfg: Config;
}

/** The group/version and kind this release lists: flags at v0.20, hard-wired from v0.21. */
function expectedKind(cfg: Config): { apiVersion: string; kind: string } {
  if (atLeast(cfg.version, 21)) return { apiVersion: DNSENDPOINT_API_VERSION, kind: DNSENDPOINT_KIND };
  return { apiVersion: cfg.crdSourceApiVersion || DNSENDPOINT_API_VERSION, kind: cfg.crdSourceKind || DNSENDPOINT_KIND };
}

/** The first filter that keeps the object out: --namespace, then its kind, then the selectors. */
function exclusion(obj: KubeObject, ctx: Context): [string, string, Reason["severity"]] | undefined {
  const { cfg } = ctx;
  const filtered = objectFilterExclusion(obj, cfg, ctx);
  if (filtered === "namespace-filter") return [filtered, objectFilterMessage(filtered, obj, cfg), "info"];
  const want = expectedKind(cfg);
  const apiVersion = obj.apiVersion ?? DNSENDPOINT_API_VERSION;
  const kind = obj.kind ?? DNSENDPOINT_KIND;
  if (apiVersion !== want.apiVersion || kind !== want.kind) {
    return [
      "crd-source-kind",
      `external-dns ${cfg.version.raw} lists ${want.kind} ${want.apiVersion} (--crd-source-apiversion/--crd-source-kind), so this ${kind} ${apiVersion} is not read`,
      "warning",
    ];
  }
  return filtered ? [filtered, objectFilterMessage(filtered, obj, cfg), "info"] : undefined;
}

/** external-dns annotations on a DNSEndpoint do nothing: the CRD source reads only spec.endpoints. */
function ignoredAnnotations(obj: KubeObject, cfg: Config, push: (code: string, message: string, hosts?: string[]) => void): void {
  for (const key of Object.keys(obj.metadata.annotations ?? {})) {
    if (!key.startsWith(LEGACY_PREFIX) && !key.startsWith(GA_PREFIX)) continue;
    const name = key.slice(key.startsWith(LEGACY_PREFIX) ? LEGACY_PREFIX.length : GA_PREFIX.length);
    const instead: Record<string, string> = {
      controller: "the crd source has no controller-annotation check, so the DNSEndpoint is still read",
      ttl: "set spec.endpoints[].recordTTL instead",
      target: "set spec.endpoints[].targets instead",
      hostname: "set spec.endpoints[].dnsName instead",
    };
    const hint = instead[name] ?? `put it in spec.endpoints[].providerSpecific as {name: ${cfg.annotationPrefix}${name}} if it is a provider property`;
    push("annotation-ignored-here", `annotation ${key} on a DNSEndpoint is ignored: the crd source reads only spec.endpoints; ${hint}`);
  }
}

/** Provider properties named with the prefix this release does not use never reach Cloudflare. */
function foreignProperties(ep: Endpoint, cfg: Config, push: (code: string, message: string, hosts?: string[]) => void): void {
  const P = cfg.annotationPrefix;
  for (const p of ep.providerSpecific) {
    const other = [LEGACY_PREFIX, GA_PREFIX].find((k) => k !== P && p.name.startsWith(k) && !p.name.startsWith(P));
    if (!other) continue;
    push(
      "annotation-prefix-mismatch",
      `providerSpecific ${p.name} on ${ep.dnsName} is not recognised: external-dns ${cfg.version.raw} names it ${P}${p.name.slice(other.length)}`,
      [ep.dnsName],
    );
  }
}

function describe(ep: Endpoint): string {
  return `${ep.dnsName} → ${ep.recordType} ${ep.targets.join(", ")}`;
}

/** One DNSEndpoint that passed the filters → its accepted endpoints, resource label set. */
function objectEndpoints(obj: KubeObject, resource: string, ctx: Context, push: (code: string, message: string, hosts?: string[], severity?: Reason["severity"]) => void): Endpoint[] {
  const { cfg } = ctx;
  const raw = obj.spec?.endpoints;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    push("invalid-spec", `spec.endpoints is not a list, so the DNSEndpoint yields nothing`);
    return [];
  }
  const out: Endpoint[] = [];
  const mergeDropsEmpty = (type: string) => atLeast(cfg.version, 21) && (type === "CNAME" || (type === "DNAME" && atLeast(cfg.version, 22)));
  for (const [i, item] of raw.entries()) {
    const decoded = decodeEndpoint(item, `spec.endpoints[${i}]`);
    if ("problem" in decoded) {
      push("invalid-spec", `${decoded.problem}; the endpoint is skipped`, [decoded.host]);
      continue;
    }
    const ep = decoded.endpoint;
    const illegal = illegalTarget(ep.recordType, ep.targets, cfg.version);
    if (illegal) {
      push("invalid-target", `endpoint ${ep.dnsName} ${ep.recordType} is dropped: ${illegal}`, [ep.dnsName]);
      continue;
    }
    foreignProperties(ep, cfg, push);
    ep.labels.resource = resource;
    if (ep.targets.length === 0) {
      if (mergeDropsEmpty(ep.recordType)) {
        push("no-targets", `${ep.recordType} endpoint ${ep.dnsName} has no targets and is dropped by external-dns's merge step`, [ep.dnsName]);
        continue;
      }
      if (cfg.defaultTargets.length === 0) {
        push("no-targets", `${ep.recordType} endpoint ${ep.dnsName} has no targets and no --default-targets are set, so it yields no record`, [ep.dnsName]);
      } else {
        push("no-targets", `${ep.recordType} endpoint ${ep.dnsName} has no targets; --default-targets supply them`, [ep.dnsName], "info");
      }
    } else {
      push("endpoint-produced", describe(ep), [ep.dnsName], "info");
    }
    out.push(ep);
  }
  return out;
}

function mentioned(obj: KubeObject): string[] {
  const raw = obj.spec?.endpoints;
  if (!Array.isArray(raw)) return [];
  return raw.map((e) => (e as { dnsName?: unknown } | null)?.dnsName).filter((n): n is string => typeof n === "string");
}

export function dnsEndpointSource(objects: ClusterObjects, cfg: Config): SourceResult {
  const reasons: Reason[] = [];
  const filters = compileObjectFilters(cfg, "DNSEndpoint", reasons);
  if (!filters) return { endpoints: [], reasons };
  const ctx: Context = { cfg, ...filters };
  const endpoints: Endpoint[] = [];
  for (const obj of objects.dnsEndpoints) {
    const resource = `crd/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
    const hosts = reasonHosts(mentioned(obj));
    const push = (code: string, message: string, h: string[] = hosts, severity: Reason["severity"] = "warning") =>
      reasons.push({ code, resource, message, severity, hostnames: reasonHosts(h) });
    const excluded = exclusion(obj, ctx);
    if (excluded?.[0] !== "namespace-filter" && excluded?.[0] !== "crd-source-kind") ignoredAnnotations(obj, cfg, push);
    if (excluded) {
      push(excluded[0], excluded[1], hosts, excluded[2]);
      continue;
    }
    endpoints.push(...objectEndpoints(obj, resource, ctx, push));
  }
  // Before v0.21 the CRD source returned its endpoints exactly as decoded.
  return { endpoints: atLeast(cfg.version, 21) ? mergeEndpoints(endpoints, cfg.version) : endpoints, reasons };
}
