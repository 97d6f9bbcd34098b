import { describe, expect, it } from "vitest";
import { LEGACY_PREFIX } from "../annotations";
import { testConfig, V20, V22 } from "../config.testkit";
import type { ClusterObjects, Config, Endpoint, KubeObject } from "../types";
import { ingressClassProblem, ingressSource } from "./ingress";

const P = LEGACY_PREFIX;

const config = (over: Partial<Config> = {}): Config => testConfig({ sources: ["ingress"], ...over });

interface IngressSpec {
  name?: string;
  namespace?: string;
  hosts?: string[];
  tls?: string[];
  className?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  ips?: string[];
  lbHostnames?: string[];
  lb?: Array<{ ip?: string; hostname?: string }>;
}

function ingress(s: IngressSpec): KubeObject {
  const lb = s.lb ?? [...(s.ips ?? []).map((ip) => ({ ip })), ...(s.lbHostnames ?? []).map((hostname) => ({ hostname }))];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: s.name ?? "test", namespace: s.namespace ?? "default", annotations: s.annotations, labels: s.labels },
    spec: {
      ...(s.className !== undefined ? { ingressClassName: s.className } : {}),
      rules: (s.hosts ?? []).map((host) => ({ host })),
      ...(s.tls ? { tls: [{ hosts: s.tls }] } : {}),
    },
    status: { loadBalancer: { ingress: lb } },
  };
}

function objects(ingresses: KubeObject[]): ClusterObjects {
  return { gateways: [], routes: [], listenerSets: [], ingresses, dnsEndpoints: [], namespaces: [] };
}

/** "name TYPE t1,t2" per endpoint, sorted: map order is unspecified upstream. */
function summary(eps: Endpoint[]): string[] {
  return eps.map((e) => `${e.dnsName} ${e.recordType} ${e.targets.join(",")}`).sort();
}

function run(ings: IngressSpec[], over: Partial<Config> = {}) {
  return ingressSource(objects(ings.map(ingress)), config(over));
}

