// external-dns's command line as kingpin reads it, release by release: the argument scan, the
// EXTERNAL_DNS_* environment variables (app.DefaultEnvars()), and what each flag set means for
// dnsdrift (flag-table: modelled, ignored, unmodelled, or an option of something else).
// Startup problems are collected as ConfigIssues, never thrown: the dashboard must still show
// what it can, and say why external-dns would refuse to start.

import { parseGoDuration } from "./annotations";
import { ENUMS, FLAG_TABLE, RELEASES } from "./flag-table";
import { MODELLED_SOURCES } from "./source-chain";
import type { Config, ConfigIssue, Version } from "./types";

export type FlagKind = "string" | "list" | "bool" | "int" | "duration";
type Release = (typeof RELEASES)[number];

/** Modelled flags and the Config field each one sets (its kind as dnsdrift stores it). */
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
  "target-template": ["string", "targetTemplate"],
  "fqdn-target-template": ["string", "fqdnTargetTemplate"],
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
  "target-net-filter": ["list", "targetNetFilters"],
  "exclude-target-net": ["list", "excludeTargetNets"],
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

/** kingpin's own flags: external-dns prints something and exits instead of running. */
const EXITING_FLAGS = ["help", "help-long", "help-man", "version", "completion-bash", "completion-script-bash", "completion-script-zsh"];

export const configError = (flag: string, message: string): ConfigIssue => ({ severity: "error", flag, message });
export const configWarning = (flag: string, message: string): ConfigIssue => ({ severity: "warning", flag, message });
/**
 * A setting whose effect dnsdrift does not compute, so the plan may be wrong: every change is
 * withheld, or only deletes when the setting can only add records (`scope: "deletes"`).
 */
export const unmodelledConfig = (flag: string, message: string, scope?: "deletes"): ConfigIssue => ({
  severity: "warning",
  flag,
  message,
  unmodelled: "config",
  ...(scope ? { scope } : {}),
});

/** Unmodelled flags that only ever add records (names from templates, NAT64 A records, PTRs). */
const ADDITIVE = new Set(["nat64-networks", "create-ptr"]);

/** The flag-table column for a version: releases before v0.20 read as v0.20, later ones as v0.22. */
export function releaseOf(v: Version): Release {
  const minor = v.major > 0 ? 99 : v.minor;
  return (minor <= 20 ? 20 : minor >= 22 ? 22 : minor) as Release;
}

/** The flag's kind letter at a release ("-" when that release lacks it); undefined for no release. */
export function flagKind(name: string, release: Release): string | undefined {
  const row = FLAG_TABLE[name];
  return row ? row[0][RELEASES.indexOf(release)] : undefined;
}

const releaseName = (r: Release) => `v0.${r}.0`;

function missingFlag(name: string, version: Version): ConfigIssue {
  const kinds = FLAG_TABLE[name][0];
  const has = RELEASES.filter((_, i) => kinds[i] !== "-").map(releaseName);
  return configError(`--${name}`, `external-dns ${version.raw} has no flag --${name} (it exists in ${has.join(", ")}), so it refuses to start`);
}

/**
 * kingpin's reading of the argument list at a release: `--flag=value`, `--flag value`, `--flag` /
 * `--no-flag` for booleans, repeatable list flags; an unknown flag, any other flag repeated or a
 * stray positional argument is a startup error. Returns every flag's raw values in order.
 */
