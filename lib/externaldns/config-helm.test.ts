// configFromHelmValues: the chart's values rendered into arguments, and the version from image.tag.
import { describe, expect, it } from "vitest";
import { LEGACY_PREFIX } from "./annotations";
import { configFromHelmValues, parseConfigText } from "./config";
import { helmArgs } from "./config-helm";
import { InputError } from "./errors";
import { parseHelmYaml } from "./helm-yaml";
import { AT_V21 as V21, errorsOf as errors, warningsOf as warnings } from "./config.testkit";

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
});

// Rendered by the real chart: `helm template rel charts/external-dns -n ns1 -f values.yaml`
// with helm v4.1.4, charts 1.20.0 and 1.21.1 from the upstream repository (tags
// external-dns-helm-chart-1.20.0 / -1.21.1), reading the external-dns container's args and env.
// [name, chart, values file, args, env]
const RENDERED: [string, "1.20.0" | "1.21.1", string, string[], unknown[]][] = [
  ["defaults", "1.20.0", "{}\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=aws"], []],
  ["defaults", "1.21.1", "{}\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=aws"], []],
  ["provider-string", "1.20.0", "provider: cloudflare\nsources: [crd, gateway-httproute]\npolicy: sync\n", ["--log-level=info","--log-format=text","--interval=1m","--source=crd","--source=gateway-httproute","--policy=sync","--registry=txt","--provider=cloudflare"], []],
  ["provider-string", "1.21.1", "provider: cloudflare\nsources: [crd, gateway-httproute]\npolicy: sync\n", ["--log-level=info","--log-format=text","--interval=1m","--source=crd","--source=gateway-httproute","--policy=sync","--registry=txt","--provider=cloudflare"], []],
  ["provider-map", "1.20.0", "provider:\n  name: cloudflare\nregistry: noop\ntxtOwnerId: blue\ntxtPrefix: k8s.\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=noop","--txt-owner-id=blue","--txt-prefix=k8s.","--provider=cloudflare"], []],
  ["provider-map", "1.21.1", "provider:\n  name: cloudflare\nregistry: noop\ntxtOwnerId: blue\ntxtPrefix: k8s.\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=noop","--txt-owner-id=blue","--txt-prefix=k8s.","--provider=cloudflare"], []],
  ["txt-suffix", "1.20.0", "provider: cloudflare\ntxtSuffix: -txt\ntxtOwnerId: \"\"\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--txt-suffix=-txt","--provider=cloudflare"], []],
  ["txt-suffix", "1.21.1", "provider: cloudflare\ntxtSuffix: -txt\ntxtOwnerId: \"\"\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--txt-suffix=-txt","--provider=cloudflare"], []],
  ["filters", "1.20.0", "provider: cloudflare\ndomainFilters: [example.com, 1e6, true]\nexcludeDomains: [api.example.com]\nmanagedRecordTypes: [A, CNAME, TXT]\nlabelFilter: team=web\nannotationFilter: \"dns in (public)\"\nannotationPrefix: custom.io/\ngatewayNamespace: infra\nenableGatewayListenerSets: true\ninterval: 5m\ntriggerLoopOnEvent: true\nlogLevel: debug\nlogFormat: json\n", ["--log-level=debug","--log-format=json","--interval=5m","--events","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--gateway-namespace=infra","--domain-filter=example.com","--domain-filter=1e+06","--domain-filter=true","--exclude-domains=api.example.com","--label-filter=team=web","--annotation-filter=dns in (public)","--annotation-prefix=custom.io/","--managed-record-types=A","--managed-record-types=CNAME","--managed-record-types=TXT","--provider=cloudflare"], []],
  ["filters", "1.21.1", "provider: cloudflare\ndomainFilters: [example.com, 1e6, true]\nexcludeDomains: [api.example.com]\nmanagedRecordTypes: [A, CNAME, TXT]\nlabelFilter: team=web\nannotationFilter: \"dns in (public)\"\nannotationPrefix: custom.io/\ngatewayNamespace: infra\nenableGatewayListenerSets: true\ninterval: 5m\ntriggerLoopOnEvent: true\nlogLevel: debug\nlogFormat: json\n", ["--log-level=debug","--log-format=json","--interval=5m","--events","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--gateway-namespace=infra","--gateway-listener-sets","--domain-filter=example.com","--domain-filter=1e+06","--domain-filter=true","--exclude-domains=api.example.com","--label-filter=team=web","--annotation-filter=dns in (public)","--annotation-prefix=custom.io/","--managed-record-types=A","--managed-record-types=CNAME","--managed-record-types=TXT","--provider=cloudflare"], []],
  ["namespaced-source", "1.21.1", "provider: cloudflare\nnamespaced: true\nsourceNamespace: apps\nnamespaceOverride: ovr\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--namespace=apps","--provider=cloudflare"], []],
  ["namespaced-override", "1.21.1", "provider: cloudflare\nnamespaced: true\nnamespaceOverride: ovr\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--namespace=ovr","--provider=cloudflare"], []],
  ["extra-list", "1.20.0", "provider: cloudflare\ntxtOwnerId: blue\nextraArgs:\n- --cloudflare-proxied\n- --fqdn-template={{ `{{ .Name }}.example.com` }}\n- --txt-prefix={{ .Values.txtOwnerId }}.\n- '--label-filter={{ \"a=b\" }}'\n- --annotation-filter=x in (a, b)\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--txt-owner-id=blue","--provider=cloudflare","--cloudflare-proxied","--fqdn-template={{ .Name }}.example.com","--txt-prefix=blue.","--label-filter=a=b","--annotation-filter=x in (a, b)"], []],
  ["extra-list", "1.21.1", "provider: cloudflare\ntxtOwnerId: blue\nextraArgs:\n- --cloudflare-proxied\n- --fqdn-template={{ `{{ .Name }}.example.com` }}\n- --txt-prefix={{ .Values.txtOwnerId }}.\n- '--label-filter={{ \"a=b\" }}'\n- --annotation-filter=x in (a, b)\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--txt-owner-id=blue","--provider=cloudflare","--cloudflare-proxied","--fqdn-template={{ .Name }}.example.com","--txt-prefix=blue.","--label-filter=a=b","--annotation-filter=x in (a, b)"], []],
  ["extra-map", "1.20.0", "provider: cloudflare\nextraArgs:\n  cloudflare-proxied: true\n  once: false\n  dry-run: ~\n  domain-filter: [a.com, b.com]\n  batch-change-size: 1000000\n  txt-owner-id: yes\n  fqdn-template: \"{{ `{{ .Name }}.example.com` }}\"\n  label-filter: 0x1F\n  min-ttl: 1.50\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare","--batch-change-size=1e+06","--cloudflare-proxied=true","--domain-filter=a.com","--domain-filter=b.com","--dry-run","--fqdn-template={{ .Name }}.example.com","--label-filter=31","--min-ttl=1.5","--once=false","--txt-owner-id=true"], []],
  ["extra-map", "1.21.1", "provider: cloudflare\nextraArgs:\n  cloudflare-proxied: true\n  once: false\n  dry-run: ~\n  domain-filter: [a.com, b.com]\n  batch-change-size: 1000000\n  txt-owner-id: yes\n  fqdn-template: \"{{ `{{ .Name }}.example.com` }}\"\n  label-filter: 0x1F\n  min-ttl: 1.50\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare","--batch-change-size=1e+06","--cloudflare-proxied","--domain-filter=a.com","--domain-filter=b.com","--dry-run","--fqdn-template={{ .Name }}.example.com","--label-filter=31","--min-ttl=1.5","--no-once","--txt-owner-id"], []],
  ["env", "1.20.0", "provider: cloudflare\nenv:\n- name: CF_API_TOKEN\n  valueFrom:\n    secretKeyRef: {name: s, key: k}\n- name: EXTERNAL_DNS_TXT_OWNER_ID\n  value: green\n- name: EXTERNAL_DNS_DOMAIN_FILTER\n  valueFrom:\n    configMapKeyRef: {name: c, key: k}\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare"], [{"name":"CF_API_TOKEN","valueFrom":{"secretKeyRef":{"key":"k","name":"s"}}},{"name":"EXTERNAL_DNS_TXT_OWNER_ID","value":"green"},{"name":"EXTERNAL_DNS_DOMAIN_FILTER","valueFrom":{"configMapKeyRef":{"key":"k","name":"c"}}}]],
  ["env", "1.21.1", "provider: cloudflare\nenv:\n- name: CF_API_TOKEN\n  valueFrom:\n    secretKeyRef: {name: s, key: k}\n- name: EXTERNAL_DNS_TXT_OWNER_ID\n  value: green\n- name: EXTERNAL_DNS_DOMAIN_FILTER\n  valueFrom:\n    configMapKeyRef: {name: c, key: k}\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare"], [{"name":"CF_API_TOKEN","valueFrom":{"secretKeyRef":{"key":"k","name":"s"}}},{"name":"EXTERNAL_DNS_TXT_OWNER_ID","value":"green"},{"name":"EXTERNAL_DNS_DOMAIN_FILTER","valueFrom":{"configMapKeyRef":{"key":"k","name":"c"}}}]],
  ["image-digest", "1.20.0", "provider: cloudflare\nimage:\n  tag: v0.20.0@sha256:2f3b1c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare"], []],
  ["image-digest", "1.21.1", "provider: cloudflare\nimage:\n  tag: v0.20.0@sha256:2f3b1c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare"], []],
  ["null-interval", "1.20.0", "provider: cloudflare\ninterval: ~\nsources: ~\n", ["--log-level=info","--log-format=text","--interval=","--policy=upsert-only","--registry=txt","--provider=cloudflare"], []],
  ["null-interval", "1.21.1", "provider: cloudflare\ninterval: ~\nsources: ~\n", ["--log-level=info","--log-format=text","--interval=","--policy=upsert-only","--registry=txt","--provider=cloudflare"], []],
  ["domain-null-item", "1.20.0", "provider: cloudflare\ndomainFilters: [~, {a: 1}]\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--domain-filter=","--domain-filter=map[a:1]","--provider=cloudflare"], []],
  ["domain-null-item", "1.21.1", "provider: cloudflare\ndomainFilters: [~, {a: 1}]\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--domain-filter=","--domain-filter=map[a:1]","--provider=cloudflare"], []],
  ["provider-tpl", "1.20.0", "provider: '{{ \"cloudflare\" }}'\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare"], []],
  ["provider-tpl", "1.21.1", "provider: '{{ \"cloudflare\" }}'\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare"], []],
  ["yaml11-numbers", "1.20.0", "provider: cloudflare\nextraArgs:\n  a1: 1000000\n  a2: 123456\n  a3: 1.0\n  a4: 0.00001\n  a5: 017\n  a6: 1_000\n  a7: 1:30\n  a8: .5\n  a9: +12\n  b1: 12345678901\n  b2: ~\n  b3: off\n  b4: y\n  b5: \"yes\"\n  b6: 0o17\n  b7: 1e3\n  b8: -0\n  c1: 2001-12-14\n  c2: [on, 1e3, \"x\"]\n  c3: 0b101\n  c4: 9007199254740993\n  c5: \"\"\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare","--a1=1e+06","--a2=123456","--a3=1","--a4=1e-05","--a5=15","--a6=1000","--a7=1:30","--a8=0.5","--a9=12","--b1=1.2345678901e+10","--b2","--b3=false","--b4=true","--b5=yes","--b6=15","--b7=1000","--b8=0","--c1=2001-12-14","--c2=true","--c2=1000","--c2=x","--c3=5","--c4=9.007199254740992e+15","--c5="], []],
  ["yaml11-numbers", "1.21.1", "provider: cloudflare\nextraArgs:\n  a1: 1000000\n  a2: 123456\n  a3: 1.0\n  a4: 0.00001\n  a5: 017\n  a6: 1_000\n  a7: 1:30\n  a8: .5\n  a9: +12\n  b1: 12345678901\n  b2: ~\n  b3: off\n  b4: y\n  b5: \"yes\"\n  b6: 0o17\n  b7: 1e3\n  b8: -0\n  c1: 2001-12-14\n  c2: [on, 1e3, \"x\"]\n  c3: 0b101\n  c4: 9007199254740993\n  c5: \"\"\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare","--a1=1e+06","--a2=123456","--a3=1","--a4=1e-05","--a5=15","--a6=1000","--a7=1:30","--a8=0.5","--a9=12","--b1=1.2345678901e+10","--b2","--no-b3","--b4","--b5=yes","--b6=15","--b7=1000","--b8=0","--c1=2001-12-14","--c2=true","--c2=1000","--c2=x","--c3=5","--c4=9.007199254740992e+15","--c5="], []],
  ["yaml11-misc", "1.20.0", "provider: cloudflare\nextraArgs:\n  <<: {once: true}\n  dry-run: true\n  t1: 2001-12-14T21:59:43.10-05:00\n  t2: 0o17\n  t3: 08\n  t4: 1__0\n  t5: -0b11\n  t6: 0x_1F\n  t7: +0x10\n  t8: 1.e3\n  t9: 6.8523015e+5\n  u1: 18446744073709551615\n  u2: 9223372036854775808\n  u3: \"-\"\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare","--dry-run=true","--once=true","--t1=2001-12-14T21:59:43.10-05:00","--t2=15","--t3=8","--t4=10","--t5=-3","--t6=31","--t7=16","--t8=1000","--t9=685230.15","--u1=1.8446744073709552e+19","--u2=9.223372036854776e+18","--u3=-"], []],
  ["yaml11-misc", "1.21.1", "provider: cloudflare\nextraArgs:\n  <<: {once: true}\n  dry-run: true\n  t1: 2001-12-14T21:59:43.10-05:00\n  t2: 0o17\n  t3: 08\n  t4: 1__0\n  t5: -0b11\n  t6: 0x_1F\n  t7: +0x10\n  t8: 1.e3\n  t9: 6.8523015e+5\n  u1: 18446744073709551615\n  u2: 9223372036854775808\n  u3: \"-\"\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=cloudflare","--dry-run","--once","--t1=2001-12-14T21:59:43.10-05:00","--t2=15","--t3=8","--t4=10","--t5=-3","--t6=31","--t7=16","--t8=1000","--t9=685230.15","--u1=1.8446744073709552e+19","--u2=9.223372036854776e+18","--u3=-"], []],
  ["seed", "1.20.0", "# The external-dns Helm values of the seed setup (external-dns chart), as deployed.\nfullnameOverride: external-dns\nimage:\n  tag: v0.20.0\nprovider: cloudflare\nenv:\n  - name: CF_API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: external-dns-secret\n        key: api-token\nextraArgs:\n  - --ingress-class=external\n  - --cloudflare-proxied\n  - --crd-source-apiversion=externaldns.k8s.io/v1alpha1\n  - --crd-source-kind=DNSEndpoint\n  - --gateway-label-filter=external-dns.alpha.kubernetes.io/enabled=true\npolicy: sync\nsources:\n  - crd\n  - ingress\n  - gateway-httproute\ntxtPrefix: k8s.\ntxtOwnerId: default\ndomainFilters: [\"example.com\"]\nserviceMonitor:\n  enabled: true\npodAnnotations:\n  secret.reloader.stakater.com/reload: external-dns-secret\n", ["--log-level=info","--log-format=text","--interval=1m","--source=crd","--source=ingress","--source=gateway-httproute","--policy=sync","--registry=txt","--txt-owner-id=default","--txt-prefix=k8s.","--domain-filter=example.com","--provider=cloudflare","--ingress-class=external","--cloudflare-proxied","--crd-source-apiversion=externaldns.k8s.io/v1alpha1","--crd-source-kind=DNSEndpoint","--gateway-label-filter=external-dns.alpha.kubernetes.io/enabled=true"], [{"name":"CF_API_TOKEN","valueFrom":{"secretKeyRef":{"key":"api-token","name":"external-dns-secret"}}}]],
  ["seed", "1.21.1", "# The external-dns Helm values of the seed setup (external-dns chart), as deployed.\nfullnameOverride: external-dns\nimage:\n  tag: v0.20.0\nprovider: cloudflare\nenv:\n  - name: CF_API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: external-dns-secret\n        key: api-token\nextraArgs:\n  - --ingress-class=external\n  - --cloudflare-proxied\n  - --crd-source-apiversion=externaldns.k8s.io/v1alpha1\n  - --crd-source-kind=DNSEndpoint\n  - --gateway-label-filter=external-dns.alpha.kubernetes.io/enabled=true\npolicy: sync\nsources:\n  - crd\n  - ingress\n  - gateway-httproute\ntxtPrefix: k8s.\ntxtOwnerId: default\ndomainFilters: [\"example.com\"]\nserviceMonitor:\n  enabled: true\npodAnnotations:\n  secret.reloader.stakater.com/reload: external-dns-secret\n", ["--log-level=info","--log-format=text","--interval=1m","--source=crd","--source=ingress","--source=gateway-httproute","--policy=sync","--registry=txt","--txt-owner-id=default","--txt-prefix=k8s.","--domain-filter=example.com","--provider=cloudflare","--ingress-class=external","--cloudflare-proxied","--crd-source-apiversion=externaldns.k8s.io/v1alpha1","--crd-source-kind=DNSEndpoint","--gateway-label-filter=external-dns.alpha.kubernetes.io/enabled=true"], [{"name":"CF_API_TOKEN","valueFrom":{"secretKeyRef":{"key":"api-token","name":"external-dns-secret"}}}]],
  ["provider-empty-map", "1.21.1", "provider: {}\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider=aws"], []],
  ["provider-null-name", "1.21.1", "provider: {name: ~}\n", ["--log-level=info","--log-format=text","--interval=1m","--source=service","--source=ingress","--policy=upsert-only","--registry=txt","--provider="], []],
];

