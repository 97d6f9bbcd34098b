import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ConfigSummary, ExplainDocument, Fix, ReasonJSON } from "../api/types";
import type { ExplainRecordJSON } from "./plan-json";
import { fixesFor } from "./fixes";
import { labelsForSelector, objectOf } from "./fix-objects";

const ALPHA = "external-dns.alpha.kubernetes.io/";
const GA = "external-dns.kubernetes.io/";

const config: ConfigSummary = {
  version: "v0.20.0",
  annotationPrefix: ALPHA,
  annotationPrefixExplicit: false,
  provider: "cloudflare",
  policy: "sync",
  ownerId: "default",
  sources: ["crd", "ingress", "gateway-httproute"],
  domainFilters: ["example.com"],
  excludeDomains: [],
  regexDomainFilter: "",
  regexDomainExclusion: "",
  txtPrefix: "k8s.",
  txtSuffix: "",
  txtWildcardReplacement: "",
  proxiedDefault: true,
  gatewayLabelFilter: `${ALPHA}enabled=true`,
  gatewayName: "",
  gatewayNamespace: "",
  ingressClasses: ["external"],
  labelFilter: "",
  annotationFilter: "",
  managedRecordTypes: ["A", "AAAA", "CNAME"],
  interval: "1m",
  issues: [],
};

const reason = (code: string, resource: string, message: string, severity: ReasonJSON["severity"] = "warning"): ReasonJSON => ({ code, resource, message, severity });

function doc(hostname: string, d: Partial<ExplainDocument>): ExplainDocument {
  return { hostname, verdict: "not-desired", reasons: [], desired: [], records: [], changes: [], ...d };
}

const record = (r: Partial<ExplainRecordJSON> & Pick<ExplainRecordJSON, "name" | "type" | "content">): ExplainRecordJSON => ({
  id: "rec1",
  zone: "example.com",
  proxied: false,
  ttl: 1,
  ...r,
});

const desiredCname = (name: string, resource: string) => ({ name, type: "CNAME", targets: ["external.example.com"], ttl: 0, proxied: true, resource });

interface Case {
  name: string;
  doc: ExplainDocument;
  config?: Partial<ConfigSummary>;
  /** The fixes expected, in order; each compared on the fields it names. */
  expect: { code: string; title: RegExp; patch?: { resource: string; yaml: unknown }; command?: string; record?: Fix["record"] }[];
}

