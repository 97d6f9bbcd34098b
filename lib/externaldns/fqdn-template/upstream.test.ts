// external-dns's own template tests, ported case by case. Each case names the upstream test and
// the tag: v0.20.0 source/fqdn/fqdn_test.go, v0.21.0/v0.22.0 source/template/engine_test.go and
// functions_test.go. Objects are upstream's testObject (ObjectMeta only, no TypeMeta).

import { describe, expect, it } from "vitest";
import { V20, V21, V22 } from "../config.testkit";
import type { KubeObject, Version } from "../types";
import { compileFqdnTemplates, evaluateFqdnTemplates } from "./index";

const obj = (meta: Partial<KubeObject["metadata"]>, extra: Partial<KubeObject> = {}): KubeObject => ({ metadata: { name: "", ...meta }, ...extra });

const annotationsAndLabels = obj({
  name: "test",
  namespace: "default",
  annotations: {
    "external-dns.alpha.kubernetes.io/hostname": "test.example.com, test.example.org",
    "kubernetes.io/role/internal-elb": "true",
    "alb.ingress.kubernetes.io/scheme": "internal",
    "dns.company.com/zone": "company.org",
  },
  labels: { environment: "production", app: "myapp", tier: "backend", role: "worker", version: "1" },
});
const AL_TEMPLATE =
  '{{.Labels.environment }}.example.com, {{ index .ObjectMeta.Annotations "alb.ingress.kubernetes.io/scheme" }}.{{ .Labels.environment }}.{{ index .ObjectMeta.Annotations "dns.company.com/zone" }}';

function hosts(tmpl: string, o: KubeObject, v: Version): string[] {
  const r = evaluateFqdnTemplates([tmpl], o, v);
  if (!r.ok) throw new Error(r.error);
  return r.hostnames;
}

describe("v0.20.0 source/fqdn/fqdn_test.go TestExecTemplate", () => {
  it.each<[string, string, KubeObject, string[]]>([
    ["simple template", "{{ .Name }}.example.com, {{ .Namespace }}.example.org", obj({ name: "test", namespace: "default" }), ["test.example.com", "default.example.org"]],
    ["multiple hostnames", "{{.Name}}.example.com, {{.Name}}.example.org", obj({ name: "test", namespace: "default" }), ["test.example.com", "test.example.org"]],
    ["trim spaces", "  {{ trim .Name}}.example.com. ", obj({ name: " test " }), ["test.example.com"]],
    ["annotations and labels", AL_TEMPLATE, annotationsAndLabels, ["production.example.com", "internal.production.company.org"]],
    ["labels to lowercase", "{{ toLower .Labels.department }}.example.org", obj({ name: "test", labels: { department: "FINANCE", app: "myapp" } }), ["finance.example.org"]],
    [
      "generate multiple hostnames with if condition",
      '{{ if contains (index .ObjectMeta.Annotations "external-dns.alpha.kubernetes.io/hostname") "example.com" }}{{ toLower .Labels.hostoverride }}{{end}}',
      obj({ name: "test", labels: { hostoverride: "abrakadabra.google.com", app: "myapp" }, annotations: { "external-dns.alpha.kubernetes.io/hostname": "test.example.com" } }),
      ["abrakadabra.google.com"],
    ],
  ])("%s", (_n, tmpl, o, want) => {
    expect(hosts(tmpl, o, V20)).toEqual(want);
  });

  // Not an upstream case, but the v0.20 post-processing it implies: no dedupe, no dropping of "".
  it("keeps empty and repeated names in order (no sort, no dedupe before v0.21)", () => {
    expect(hosts("{{.Name}}.b.com,,{{.Name}}.a.com,{{.Name}}.b.com", obj({ name: "x" }), V20)).toEqual(["x.b.com", "", "x.a.com", "x.b.com"]);
    expect(hosts("{{.Name}}.b.com,,{{.Name}}.a.com,{{.Name}}.b.com", obj({ name: "x" }), V21)).toEqual(["x.a.com", "x.b.com"]);
  });
});

