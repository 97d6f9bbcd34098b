// configFromHelmValues: the chart's values rendered into arguments, and the version from image.tag.
import { describe, expect, it } from "vitest";
import { LEGACY_PREFIX } from "./annotations";
import { configFromHelmValues, parseConfigText } from "./config";
import { AT_V21 as V21, errorsOf as errors, warningsOf as warnings } from "./config.testkit";
import type { Config } from "./types";

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
    expect(c.issues.map((i) => i.flag)).toEqual(["--provider", "--source=service"]);
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

describe("configFromHelmValues: version", () => {
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

  it("a tag pinned to a digest (Renovate) is that tag's version, with its annotation prefix", () => {
    const c = configFromHelmValues({ provider: "cloudflare", policy: "sync", sources: ["crd"], image: { tag: "v0.20.0@sha256:2f3b1c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c" } });
    expect([c.version.major, c.version.minor, c.version.patch]).toEqual([0, 20, 0]);
    expect(c.annotationPrefix).toBe(LEGACY_PREFIX);
    expect(c.issues).toEqual([]);
  });
});