describe("ingressSource — upstream vectors", () => {
  it("#18 one rule host, two IPv4, two IPv6, two LB hostnames → A, AAAA and one two-target CNAME", () => {
    const r = run([
      {
        hosts: ["foo.bar"],
        ips: ["8.8.8.8", "127.0.0.1", "2606:4700:4700::1111", "2606:4700:4700::1001"],
        lbHostnames: ["elb.com", "alb.com"],
      },
    ]);
    expect(summary(r.endpoints)).toEqual([
      "foo.bar A 127.0.0.1,8.8.8.8",
      "foo.bar AAAA 2606:4700:4700::1001,2606:4700:4700::1111",
      "foo.bar CNAME alb.com,elb.com",
    ]);
    expect(r.endpoints.every((e) => e.labels.resource === "ingress/default/test")).toBe(true);
  });

  it("#18 collects both ip and hostname of a single status entry", () => {
    const r = run([{ hosts: ["foo.bar"], lb: [{ ip: "1.2.3.4", hostname: "lb.example.com" }] }]);
    expect(summary(r.endpoints)).toEqual(["foo.bar A 1.2.3.4", "foo.bar CNAME lb.example.com"]);
  });

  it.each([
    ["no rule host", { hosts: [] as string[] }],
    ["one empty rule host", { hosts: [""] }],
    ["a label over 63 characters", { hosts: [`${"a".repeat(64)}.example.com`] }],
  ])("#19 %s → no endpoints", (_name, spec) => {
    const r = run([{ ...spec, ips: ["8.8.8.8"] }]);
    expect(r.endpoints).toEqual([]);
  });

  it("#19 an overlong label is reported as invalid-hostname", () => {
    const host = `${"a".repeat(64)}.example.com`;
    const r = run([{ hosts: [host], ips: ["8.8.8.8"] }]);
    expect(r.reasons.find((x) => x.code === "invalid-hostname")?.hostnames).toEqual([host]);
  });

  it.each([
    [undefined, ["foo.bar CNAME lb.com", "foo.baz CNAME lb.com"]],
    ["defined-hosts-only", ["foo.bar CNAME lb.com"]],
    ["Defined-Hosts-Only", ["foo.bar CNAME lb.com"]],
    ["annotation-only", ["foo.baz CNAME lb.com"]],
    ["bogus", []],
  ])("#20 ingress-hostname-source=%s", (source, expected) => {
    const annotations: Record<string, string> = { [`${P}hostname`]: "foo.baz" };
    if (source !== undefined) annotations[`${P}ingress-hostname-source`] = source;
    const r = run([{ hosts: ["foo.bar"], annotations, lbHostnames: ["lb.com"] }]);
    expect(summary(r.endpoints)).toEqual(expected);
    if (source === "bogus") {
      const reason = r.reasons.find((x) => x.code === "invalid-annotation");
      expect(reason?.hostnames.sort()).toEqual(["foo.bar", "foo.baz"]);
    }
  });

  it("#21 ingressClassName filtering with --ingress-class=public,dmz", () => {
    const r = run(
      [
        { name: "none", hosts: ["none.example.org"] },
        { name: "public", className: "public", hosts: ["example.org"] },
        { name: "internal", className: "internal", hosts: ["int.example.org"] },
        { name: "dmz", className: "dmz", hosts: ["dmz.example.org"] },
        { name: "annodmz", annotations: { "kubernetes.io/ingress.class": "dmz" }, hosts: ["annodmz.example.org"] },
        {
          name: "int-annodmz",
          className: "internal",
          annotations: { "kubernetes.io/ingress.class": "dmz" },
          hosts: ["int-annodmz.example.org"],
        },
        {
          name: "dmz-annoint",
          className: "dmz",
          annotations: { "kubernetes.io/ingress.class": "internal" },
          hosts: ["dmz-annoint.example.org"],
        },
        {
          name: "empty-annotdmz",
          className: "",
          annotations: { "kubernetes.io/ingress.class": "dmz" },
          hosts: ["empty-annotdmz.example.org"],
        },
        {
          name: "empty-annotint",
          className: "",
          annotations: { "kubernetes.io/ingress.class": "internal" },
          hosts: ["empty-annotint.example.org"],
        },
      ].map((s) => ({ ...s, ips: ["1.2.3.4"] })),
      { ingressClassNames: ["public", "dmz"] },
    );
    expect(r.endpoints.map((e) => e.dnsName).sort()).toEqual([
      "annodmz.example.org",
      "dmz-annoint.example.org",
      "dmz.example.org",
      "empty-annotdmz.example.org",
      "example.org",
    ]);
    const excluded = r.reasons.filter((x) => x.code === "ingress-class").flatMap((x) => x.hostnames).sort();
    expect(excluded).toEqual(["empty-annotint.example.org", "int-annodmz.example.org", "int.example.org", "none.example.org"]);
  });

  it("#22 hostname and target annotations: targets from the annotation, status IP ignored", () => {
    const r = run([
      {
        hosts: ["app.example.com"],
        annotations: { [`${P}hostname`]: "bla.example.org", [`${P}target`]: "target.example.org" },
        ips: ["1.2.3.4"],
      },
    ]);
    expect(summary(r.endpoints)).toEqual(["app.example.com CNAME target.example.org", "bla.example.org CNAME target.example.org"]);
  });

  it.each([
    [false, ["*.example.com A 1.2.3.4", "abc.example.com A 1.2.3.4"]],
    [true, ["abc.example.com A 1.2.3.4"]],
  ])("#23 TLS wildcard hosts with --ignore-ingress-tls-spec=%s", (ignore, expected) => {
    const r = run([{ hosts: ["abc.example.com"], tls: ["*.example.com"], ips: ["1.2.3.4"] }], { ignoreIngressTLSSpec: ignore });
    expect(summary(r.endpoints)).toEqual(expected);
    if (ignore) expect(r.reasons.find((x) => x.code === "ignored-by-flag")?.hostnames).toEqual(["*.example.com"]);
  });

  it("#24 same host, different IPs from two Ingresses merge into one A (v0.21+)", () => {
    const r = run([
      { name: "a", className: "public", hosts: ["example.org"], ips: ["10.0.0.1"] },
      { name: "b", className: "dmz", hosts: ["example.org"], ips: ["10.0.0.2"] },
    ]);
    expect(summary(r.endpoints)).toEqual(["example.org A 10.0.0.1,10.0.0.2"]);
    expect(r.endpoints[0].labels.resource).toBe("ingress/default/a");
  });

  it("#24 different CNAME targets for one host stay separate, each with its own resource", () => {
    const r = run([
      { name: "keycloak", hosts: ["keycloak.blah.com"], lbHostnames: ["lb1.com"] },
      {
        name: "keycloak-another",
        hosts: ["keycloak.blah.com"],
        annotations: { [`${P}hostname`]: "anotherkeycloak.blah.com" },
        lbHostnames: ["lb2.com"],
      },
    ]);
    expect(summary(r.endpoints)).toEqual([
      "anotherkeycloak.blah.com CNAME lb2.com",
      "keycloak.blah.com CNAME lb1.com",
      "keycloak.blah.com CNAME lb2.com",
    ]);
    const resources = r.endpoints.filter((e) => e.dnsName === "keycloak.blah.com").map((e) => e.labels.resource).sort();
    expect(resources).toEqual(["ingress/default/keycloak", "ingress/default/keycloak-another"]);
  });

  it("v0.20 does not merge across Ingresses but sorts each endpoint's targets", () => {
    const r = run(
      [
        { name: "a", hosts: ["example.org"], ips: ["10.0.0.9", "10.0.0.1"] },
        { name: "b", hosts: ["example.org"], ips: ["10.0.0.2"] },
      ],
      { version: V20 },
    );
    expect(summary(r.endpoints)).toEqual(["example.org A 10.0.0.1,10.0.0.9", "example.org A 10.0.0.2"]);
  });
});