describe("v0.20.0 TestParseTemplate / TestFqdnTemplate", () => {
  it.each<[string, string, boolean]>([
    ["invalid template", "{{.Name", true],
    ["valid empty template", "", false],
    ["valid template", "{{.Name}}-{{.Namespace}}.ext-dns.test.com", false],
    ["valid template (two)", "{{.Name}}-{{.Namespace}}.ext-dns.test.com, {{.Name}}-{{.Namespace}}.ext-dna.test.com", false],
    ["replace template function", '{{"hello.world" | replace "." "-"}}.ext-dns.test.com', false],
    ["isIPv4 template function with valid IPv4", '{{if isIPv4 "192.168.1.1"}}valid{{else}}invalid{{end}}.ext-dns.test.com', false],
    ["isIPv6 template function with valid IPv6", '{{if isIPv6 "2001:db8::1"}}valid{{else}}invalid{{end}}.ext-dns.test.com', false],
  ])("%s", (_n, tmpl, fails) => {
    const c = compileFqdnTemplates([tmpl], V20);
    expect(c.ok).toBe(!fails);
    if (c.ok) expect(c.parsed === undefined).toBe(tmpl === "");
  });

  it.each<[string, string]>([
    ['{{"hello.world" | replace "." "-"}}.ext-dns.test.com', "hello-world.ext-dns.test.com"],
    ['{{if isIPv4 "192.168.1.1"}}valid{{else}}invalid{{end}}.ext-dns.test.com', "valid.ext-dns.test.com"],
    ['{{if isIPv4 "not.an.ip.addr"}}valid{{else}}invalid{{end}}.ext-dns.test.com', "invalid.ext-dns.test.com"],
    ['{{if isIPv6 "2001:db8::1"}}valid{{else}}invalid{{end}}.ext-dns.test.com', "valid.ext-dns.test.com"],
    ['{{if isIPv6 "not:ipv6:addr"}}valid{{else}}invalid{{end}}.ext-dns.test.com', "invalid.ext-dns.test.com"],
  ])("renders %s", (tmpl, want) => {
    expect(hosts(tmpl, obj({ name: "x" }), V20)).toEqual([want]);
  });

  it("hasKey and fromJson do not exist in v0.20: a parse error, so external-dns does not start", () => {
    const c = compileFqdnTemplates(['{{ if hasKey .Labels "a" }}x{{ end }}.example.com'], V20);
    expect(c).toEqual({ ok: false, error: expect.stringContaining('function "hasKey" not defined') });
    expect(compileFqdnTemplates(['{{ if hasKey .Labels "a" }}x{{ end }}.example.com'], V21).ok).toBe(true);
  });
});

