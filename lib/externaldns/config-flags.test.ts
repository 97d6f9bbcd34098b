// configFromArgs: the flag table (each modelled flag → its Config field) and kingpin's argument forms.
import { describe, expect, it } from "vitest";
import { configFromArgs } from "./config";
import { AT_V21 as V21, argsConfig as cfg, errorsOf as errors, warningsOf as warnings } from "./config.testkit";
import type { Config } from "./types";

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
    [["--target-template={{.Name}}.lb.a.com"], "targetTemplate", "{{.Name}}.lb.a.com"],
    [["--fqdn-target-template={{.Name}}.a.com:1.2.3.4"], "fqdnTargetTemplate", "{{.Name}}.a.com:1.2.3.4"],
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
    [["--dry-run"], "dryRun", true], // with a warning: external-dns then writes nothing
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

describe("configFromArgs: kingpin argument forms", () => {
  it.each<[string[], boolean]>([
    [["--cloudflare-proxied"], true],
    [["--no-cloudflare-proxied"], false],
  ])("%j → cloudflareProxied %s", (extra, expected) => {
    const c = cfg(extra);
    expect(c.cloudflareProxied).toBe(expected);
    expect(c.issues).toEqual([]);
  });

  // kingpin v2.4.0 (parser.go, lexer): "--x=v" becomes the flag x and a separate argument v; a
  // boolean flag takes none, so v is left over and Parse fails with "unexpected v".
  it.each([["--cloudflare-proxied=true"], ["--cloudflare-proxied=1"], ["--cloudflare-proxied=false"], ["--no-cloudflare-proxied=true"], ["--once="]])(
    "%s makes external-dns refuse to start",
    (arg) => {
      const c = cfg([arg]);
      expect(errors(c)).toEqual([expect.objectContaining({ message: expect.stringMatching(/refuses to start \("unexpected /) })]);
      expect(c.cloudflareProxied).toBe(false);
    },
  );

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
    [["--no-such-thing"], "--no-such-thing", /unknown long flag '--no-such-thing'/],
    [["--no-such-thing", "value"], "--no-such-thing", /unknown long flag/],
    [["-v"], "-v", /unknown short flag '-v'/],
    [["--help"], "--help", /print and exit/],
  ])("%j is a startup error naming the flag", (extra, flag, message) => {
    const c = cfg(extra);
    expect(c.issues).toEqual([expect.objectContaining({ severity: "error", flag, message: expect.stringMatching(message) })]);
  });

  it.each([
    [["--nat64-networks=64:ff9b::/96"], "--nat64-networks"],
    [["--prefer-alias"], "--prefer-alias"],
    [["--webhook-server"], "--webhook-server"],
    [["--managed-record-types=A", "--managed-record-types=PTR"], "--managed-record-types"],
  ])("%j is reported as unmodelled, which withholds deletes", (extra, flag) => {
    const c = cfg(extra);
    expect(c.issues).toEqual([expect.objectContaining({ severity: "warning", flag, unmodelled: "config" })]);
  });

  it.each([[["--no-prefer-alias"]], [["--nat64-networks="]], [["--target-template={{.Name}}"]], [["--fqdn-target-template={{.Name}}.a.com:1.2.3.4"]]])("%j sets nothing unknown", (extra) => {
    expect(cfg(extra).issues).toEqual([]);
  });
});