describe("ingressSource — filters", () => {
  it("seed: --ingress-class=external keeps only class external", () => {
    const r = run(
      [
        { name: "public-app", className: "external", hosts: ["app.example.com"], ips: ["192.168.0.239"] },
        { name: "lan-app", className: "internal", hosts: ["lan.example.com"], ips: ["192.168.0.240"] },
      ],
      { ingressClassNames: ["external"] },
    );
    expect(summary(r.endpoints)).toEqual(["app.example.com A 192.168.0.239"]);
    const reason = r.reasons.find((x) => x.code === "ingress-class");
    expect(reason).toMatchObject({ resource: "ingress/default/lan-app", hostnames: ["lan.example.com"], severity: "info" });
    expect(reason?.message).toContain('"internal"');
  });

  it.each([
    ["no class filter", [], "x", undefined, false],
    ["class matches", ["a"], "a", undefined, false],
    ["legacy annotation ignored when spec class set", ["a"], "b", "a", true],
    ["no class at all", ["a"], undefined, undefined, true],
    ["empty spec class falls back to annotation", ["a"], "", "a", false],
  ])("ingressClassProblem: %s", (_n, classes, specClass, legacy, excluded) => {
    const ing = ingress({
      className: specClass as string | undefined,
      annotations: legacy ? { "kubernetes.io/ingress.class": legacy as string } : undefined,
    });
    expect(ingressClassProblem(ing, classes as string[]) !== undefined).toBe(excluded);
  });

  it("the legacy-annotation note explains why a matching annotation did not help", () => {
    const ing = ingress({ className: "b", annotations: { "kubernetes.io/ingress.class": "a" } });
    expect(ingressClassProblem(ing, ["a"])).toContain("ignored because spec.ingressClassName is set");
  });

  it.each([
    ["namespace", { namespace: "other" }, { namespace: "apps" }, "namespace-filter"],
    ["label", { labels: { team: "b" } }, { labelFilter: "team=a" }, "label-filter"],
    ["annotation", { annotations: { "x/y": "2" } }, { annotationFilter: "x/y=1" }, "annotation-filter"],
    ["controller", { annotations: { [`${P}controller`]: "none" } }, {}, "controller-annotation"],
  ])("%s filter excludes and says so", (_n, spec, over, code) => {
    const r = run([{ hosts: ["app.example.com"], ips: ["1.2.3.4"], ...(spec as IngressSpec) }], over as Partial<Config>);
    expect(r.endpoints).toEqual([]);
    expect(r.reasons.find((x) => x.code === code)?.hostnames).toEqual(["app.example.com"]);
  });

  it("filters that match let the Ingress through", () => {
    const r = run([{ hosts: ["a.example.com"], ips: ["1.2.3.4"], labels: { team: "a" }, annotations: { [`${P}controller`]: "dns-controller" } }], {
      labelFilter: "team=a",
      namespace: "default",
    });
    expect(summary(r.endpoints)).toEqual(["a.example.com A 1.2.3.4"]);
  });

  it("a malformed --label-filter voids the source with an error", () => {
    const r = run([{ hosts: ["a.example.com"], ips: ["1.2.3.4"] }], { labelFilter: "a in (" });
    expect(r.endpoints).toEqual([]);
    expect(r.reasons[0]).toMatchObject({ code: "label-filter", severity: "error", resource: "config" });
  });
});

