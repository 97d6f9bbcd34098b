// The external-dns configuration in effect: command-line arguments (as in the Deployment) or the
// Helm chart's values (rendered into the same arguments the chart's deployment template writes),
// plus the version, parsed with kingpin's rules into one Config with defaults and startup checks.
// Anything external-dns would refuse to start with is an "error" issue; anything dnsdrift does not
// model is a "warning" issue, never silently dropped.
//
// The flag table and argument scan live in config-flags, Helm rendering in config-helm, plain
// text argument files in config-text; this module composes them and runs the startup checks.
// Reading a --config file's YAML is config.ts's, which re-exports all of this.

import { atLeast, defaultAnnotationPrefix } from "./annotations";
import { applyEnv, applyFlagValues, checkFlagUses, configError as error, configWarning as warn, releaseOf, scanArgs, unmodelledConfig } from "./config-flags";
import { ENUMS } from "./flag-table";
import { MODELLED_SOURCES } from "./source-chain";
import { helmArgs } from "./config-helm";
import { argsFromText, argsFromYamlList } from "./config-text";
import { compileGoRegex } from "./domain-filter";
import { InputError } from "./errors";
import { parseSelector } from "./label-selector";
import type { Config, ConfigIssue, Policy, Version } from "./types";
import { DEFAULT_VERSION, formatVersion, parseVersion } from "./version";

import { compileFqdnTemplates } from "./fqdn-template";

export interface ConfigOverrides {
  /** `--external-dns-version`: wins over the image tag. */
  version?: string;
  /** `--annotation-prefix`: wins over the flag and the chart value. */
  annotationPrefix?: string;
  /**
   * The container's EXTERNAL_DNS_* variables, read by kingpin for flags the arguments do not set;
   * `null` for a value dnsdrift cannot read (from a Secret or ConfigMap).
   */
  env?: Record<string, string | null>;
  /** The Helm release's namespace (`helm -n`), which values rendered with `namespaced: true` need. */
  releaseNamespace?: string;
}

const POLICIES: Policy[] = ["sync", "upsert-only", "create-only"];
const CRD_API_VERSION = "externaldns.k8s.io/v1alpha1";
const CRD_KIND = "DNSEndpoint";

/** Parses external-dns arguments as found in the Deployment's `args`. */
export function configFromArgs(args: string[], opts: ConfigOverrides = {}): Config {
  return buildConfig(args, resolveVersion(opts.version, undefined, []), opts);
}

/** The chart's values, rendered into the arguments its deployment template writes. */
export function configFromHelmValues(values: unknown, opts: ConfigOverrides = {}): Config {
  return helmConfig(values, "Helm values", opts);
}

/**
 * A --config file that needs no YAML reader: an argument list as plain text, or as a YAML list
 * of simple strings (config-text.ts). Undefined for anything else, which config.ts reads with
 * `yaml` — a package a plan from such a file then does not load.
 */
export function configFromSimpleText(text: string, fileName: string, opts: ConfigOverrides = {}): Config | undefined {
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("#"));
  if (first === undefined) throw new InputError(fileName, "is empty");
  if (first.startsWith("--") || /^external-dns(\s|$)/.test(first)) return configFromArgs(argsFromText(text), opts);
  const list = argsFromYamlList(text);
  return list ? configFromArgs(list, opts) : undefined;
}

/** Helm values read from a file: issues and errors name it. */
export function helmConfig(raw: unknown, file: string, opts: ConfigOverrides): Config {
  const { args, env, imageVersion, issues } = helmArgs(raw, file, opts.version, opts.releaseNamespace);
  return buildConfig(args, resolveVersion(opts.version, imageVersion, issues), { ...opts, env: { ...env, ...opts.env } });
}

function resolveVersion(override: string | undefined, fromImage: Version | undefined, issues: ConfigIssue[]) {
  if (override !== undefined) return { version: parseVersion(override), issues };
  if (fromImage) return { version: fromImage, issues };
  // The version decides the annotation prefix and much else: a guess must not delete anything.
  issues.push(unmodelledConfig("version", `external-dns version unknown, assuming ${formatVersion(DEFAULT_VERSION)} (pass --external-dns-version)`));
  return { version: DEFAULT_VERSION, issues };
}

