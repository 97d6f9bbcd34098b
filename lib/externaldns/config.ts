// The external-dns configuration in effect: command-line arguments (as in the Deployment) or the
// Helm chart's values (rendered into the same arguments the chart's deployment template writes),
// plus the version, parsed with kingpin's rules into one Config with defaults and startup checks.
// Anything external-dns would refuse to start with is an "error" issue; anything dnsdrift does not
// model is a "warning" issue, never silently dropped.

import YAML from "yaml";
import { z } from "zod";
import { atLeast, defaultAnnotationPrefix, parseGoDuration } from "./annotations";
import { compileGoRegex } from "./domain-filter";
import { InputError } from "./errors";
import { parseSelector } from "./label-selector";
import type { Config, ConfigIssue, Policy, Version } from "./types";
import { DEFAULT_VERSION, formatVersion, parseVersion } from "./version";

export interface ConfigOverrides {
  /** `--external-dns-version`: wins over the image tag. */
  version?: string;
  /** `--annotation-prefix`: wins over the flag and the chart value. */
  annotationPrefix?: string;
}

type Kind = "string" | "list" | "bool" | "int" | "duration";

/** Flags that change what external-dns computes, and the Config field each one sets. */
const FLAGS: Record<string, [Kind, keyof Config]> = {
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
  "pod-source-domain", "service-type-filter", "cf-api-endpoint", "cf-username", "cf-password", "compatibility",
];
export const IGNORED_BOOL_FLAGS = [
  "events", "webhook-server", "publish-internal-services", "publish-host-ip", "always-publish-not-ready-addresses",
  "resolve-service-load-balancer-hostname", "listen-endpoint-events", "exclude-unschedulable",
  "expose-internal-ipv6", "ignore-non-host-network-pods", "traefik-disable-legacy", "traefik-disable-new",
];
/** Options of other providers and registries: no effect with Cloudflare (another provider is reported). */
const IGNORED_PREFIXES = [
  "aws-", "azure-", "google-", "alibaba-cloud-", "akamai-", "oci-", "inmemory-", "ovh-", "pdns-", "ns1-",
  "digitalocean-", "godaddy-", "exoscale-", "rfc2136-", "transip-", "pihole-", "plural-", "coredns-",
  "dynamodb-", "infoblox-", "designate-",
];

const MODELLED_SOURCES = ["crd", "ingress", "gateway-httproute", "gateway-grpcroute", "gateway-tlsroute", "gateway-tcproute", "gateway-udproute"];
const POLICIES: Policy[] = ["sync", "upsert-only", "create-only"];
const REGISTRIES = ["txt", "noop", "dynamodb", "aws-sd"];
const CRD_API_VERSION = "externaldns.k8s.io/v1alpha1";
const CRD_KIND = "DNSEndpoint";

function kindOf(name: string): Kind | "ignored-bool" | "ignored-value" | "ignored" | undefined {
  if (FLAGS[name]) return FLAGS[name][0];
  if (IGNORED_BOOL_FLAGS.includes(name)) return "ignored-bool";
  if (IGNORED_VALUE_FLAGS.includes(name)) return "ignored-value";
  if (IGNORED_PREFIXES.some((p) => name.startsWith(p))) return "ignored";
  return undefined;
}

/** Parses external-dns arguments as found in the Deployment's `args`. */
export function configFromArgs(args: string[], opts: ConfigOverrides = {}): Config {
  return buildConfig(args, resolveVersion(opts.version, undefined, []), opts);
}

function resolveVersion(override: string | undefined, fromImage: Version | undefined, issues: ConfigIssue[]) {
  if (override !== undefined) return { version: parseVersion(override), issues };
  if (fromImage) return { version: fromImage, issues };
  issues.push(warn("version", `external-dns version unknown, assuming ${formatVersion(DEFAULT_VERSION)} (pass --external-dns-version)`));
  return { version: DEFAULT_VERSION, issues };
}

