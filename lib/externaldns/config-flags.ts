// external-dns's command-line flags as kingpin reads them: which flags dnsdrift models (and the
// Config field each sets), which it knowingly ignores, and the argument-list scan itself.
// Startup problems are collected as ConfigIssues, never thrown: the dashboard must still show
// what it can, and say why external-dns would refuse to start.

import { parseGoDuration } from "./annotations";
import type { Config, ConfigIssue } from "./types";

export type FlagKind = "string" | "list" | "bool" | "int" | "duration";

/** Flags that change what external-dns computes, and the Config field each one sets. */
export const FLAGS: Record<string, [FlagKind, keyof Config]> = {
  provider: ["string", "provider"],
  source: ["list", "sources"],
  policy: ["string", "policy"],
  registry: ["string", "registry"],
  interval: ["duration", "interval"],
  "annotation-prefix": ["string", "annotationPrefix"],
  "txt-owner-id": ["string", "txtOwnerId"],
  "txt-prefix": ["string", "txtPrefix"],
  "txt-suffix": ["string", "txtSuffix"],
  "txt-wildcard-replacement": ["string", "txtWildcardReplacement"],
  "txt-encrypt-enabled": ["bool", "txtEncryptEnabled"],
  "txt-encrypt-aes-key": ["string", "txtEncryptAesKey"],
  "migrate-from-txt-owner": ["string", "migrateFromTxtOwner"],
  "domain-filter": ["list", "domainFilters"],
  "exclude-domains": ["list", "excludeDomains"],
  "regex-domain-filter": ["string", "regexDomainFilter"],
  "regex-domain-exclusion": ["string", "regexDomainExclusion"],
  "zone-id-filter": ["list", "zoneIdFilters"],
  "managed-record-types": ["list", "managedRecordTypes"],
  "exclude-record-types": ["list", "excludeRecordTypes"],
  namespace: ["string", "namespace"],
  "label-filter": ["string", "labelFilter"],
  "annotation-filter": ["string", "annotationFilter"],
  "ingress-class": ["list", "ingressClassNames"],
  "ignore-ingress-tls-spec": ["bool", "ignoreIngressTLSSpec"],
  "ignore-ingress-rules-spec": ["bool", "ignoreIngressRulesSpec"],
  "ignore-hostname-annotation": ["bool", "ignoreHostnameAnnotation"],
  "fqdn-template": ["string", "fqdnTemplate"],
  "combine-fqdn-annotation": ["bool", "combineFqdnAndAnnotation"],
  "gateway-name": ["string", "gatewayName"],
  "gateway-namespace": ["string", "gatewayNamespace"],
  "gateway-label-filter": ["string", "gatewayLabelFilter"],
  "gateway-listener-sets": ["bool", "gatewayListenerSets"],
  "crd-source-apiversion": ["string", "crdSourceApiVersion"],
  "crd-source-kind": ["string", "crdSourceKind"],
  "publish-internal-services": ["bool", "publishInternalServices"],
  "publish-host-ip": ["bool", "publishHostIP"],
  "always-publish-not-ready-addresses": ["bool", "alwaysPublishNotReadyAddresses"],
  "service-type-filter": ["list", "serviceTypeFilter"],
  "resolve-service-load-balancer-hostname": ["bool", "resolveServiceLoadBalancerHostname"],
  "expose-internal-ipv6": ["bool", "exposeInternalIPv6"],
  "exclude-unschedulable": ["bool", "excludeUnschedulable"],
  compatibility: ["string", "compatibility"],
  "default-targets": ["list", "defaultTargets"],
  "force-default-targets": ["bool", "forceDefaultTargets"],
  "min-ttl": ["duration", "minTTL"],
  "cloudflare-proxied": ["bool", "cloudflareProxied"],
  "cloudflare-record-comment": ["string", "cloudflareRecordComment"],
  "cloudflare-dns-records-per-page": ["int", "cloudflareDnsRecordsPerPage"],
  "cloudflare-regional-services": ["bool", "cloudflareRegionalServices"],
  "cloudflare-region-key": ["string", "cloudflareRegionKey"],
  "cloudflare-custom-hostnames": ["bool", "cloudflareCustomHostnames"],
  "batch-change-size": ["int", "batchChangeSize"],
  "dry-run": ["bool", "dryRun"],
  once: ["bool", "once"],
};