export function scanArgs(args: string[], version: Version, issues: ConfigIssue[]): Map<string, string[]> {
  const release = releaseOf(version);
  const values = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      if (i + 1 < args.length) issues.push(configError("--", `unexpected ${args.slice(i + 1).join(" ")}`));
      break;
    }
    if (!arg.startsWith("--")) {
      if (arg.startsWith("-") && arg.length > 1) issues.push(configError(arg, `unknown short flag '${arg}' (external-dns refuses to start)`));
      else issues.push(configError(arg, `unexpected argument "${arg}" (external-dns takes no positional arguments)`));
      continue;
    }
    const eq = arg.indexOf("=");
    let name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (EXITING_FLAGS.includes(name)) {
      issues.push(configError(`--${name}`, `--${name} makes external-dns print and exit instead of running`));
      continue;
    }
    if (name === "cli-backend" && release === 20) {
      // v0.20.0 takes this out before parsing: "cobra" switches to a pflag parser with other rules.
      const backend = value ?? args[++i] ?? "";
      if (backend.toLowerCase() === "cobra") issues.push(unmodelledConfig("--cli-backend", "the cobra argument parser of v0.20.0 is not modelled (dnsdrift reads arguments as kingpin does)"));
      continue;
    }
    let kind = flagKind(name, release);
    if (kind === undefined && name.startsWith("no-") && flagKind(name.slice(3), release) !== undefined) {
      const base = flagKind(name.slice(3), release);
      if (base === "b") {
        [name, kind] = [name.slice(3), base];
        if (value === undefined) value = "false";
      } else if (base !== "-") {
        issues.push(configError(`--${name}`, `--${name.slice(3)} is not a boolean flag`));
        continue;
      } else {
        kind = base;
        name = name.slice(3);
      }
    }
    const next = args[i + 1];
    if (kind === undefined || kind === "-") {
      issues.push(kind === undefined ? configError(`--${name}`, `unknown long flag '--${name}' (external-dns refuses to start)`) : missingFlag(name, version));
      // A value flag of another release (or one of unknown arity) takes the next element along.
      const takesValue = kind === undefined || !FLAG_TABLE[name][0].includes("b");
      if (takesValue && value === undefined && next !== undefined && !next.startsWith("-")) i++;
      continue;
    }
    if (kind === "b") {
      if (eq >= 0) {
        // kingpin splits "--x=v" into the flag and a separate argument; a boolean flag takes no
        // argument, so "v" is left over as a positional argument, which external-dns rejects.
        const written = arg.slice(eq + 1);
        issues.push(configError(`--${name}`, `"${arg}" is read as --${arg.slice(2, eq)} followed by the argument "${written}": external-dns refuses to start ("unexpected ${written}"); write --${name} or --no-${name}`));
        continue;
      }
      value = value ?? "true";
    } else if (value === undefined) {
      if (next === undefined || next.startsWith("--")) {
        issues.push(configError(`--${name}`, `expected a value for --${name}`));
        continue;
      }
      value = next;
      i++;
    }
    if (values.has(name) && kind !== "l" && kind !== "m") issues.push(configError(`--${name}`, `flag '${name}' cannot be repeated (external-dns refuses to start)`));
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

/** kingpin's envar for a flag: EXTERNAL_DNS_ + the name upper-cased, runs of other characters → "_". */
export function envarOf(flag: string): string {
  return ("external-dns_" + flag).replace(/[^a-zA-Z0-9_]+/g, "_").toUpperCase();
}

/**
 * EXTERNAL_DNS_* variables, read for every flag of the release that the command line did not set
 * (kingpin's setDefaults): lists split on newlines, an empty value ignored, and a variable that
 * names no flag ignored as kingpin ignores it. `null` marks a value dnsdrift cannot read (valueFrom).
 */
export function applyEnv(values: Map<string, string[]>, env: Record<string, string | null>, version: Version, issues: ConfigIssue[]): void {
  const release = releaseOf(version);
  const byEnvar = new Map(Object.keys(FLAG_TABLE).filter((f) => flagKind(f, release) !== "-").map((f) => [envarOf(f), f] as const));
  if (release === 20 && env.EXTERNAL_DNS_CLI?.toLowerCase() === "cobra") {
    issues.push(unmodelledConfig("EXTERNAL_DNS_CLI", "the cobra argument parser of v0.20.0 is not modelled (dnsdrift reads arguments as kingpin does)"));
  }
  for (const [envar, value] of Object.entries(env)) {
    const name = byEnvar.get(envar);
    if (!name || values.has(name) || value === "") continue;
    if (value === null) {
      if (matters(name)) issues.push(unmodelledConfig(`--${name}`, `${envar} comes from a Secret or ConfigMap that dnsdrift does not read, so --${name} is unknown`));
      continue;
    }
    const kind = flagKind(name, release);
    if (kind === "b") {
      const parsed = parseBool(value);
      if (parsed === undefined) issues.push(configError(`--${name}`, `${envar}="${value}" is not a boolean (true or false)`));
      else values.set(name, [String(parsed)]);
    } else {
      values.set(name, kind === "l" || kind === "m" ? value.split(/\r?\n/) : [value]);
    }
  }
}

