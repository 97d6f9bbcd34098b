// Go text/template behaviour the evaluator must reproduce on typed Kubernetes objects: what
// external-dns renders (or fails on) for templates users write. Expected outputs follow Go's
// text/template (exec.go, funcs.go) and fmt rules for the Go types external-dns passes.

import { describe, expect, it } from "vitest";
import { V21, V22 } from "../config.testkit";
import type { KubeObject } from "../types";
import { compileFqdnTemplates, evaluateFqdnTemplates, type TemplateOutcome } from "./index";

const route: KubeObject = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name: "shop", namespace: "apps", labels: { team: "Payments", env: "prod" }, annotations: { zone: "example.com" } },
  spec: { hostnames: ["Shop.Example.com", "www.example.com"], parentRefs: [{ name: "gw", sectionName: "https" }] },
  status: { parents: [{ parentRef: { name: "gw" }, controllerName: "x", conditions: [{ type: "Accepted", status: "True" }] }] },
};

const ingress: KubeObject = {
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "web", namespace: "default" },
  spec: { rules: [{ host: "a.example.com" }, { host: "b.example.com" }] },
  status: { loadBalancer: { ingress: [{ ip: "1.2.3.4" }] } },
};

const run = (tmpl: string, obj: KubeObject = route): TemplateOutcome => evaluateFqdnTemplates([tmpl], obj, V22, { source: "gateway-httproute" });

describe("renders", () => {
  it.each<[string, string, string[], KubeObject?]>([
    ["missing label prints <no value>", "{{ .Labels.missing }}", ["<no value>"]],
    ["index of a missing label is the zero value", '{{ index .Labels "missing" }}x', ["x"]],
    ["field chain through a missing key stays <no value>", "{{ .Labels.missing.deeper }}", ["<no value>"]],
    ["embedded fields: .Name == .ObjectMeta.Name", "{{ .Name }}-{{ .ObjectMeta.Name }}", ["shop-shop"]],
    ["TypeMeta fields", "{{ .Kind }} {{ .APIVersion }}", ["HTTPRoute gateway.networking.k8s.io/v1"]],
    ["range over spec hostnames with index", "{{ range $i, $h := .Spec.Hostnames }}{{ $i }}={{ $h }} {{ end }}", ["0=Shop.Example.com 1=www.example.com"]],
    ["promoted RouteStatus parents", "{{ range .Status.Parents }}{{ .ParentRef.Name }}/{{ .ControllerName }}{{ end }}", ["gw/x"]],
    ["nil pointer field prints <nil>", "{{ (index .Spec.ParentRefs 0).Namespace }}", ["<nil>"]],
    ["non-nil *string prints its string", "{{ (index .Spec.ParentRefs 0).SectionName }}", ["https"]],
    ["absent slice prints []", "{{ .Finalizers }}", ["[]"]],
    ["map prints sorted", "{{ .Labels }}", ["map[env:prod team:Payments]"]],
    ["trim markers", "  {{- .Name -}}  .  {{- .Namespace -}}  ", ["shop.apps"]],
    ["comments", "{{/* a comment */}}{{ .Name }}{{- /* trimmed */ -}} .x", ["shop.x"]],
    ["if / else if / else", '{{ if eq .Namespace "x" }}a{{ else if eq .Namespace "apps" }}b{{ else }}c{{ end }}', ["b"]],
    ["eq with several candidates", '{{ if eq .Labels.env "dev" "prod" }}yes{{ end }}', ["yes"]],
    ["with rebinds dot, else when empty", "{{ with .Labels.team }}{{ . }}{{ end }}{{ with .Labels.none }}x{{ else }}none{{ end }}", ["Paymentsnone"]],
    ["variables and assignment", '{{ $n := .Name }}{{ if .Labels.env }}{{ $n = printf "%s-%s" $n .Labels.env }}{{ end }}{{ $n }}', ["shop-prod"]],
    ["printf and print", '{{ printf "%s.%s.example.com" .Name .Namespace }} {{ print 1 2 "a" "b" 3 }}', ["shop.apps.example.com 1 2ab3"]],
    ["len and comparisons", "{{ len .Spec.Hostnames }} {{ gt (len .Name) 3 }} {{ lt 1 2 }}", ["2 true true"]],
    ["and/or return operands", '{{ or .Labels.none "fallback" }} {{ and .Name .Namespace }}', ["fallback apps"]],
    ["not", "{{ not .Labels.none }}", ["true"]],
    ["range over a map in key order, break and continue", '{{ range $k, $v := .Labels }}{{ if eq $k "env" }}{{ continue }}{{ end }}{{ $k }}={{ $v }}{{ break }}{{ end }}', ["team=Payments"]],
    ["range else", "{{ range .Spec.Rules }}r{{ else }}no rules{{ end }}", ["no rules"]],
    ["define and template", '{{ define "host" }}{{ .Name }}.example.com{{ end }}{{ template "host" . }}', ["shop.example.com"]],
    ["raw strings and escapes", '{{ `a\\b` }} {{ "tab\\tend" }}', ["a\\b tab\tend"]],
    ["ingress rules (embedded IngressRuleValue)", "{{ range .Spec.Rules }}{{ .Host }},{{ end }}", ["a.example.com", "b.example.com"], ingress],
    ["ingress status", "{{ (index .Status.LoadBalancer.Ingress 0).IP }}", ["1.2.3.4"], ingress],
    ["nil *string IngressClassName prints <nil>", "{{ .Spec.IngressClassName }}", ["<nil>"], ingress],
    ["float from fromJson", "{{ fromJson \"1000000\" }} {{ fromJson \"2.5\" }}", ["1e+06 2.5"]],
  ])("%s", (_n, tmpl, hostnames, obj) => {
    expect(run(tmpl, obj)).toEqual({ ok: true, hostnames });
  });
});