describe("helmArgs: exactly the args and env the chart renders", () => {
  it.each(RENDERED)("%s with chart %s", (name, chart, text, args, env) => {
    const file = `${name}.yaml`;
    const r = helmArgs(parseHelmYaml(text, file), file, chart === "1.20.0" ? "v0.20.0" : "v0.21.0");
    expect(r.chart).toBe(chart.slice(0, 4));
    expect(r.args).toEqual(args);
    const rendered = Object.fromEntries(
      (env as { name: string; value?: string; valueFrom?: unknown }[]).filter((e) => e.name.startsWith("EXTERNAL_DNS_")).map((e) => [e.name, e.valueFrom ? null : (e.value ?? "")]),
    );
    expect(r.env).toEqual(rendered);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  // What helm renders from the release itself (-n ns1, release "rel") is not in the values: the
  // argument is left out and reported as unknown, which withholds deletes.
  it.each([
    ["1.20", "v0.20.0", "provider: cloudflare\nnamespaced: true\n", "--namespace=ns1"],
    ["1.21", "v0.21.0", "provider: cloudflare\nnamespaced: true\n", "--namespace=ns1"],
    ["1.21", "v0.21.0", "provider: cloudflare\nextraArgs:\n- --txt-owner-id={{ .Release.Namespace }}\n", "--txt-owner-id=ns1"],
  ])("with the release namespace given (helm -n ns1), chart %s renders it", (_, version, text, arg) => {
    const r = helmArgs(parseHelmYaml(text, "v.yaml"), "v.yaml", version, "ns1");
    expect(r.args).toContain(arg);
    expect(r.issues).toEqual([]);
  });

  it.each<[string, string, string, string[]]>([
    ["namespaced without a named namespace", "provider: cloudflare\nnamespaced: true\n", "namespaced", []],
    ["a namespaceOverride is not read by chart 1.20", "provider: cloudflare\nnamespaced: true\nnamespaceOverride: ovr\n", "namespaced", []],
    ["{{ .Release.Name }} in extraArgs", "provider: cloudflare\nextraArgs:\n- --txt-owner-id={{ .Release.Name }}\n", "extraArgs[0]", []],
  ])("%s (chart 1.20)", (_, text, flag) => {
    const r = helmArgs(parseHelmYaml(text, "v.yaml"), "v.yaml", "v0.20.0");
    expect(r.args.some((a) => a.startsWith("--namespace") || a.startsWith("--txt-owner-id"))).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ flag, unmodelled: "config" })]);
  });
});