/** Whether a flag's value can change what dnsdrift shows (so not knowing it matters). */
function matters(name: string): boolean {
  const use = FLAG_TABLE[name][1];
  return use === "modelled" || use === "unmodelled" || use.startsWith("source:");
}

/** Writes each modelled flag into its Config field: lists whole, the last value for the others. */
export function applyFlagValues(cfg: Config, values: Map<string, string[]>, issues: ConfigIssue[]): void {
  const release = releaseOf(cfg.version);
  for (const [name, vals] of values) {
    if (!FLAGS[name]) continue;
    const [kind, field] = FLAGS[name];
    const last = vals[vals.length - 1];
    const set = (value: unknown) => Object.assign(cfg, { [field]: value });
    if (kind === "list") set(vals);
    // v0.22.0 made the template flags repeatable; earlier releases split one value on commas.
    else if (kind === "string") set(flagKind(name, release) === "l" ? vals.join(",") : last);
    else if (kind === "bool") set(last === "true");
    else if (kind === "int") {
      // kingpin v2.4.0 reads integers with strconv.ParseFloat and truncates ("1e3" is 1000).
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(last)) set(Math.trunc(Number(last)));
      else issues.push(configError(`--${name}`, `"${last}" is not a number`));
    } else {
      const ns = parseGoDuration(last, true);
      if (ns === undefined) issues.push(configError(`--${name}`, `"${last}" is not a duration like 1m or 30s`));
      else set(field === "interval" ? last : Math.trunc(ns / 1e9));
    }
  }
}

/**
 * What the flags set mean beyond their fields: enum values the release refuses, and flags whose
 * effect dnsdrift does not compute (deletes withheld). Options of a source count only when that
 * source is configured and modelled; an unmodelled source is reported on its own.
 */
export function checkFlagUses(cfg: Config, values: Map<string, string[]>, issues: ConfigIssue[]): void {
  const release = releaseOf(cfg.version);
  for (const [name, vals] of values) {
    const allowed = ENUMS[name]?.[release];
    if (allowed && name !== "source" && name !== "provider" && name !== "policy" && name !== "registry") {
      const bad = vals.find((v) => !allowed.includes(v));
      if (bad !== undefined) issues.push(configError(`--${name}`, `"${bad}" is not one of ${allowed.filter(Boolean).join(", ")} (external-dns refuses to start)`));
    }
    const use = FLAG_TABLE[name][1];
    const set = vals.some((v) => v !== "" && v !== "false");
    if (use === "unmodelled" && set) {
      issues.push(unmodelledConfig(`--${name}`, `--${name} changes the records external-dns writes in a way dnsdrift does not compute`, ADDITIVE.has(name) ? "deletes" : undefined));
    } else if (use.startsWith("source:") && set) {
      const used = use.slice("source:".length).split("|").filter((s) => cfg.sources.includes(s) && MODELLED_SOURCES.includes(s));
      if (used.length) issues.push(unmodelledConfig(`--${name}`, `--${name} (an option of --source=${used.join(", --source=")}) is not modelled by dnsdrift`));
    }
  }
  if (cfg.managedRecordTypes.includes("PTR") && release >= 21) {
    issues.push(unmodelledConfig("--managed-record-types", "PTR in --managed-record-types makes external-dns add reverse records, which dnsdrift does not compute", "deletes"));
  }
}

/** Go's strconv.ParseBool, which kingpin uses. */
function parseBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}