describe("TestReplace / TestIsIPv6String / TestIsIPv4String (v0.20.0 fqdn_test.go; v0.21.0 functions_test.go)", () => {
  it.each<[string, string, string, string]>([
    ["simple replacement", "old", "new", "old-value"],
    ["multiple replacements", ".", "-", "hello.world.com"],
    ["no replacement needed", "x", "y", "hello-world"],
    ["empty strings", "", "", "test"],
  ])("replace: %s", (name, o, n, target) => {
    const want = { "simple replacement": "new-value", "multiple replacements": "hello-world-com", "no replacement needed": "hello-world", "empty strings": "test" }[name];
    expect(hosts(`{{ replace ${JSON.stringify(o)} ${JSON.stringify(n)} ${JSON.stringify(target)} }}`, obj({ name: "x" }), V21)).toEqual([want]);
  });

  it.each<[string, string, boolean, boolean]>([
    ["valid IPv6", "2001:db8::1", true, false],
    ["valid IPv6 with multiple segments", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", true, false],
    ["valid IPv4-mapped IPv6", "::ffff:192.168.1.1", true, false],
    ["invalid IPv6", "not:ipv6:addr", false, false],
    ["valid IPv4", "192.168.1.1", false, true],
    ["invalid IPv4", "256.256.256.256", false, false],
    ["invalid format", "not.an.ip", false, false],
    ["empty string", "", false, false],
  ])("isIPv6/isIPv4: %s", (_n, input, v6, v4) => {
    for (const v of [V20, V21, V22]) {
      expect(hosts(`{{ isIPv6 ${JSON.stringify(input)} }}.{{ isIPv4 ${JSON.stringify(input)} }}`, obj({ name: "x" }), v)).toEqual([`${v6}.${v4}`]);
    }
  });
});

describe("v0.22.0 source/template/engine_test.go TestExecFQDN (v0.21.0 has the same cases, alpha annotation prefix)", () => {
  const records = '\n[{"dns":"entry1.internal.tld","target":"10.10.10.10"},{"dns":"entry2.example.tld","target":"my.cluster.local"}]';
  it.each<[string, string, KubeObject, string[]]>([
    ["simple template", "{{ .Name }}.example.com, {{ .Namespace }}.example.org", obj({ name: "test", namespace: "default" }), ["default.example.org", "test.example.com"]],
    ["multiple hostnames", "{{.Name}}.example.com, {{.Name}}.example.org", obj({ name: "test", namespace: "default" }), ["test.example.com", "test.example.org"]],
    ["trim spaces", "  {{ trim .Name}}.example.com. ", obj({ name: " test " }), ["test.example.com"]],
    ["trim prefix", '{{ trimPrefix .Name "the-" }}.example.com', obj({ name: "the-test", namespace: "default" }), ["test.example.com"]],
    ["trim suffix", '{{ trimSuffix .Name "-v2" }}.example.com', obj({ name: "test-v2", namespace: "default" }), ["test.example.com"]],
    ["replace dash", '{{ replace "-" "." .Name }}.example.com', obj({ name: "test-v2", namespace: "default" }), ["test.v2.example.com"]],
    ["annotations and labels", AL_TEMPLATE, annotationsAndLabels, ["internal.production.company.org", "production.example.com"]],
    ["labels to lowercase", "{{ toLower .Labels.department }}.example.org", obj({ name: "test", labels: { department: "FINANCE", app: "myapp" } }), ["finance.example.org"]],
    [
      "generate multiple hostnames with if condition",
      '{{ if contains (index .ObjectMeta.Annotations "external-dns.kubernetes.io/hostname") "example.com" }}{{ toLower .Labels.hostoverride }}{{end}}',
      obj({ name: "test", labels: { hostoverride: "abrakadabra.google.com", app: "myapp" }, annotations: { "external-dns.kubernetes.io/hostname": "test.example.com" } }),
      ["abrakadabra.google.com"],
    ],
    ["ignore empty template output", '{{ if eq .Name "other" }}{{ .Name }}.example.com{{ end }}', obj({ name: "test" }), []],
    ["ignore trailing comma output", "{{ .Name }}.example.com,", obj({ name: "test" }), ["test.example.com"]],
    [
      "contains label with empty value",
      '{{if hasKey .Labels "service.kubernetes.io/headless"}}{{ .Name }}.example.com,{{end}}',
      obj({ name: "test", labels: { "service.kubernetes.io/headless": "" } }),
      ["test.example.com"],
    ],
    ["result only contains unique values", "{{ .Name }}.example.com,{{ .Name }}.example.com,{{ .Name }}.example.com", obj({ name: "test" }), ["test.example.com"]],
    [
      "dns entries in labels",
      '\n{{ if hasKey .Labels "records" }}{{ range $entry := (index .Labels "records" | fromJson) }}{{ index $entry "dns" }},{{ end }}{{ end }}',
      obj({ name: "test", labels: { records } }),
      ["entry1.internal.tld", "entry2.example.tld"],
    ],
    [
      "configmap with multiple entries",
      '{{ range $entry := (index .Data "entries" | fromJson) }}{{ index $entry "dns" }},{{ end }}',
      obj({ name: "test-configmap" }, { kind: "ConfigMap", data: { entries: records } } as Partial<KubeObject>),
      ["entry1.internal.tld", "entry2.example.tld"],
    ],
    [
      "rancher publicEndpoints annotation",
      '\n{{ range $entry := (index .Annotations "field.cattle.io/publicEndpoints" | fromJson) }}{{ index $entry "hostname" }},{{ end }}',
      obj({
        name: "test",
        annotations: {
          "field.cattle.io/publicEndpoints":
            '\n\t[{"addresses":[""],"port":80,"protocol":"HTTP","serviceName":"development:keycloak-ha-service","ingressName":"development:keycloak-ha-ingress","hostname":"keycloak.snip.com","allNodes":false}]',
        },
      }),
      ["keycloak.snip.com"],
    ],
  ])("%s", (_n, tmpl, o, want) => {
    expect(hosts(tmpl, o, V22)).toEqual(want);
    expect(hosts(tmpl.replace("external-dns.kubernetes.io/", "external-dns.kubernetes.io/"), o, V21)).toEqual(want);
  });

  it("TestExecFQDNPopulatesEmptyKind: from v0.21 an empty Kind is filled from the scheme; v0.20 leaves it empty", () => {
    const svc = obj({ name: "my-service", namespace: "default" }, { kind: "Service" });
    expect(hosts("{{ .Kind }}.{{ .Name }}.example.com", svc, V21)).toEqual(["Service.my-service.example.com"]);
    expect(hosts("{{ .Kind }}.{{ .Name }}.example.com", svc, V20)).toEqual([".my-service.example.com"]);
  });

  it("TestExecFQDNPreservesExistingKind: the source's TypeMeta wins", () => {
    const r = evaluateFqdnTemplates(["{{ .Kind }}.{{ .Name }}.example.com"], obj({ name: "r" }, { kind: "HTTPRoute" }), V20, {
      typeMeta: { kind: "HTTPRoute", apiVersion: "gateway.networking.k8s.io/v1beta1" },
    });
    expect(r).toEqual({ ok: true, hostnames: ["HTTPRoute.r.example.com"] });
  });

  it("TestExecFQDNExecutionError: an execution error names the object", () => {
    const r = evaluateFqdnTemplates(["{{ call .Name }}"], obj({ name: "test-name", namespace: "test-ns" }, { kind: "PartialObjectMetadata" }), V22);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe("exec");
      expect(r.error).toContain("failed to apply template on PartialObjectMetadata test-ns/test-name");
    }
  });
});