describe("helmArgs: values the chart refuses", () => {
  // helm template fails on each of these (values.schema.json, or the template's own `fail`).
  it.each<[string, string, string]>([
    ["txtOwnerId: yes (a YAML 1.1 boolean)", "txtOwnerId: yes\n", "values.yaml: txtOwnerId: got a boolean, the chart wants a string or nothing"],
    ["txtOwnerId: 123 (a number)", "txtOwnerId: 123\n", "values.yaml: txtOwnerId: got a number, the chart wants a string or nothing"],
    ["policy: Sync", "policy: Sync\n", 'values.yaml: policy: "Sync" is not one of create-only, sync, upsert-only'],
    ["a source that is not a string", "sources: [1]\n", "values.yaml: sources[0]: got a number, the chart wants a string"],
    ["a repeated managed record type", "managedRecordTypes: [A, A]\n", "values.yaml: managedRecordTypes[1]: repeats an earlier item"],
    ["a number in the extraArgs list", "extraArgs: [--once, 5000]\n", "values.yaml: extraArgs[1]: got a number, the chart wants a string"],
    ["logLevel: trace", "logLevel: trace\n", 'values.yaml: logLevel: "trace" is not one of panic'],
    ["an unknown image key", "image: {tag: v0.21.0, digest: x}\n", "values.yaml: image.digest: image has no key digest"],
    ["interval: 5 (a number)", "interval: 5\n", "values.yaml: interval: got a number, the chart wants a string"],
    ['namespaced: "true" (a string)', 'namespaced: "true"\n', "values.yaml: namespaced: got a string, the chart wants a boolean"],
    ["provider: 3", "provider: 3\n", "values.yaml: provider: got a number, the chart wants a mapping or a string"],
    ["txtPrefix with txtSuffix (the template fails)", "txtPrefix: a.\ntxtSuffix: -b\n", "values.yaml: txtPrefix: 'txtPrefix' and 'txtSuffix' are mutually exclusive"],
    ["an .inf value", "extraArgs: {min-ttl: .inf}\n", "values.yaml: extraArgs.min-ttl: .inf cannot be read by Helm"],
    ["an env value that is not a string", "env: [{name: EXTERNAL_DNS_ONCE, value: true}]\n", "values.yaml: env[0].value: got a boolean, Kubernetes wants a string"],
  ])("%s", (_, text, message) => {
    let thrown: unknown;
    try {
      helmArgs(parseHelmYaml(text, "values.yaml"), "values.yaml", "v0.21.0");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).message.startsWith(message)).toBe(true);
  });

  it("chart 1.20 writes extraArgs unquoted: an argument YAML would split is refused (helm renders a mapping there)", () => {
    const text = 'provider: cloudflare\nextraArgs:\n- "--annotation-filter=a: b"\n';
    expect(() => helmArgs(parseHelmYaml(text, "v.yaml"), "v.yaml", "v0.20.0")).toThrow(/extraArgs\[0\]: chart 1.20 writes/);
    expect(helmArgs(parseHelmYaml(text, "v.yaml"), "v.yaml", "v0.21.0").args.at(-1)).toBe("--annotation-filter=a: b");
  });

  it("keys chart 1.20 does not know are not checked against 1.21's schema", () => {
    expect(() => helmArgs({ sourceNamespace: 5 }, "v.yaml", "v0.20.0")).not.toThrow();
    expect(() => helmArgs({ sourceNamespace: 5 }, "v.yaml", "v0.21.0")).toThrow(/sourceNamespace: got a number/);
  });
});