/** Flags of external-dns that do not change the computed records for what dnsdrift models. */
export const IGNORED_VALUE_FLAGS = [
  "log-level", "log-format", "metrics-address", "kubeconfig", "server", "master", "request-timeout",
  "txt-cache-interval", "min-event-sync-interval", "provider-cache-time", "batch-change-interval",
  "cloudflare-custom-hostnames-min-tls-version", "cloudflare-custom-hostnames-certificate-authority",
  "webhook-provider-url", "webhook-provider-read-timeout", "webhook-provider-write-timeout",
  "tls-ca", "tls-client-cert", "tls-client-cert-key", "cli-backend", "zone-name-filter",
  // options of sources dnsdrift does not model (those sources are reported themselves)
  "connector-source-server", "skipper-routegroup-groupversion", "gloo-namespace", "openshift-router-name",
  "pod-source-domain", "cf-api-endpoint", "cf-username", "cf-password",
];
export const IGNORED_BOOL_FLAGS = [
  "events", "webhook-server", "listen-endpoint-events", "ignore-non-host-network-pods", "traefik-disable-legacy", "traefik-disable-new",
];
/** Options of other providers and registries: no effect with Cloudflare (another provider is reported). */
const IGNORED_PREFIXES = [
  "aws-", "azure-", "google-", "alibaba-cloud-", "akamai-", "oci-", "inmemory-", "ovh-", "pdns-", "ns1-",
  "digitalocean-", "godaddy-", "exoscale-", "rfc2136-", "transip-", "pihole-", "plural-", "coredns-",
  "dynamodb-", "infoblox-", "designate-",
];

export const configError = (flag: string, message: string): ConfigIssue => ({ severity: "error", flag, message });
export const configWarning = (flag: string, message: string): ConfigIssue => ({ severity: "warning", flag, message });
const unsupported = (flag: string): ConfigIssue => configWarning(flag, `${flag} is not modelled by dnsdrift; results may differ`);

function kindOf(name: string): FlagKind | "ignored-bool" | "ignored-value" | "ignored" | undefined {
  if (FLAGS[name]) return FLAGS[name][0];
  if (IGNORED_BOOL_FLAGS.includes(name)) return "ignored-bool";
  if (IGNORED_VALUE_FLAGS.includes(name)) return "ignored-value";
  if (IGNORED_PREFIXES.some((p) => name.startsWith(p))) return "ignored";
  return undefined;
}

/**
 * kingpin's reading of the argument list: `--flag=value`, `--flag value`, `--flag` / `--no-flag`
 * for booleans, repeatable list flags; any other flag repeated is a startup error, as is a stray
 * positional argument. Returns the modelled flags' raw values in order of appearance.
 */
export function scanArgs(args: string[], issues: ConfigIssue[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      if (i + 1 < args.length) issues.push(configError("--", `unexpected ${args.slice(i + 1).join(" ")}`));
      break;
    }
    if (!arg.startsWith("--")) {
      if (arg.startsWith("-") && arg.length > 1) issues.push(unsupported(arg));
      else issues.push(configError(arg, `unexpected argument "${arg}" (external-dns takes no positional arguments)`));
      continue;
    }
    const eq = arg.indexOf("=");
    let name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    let kind = kindOf(name);
    if (kind === undefined && name.startsWith("no-")) {
      const base = kindOf(name.slice(3));
      if (base === "bool" || base === "ignored-bool") {
        if (value !== undefined) issues.push(configError(`--${name}`, `--${name} takes no value`));
        [name, value, kind] = [name.slice(3), "false", base];
      } else if (base === "ignored") {
        kind = base;
      } else if (base !== undefined) {
        issues.push(configError(`--${name}`, `--${name.slice(3)} is not a boolean flag`));
        continue;
      }
    }
    const next = args[i + 1];
    if (kind === undefined || kind === "ignored") {
      // Unknown arity: a following non-flag element is taken as this flag's value.
      if (value === undefined && next !== undefined && !next.startsWith("-")) i++;
      if (kind === undefined) issues.push(unsupported(`--${name}`));
      continue;
    }
    if (kind === "bool" || kind === "ignored-bool") {
      const parsed = parseBool(value ?? "true");
      if (parsed === undefined) {
        issues.push(configError(`--${name}`, `"${value}" is not a boolean (true or false)`));
        continue;
      }
      value = String(parsed);
    } else if (value === undefined) {
      if (next === undefined || next.startsWith("--")) {
        issues.push(configError(`--${name}`, `expected a value for --${name}`));
        continue;
      }
      value = next;
      i++;
    }
    if (seen.has(name) && kind !== "list") issues.push(configError(`--${name}`, `flag '${name}' cannot be repeated (external-dns refuses to start)`));
    seen.add(name);
    if (FLAGS[name]) values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

/** Writes each scanned flag into its Config field: lists whole, the last value for the others. */
export function applyFlagValues(cfg: Config, values: Map<string, string[]>, issues: ConfigIssue[]): void {
  for (const [name, vals] of values) {
    const [kind, field] = FLAGS[name];
    const last = vals[vals.length - 1];
    const set = (value: unknown) => Object.assign(cfg, { [field]: value });
    if (kind === "list") set(vals);
    else if (kind === "string") set(last);
    else if (kind === "bool") set(last === "true");
    else if (kind === "int") {
      if (/^[+-]?\d+$/.test(last)) set(Number(last));
      else issues.push(configError(`--${name}`, `"${last}" is not an integer`));
    } else {
      const ns = parseGoDuration(last);
      if (ns === undefined) issues.push(configError(`--${name}`, `"${last}" is not a duration like 1m or 30s`));
      else set(field === "interval" ? last : Math.trunc(ns / 1e9));
    }
  }
}

/** Go's strconv.ParseBool, which kingpin uses. */
function parseBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}