const cases: Case[] = [
  {
    name: "a ClusterIP Service's hostname without --publish-internal-services → name it by internal-hostname",
    config: { sources: ["service"] },
    doc: doc("api.example.com", {
      reasons: [reason("internal-service", "service/web/api", "ClusterIP Service: external-dns publishes its hostname only with --publish-internal-services", "info")],
    }),
    expect: [
      {
        code: "internal-service",
        title: /internal-hostname on Service web\/api/,
        patch: { resource: "service/web/api", yaml: { apiVersion: "v1", kind: "Service", metadata: { name: "api", namespace: "web", annotations: { [`${ALPHA}internal-hostname`]: "api.example.com" } } } },
        command: `kubectl annotate --overwrite service -n web api ${ALPHA}internal-hostname=api.example.com`,
      },
    ],
  },
  {
    name: "a Service left out by --label-filter → add the label",
    config: { sources: ["service"], labelFilter: "team=web" },
    doc: doc("shop.example.com", { reasons: [reason("label-filter", "service/web/shop", "labels do not match --label-filter=team=web", "info")] }),
    expect: [
      {
        code: "label-filter",
        title: /Service web\/shop/,
        patch: { resource: "service/web/shop", yaml: { apiVersion: "v1", kind: "Service", metadata: { name: "shop", namespace: "web", labels: { team: "web" } } } },
        command: "kubectl label service -n web shop team=web",
      },
    ],
  },
  {
    name: "route behind a Gateway the label filter excludes → label the Gateway",
    doc: doc("grafana.example.com", {
      reasons: [
        reason("gateway-label-filter", "httproute/observability/grafana", `parent Gateway networking/envoy-internal does not match --gateway-label-filter ${ALPHA}enabled=true`, "info"),
      ],
    }),
    expect: [
      {
        code: "gateway-label-filter",
        title: /Gateway networking\/envoy-internal/,
        patch: {
          resource: "gateway/networking/envoy-internal",
          yaml: {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "Gateway",
            metadata: { name: "envoy-internal", namespace: "networking", labels: { [`${ALPHA}enabled`]: "true" } },
          },
        },
        command: `kubectl label gateway -n networking envoy-internal ${ALPHA}enabled=true`,
      },
    ],
  },
  {
    name: "label filter a person must choose a value for → described, no patch",
    config: { gatewayLabelFilter: "tier in (public,edge)" },
    doc: doc("grafana.example.com", {
      reasons: [reason("gateway-label-filter", "httproute/observability/grafana", "parent Gateway networking/envoy-internal does not match --gateway-label-filter tier in (public,edge)", "info")],
    }),
    expect: [{ code: "gateway-label-filter", title: /Label Gateway networking\/envoy-internal/ }],
  },
  {
    name: "annotations with the old prefix after an upgrade → rename the keys",
    config: { version: "v0.22.0", annotationPrefix: GA },
    doc: doc("api.example.com", {
      verdict: "will-update",
      reasons: [
        reason("annotation-prefix-mismatch", "httproute/default/api", `annotation ${ALPHA}cloudflare-proxied on HTTPRoute default/api is ignored: external-dns v0.22.0 reads only the prefix ${GA}; write it as ${GA}cloudflare-proxied`),
        reason("annotation-prefix-mismatch", "httproute/default/api", `annotation ${ALPHA}ttl on HTTPRoute default/api is ignored: external-dns v0.22.0 reads only the prefix ${GA}; write it as ${GA}ttl`),
        reason("annotation-prefix-mismatch", "gateway/networking/envoy-external", `annotation ${ALPHA}target on Gateway networking/envoy-external is ignored: external-dns v0.22.0 reads only the prefix ${GA}; write it as ${GA}target (targets fall back to the Gateway's status.addresses)`),
      ],
    }),
    expect: [
      {
        code: "annotation-prefix-mismatch",
        title: /Gateway networking\/envoy-external/,
        patch: {
          resource: "gateway/networking/envoy-external",
          yaml: {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "Gateway",
            metadata: { name: "envoy-external", namespace: "networking", annotations: { [`${ALPHA}target`]: null, [`${GA}target`]: `<value of ${ALPHA}target>` } },
          },
        },
      },
      {
        code: "annotation-prefix-mismatch",
        title: /2 annotations on HTTPRoute default\/api/,
        patch: {
          resource: "httproute/default/api",
          yaml: {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: {
              name: "api",
              namespace: "default",
              annotations: {
                [`${ALPHA}cloudflare-proxied`]: null,
                [`${GA}cloudflare-proxied`]: `<value of ${ALPHA}cloudflare-proxied>`,
                [`${ALPHA}ttl`]: null,
                [`${GA}ttl`]: `<value of ${ALPHA}ttl>`,
              },
            },
          },
        },
      },
    ],
  },
  {
    name: "cloudflare-proxied on the Gateway → move it to the route",
    doc: doc("app.example.com", {
      verdict: "will-update",
      desired: [desiredCname("app.example.com", "httproute/default/app")],
      reasons: [
        reason("annotation-ignored-here", "gateway/networking/envoy-external", `annotation ${ALPHA}cloudflare-proxied on Gateway networking/envoy-external is ignored: external-dns reads cloudflare-proxied from the routes only (nothing is inherited from the Gateway); set ${ALPHA}cloudflare-proxied on each route, or rely on --cloudflare-proxied (currently on)`),
        reason("endpoint-produced", "httproute/default/app", "host app.example.com via Gateway networking/envoy-external listener https → CNAME external.example.com", "info"),
      ],
    }),
    expect: [
      {
        code: "annotation-ignored-here",
        title: /from Gateway networking\/envoy-external to HTTPRoute default\/app/,
        patch: {
          resource: "httproute/default/app",
          yaml: {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: { name: "app", namespace: "default", annotations: { [`${ALPHA}cloudflare-proxied`]: `<value of ${ALPHA}cloudflare-proxied on the Gateway>` } },
          },
        },
      },
    ],
  },
  {
    name: "target on a route → move it to the parent Gateway",
    doc: doc("app.example.com", {
      verdict: "will-create",
      reasons: [
        reason("annotation-ignored-here", "httproute/default/app", `annotation ${ALPHA}target on HTTPRoute default/app is ignored: targets come only from the parent Gateway (or ListenerSet); set ${ALPHA}target on the Gateway instead`),
        reason("endpoint-produced", "httproute/default/app", "host app.example.com via Gateway networking/envoy-external listener https → A 192.168.0.239", "info"),
      ],
    }),
    expect: [
      { code: "annotation-ignored-here", title: /to Gateway networking\/envoy-external/, command: `kubectl annotate --overwrite gateway -n networking envoy-external ${ALPHA}target="$(kubectl get httproute -n default app -o jsonpath='{.metadata.annotations.external-dns\\.alpha\\.kubernetes\\.io/target}')" && kubectl annotate httproute -n default app ${ALPHA}target-` },
    ],
  },
  {
    name: "controller annotation → remove it",
    doc: doc("redirect.example.com", {
      reasons: [reason("controller-annotation", "httproute/networking/redirect", `HTTPRoute networking/redirect has ${ALPHA}controller=none, not dns-controller, so external-dns skips it`, "info")],
    }),
    expect: [
      {
        code: "controller-annotation",
        title: /Remove external-dns\.alpha\.kubernetes\.io\/controller from HTTPRoute networking\/redirect/,
        command: `kubectl annotate httproute -n networking redirect ${ALPHA}controller-`,
        patch: {
          resource: "httproute/networking/redirect",
          yaml: { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "redirect", namespace: "networking", annotations: { [`${ALPHA}controller`]: null } } },
        },
      },
    ],
  },
  {
    name: "manual record blocks the name → delete it, or adopt it with the exact TXT",
    doc: doc("blog.example.com", {
      verdict: "blocked",
      desired: [desiredCname("blog.example.com", "httproute/default/blog")],
      records: [record({ id: "r11", name: "blog.example.com", type: "A", content: "203.0.113.10", owner: "" })],
      reasons: [
        reason("unowned-record", "httproute/default/blog", "A blog.example.com exists without an ownership TXT record (unowned), so external-dns will not create CNAME blog.example.com next to it"),
        reason("unowned-record", "record/A/blog.example.com", "A blog.example.com exists without an ownership TXT record (unowned), so external-dns will not delete it", "info"),
      ],
    }),
    expect: [
      { code: "unowned-record", title: /Delete the manual record A blog\.example\.com/, record: { action: "delete", zone: "example.com", type: "A", name: "blog.example.com", content: "203.0.113.10", id: "r11" } },
      {
        code: "unowned-record",
        title: /adopt/,
        record: { action: "create", zone: "example.com", type: "TXT", name: "k8s.a-blog.example.com", content: '"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/blog"' },
      },
    ],
  },
  {
    name: "a leftover unowned record nobody wants needs no fix",
    doc: doc("example.com", {
      records: [record({ name: "example.com", type: "A", content: "203.0.113.1", owner: "" })],
      reasons: [reason("unowned-record", "record/A/example.com", "A example.com exists without an ownership TXT record (unowned), so external-dns will not delete it", "info")],
    }),
    expect: [],
  },
  {
    name: "record of another owner → stop it there, or take over the TXT",
    doc: doc("shop.example.com", {
      verdict: "blocked",
      desired: [desiredCname("shop.example.com", "httproute/default/shop")],
      records: [
        record({ name: "shop.example.com", type: "CNAME", content: "staging.example.com", owner: "staging", resource: "httproute/default/shop" }),
        record({ id: "t1", name: "k8s.cname-shop.example.com", type: "TXT", content: '"heritage=external-dns,external-dns/owner=staging,external-dns/resource=httproute/default/shop"', ownershipOf: { name: "shop.example.com", type: "CNAME", format: "new" } }),
      ],
      reasons: [reason("owned-by-other", "httproute/default/shop", 'CNAME shop.example.com is owned by "staging", not by this external-dns ("default"), so external-dns will not update it to [external.example.com]')],
    }),
    expect: [
      { code: "owned-by-other", title: /owner id "staging"/ },
      {
        code: "owned-by-other",
        title: /take it over/,
        record: { action: "update", zone: "example.com", type: "TXT", name: "k8s.cname-shop.example.com", content: '"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/shop"', id: "t1" },
      },
    ],
  },
  {
    name: "proxied turned off by hand at Cloudflare → approve, or keep it with an annotation",
    doc: doc("app.example.com", {
      verdict: "will-update",
      changes: [
        { action: "update", zone: "example.com", name: "app.example.com", type: "CNAME", content: "external.example.com", proxied: true, ttl: 1, resource: "httproute/default/app", previous: { content: "external.example.com", proxied: false, ttl: 1 } },
      ],
      reasons: [reason("pending-update", "httproute/default/app", "Cloudflare's CNAME app.example.com differs from the desired record: proxied false → true", "info")],
    }),
    expect: [
      { code: "pending-update", title: /Apply the update to CNAME app\.example\.com/ },
      {
        code: "pending-update",
        title: /keep Cloudflare's value/,
        command: `kubectl annotate --overwrite httproute -n default app ${ALPHA}cloudflare-proxied=false`,
        patch: {
          resource: "httproute/default/app",
          yaml: { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "app", namespace: "default", annotations: { [`${ALPHA}cloudflare-proxied`]: "false" } } },
        },
      },
    ],
  },
  {
    name: "TTL set by hand at Cloudflare → keep it with a ttl annotation",
    doc: doc("legacy.example.com", {
      verdict: "will-update",
      changes: [
        { action: "update", zone: "example.com", name: "legacy.example.com", type: "CNAME", content: "external.example.com", proxied: false, ttl: 1, resource: "ingress/default/legacy", previous: { content: "external.example.com", proxied: false, ttl: 300 } },
      ],
      reasons: [reason("pending-update", "ingress/default/legacy", "differs: ttl 300 → 1", "info")],
    }),
    expect: [
      { code: "pending-update", title: /Apply the update/ },
      { code: "pending-update", title: /Ingress default\/legacy/, command: `kubectl annotate --overwrite ingress -n default legacy ${ALPHA}ttl=300` },
    ],
  },
  {
    name: "policy forbids the delete → switch to sync",
    config: { policy: "upsert-only" },
    doc: doc("old.example.com", {
      verdict: "blocked",
      reasons: [reason("policy", "httproute/default/old", "--policy=upsert-only drops the delete of CNAME old.example.com [external.example.com]")],
    }),
    expect: [{ code: "policy", title: /--policy=upsert-only/, patch: { resource: "external-dns Helm values", yaml: { policy: "sync" } } }],
  },
  {
    name: "ingress class not watched → add the class to external-dns",
    doc: doc("admin.example.com", { reasons: [reason("ingress-class", "ingress/default/admin", 'spec.ingressClassName "internal" is not one of --ingress-class=external', "info")] }),
    expect: [{ code: "ingress-class", title: /ingress class "internal"/, patch: { resource: "external-dns Helm values (add to extraArgs)", yaml: { extraArgs: ["--ingress-class=internal"] } } }],
  },
  {
    name: "outside the domain filter → add the zone",
    doc: doc("app.other.org", { reasons: [reason("domain-filter", "httproute/default/x", "CNAME app.other.org is outside the domain filter", "info")] }),
    expect: [{ code: "domain-filter", title: /outside --domain-filter/, patch: { resource: "external-dns Helm values", yaml: { domainFilters: ["example.com", "other.org"] } } }],
  },
  {
    name: "a route the Gateway controller refused → described with the route",
    doc: doc("x.example.com", { reasons: [reason("route-not-accepted", "httproute/default/x", "Gateway networking/envoy-external has not accepted the route")] }),
    expect: [{ code: "route-not-accepted", title: /refused the route/ }],
  },
  {
    name: "in sync → nothing to fix",
    doc: doc("api.example.com", { verdict: "in-sync", reasons: [reason("in-sync", "httproute/default/api", "already matches", "info")] }),
    expect: [],
  },
];

