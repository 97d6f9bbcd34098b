// Config builders for tests. Test code only: testkit-boundary.test.ts fails if shipped code imports it.
// `testConfig` is a complete Config with external-dns's defaults and provider cloudflare, so a
// test states only the fields it is about. The argument helpers serve the config parser's tests.

import { defaultAnnotationPrefix } from "./annotations";
import { configFromArgs, type ConfigOverrides } from "./config";
import type { Config, ConfigIssue, Version } from "./types";

export const V20: Version = { major: 0, minor: 20, patch: 0, raw: "v0.20.0" };
export const V21: Version = { major: 0, minor: 21, patch: 0, raw: "v0.21.0" };
export const V22: Version = { major: 0, minor: 22, patch: 0, raw: "v0.22.0" };

/** Defaults to v0.21.0 with that version's default annotation prefix; `over` wins field by field. */
export function testConfig(over: Partial<Config> = {}): Config {
  const version = over.version ?? V21;
  return {
    version,
    annotationPrefix: defaultAnnotationPrefix(version),
    annotationPrefixExplicit: false,
    provider: "cloudflare",
    sources: [],
    policy: "sync",
    registry: "txt",
    interval: "1m",
    txtOwnerId: "default",
    txtPrefix: "",
    txtSuffix: "",
    txtWildcardReplacement: "",
    txtEncryptEnabled: false,
    txtEncryptAesKey: "",
    migrateFromTxtOwner: "",
    domainFilters: [],
    excludeDomains: [],
    regexDomainFilter: "",
    regexDomainExclusion: "",
    zoneIdFilters: [],
    managedRecordTypes: ["A", "AAAA", "CNAME"],
    excludeRecordTypes: [],
    namespace: "",
    labelFilter: "",
    annotationFilter: "",
    ingressClassNames: [],
    ignoreIngressTLSSpec: false,
    ignoreIngressRulesSpec: false,
    ignoreHostnameAnnotation: false,
    fqdnTemplate: "",
    targetTemplate: "",
    fqdnTargetTemplate: "",
    combineFqdnAndAnnotation: false,
    gatewayName: "",
    gatewayNamespace: "",
    gatewayLabelFilter: "",
    gatewayListenerSets: false,
    crdSourceApiVersion: "externaldns.k8s.io/v1alpha1",
    crdSourceKind: "DNSEndpoint",
    publishInternalServices: false,
    publishHostIP: false,
    alwaysPublishNotReadyAddresses: false,
    serviceTypeFilter: [],
    resolveServiceLoadBalancerHostname: false,
    exposeInternalIPv6: false,
    excludeUnschedulable: true,
    compatibility: "",
    defaultTargets: [],
    forceDefaultTargets: false,
    minTTL: 0,
    targetNetFilters: [],
    excludeTargetNets: [],
    cloudflareProxied: false,
    cloudflareRecordComment: "",
    cloudflareDnsRecordsPerPage: 100,
    cloudflareRegionalServices: false,
    cloudflareRegionKey: "",
    cloudflareCustomHostnames: false,
    batchChangeSize: 200,
    dryRun: false,
    once: false,
    issues: [],
    ...over,
  };
}

/** The flags every configFromArgs case starts from. */
export const BASE_ARGS = ["--provider=cloudflare", "--source=ingress", "--policy=sync"];
export const AT_V21: ConfigOverrides = { version: "v0.21.0" };

/** BASE_ARGS plus extra, leaving out the BASE_ARGS flags that extra sets itself. */
export const argsConfig = (extra: string[], opts: ConfigOverrides = AT_V21): Config =>
  configFromArgs([...BASE_ARGS.filter((b) => !extra.some((e) => e.startsWith(b.split("=")[0]))), ...extra], opts);
export const errorsOf = (c: Config): ConfigIssue[] => c.issues.filter((i) => i.severity === "error");
export const warningsOf = (c: Config): ConfigIssue[] => c.issues.filter((i) => i.severity === "warning");