function buildConfig(args: string[], v: { version: Version; issues: ConfigIssue[] }, opts: ConfigOverrides): Config {
  const issues = [...v.issues];
  const values = scanArgs(args, issues);
  const cfg = defaults(v.version, issues);
  for (const [name, vals] of values) {
    const [kind, field] = FLAGS[name];
    const last = vals[vals.length - 1];
    const set = (value: unknown) => Object.assign(cfg, { [field]: value });
    if (kind === "list") set(vals);
    else if (kind === "string") set(last);
    else if (kind === "bool") set(last === "true");
    else if (kind === "int") {
      if (/^[+-]?\d+$/.test(last)) set(Number(last));
      else issues.push(error(`--${name}`, `"${last}" is not an integer`));
    } else {
      const ns = parseGoDuration(last);
      if (ns === undefined) issues.push(error(`--${name}`, `"${last}" is not a duration like 1m or 30s`));
      else set(field === "interval" ? last : Math.trunc(ns / 1e9));
    }
  }
  const policy = values.get("policy");
  if (!policy && atLeast(v.version, 22)) issues.push(error("--policy", "--policy is required from v0.22.0 (external-dns refuses to start without it)"));
  if (opts.annotationPrefix !== undefined) cfg.annotationPrefix = opts.annotationPrefix;
  cfg.annotationPrefixExplicit = opts.annotationPrefix !== undefined || values.has("annotation-prefix");
  if (!cfg.annotationPrefixExplicit) cfg.annotationPrefix = defaultAnnotationPrefix(v.version);
  validate(cfg, values, issues);
  return cfg;
}

function defaults(version: Version, issues: ConfigIssue[]): Config {
  return {
    version, annotationPrefix: defaultAnnotationPrefix(version), annotationPrefixExplicit: false,
    provider: "", sources: [], policy: "sync", registry: "txt", interval: "1m",
    txtOwnerId: "default", txtPrefix: "", txtSuffix: "", txtWildcardReplacement: "",
    txtEncryptEnabled: false, txtEncryptAesKey: "", migrateFromTxtOwner: "",
    domainFilters: [], excludeDomains: [], regexDomainFilter: "", regexDomainExclusion: "", zoneIdFilters: [],
    managedRecordTypes: ["A", "AAAA", "CNAME"], excludeRecordTypes: [],
    namespace: "", labelFilter: "", annotationFilter: "",
    ingressClassNames: [], ignoreIngressTLSSpec: false, ignoreIngressRulesSpec: false,
    ignoreHostnameAnnotation: false, fqdnTemplate: "", combineFqdnAndAnnotation: false,
    gatewayName: "", gatewayNamespace: "", gatewayLabelFilter: "", gatewayListenerSets: false,
    crdSourceApiVersion: CRD_API_VERSION, crdSourceKind: CRD_KIND,
    defaultTargets: [], forceDefaultTargets: false, minTTL: 0,
    cloudflareProxied: false, cloudflareRecordComment: "", cloudflareDnsRecordsPerPage: 100,
    cloudflareRegionalServices: false, cloudflareRegionKey: "", cloudflareCustomHostnames: false,
    batchChangeSize: 200, dryRun: false, once: false, issues,
  };
}

/**
 * kingpin's reading of the argument list: `--flag=value`, `--flag value`, `--flag` / `--no-flag`
 * for booleans, repeatable list flags; any other flag repeated is a startup error, as is a stray
 * positional argument. Returns the modelled flags' raw values in order of appearance.
 */
function scanArgs(args: string[], issues: ConfigIssue[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      if (i + 1 < args.length) issues.push(error("--", `unexpected ${args.slice(i + 1).join(" ")}`));
      break;
    }
    if (!arg.startsWith("--")) {
      if (arg.startsWith("-") && arg.length > 1) issues.push(unsupported(arg));
      else issues.push(error(arg, `unexpected argument "${arg}" (external-dns takes no positional arguments)`));
      continue;
    }
    const eq = arg.indexOf("=");
    let name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    let kind = kindOf(name);
    if (kind === undefined && name.startsWith("no-")) {
      const base = kindOf(name.slice(3));
      if (base === "bool" || base === "ignored-bool") {
        if (value !== undefined) issues.push(error(`--${name}`, `--${name} takes no value`));
        [name, value, kind] = [name.slice(3), "false", base];
      } else if (base === "ignored") {
        kind = base;
      } else if (base !== undefined) {
        issues.push(error(`--${name}`, `--${name.slice(3)} is not a boolean flag`));
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
        issues.push(error(`--${name}`, `"${value}" is not a boolean (true or false)`));
        continue;
      }
      value = String(parsed);
    } else if (value === undefined) {
      if (next === undefined || next.startsWith("--")) {
        issues.push(error(`--${name}`, `expected a value for --${name}`));
        continue;
      }
      value = next;
      i++;
    }
    if (seen.has(name) && kind !== "list") issues.push(error(`--${name}`, `flag '${name}' cannot be repeated (external-dns refuses to start)`));
    seen.add(name);
    if (FLAGS[name]) values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

/** Go's strconv.ParseBool, which kingpin uses. */
function parseBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}

