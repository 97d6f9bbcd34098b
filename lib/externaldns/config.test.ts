import { describe, expect, it } from "vitest";
import { GA_PREFIX, LEGACY_PREFIX } from "./annotations";
import { configFromArgs, configFromHelmValues, parseConfigText, type ConfigOverrides } from "./config";
import { InputError } from "./errors";
import type { Config } from "./types";

const BASE = ["--provider=cloudflare", "--source=ingress", "--policy=sync"];
const V21: ConfigOverrides = { version: "v0.21.0" };
/** BASE plus extra, leaving out the BASE flags that extra sets itself. */
const cfg = (extra: string[], opts: ConfigOverrides = V21) =>
  configFromArgs([...BASE.filter((b) => !extra.some((e) => e.startsWith(b.split("=")[0]))), ...extra], opts);
const errors = (c: Config) => c.issues.filter((i) => i.severity === "error");
const warnings = (c: Config) => c.issues.filter((i) => i.severity === "warning");

const SEED_VALUES = `fullnameOverride: external-dns
provider: cloudflare
env:
- name: CF_API_TOKEN
  valueFrom:
    secretKeyRef:
      name: external-dns-secret
      key: api-token
extraArgs:
- --ingress-class=external
- --cloudflare-proxied
- --crd-source-apiversion=externaldns.k8s.io/v1alpha1
- --crd-source-kind=DNSEndpoint
- --gateway-label-filter=external-dns.alpha.kubernetes.io/enabled=true
policy: sync
sources:
- crd
- ingress
- gateway-httproute
txtPrefix: k8s.
txtOwnerId: default
domainFilters: ["example.com"]
serviceMonitor:
  enabled: true
podAnnotations:
  secret.reloader.stakater.com/reload: external-dns-secret
`;