describe("fixesFor", () => {
  it.each(cases)("$name", ({ doc: d, config: overrides, expect: want }) => {
    const got = fixesFor(d, { ...config, ...overrides });
    expect(got.map((f) => f.code)).toEqual(want.map((w) => w.code));
    want.forEach((w, i) => {
      const f = got[i];
      expect(f.title).toMatch(w.title);
      expect(f.description.length).toBeGreaterThan(0);
      if (w.patch) {
        expect(f.patch?.resource).toBe(w.patch.resource);
        expect(parse(f.patch?.yaml ?? "")).toEqual(w.patch.yaml);
      }
      if (w.command) expect(f.command).toBe(w.command);
      if (w.record) expect(f.record).toEqual(w.record);
    });
  });
});

describe("labelsForSelector", () => {
  it.each([
    ["a=b", { a: "b" }],
    ["a==b, c=d", { a: "b", c: "d" }],
    [`${ALPHA}enabled=true`, { [`${ALPHA}enabled`]: "true" }],
    ["a", { a: "" }],
    ["a!=b", undefined],
    ["a in (b,c)", undefined],
    ["!a", undefined],
    ["", undefined],
  ])("%s", (selector, want) => {
    expect(labelsForSelector(selector)).toEqual(want);
  });
});

describe("objectOf", () => {
  it.each([
    ["httproute/default/app", { label: "httproute", kind: "HTTPRoute", namespace: "default", name: "app" }],
    ["crd/networking/cloudflared", { label: "crd", kind: "DNSEndpoint", namespace: "networking", name: "cloudflared" }],
    ["ingress/default/legacy", { label: "ingress", kind: "Ingress", namespace: "default", name: "legacy" }],
    ["record/A/example.com", undefined],
    ["config", undefined],
  ])("%s", (resource, want) => {
    const got = objectOf(resource);
    if (!want) expect(got).toBeUndefined();
    else expect(got).toMatchObject(want);
  });
});