/** Startup checks of external-dns (validation.go, registry, source and flag constructors). */
function validate(cfg: Config, values: Map<string, string[]>, issues: ConfigIssue[]): void {
  const v21 = atLeast(cfg.version, 21);
  if (cfg.provider === "") issues.push(error("--provider", "required flag --provider not provided"));
  else if (cfg.provider !== "cloudflare") issues.push(warn("--provider", `provider "${cfg.provider}" is not modelled by dnsdrift (only cloudflare); results may differ`));
  if (cfg.sources.length === 0) issues.push(error("--source", "required flag --source not provided"));
  for (const s of new Set(cfg.sources)) {
    if (!MODELLED_SOURCES.includes(s)) issues.push(warn("--source", `source "${s}" is not modelled by dnsdrift; its records are missing from the results`));
  }
  if (values.has("policy") && !POLICIES.includes(cfg.policy)) {
    issues.push(error("--policy", `"${cfg.policy}" is not a policy (sync, upsert-only, create-only)`));
    cfg.policy = "sync";
  }
  if (!REGISTRIES.includes(cfg.registry)) issues.push(error("--registry", `"${cfg.registry}" is not a registry (${REGISTRIES.join(", ")})`));
  else if (cfg.registry !== "txt") issues.push(warn("--registry", `registry "${cfg.registry}" is not modelled by dnsdrift (only txt); ownership results may differ`));
  if (cfg.txtPrefix !== "" && cfg.txtSuffix !== "") issues.push(error("--txt-prefix", "--txt-prefix and --txt-suffix are mutually exclusive"));
  if (cfg.registry === "txt" && cfg.txtOwnerId === "") issues.push(error("--txt-owner-id", "owner id cannot be empty"));
  if (cfg.txtEncryptEnabled && !isAesKey(cfg.txtEncryptAesKey)) {
    issues.push(error("--txt-encrypt-aes-key", "with --txt-encrypt-enabled the key must be 32 bytes (raw or base64)"));
  }
  if (cfg.ignoreHostnameAnnotation && cfg.fqdnTemplate === "") {
    issues.push(error("--ignore-hostname-annotation", "--ignore-hostname-annotation requires --fqdn-template"));
  }
  if (!cfg.annotationPrefix.endsWith("/")) issues.push(error("--annotation-prefix", `annotation prefix "${cfg.annotationPrefix}" must end with "/"`));
  for (const [flag, text] of [["label-filter", cfg.labelFilter], ["annotation-filter", cfg.annotationFilter], ["gateway-label-filter", cfg.gatewayLabelFilter]]) {
    try {
      const sel = parseSelector(text);
      const onClass = sel.requirements.some((r) => r.key === "kubernetes.io/ingress.class");
      if (flag === "annotation-filter" && onClass && cfg.ingressClassNames.length > 0 && cfg.sources.includes("ingress")) {
        issues.push(error("--ingress-class", "--ingress-class cannot be combined with an --annotation-filter on kubernetes.io/ingress.class"));
      }
    } catch (e) {
      issues.push(error(`--${flag}`, (e as Error).message));
    }
  }
  for (const [flag, text] of [["regex-domain-filter", cfg.regexDomainFilter], ["regex-domain-exclusion", cfg.regexDomainExclusion]]) {
    if (text === "") continue;
    try {
      compileGoRegex(text);
    } catch (e) {
      issues.push(error(`--${flag}`, (e as Error).message));
    }
  }
  for (const [flag, list] of [["domain-filter", cfg.domainFilters], ["exclude-domains", cfg.excludeDomains]] as const) {
    for (const d of list.filter((d) => d.includes(","))) {
      issues.push(warn(`--${flag}`, `"${d}" contains a comma: external-dns does not split it, so this entry matches no name (repeat the flag instead)`));
    }
  }
  if (values.has("gateway-listener-sets") && !v21) {
    issues.push(error("--gateway-listener-sets", `--gateway-listener-sets does not exist before v0.21.0 (external-dns ${cfg.version.raw} refuses to start)`));
  }
  if (cfg.crdSourceApiVersion !== CRD_API_VERSION || cfg.crdSourceKind !== CRD_KIND) {
    const flag = cfg.crdSourceApiVersion !== CRD_API_VERSION ? "--crd-source-apiversion" : "--crd-source-kind";
    issues.push(
      v21
        ? warn(flag, `--crd-source-apiversion/--crd-source-kind have no effect from v0.21.0: ${CRD_API_VERSION} ${CRD_KIND} is read`)
        : warn(flag, `a CRD other than ${CRD_API_VERSION} ${CRD_KIND} is not modelled by dnsdrift; results may differ`),
    );
  }
}