describe("configFromArgs: each flag sets its field", () => {
  it.each<[string[], keyof Config, unknown]>([
    [["--provider=inmemory"], "provider", "inmemory"],
    [["--source=crd", "--source", "gateway-httproute", "--source=ingress"], "sources", ["crd", "gateway-httproute", "ingress"]],
    [["--registry=noop"], "registry", "noop"],
    [["--interval=5m"], "interval", "5m"],
    [["--txt-owner-id=cluster-a"], "txtOwnerId", "cluster-a"],
    [["--txt-prefix=k8s."], "txtPrefix", "k8s."],
    [["--txt-suffix=-txt"], "txtSuffix", "-txt"],
    [["--txt-wildcard-replacement=wild"], "txtWildcardReplacement", "wild"],
    [["--txt-encrypt-enabled", "--txt-encrypt-aes-key=01234567890123456789012345678901"], "txtEncryptEnabled", true],
    [["--txt-encrypt-aes-key=abc"], "txtEncryptAesKey", "abc"],
    [["--migrate-from-txt-owner=old"], "migrateFromTxtOwner", "old"],
    [["--domain-filter=a.com", "--domain-filter", "b.com"], "domainFilters", ["a.com", "b.com"]],
    [["--exclude-domains=api.a.com"], "excludeDomains", ["api.a.com"]],
    [["--regex-domain-filter=^a\\."], "regexDomainFilter", "^a\\."],
    [["--regex-domain-exclusion=^b\\."], "regexDomainExclusion", "^b\\."],
    [["--zone-id-filter=z1", "--zone-id-filter=z2"], "zoneIdFilters", ["z1", "z2"]],
    [["--managed-record-types=A", "--managed-record-types=TXT"], "managedRecordTypes", ["A", "TXT"]],
    [["--exclude-record-types=AAAA"], "excludeRecordTypes", ["AAAA"]],
    [["--namespace=apps"], "namespace", "apps"],
    [["--label-filter=team=web"], "labelFilter", "team=web"],
    [["--annotation-filter=dns in (public)"], "annotationFilter", "dns in (public)"],
    [["--ingress-class=a", "--ingress-class=b"], "ingressClassNames", ["a", "b"]],
    [["--ignore-ingress-tls-spec"], "ignoreIngressTLSSpec", true],
    [["--ignore-ingress-rules-spec"], "ignoreIngressRulesSpec", true],
    [["--ignore-hostname-annotation", "--fqdn-template={{.Name}}.a.com"], "ignoreHostnameAnnotation", true],
    [["--fqdn-template={{.Name}}.a.com"], "fqdnTemplate", "{{.Name}}.a.com"],
    [["--combine-fqdn-annotation"], "combineFqdnAndAnnotation", true],
    [["--gateway-name=gw"], "gatewayName", "gw"],
    [["--gateway-namespace=infra"], "gatewayNamespace", "infra"],
    [["--gateway-label-filter=x=y"], "gatewayLabelFilter", "x=y"],
    [["--gateway-listener-sets"], "gatewayListenerSets", true],
    [["--crd-source-apiversion=externaldns.k8s.io/v1alpha1"], "crdSourceApiVersion", "externaldns.k8s.io/v1alpha1"],
    [["--crd-source-kind=DNSEndpoint"], "crdSourceKind", "DNSEndpoint"],
    [["--default-targets=1.2.3.4", "--default-targets=lb.a.com"], "defaultTargets", ["1.2.3.4", "lb.a.com"]],
    [["--force-default-targets"], "forceDefaultTargets", true],
    [["--min-ttl=2m"], "minTTL", 120],
    [["--min-ttl", "90s"], "minTTL", 90],
    [["--cloudflare-proxied"], "cloudflareProxied", true],
    [["--cloudflare-record-comment=managed by k8s"], "cloudflareRecordComment", "managed by k8s"],
    [["--cloudflare-dns-records-per-page=5000"], "cloudflareDnsRecordsPerPage", 5000],
    [["--cloudflare-regional-services"], "cloudflareRegionalServices", true],
    [["--cloudflare-region-key=eu"], "cloudflareRegionKey", "eu"],
    [["--cloudflare-custom-hostnames"], "cloudflareCustomHostnames", true],
    [["--batch-change-size", "500"], "batchChangeSize", 500],
    [["--dry-run"], "dryRun", true],
    [["--once"], "once", true],
    [["--annotation-prefix=custom.io/"], "annotationPrefix", "custom.io/"],
  ])("%j → %s", (extra, field, expected) => {
    const c = cfg(extra);
    expect(c[field]).toEqual(expected);
    expect(errors(c)).toEqual([]);
  });

  it.each<[string, Config["policy"]]>([
    ["sync", "sync"],
    ["upsert-only", "upsert-only"],
    ["create-only", "create-only"],
  ])("--policy=%s", (policy, expected) => {
    expect(configFromArgs(["--provider=cloudflare", "--source=crd", `--policy=${policy}`], V21).policy).toBe(expected);
  });
});

describe("configFromArgs: defaults as external-dns", () => {
  const c = cfg([]);
  it.each<[keyof Config, unknown]>([
    ["managedRecordTypes", ["A", "AAAA", "CNAME"]],
    ["txtOwnerId", "default"],
    ["interval", "1m"],
    ["cloudflareDnsRecordsPerPage", 100],
    ["batchChangeSize", 200],
    ["cloudflareProxied", false],
    ["registry", "txt"],
    ["crdSourceApiVersion", "externaldns.k8s.io/v1alpha1"],
    ["crdSourceKind", "DNSEndpoint"],
    ["domainFilters", []],
    ["minTTL", 0],
    ["annotationPrefixExplicit", false],
  ])("%s", (field, expected) => {
    expect(c[field]).toEqual(expected);
  });

  it("policy defaults to sync before v0.22.0", () => {
    const v21 = configFromArgs(["--provider=cloudflare", "--source=crd"], V21);
    expect(v21.policy).toBe("sync");
    expect(errors(v21)).toEqual([]);
  });
});