describe("fails the way Go fails (external-dns stops)", () => {
  it.each<[string, string, string]>([
    ["a function on a missing label", "{{ toLower .Labels.missing }}", "invalid value; expected string"],
    ["a named string type is not a string", "{{ range .Spec.Hostnames }}{{ toLower . }}{{ end }}", "wrong type for value; expected string; got v1.Hostname"],
    ["an unknown field of a known type", "{{ .Spec.Nope }}", "can't evaluate field Nope in type v1.HTTPRouteSpec"],
    ["a field of a nil pointer", "{{ (index .Spec.ParentRefs 0).Namespace.Foo }}", "nil pointer evaluating *v1.Namespace.Foo"],
    ["index out of range", "{{ index .Spec.Hostnames 5 }}", "index out of range: 5"],
    ["incompatible comparison", '{{ if eq .Generation "1" }}x{{ end }}', "incompatible types for comparison"],
    ["a field of a string", "{{ .Name.Foo }}", "can't evaluate field Foo in type string"],
  ])("%s", (_n, tmpl, message) => {
    const r = run(tmpl);
    expect(r).toMatchObject({ ok: false, kind: "exec" });
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error).toContain("HTTPRoute apps/shop");
    }
  });

  it.each<[string, string]>([
    ["unclosed action", "{{ .Name "],
    ["undefined function", "{{ upper .Name }}"],
    ["undefined variable", "{{ $x }}"],
    ["end without if", "{{ end }}"],
    ["unterminated if", "{{ if .Name }}x"],
    ["break outside range", "{{ break }}"],
  ])("parse error: %s", (_n, tmpl) => {
    expect(compileFqdnTemplates([tmpl], V21)).toMatchObject({ ok: false, error: expect.stringContaining("template: endpoint:1:") });
  });
});

describe("says so instead of guessing", () => {
  it.each<[string, string]>([
    ["a time value", "{{ .CreationTimestamp }}"],
    ["a whole rule of an unmodelled type", "{{ .Spec.Rules }}x{{ range .Spec.Rules }}{{ . }}{{ end }}"],
  ])("%s", (_n, tmpl) => {
    const obj: KubeObject = { ...route, metadata: { ...route.metadata }, spec: { ...route.spec, rules: [{ matches: [] }] } };
    const r = run(tmpl, obj);
    expect(r).toMatchObject({ ok: false, kind: "unsupported" });
  });
});