function isAesKey(key: string): boolean {
  if (new TextEncoder().encode(key).length === 32) return true;
  try {
    return atob(key).length === 32;
  } catch {
    return false;
  }
}

const error = (flag: string, message: string): ConfigIssue => ({ severity: "error", flag, message });
const warn = (flag: string, message: string): ConfigIssue => ({ severity: "warning", flag, message });
const unsupported = (flag: string): ConfigIssue => warn(flag, `${flag} is not modelled by dnsdrift; results may differ`);

// ---- Helm chart values (kubernetes-sigs/external-dns chart) ----

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const HelmValues = z
  .object({
    image: z.object({ tag: z.string().nullish() }).loose().nullish(),
    provider: z.union([z.string(), z.object({ name: z.string().nullish() }).loose()]).nullish(),
    policy: z.string().nullish(),
    registry: z.string().nullish(),
    sources: z.array(z.string()).nullish(),
    txtOwnerId: scalar.nullish(),
    txtPrefix: scalar.nullish(),
    txtSuffix: scalar.nullish(),
    domainFilters: z.array(scalar).nullish(),
    excludeDomains: z.array(scalar).nullish(),
    managedRecordTypes: z.array(z.string()).nullish(),
    labelFilter: z.string().nullish(),
    annotationFilter: z.string().nullish(),
    annotationPrefix: z.string().nullish(),
    namespaced: z.boolean().nullish(),
    namespaceOverride: z.string().nullish(),
    gatewayNamespace: z.string().nullish(),
    enableGatewayListenerSets: z.boolean().nullish(),
    fqdnTemplates: z.array(z.string()).nullish(),
    interval: scalar.nullish(),
    logLevel: scalar.nullish(),
    logFormat: scalar.nullish(),
    triggerLoopOnEvent: z.boolean().nullish(),
    extraArgs: z.unknown().optional(),
  })
  .loose();
type HelmValues = z.infer<typeof HelmValues>;

/** The chart's values, rendered into the arguments its deployment template writes. */
export function configFromHelmValues(values: unknown, opts: ConfigOverrides = {}): Config {
  return helmConfig(values, "Helm values", opts);
}

function helmConfig(raw: unknown, file: string, opts: ConfigOverrides): Config {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InputError(file, `expected Helm values (a mapping), got ${typeName(raw)}`);
  }
  const parsed = HelmValues.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const expected = issue.code === "invalid_type" ? article(issue.expected) : "a string";
    throw new InputError(file, `expected ${expected}, got ${typeName(valueAt(raw, issue.path))}`, formatPath(issue.path));
  }
  const v = parsed.data;
  const issues: ConfigIssue[] = [];
  let fromImage: Version | undefined;
  const tag = v.image?.tag;
  if (tag) {
    try {
      fromImage = parseVersion(tag);
    } catch {
      issues.push(warn("image.tag", `image tag "${tag}" is not a version`));
    }
  }
  const args = [...chartArgs(v, issues), ...extraArgs(v.extraArgs, file)];
  if (args.some((a) => a.includes("{{"))) {
    issues.push(warn("extraArgs", "Helm template expressions ({{ … }}) are used verbatim, not rendered"));
  }
  return buildConfig(args, resolveVersion(opts.version, fromImage, issues), opts);
}

function chartArgs(v: HelmValues, issues: ConfigIssue[]): string[] {
  const args = [`--log-level=${v.logLevel ?? "info"}`, `--log-format=${v.logFormat ?? "text"}`, `--interval=${v.interval ?? "1m"}`];
  if (v.triggerLoopOnEvent) args.push("--events");
  for (const s of v.sources ?? ["service", "ingress"]) args.push(`--source=${s}`);
  args.push(`--policy=${v.policy ?? "upsert-only"}`);
  const registry = v.registry ?? "txt";
  args.push(`--registry=${registry}`);
  if (registry === "txt") {
    if (v.txtOwnerId) args.push(`--txt-owner-id=${v.txtOwnerId}`);
    if (v.txtPrefix) args.push(`--txt-prefix=${v.txtPrefix}`);
    if (v.txtSuffix) args.push(`--txt-suffix=${v.txtSuffix}`);
  }
  if (v.namespaced) {
    if (v.namespaceOverride) args.push(`--namespace=${v.namespaceOverride}`);
    else issues.push(warn("namespaced", "namespaced: true limits external-dns to the release namespace, which the values do not name; no namespace filter applied"));
  }
  if (v.gatewayNamespace) args.push(`--gateway-namespace=${v.gatewayNamespace}`);
  for (const d of v.domainFilters ?? []) args.push(`--domain-filter=${d}`);
  for (const d of v.excludeDomains ?? []) args.push(`--exclude-domains=${d}`);
  if (v.labelFilter) args.push(`--label-filter=${v.labelFilter}`);
  if (v.annotationFilter) args.push(`--annotation-filter=${v.annotationFilter}`);
  for (const t of v.managedRecordTypes ?? []) args.push(`--managed-record-types=${t}`);
  if (v.annotationPrefix) args.push(`--annotation-prefix=${v.annotationPrefix}`);
  if (v.enableGatewayListenerSets) args.push("--gateway-listener-sets");
  if (v.fqdnTemplates?.length) args.push(`--fqdn-template=${v.fqdnTemplates.join(",")}`);
  const provider = typeof v.provider === "string" ? v.provider : (v.provider?.name ?? "aws");
  args.push(`--provider=${provider}`);
  return args;
}