describe("configFromArgs: kingpin argument forms", () => {
  it.each<[string[], boolean]>([
    [["--cloudflare-proxied"], true],
    [["--cloudflare-proxied=true"], true],
    [["--cloudflare-proxied=T"], true],
    [["--cloudflare-proxied=1"], true],
    [["--cloudflare-proxied=false"], false],
    [["--cloudflare-proxied=0"], false],
    [["--no-cloudflare-proxied"], false],
  ])("%j → cloudflareProxied %s", (extra, expected) => {
    const c = cfg(extra);
    expect(c.cloudflareProxied).toBe(expected);
    expect(c.issues).toEqual([]);
  });

  it("keeps '=' inside values and takes the next element as a value", () => {
    const c = cfg(["--gateway-label-filter", "a=b", "--fqdn-template={{.Name}}=x"]);
    expect(c.gatewayLabelFilter).toBe("a=b");
    expect(c.fqdnTemplate).toBe("{{.Name}}=x");
  });

  it("does not split list values on commas, and warns about it", () => {
    const c = cfg(["--domain-filter=a.com,b.com"]);
    expect(c.domainFilters).toEqual(["a.com,b.com"]);
    expect(warnings(c)).toEqual([expect.objectContaining({ flag: "--domain-filter", message: expect.stringMatching(/comma/) })]);
  });

  it("accepts flags that do not change results silently, including their separate values", () => {
    const c = cfg([
      "--log-level=debug", "--log-format", "json", "--metrics-address=:7979", "--events",
      "--kubeconfig=/k", "--request-timeout=30s", "--txt-cache-interval=1h", "--min-event-sync-interval=5s",
      "--cloudflare-custom-hostnames-min-tls-version=1.2", "--aws-zone-type", "public", "--aws-prefer-cname", "--no-aws-evaluate-target-health",
    ]);
    expect(c.issues).toEqual([]);
  });

  it.each([
    [["--nat64-networks=64:ff9b::/96"], "--nat64-networks"],
    [["--exclude-target-net", "10.0.0.0/8"], "--exclude-target-net"],
    [["--no-such-thing"], "--no-such-thing"],
    [["-v"], "-v"],
  ])("reports %j as not modelled, naming the flag", (extra, flag) => {
    const c = cfg(extra);
    expect(c.issues).toEqual([{ severity: "warning", flag, message: `${flag} is not modelled by dnsdrift; results may differ` }]);
  });
});

describe("configFromArgs: startup errors", () => {
  it.each<[string, string[], string, ConfigOverrides?]>([
    ["both txt-prefix and txt-suffix", ["--txt-prefix=a.", "--txt-suffix=-b"], "--txt-prefix"],
    ["empty txt-owner-id", ["--txt-owner-id="], "--txt-owner-id"],
    ["ignore-hostname-annotation without fqdn-template", ["--ignore-hostname-annotation"], "--ignore-hostname-annotation"],
    ["ingress-class with an ingress.class annotation filter", ["--ingress-class=a", "--annotation-filter=kubernetes.io/ingress.class in (a)"], "--ingress-class"],
    ["annotation prefix without slash", ["--annotation-prefix=custom.io"], "--annotation-prefix"],
    ["bad policy", ["--policy=delete-all"], "--policy"],
    ["repeated single-value flag", ["--policy=upsert-only", "--policy=sync"], "--policy"],
    ["a boolean set and negated", ["--once", "--no-once"], "--once"],
    ["unknown registry", ["--registry=etcd"], "--registry"],
    ["bad boolean", ["--cloudflare-proxied=yes"], "--cloudflare-proxied"],
    ["bad integer", ["--batch-change-size=lots"], "--batch-change-size"],
    ["bad duration", ["--interval=60"], "--interval"],
    ["invalid label selector", ["--label-filter=a b"], "--label-filter"],
    ["invalid gateway label selector", ["--gateway-label-filter==x"], "--gateway-label-filter"],
    ["invalid annotation selector", ["--annotation-filter=a in b"], "--annotation-filter"],
    ["invalid regex", ["--regex-domain-filter=(a"], "--regex-domain-filter"],
    ["positional argument", ["--cloudflare-proxied", "true"], "true"],
    ["flag without its value", ["--txt-prefix"], "--txt-prefix"],
    ["flag followed by another flag instead of its value", ["--txt-prefix", "--once"], "--txt-prefix"],
    ["--no- on a value flag", ["--no-txt-prefix"], "--no-txt-prefix"],
    ["encryption without a 32-byte key", ["--txt-encrypt-enabled", "--txt-encrypt-aes-key=short"], "--txt-encrypt-aes-key"],
    ["listener sets before v0.21.0", ["--gateway-listener-sets"], "--gateway-listener-sets", { version: "v0.20.0" }],
  ])("%s", (_, extra, flag, opts) => {
    const c = cfg(extra, opts ?? V21);
    expect(errors(c).map((i) => i.flag)).toEqual([flag]);
  });

  it("requires --policy from v0.22.0", () => {
    const c = configFromArgs(["--provider=cloudflare", "--source=ingress"], { version: "v0.22.0" });
    expect(errors(c)).toEqual([expect.objectContaining({ flag: "--policy", message: expect.stringMatching(/required from v0.22.0/) })]);
  });

  it("requires --provider and --source", () => {
    const c = configFromArgs(["--policy=sync"], V21);
    expect(errors(c).map((i) => i.flag)).toEqual(["--provider", "--source"]);
  });

  it("accepts a base64 32-byte key", () => {
    const key = btoa("k".repeat(32));
    expect(errors(cfg(["--txt-encrypt-enabled", `--txt-encrypt-aes-key=${key}`]))).toEqual([]);
  });

  it("the ingress-class conflict needs the ingress source", () => {
    const c = configFromArgs(["--provider=cloudflare", "--source=crd", "--ingress-class=a", "--annotation-filter=kubernetes.io/ingress.class=a"], V21);
    expect(errors(c)).toEqual([]);
  });
});

