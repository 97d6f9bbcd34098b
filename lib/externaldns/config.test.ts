// configFromArgs defaults and startup checks, version and annotation prefix, and the config file forms.
import { describe, expect, it } from "vitest";
import { GA_PREFIX, LEGACY_PREFIX } from "./annotations";
import { configFromArgs, parseConfigText, type ConfigOverrides } from "./config";
import { AT_V21 as V21, BASE_ARGS as BASE, argsConfig as cfg, errorsOf as errors, warningsOf as warnings } from "./config.testkit";
import { InputError } from "./errors";
import type { Config } from "./types";

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

describe("configFromArgs: startup errors", () => {
  it.each<[string, string[], string, ConfigOverrides?]>([
    ["both txt-prefix and txt-suffix", ["--txt-prefix=a.", "--txt-suffix=-b"], "--txt-prefix"],
    ["empty txt-owner-id", ["--txt-owner-id="], "--txt-owner-id"],
    ["ignore-hostname-annotation without fqdn-template", ["--ignore-hostname-annotation"], "--ignore-hostname-annotation"],
    ["an fqdn-template that does not parse", ["--fqdn-template={{ .Name"], "--fqdn-template"],
    // template.NewEngine parses the target templates at start, whatever the sources (v0.21.0 source/store.go).
    ["a target-template that does not parse", ["--target-template={{ .Name"], "--target-template"],
    ["an fqdn-target-template that does not parse (v0.22: the value's index)", ["--fqdn-target-template={{ end }}"], "--fqdn-target-template", { version: "v0.22.0" }],
    ["target-template before v0.21.0", ["--target-template=1.2.3.4"], "--target-template", { version: "v0.20.0" }],
    ["an fqdn-template function the version lacks (hasKey before v0.21)", ['--fqdn-template={{ if hasKey .Labels "a" }}x{{ end }}'], "--fqdn-template", { version: "v0.20.0" }],
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
    [["--source=node"], "--source=node", /source "node" is not modelled/],
    [["--registry=noop"], "--registry", /registry "noop" is not modelled/],
    [["--crd-source-kind=Other"], "--crd-source-kind", /no effect from v0.21.0/],
  ])("%j warns", (extra, flag, message) => {
    expect(cfg(extra).issues).toEqual([expect.objectContaining({ severity: "warning", flag, message: expect.stringMatching(message) })]);
  });

  it("--dry-run: external-dns writes nothing itself, and dnsdrift says so", () => {
    expect(cfg(["--dry-run"]).issues).toEqual([expect.objectContaining({ severity: "warning", flag: "--dry-run", message: expect.stringMatching(/makes none itself/) })]);
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
    expect(c.issues).toEqual([{ severity: "warning", flag: "version", message: expect.stringMatching(/version unknown, assuming v0.22.0/), unmodelled: "config" }]);
  });

  it("rejects an override that is not a version", () => {
    expect(() => configFromArgs(BASE, { version: "latest" })).toThrow(/not an external-dns version/);
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
    ["a non-string extraArgs item", "provider: cloudflare\nextraArgs:\n- --once\n- --dry-run\n- 5000\n", "examples/seed/values.yaml: extraArgs[2]: got a number, the chart wants a string"],
    ["sources not a list", "provider: cloudflare\nsources: crd\n", "examples/seed/values.yaml: sources: got a string, the chart wants a list"],
    ["provider of the wrong type", "provider: 3\n", "examples/seed/values.yaml: provider: got a number, the chart wants a mapping or a string"],
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

describe("configFromArgs: the service source's flags", () => {
  const base = ["--provider=cloudflare", "--source=service", "--policy=sync"];
  it("reads every service flag into the config, with external-dns's defaults", () => {
    const c = configFromArgs([...base, "--publish-internal-services", "--publish-host-ip", "--always-publish-not-ready-addresses", "--service-type-filter=LoadBalancer", "--service-type-filter=NodePort", "--expose-internal-ipv6", "--no-exclude-unschedulable"]);
    expect(c).toMatchObject({ publishInternalServices: true, publishHostIP: true, alwaysPublishNotReadyAddresses: true, serviceTypeFilter: ["LoadBalancer", "NodePort"], exposeInternalIPv6: true, excludeUnschedulable: false });
    expect(configFromArgs(base).excludeUnschedulable).toBe(true);
    expect(configFromArgs([...base, "--compatibility=kops-dns-controller"], { version: "v0.21.0" })).toMatchObject({ compatibility: "kops-dns-controller", issues: [] });
  });
  it.each<[string, "error" | "warning", RegExp]>([
    ["--service-type-filter=Headless", "error", /unsupported service type filter "Headless"/],
    ["--compatibility=bogus", "error", /not one of mate, molecule, kops-dns-controller/],
    ["--resolve-service-load-balancer-hostname", "warning", /does not resolve them/],
  ])("%s → %s", (arg, severity, message) => {
    expect(configFromArgs([...base, arg], { version: "v0.21.0" }).issues).toContainEqual(expect.objectContaining({ severity, message: expect.stringMatching(message) }));
  });
});