function buildConfig(args: string[], v: { version: Version; issues: ConfigIssue[] }, opts: ConfigOverrides): Config {
  const issues = [...v.issues];
  const values = scanArgs(args, v.version, issues);
  applyEnv(values, opts.env ?? {}, v.version, issues);
  const cfg = defaults(v.version, issues);
  applyFlagValues(cfg, values, issues);
  const policy = values.get("policy")?.at(-1);
  if (!policy && atLeast(v.version, 22)) issues.push(error("--policy", "--policy is required from v0.22.0 (external-dns refuses to start without it)"));
  if (opts.annotationPrefix !== undefined) cfg.annotationPrefix = opts.annotationPrefix;
  cfg.annotationPrefixExplicit = opts.annotationPrefix !== undefined || values.has("annotation-prefix");
  if (!cfg.annotationPrefixExplicit) cfg.annotationPrefix = defaultAnnotationPrefix(v.version);
  validate(cfg, values, issues);
  checkFlagUses(cfg, values, issues);
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
    ignoreHostnameAnnotation: false, fqdnTemplate: "", targetTemplate: "", fqdnTargetTemplate: "", combineFqdnAndAnnotation: false,
    gatewayName: "", gatewayNamespace: "", gatewayLabelFilter: "", gatewayListenerSets: false,
    crdSourceApiVersion: CRD_API_VERSION, crdSourceKind: CRD_KIND,
    publishInternalServices: false, publishHostIP: false, alwaysPublishNotReadyAddresses: false, serviceTypeFilter: [],
    resolveServiceLoadBalancerHostname: false, exposeInternalIPv6: false, excludeUnschedulable: true, compatibility: "",
    defaultTargets: [], forceDefaultTargets: false, minTTL: 0, targetNetFilters: [], excludeTargetNets: [],
    cloudflareProxied: false, cloudflareRecordComment: "", cloudflareDnsRecordsPerPage: 100,
    cloudflareRegionalServices: false, cloudflareRegionKey: "", cloudflareCustomHostnames: false,
    batchChangeSize: 200, dryRun: false, once: false, issues,
  };
}
/** Startup checks of external-dns (validation.go, registry, source and flag constructors). */
function validate(cfg: Config, values: Map<string, string[]>, issues: ConfigIssue[]): void {
  const v21 = atLeast(cfg.version, 21);
  const release = releaseOf(cfg.version);
  const providers = ENUMS.provider[release] ?? [];
  if (cfg.provider === "") issues.push(error("--provider", "required flag --provider not provided"));
  else if (!providers.includes(cfg.provider)) issues.push(error("--provider", `"${cfg.provider}" is not a provider external-dns ${cfg.version.raw} knows (it refuses to start)`));
  else if (cfg.provider !== "cloudflare") issues.push(unmodelledConfig("--provider", `provider "${cfg.provider}" is not modelled by dnsdrift (only cloudflare)`));
  if (cfg.sources.length === 0) issues.push(error("--source", "required flag --source not provided"));
  const known = ENUMS.source[release] ?? [];
  for (const s of new Set(cfg.sources)) {
    if (!known.includes(s)) issues.push(error("--source", `"${s}" is not a source external-dns ${cfg.version.raw} knows (it refuses to start)`));
    else if (!MODELLED_SOURCES.includes(s)) {
      issues.push({ ...unmodelledConfig(`--source=${s}`, `source "${s}" is not modelled by dnsdrift: the records it would claim are unknown`, "deletes"), unmodelled: "source" });
    }
  }
  if (values.has("policy") && !POLICIES.includes(cfg.policy)) {
    if ((cfg.policy as string) !== "" || !atLeast(cfg.version, 22)) issues.push(error("--policy", `"${cfg.policy}" is not a policy (sync, upsert-only, create-only)`));
    cfg.policy = "sync";
  }
  const registries = ENUMS.registry[release] ?? [];
  if (!registries.includes(cfg.registry)) issues.push(error("--registry", `"${cfg.registry}" is not a registry external-dns ${cfg.version.raw} knows (${registries.join(", ")})`));
  else if (cfg.registry !== "txt") issues.push(unmodelledConfig("--registry", `registry "${cfg.registry}" is not modelled by dnsdrift (only txt): which records it owns is unknown`));
  if (cfg.txtPrefix !== "" && cfg.txtSuffix !== "") issues.push(error("--txt-prefix", "--txt-prefix and --txt-suffix are mutually exclusive"));
  if (cfg.registry === "txt" && cfg.txtOwnerId === "") issues.push(error("--txt-owner-id", "owner id cannot be empty"));
  if (cfg.txtEncryptEnabled && !isAesKey(cfg.txtEncryptAesKey)) {
    issues.push(error("--txt-encrypt-aes-key", "with --txt-encrypt-enabled the key must be 32 bytes (raw or base64)"));
  }
  // From v0.21 the template engine is built once for all sources; v0.20 parses it in each source
  // that reads it (every source but crd among those dnsdrift models).
  if (cfg.fqdnTemplate !== "" && (v21 || cfg.sources.some((s) => s !== "crd"))) {
    const compiled = compileFqdnTemplates([cfg.fqdnTemplate], cfg.version);
    if (!compiled.ok) issues.push(error("--fqdn-template", `${compiled.error} (external-dns ${cfg.version.raw} refuses to start)`));
  }
  // template.NewEngine parses the target templates at start whatever the sources (v0.21+).
  for (const [flag, text] of [["--target-template", cfg.targetTemplate], ["--fqdn-target-template", cfg.fqdnTargetTemplate]] as const) {
    if (text === "" || !v21) continue;
    const compiled = compileFqdnTemplates([text], cfg.version, flag);
    if (!compiled.ok) issues.push(error(flag, `${compiled.error} (external-dns ${cfg.version.raw} refuses to start)`));
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
  if (cfg.dryRun) issues.push(warn("--dry-run", "external-dns runs with --dry-run: it only logs the changes below and makes none itself"));
  if (v21) {
    // validation.go from v0.21.0 on.
    for (const flag of ["kube-api-qps", "kube-api-burst"]) {
      const last = values.get(flag)?.at(-1);
      if (last !== undefined && !(Math.trunc(Number(last)) > 0)) issues.push(error(`--${flag}`, `--${flag} must be greater than 0 (external-dns refuses to start)`));
    }
    if (values.get("create-ptr")?.at(-1) === "true" && !cfg.managedRecordTypes.includes("PTR")) {
      issues.push(error("--create-ptr", "--create-ptr requires PTR in --managed-record-types (external-dns refuses to start)"));
    }
  }
  serviceChecks(cfg, issues);
  if (cfg.crdSourceApiVersion !== CRD_API_VERSION || cfg.crdSourceKind !== CRD_KIND) {
    const flag = cfg.crdSourceApiVersion !== CRD_API_VERSION ? "--crd-source-apiversion" : "--crd-source-kind";
    issues.push(
      v21
        ? warn(flag, `--crd-source-apiversion/--crd-source-kind have no effect from v0.21.0: ${CRD_API_VERSION} ${CRD_KIND} is read`)
        : unmodelledConfig(flag, `a CRD other than ${CRD_API_VERSION} ${CRD_KIND} is not modelled by dnsdrift`),
    );
  }
}

const SERVICE_TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
const COMPATIBILITY = ["", "mate", "molecule", "kops-dns-controller"];

/** The service source's startup checks (NewServiceSource) and the inputs dnsdrift cannot evaluate. */
function serviceChecks(cfg: Config, issues: ConfigIssue[]): void {
  if (!COMPATIBILITY.includes(cfg.compatibility)) {
    issues.push(error("--compatibility", `"${cfg.compatibility}" is not one of mate, molecule, kops-dns-controller (external-dns refuses to start)`));
  }
  if (!cfg.sources.includes("service")) return;
  const filter = cfg.serviceTypeFilter;
  if (filter.length > 0 && !filter.includes("")) {
    for (const t of filter.filter((t) => !SERVICE_TYPES.includes(t))) {
      issues.push(error("--service-type-filter", `unsupported service type filter "${t}" (supported: ${SERVICE_TYPES.join(", ")}); external-dns refuses to start`));
    }
  }
  if (cfg.resolveServiceLoadBalancerHostname) {
    issues.push(warn("--resolve-service-load-balancer-hostname", "LoadBalancer hostnames are resolved by external-dns at run time; dnsdrift does not resolve them, so the A/AAAA records it would publish instead of CNAMEs are missing from the results"));
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