describe("configFromArgs: what dnsdrift does not model", () => {
  it.each<[string[], string, RegExp]>([
    [["--provider=aws"], "--provider", /provider "aws" is not modelled/],
    [["--source=service"], "--source", /source "service" is not modelled/],
    [["--registry=noop"], "--registry", /registry "noop" is not modelled/],
    [["--crd-source-kind=Other"], "--crd-source-kind", /no effect from v0.21.0/],
  ])("%j warns", (extra, flag, message) => {
    expect(cfg(extra).issues).toEqual([expect.objectContaining({ severity: "warning", flag, message: expect.stringMatching(message) })]);
  });

  it("a non-default CRD is read by v0.20.0 and not modelled", () => {
    const c = cfg(["--crd-source-apiversion=example.com/v1"], { version: "v0.20.0" });
    expect(warnings(c)).toEqual([expect.objectContaining({ message: expect.stringMatching(/not modelled/) })]);
  });
});

describe("version and annotation prefix", () => {
  it.each<[ConfigOverrides, string[], string, boolean]>([
    [{ version: "v0.21.3" }, [], LEGACY_PREFIX, false],
    [{ version: "v0.22.0" }, [], GA_PREFIX, false],
    [{ version: "v0.20.0" }, [], LEGACY_PREFIX, false],
    [{ version: "v0.22.0" }, [`--annotation-prefix=${LEGACY_PREFIX}`], LEGACY_PREFIX, true],
    [{ version: "v0.21.0" }, [`--annotation-prefix=${GA_PREFIX}`], GA_PREFIX, true],
    [{ version: "v0.22.0", annotationPrefix: "mine.io/" }, [`--annotation-prefix=${LEGACY_PREFIX}`], "mine.io/", true],
    [{ version: "v0.21.0", annotationPrefix: GA_PREFIX }, [], GA_PREFIX, true],
  ])("%j %j → %s", (opts, extra, prefix, explicit) => {
    const c = cfg(extra, opts);
    expect(c.annotationPrefix).toBe(prefix);
    expect(c.annotationPrefixExplicit).toBe(explicit);
  });

  it("assumes the latest release when no version is known, and says so", () => {
    const c = configFromArgs(BASE);
    expect(c.version.raw).toBe("v0.22.0");
    expect(c.annotationPrefix).toBe(GA_PREFIX);
    expect(c.issues).toEqual([{ severity: "warning", flag: "version", message: expect.stringMatching(/version unknown, assuming v0.22.0/) }]);
  });

  it("rejects an override that is not a version", () => {
    expect(() => configFromArgs(BASE, { version: "latest" })).toThrow(/not an external-dns version/);
  });

  it("the override wins over image.tag, which wins over the default", () => {
    const values = { provider: "cloudflare", policy: "sync", sources: ["crd"], image: { tag: "v0.20.0" } };
    expect(configFromHelmValues(values).version.raw).toBe("v0.20.0");
    expect(configFromHelmValues(values, { version: "0.21.1" }).version.raw).toBe("0.21.1");
    const untagged = configFromHelmValues({ ...values, image: {} });
    expect(untagged.version.raw).toBe("v0.22.0");
    expect(warnings(untagged).map((i) => i.flag)).toEqual(["version"]);
    const latest = configFromHelmValues({ ...values, image: { tag: "latest" } });
    expect(warnings(latest).map((i) => i.flag)).toEqual(["image.tag", "version"]);
  });
});