describe("configFromHelmValues: the rendered args, read by external-dns", () => {
  it("chart 1.20 renders a boolean map value as --flag=true, which external-dns v0.20.0 refuses", () => {
    const c = parseConfigText("provider: cloudflare\npolicy: sync\nsources: [crd]\nimage: {tag: v0.20.0}\nextraArgs: {cloudflare-proxied: true}\n", "v.yaml");
    expect(errors(c)).toEqual([expect.objectContaining({ flag: "--cloudflare-proxied", message: expect.stringMatching(/unexpected true/) })]);
  });

  it("chart 1.21 renders it as --flag", () => {
    const c = parseConfigText("provider: cloudflare\npolicy: sync\nsources: [crd]\nimage: {tag: v0.21.0}\nextraArgs: {cloudflare-proxied: true, once: false}\n", "v.yaml");
    expect(c).toMatchObject({ cloudflareProxied: true, once: false });
    expect(c.issues).toEqual([]);
  });

  it("an escaped template in extraArgs reaches external-dns as the template it escapes", () => {
    const c = parseConfigText("provider: cloudflare\npolicy: sync\nsources: [ingress]\nimage: {tag: v0.21.0}\nextraArgs:\n- --fqdn-template={{ `{{ .Name }}.example.com` }}\n", "v.yaml");
    expect(c.fqdnTemplate).toBe("{{ .Name }}.example.com");
  });

  it("EXTERNAL_DNS_* entries in env act as flags; the args win", () => {
    const text = "provider: cloudflare\npolicy: sync\nsources: [ingress]\nimage: {tag: v0.21.0}\ntxtOwnerId: blue\nenv:\n- {name: EXTERNAL_DNS_TXT_OWNER_ID, value: green}\n- {name: EXTERNAL_DNS_DOMAIN_FILTER, value: example.com}\n- {name: EXTERNAL_DNS_TXT_PREFIX, valueFrom: {secretKeyRef: {name: s, key: k}}}\n";
    const c = parseConfigText(text, "v.yaml");
    expect(c).toMatchObject({ txtOwnerId: "blue", domainFilters: ["example.com"] });
    expect(c.issues).toEqual([expect.objectContaining({ flag: "--txt-prefix", unmodelled: "config" })]);
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