describe("v0.22.0 TestValidateTemplates (each --fqdn-template value checked, errors carry its index)", () => {
  it.each<[string, string[], string | undefined]>([
    ["nil slice is valid", [], undefined],
    ["empty strings skipped", ["", "  "], undefined],
    ["valid single template", ["{{.Name}}.example.com"], undefined],
    ["valid multiple templates", ["{{.Name}}.a.com", "{{.Name}}.b.com"], undefined],
    ["syntax error in first template reported with index", ["{{.Name"], '--fqdn-template[0] "{{.Name"'],
    ["syntax error in second template reported with index", ["{{.Name}}.a.com", "{{.Name"], '--fqdn-template[1] "{{.Name"'],
    ["duplicate define block conflict detected", ['{{ define "foo" }}bar{{ end }}{{ template "foo" }}', '{{ define "foo" }}foobar{{ end }}{{ template "foo" }}'], "--fqdn-template[1]"],
    ["duplicate template strings are silently skipped", ["{{.Name}}.a.com", "{{.Name}}.a.com"], undefined],
  ])("%s", (_n, templates, err) => {
    const c = compileFqdnTemplates(templates, V22);
    if (err === undefined) expect(c.ok).toBe(true);
    else expect(c).toEqual({ ok: false, error: expect.stringContaining(err) });
  });
});

describe("v0.22.0 TestEngine_WithSource / functions_test.go TestIsSource", () => {
  const t = '{{ if isSource "service" }}yes{{ else }}no{{ end }}.example.com';
  it.each<[string, string]>([
    ["service", "yes.example.com"],
    ["ingress", "no.example.com"],
  ])("bound to %s", (source, want) => {
    expect(evaluateFqdnTemplates([t], obj({ name: "x" }), V22, { source })).toEqual({ ok: true, hostnames: [want] });
  });
  it("matching name, different case", () => {
    expect(evaluateFqdnTemplates(['{{ if isSource "Service" }}yes{{ end }}.a.com'], obj({ name: "x" }), V22, { source: "service" })).toEqual({ ok: true, hostnames: ["yes.a.com"] });
  });
  it("unknown name is an execution error", () => {
    const r = evaluateFqdnTemplates(['{{ if isSource "servics" }}x{{ end }}'], obj({ name: "x" }), V22, { source: "service" });
    expect(r).toMatchObject({ ok: false, kind: "exec", error: expect.stringContaining('isSource: unknown source "servics"') });
  });
  it("isSource does not exist before v0.22", () => {
    expect(compileFqdnTemplates([t], V21).ok).toBe(false);
  });
});

describe("v0.21.0 functions_test.go TestHasKey / TestFromJson", () => {
  it.each<[string, Record<string, string> | undefined, string, boolean]>([
    ["key exists with non-empty value", { foo: "bar" }, "foo", true],
    ["key exists with empty value", { "service.kubernetes.io/headless": "" }, "service.kubernetes.io/headless", true],
    ["key does not exist", { foo: "bar" }, "baz", false],
    ["nil map", undefined, "foo", false],
  ])("hasKey: %s", (_n, labels, key, want) => {
    expect(hosts(`{{ hasKey .Labels ${JSON.stringify(key)} }}`, obj({ name: "x", labels }), V21)).toEqual([String(want)]);
  });
  it.each<[string, string, string]>([
    ["map", '{"dns":"a.example.com"}', '{{ index (fromJson .Name) "dns" }}'],
    ["invalid json gives nil", "not json", "{{ fromJson .Name }}"],
  ])("fromJson: %s", (name, input, tmpl) => {
    expect(hosts(tmpl, obj({ name: input }), V21)).toEqual([name === "map" ? "a.example.com" : "<nil>"]);
  });
});