describe("configFromHelmValues", () => {
  it("the seed's values", () => {
    const c = parseConfigText(SEED_VALUES, "seed/values.yaml", { version: "v0.20.0" });
    expect(c).toMatchObject({
      provider: "cloudflare",
      sources: ["crd", "ingress", "gateway-httproute"],
      policy: "sync",
      registry: "txt",
      txtPrefix: "k8s.",
      txtOwnerId: "default",
      domainFilters: ["example.com"],
      ingressClassNames: ["external"],
      cloudflareProxied: true,
      gatewayLabelFilter: "external-dns.alpha.kubernetes.io/enabled=true",
      crdSourceApiVersion: "externaldns.k8s.io/v1alpha1",
      crdSourceKind: "DNSEndpoint",
      annotationPrefix: LEGACY_PREFIX,
    });
    expect(c.issues).toEqual([]);
  });

  it("accepts the newer provider: {name} form", () => {
    const c = configFromHelmValues({ provider: { name: "cloudflare" }, policy: "sync", sources: ["ingress"] }, V21);
    expect(c.provider).toBe("cloudflare");
    expect(c.issues).toEqual([]);
  });

  it("applies the chart's defaults", () => {
    const c = configFromHelmValues({}, V21);
    expect(c).toMatchObject({ provider: "aws", sources: ["service", "ingress"], policy: "upsert-only", registry: "txt", interval: "1m" });
    expect(c.issues.map((i) => i.flag)).toEqual(["--provider", "--source"]);
  });

  it.each<[string, Record<string, unknown>, Partial<Config>]>([
    ["txt values only with the txt registry", { registry: "noop", txtPrefix: "x.", txtOwnerId: "o" }, { registry: "noop", txtPrefix: "", txtOwnerId: "default" }],
    ["excludeDomains", { excludeDomains: ["api.example.com"] }, { excludeDomains: ["api.example.com"] }],
    ["managedRecordTypes", { managedRecordTypes: ["A", "TXT"] }, { managedRecordTypes: ["A", "TXT"] }],
    ["labelFilter and annotationFilter", { labelFilter: "a=b", annotationFilter: "c=d" }, { labelFilter: "a=b", annotationFilter: "c=d" }],
    ["annotationPrefix", { annotationPrefix: "custom.io/" }, { annotationPrefix: "custom.io/", annotationPrefixExplicit: true }],
    ["gatewayNamespace", { gatewayNamespace: "infra" }, { gatewayNamespace: "infra" }],
    ["enableGatewayListenerSets", { enableGatewayListenerSets: true }, { gatewayListenerSets: true }],
    ["fqdnTemplates", { fqdnTemplates: ["{{.Name}}.a.com", "{{.Name}}.b.com"] }, { fqdnTemplate: "{{.Name}}.a.com,{{.Name}}.b.com" }],
    ["namespaced with namespaceOverride", { namespaced: true, namespaceOverride: "dns" }, { namespace: "dns" }],
    ["interval", { interval: "5m" }, { interval: "5m" }],
    ["a numeric txtOwnerId", { txtOwnerId: 42 }, { txtOwnerId: "42" }],
    ["extraArgs as a map", { extraArgs: { "cloudflare-proxied": true, "domain-filter": ["a.com", "b.com"], once: false, "dry-run": null, "batch-change-size": 300 } }, { cloudflareProxied: true, domainFilters: ["a.com", "b.com"], once: false, dryRun: true, batchChangeSize: 300 }],
  ])("%s", (_, extra, expected) => {
    const c = configFromHelmValues({ provider: "cloudflare", policy: "sync", sources: ["ingress"], ...extra }, V21);
    expect(c).toMatchObject(expected);
    expect(errors(c)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, "error" | "warning"]>([
    ["txtPrefix with txtSuffix", { txtPrefix: "a.", txtSuffix: "-b" }, "--txt-prefix", "error"],
    ["a chart-rendered flag repeated in extraArgs", { extraArgs: ["--policy=upsert-only"] }, "--policy", "error"],
    ["namespaced without a known namespace", { namespaced: true }, "namespaced", "warning"],
    ["template expressions in extraArgs", { extraArgs: ["--txt-owner-id={{ .Release.Name }}"] }, "extraArgs", "warning"],
  ])("%s", (_, extra, flag, severity) => {
    const c = configFromHelmValues({ provider: "cloudflare", policy: "sync", sources: ["ingress"], ...extra }, V21);
    expect(c.issues.map((i) => [i.flag, i.severity])).toEqual([[flag, severity]]);
  });
});

describe("parseConfigText", () => {
  it.each<[string, string, Partial<Config>]>([
    ["a YAML list of arguments", "- --provider=cloudflare\n- --source=crd\n- --policy=sync\n- --txt-prefix=k8s.\n", { sources: ["crd"], txtPrefix: "k8s." }],
    ["one argument per line", "--provider=cloudflare\n--source=crd\n--policy=sync\n# comment\n\n--annotation-filter=team in (a, b)\n", { annotationFilter: "team in (a, b)" }],
    ["a flag and its value on one line", "--provider cloudflare\n--source crd\n--policy sync\n", { provider: "cloudflare", sources: ["crd"] }],
    ["a command line", "external-dns --provider=cloudflare --source=crd \\\n  --policy=sync --txt-prefix 'a b.'\n", { txtPrefix: "a b." }],
    ["templates are not mistaken for YAML", "--provider=cloudflare\n--source=crd\n--policy=sync\n--fqdn-template={{.Name}}.a.com\n", { fqdnTemplate: "{{.Name}}.a.com" }],
    ["Helm values", "provider:\n  name: cloudflare\npolicy: sync\nsources: [crd]\n", { provider: "cloudflare", sources: ["crd"] }],
  ])("%s", (_, text, expected) => {
    const c = parseConfigText(text, "config", V21);
    expect(c).toMatchObject(expected);
    expect(c.issues).toEqual([]);
  });

  it.each<[string, string, string]>([
    ["a non-string extraArgs item", "provider: cloudflare\nextraArgs:\n- --once\n- --dry-run\n- 5000\n", "examples/seed/values.yaml: extraArgs[2]: expected a string, got a number"],
    ["sources not a list", "provider: cloudflare\nsources: crd\n", "examples/seed/values.yaml: sources: expected a list, got a string"],
    ["provider of the wrong type", "provider: 3\n", "examples/seed/values.yaml: provider: expected a string, got a number"],
    ["an extraArgs map value that is a mapping", "extraArgs:\n  txt-prefix: {a: 1}\n", "examples/seed/values.yaml: extraArgs.txt-prefix: expected a string, number or boolean, got a mapping"],
    ["a list item that is not a string", "- --provider=cloudflare\n- 12\n", "examples/seed/values.yaml: [1]: expected a string, got a number"],
    ["malformed YAML", "provider: [cloudflare\n", "examples/seed/values.yaml: invalid YAML"],
    ["an empty file", "\n# nothing\n", "examples/seed/values.yaml: is empty"],
    ["a lone scalar", "cloudflare\n", "examples/seed/values.yaml: expected Helm values (a mapping) or a list of external-dns arguments, got a string"],
  ])("%s throws an InputError", (_, text, message) => {
    let thrown: unknown;
    try {
      parseConfigText(text, "examples/seed/values.yaml", V21);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).message.startsWith(message)).toBe(true);
    expect((thrown as InputError).file).toBe("examples/seed/values.yaml");
  });
});