/** A list of argument strings, or (newer charts) a map rendered in key order: true/null → --k, false → --no-k. */
function extraArgs(raw: unknown, file: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) {
    return raw.map((a, i) => {
      if (typeof a !== "string") throw new InputError(file, `expected a string, got ${typeName(a)}`, `extraArgs[${i}]`);
      return a;
    });
  }
  if (typeof raw !== "object") throw new InputError(file, `expected a list or a mapping, got ${typeName(raw)}`, "extraArgs");
  const out: string[] = [];
  for (const key of Object.keys(raw).sort()) {
    const value = (raw as Record<string, unknown>)[key];
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      const where = Array.isArray(value) ? `extraArgs.${key}[${i}]` : `extraArgs.${key}`;
      if (item === null && !Array.isArray(value)) out.push(`--${key}`);
      else if (typeof item === "boolean" && !Array.isArray(value)) out.push(item ? `--${key}` : `--no-${key}`);
      else if (["string", "number", "boolean"].includes(typeof item)) out.push(`--${key}=${String(item)}`);
      else throw new InputError(file, `expected a string, number or boolean, got ${typeName(item)}`, where);
    });
  }
  return out;
}

// ---- config files: Helm values, a YAML list of arguments, or plain text arguments ----

/** Reads a --config file in any of its forms; malformed input throws an InputError naming the file. */
export function parseConfigText(text: string, fileName: string, opts: ConfigOverrides = {}): Config {
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("#"));
  if (first === undefined) throw new InputError(fileName, "is empty");
  if (first.startsWith("--") || /^external-dns(\s|$)/.test(first)) return configFromArgs(argsFromText(text), opts);
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) throw new InputError(fileName, `invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const data: unknown = doc.toJS();
  if (Array.isArray(data)) {
    data.forEach((a, i) => {
      if (typeof a !== "string") throw new InputError(fileName, `expected a string, got ${typeName(a)}`, `[${i}]`);
    });
    return configFromArgs(data as string[], opts);
  }
  if (data !== null && typeof data === "object") return helmConfig(data, fileName, opts);
  throw new InputError(fileName, `expected Helm values (a mapping) or a list of external-dns arguments, got ${typeName(data)}`);
}

/**
 * One argument per line, or several per line separated like a shell command line (quotes group,
 * a trailing backslash continues the line); "--flag value" on a line of its own is two arguments.
 */
function argsFromText(text: string): string[] {
  const args: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim().replace(/\s*\\$/, "");
    if (line === "" || line.startsWith("#")) continue;
    if (/["']/.test(line) || /\s-{1,2}[A-Za-z]/.test(line) || /^external-dns\s/.test(line)) args.push(...shellSplit(line));
    else {
      const m = /^(--[^=\s]+)\s+(.+)$/.exec(line);
      args.push(...(m ? [m[1], m[2]] : [line]));
    }
  }
  return args[0] === "external-dns" ? args.slice(1) : args;
}

function shellSplit(line: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && (line[i + 1] === '"' || line[i + 1] === "\\")) cur += line[++i];
      else cur += c;
    } else if (/\s/.test(c)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else {
      cur ??= "";
      if (c === '"' || c === "'") quote = c;
      else if (c === "\\" && i + 1 < line.length) cur += line[++i];
      else cur += c;
    }
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v === "number" ? "a number" : typeof v === "boolean" ? "a boolean" : "a string";
}

function article(expected: string): string {
  return ({ string: "a string", array: "a list", object: "a mapping", boolean: "a boolean", number: "a number" } as Record<string, string>)[expected] ?? expected;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);
}

function formatPath(path: PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}