describe("ingressSource — annotations", () => {
  it("TTL, set identifier and provider properties come from the Ingress", () => {
    const r = run([
      {
        hosts: ["a.example.com"],
        ips: ["1.2.3.4"],
        annotations: { [`${P}ttl`]: "10m", [`${P}set-identifier`]: "blue", [`${P}cloudflare-proxied`]: "true" },
      },
    ]);
    expect(r.endpoints[0]).toMatchObject({
      recordTTL: 600,
      setIdentifier: "blue",
      providerSpecific: [{ name: `${P}cloudflare-proxied`, value: "true" }],
    });
  });

  it("an unparsable TTL is TTL 0 with an invalid-annotation warning", () => {
    const r = run([{ hosts: ["a.example.com"], ips: ["1.2.3.4"], annotations: { [`${P}ttl`]: "abc" } }]);
    expect(r.endpoints[0].recordTTL).toBe(0);
    expect(r.reasons.find((x) => x.code === "invalid-annotation")).toMatchObject({ severity: "warning", hostnames: ["a.example.com"] });
  });

  it("v0.22 ignores alpha-prefixed annotations and says so, hostnames included", () => {
    const r = run(
      [
        {
          hosts: ["a.example.com"],
          ips: ["1.2.3.4"],
          annotations: { [`${LEGACY_PREFIX}hostname`]: "b.example.com", [`${LEGACY_PREFIX}controller`]: "none" },
        },
      ],
      { version: V22 },
    );
    expect(summary(r.endpoints)).toEqual(["a.example.com A 1.2.3.4"]);
    const mismatches = r.reasons.filter((x) => x.code === "annotation-prefix-mismatch");
    expect(mismatches).toHaveLength(2);
    expect(mismatches.find((x) => x.message.includes("hostname"))?.hostnames.sort()).toEqual(["a.example.com", "b.example.com"]);
    expect(mismatches.find((x) => x.message.includes("controller"))?.message).toContain("does NOT exclude");
  });

  it("annotations read on other kinds only are flagged annotation-ignored-here", () => {
    const r = run([{ hosts: ["a.example.com"], ips: ["1.2.3.4"], annotations: { [`${P}internal-hostname`]: "x.example.com" } }]);
    expect(r.reasons.find((x) => x.code === "annotation-ignored-here")?.hostnames).toEqual(["a.example.com"]);
  });

  it("record-type is flagged as unread before v0.21", () => {
    const r = run([{ hosts: ["a.example.com"], ips: ["1.2.3.4"], annotations: { [`${P}record-type`]: "A" } }], { version: V20 });
    expect(r.reasons.some((x) => x.code === "annotation-ignored-here" && x.message.includes("record-type"))).toBe(true);
  });

  it("a target annotation trims trailing dots and splits on commas", () => {
    const r = run([{ hosts: ["a.example.com"], annotations: { [`${P}target`]: "lb.example.com., 5.6.7.8" } }]);
    expect(summary(r.endpoints)).toEqual(["a.example.com A 5.6.7.8", "a.example.com CNAME lb.example.com"]);
  });

  it("no targets at all → no-targets with the hostnames", () => {
    const r = run([{ hosts: ["a.example.com"], tls: ["b.example.com"] }]);
    expect(r.endpoints).toEqual([]);
    expect(r.reasons.find((x) => x.code === "no-targets")?.hostnames).toEqual(["a.example.com", "b.example.com"]);
  });

  it("--ignore-hostname-annotation drops annotation hosts and reports them", () => {
    const r = run([{ hosts: ["a.example.com"], ips: ["1.2.3.4"], annotations: { [`${P}hostname`]: "B.example.com." } }], {
      ignoreHostnameAnnotation: true,
      fqdnTemplate: "{{.Name}}.example.com",
    });
    expect(summary(r.endpoints)).toEqual(["a.example.com A 1.2.3.4"]);
    expect(r.reasons.find((x) => x.code === "ignored-by-flag")?.hostnames).toEqual(["b.example.com"]);
  });

  // v0.20.0 source/ingress.go Endpoints / v0.21.0 Engine.CombineWithEndpoints: the template runs
  // when the Ingress produced no endpoints, or always with --combine-fqdn-annotation.
  it.each<[string, boolean, string[], string[]]>([
    ["when the Ingress has no endpoints", false, [], ["test.example.com A 1.2.3.4"]],
    ["not when it has endpoints", false, ["a.example.com"], ["a.example.com A 1.2.3.4"]],
    ["always with --combine-fqdn-annotation", true, ["a.example.com"], ["a.example.com A 1.2.3.4", "test.example.com A 1.2.3.4"]],
  ])("fqdn-template names the Ingress %s", (_n, combine, hosts, expected) => {
    const r = run([{ hosts, ips: ["1.2.3.4"] }], { fqdnTemplate: "{{.Name}}.example.com", combineFqdnAndAnnotation: combine });
    expect(summary(r.endpoints).sort()).toEqual(expected);
    expect(r.error).toBeUndefined();
  });

  it("a template that fails on an Ingress fails the whole source (external-dns plans nothing)", () => {
    const r = run([{ hosts: [], ips: ["1.2.3.4"] }], { fqdnTemplate: "{{ toLower .Labels.team }}.example.com" });
    expect(r.error).toContain("failed to apply template on Ingress default/test");
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: "fqdn-template-error", severity: "error", resource: "ingress/default/test" }));
  });

  it("an Ingress excluded by its controller annotation never runs the template", () => {
    const r = run([{ hosts: [], ips: ["1.2.3.4"], annotations: { [`${P}controller`]: "other" } }], { fqdnTemplate: "{{ toLower .Labels.team }}.example.com" });
    expect(r.error).toBeUndefined();
  });

  it("each produced endpoint has an endpoint-produced reason", () => {
    const r = run([{ name: "web", hosts: ["Web.Example.com"], ips: ["1.2.3.4"] }]);
    expect(r.reasons.find((x) => x.code === "endpoint-produced")).toMatchObject({
      severity: "info",
      resource: "ingress/default/web",
      hostnames: ["web.example.com"],
      message: expect.stringContaining("Web.Example.com → A 1.2.3.4"),
    });
  });

  it("hostnames are kept as written (no lower-casing), trailing dot trimmed", () => {
    const r = run([{ hosts: ["App.Example.com."], ips: ["1.2.3.4"] }]);
    expect(r.endpoints[0].dnsName).toBe("App.Example.com");
  });
});
