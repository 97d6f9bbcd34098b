// The per-release flag table against upstream's pkg/apis/externaldns/types.go at v0.20.0,
// v0.21.0 and v0.22.0 (bindFlags and App()), and what the parser does with each row.
import { describe, expect, it } from "vitest";
import { configFromArgs } from "./config";
import { FLAGS } from "./config-flags";
import { BASE_ARGS, errorsOf } from "./config.testkit";
import { ENUMS, FLAG_TABLE, RELEASES } from "./flag-table";

const V = (r: number) => ({ version: `v0.${r}.0` });

describe("rows checked by hand against types.go", () => {
  it.each<[string, string, string]>([
    // flag, kinds (v0.20.0 v0.21.0 v0.22.0), where upstream binds it
    ["min-ttl", "-dd", "absent at v0.20.0 (MinTTL has no flag there); v0.21.0 L724 and v0.22.0 L678 b.DurationVar"],
    ["batch-change-size", "-ii", "added in v0.21.0 (L617), v0.22.0 L584"],
    ["batch-change-interval", "-dd", "added in v0.21.0 (L618)"],
    ["gateway-listener-sets", "-bb", "added in v0.21.0 (L558), v0.22.0 L525"],
    ["create-ptr", "-bb", "added in v0.21.0 (L581)"],
    ["prefer-alias", "-bb", "added in v0.21.0 (L550)"],
    ["fqdn-template", "ssl", "b.StringVar at v0.20.0 L626 and v0.21.0 L739; b.StringsVar (repeatable) at v0.22.0 L693"],
    ["target-template", "-sl", "added in v0.21.0 as a string, a list from v0.22.0"],
    ["cf-api-endpoint", "s--", "the cloudfoundry source's flag, v0.20.0 L601 only"],
    ["akamai-edgerc-path", "ss-", "the Akamai provider is gone from v0.22.0"],
    ["rfc2136-axfr", "--b", "added in v0.22.0"],
    ["txt-wildcard-replacement", "sss", "v0.20.0 L787, v0.21.0 L710, v0.22.0 L664"],
    ["target-net-filter", "lll", "b.StringsVar at every release"],
    ["exclude-target-net", "lll", "b.StringsVar at every release"],
    ["managed-record-types", "lll", "b.StringsVar at every release"],
    ["exclude-record-types", "lll", "b.StringsVar at every release"],
    ["default-targets", "lll", "b.StringsVar at every release"],
    ["registry", "eee", "b.EnumVar at every release"],
    ["source", "lll", "app.Flag(...).EnumsVar in App()"],
  ])("--%s is %s (%s)", (flag, kinds) => {
    expect(FLAG_TABLE[flag][0]).toBe(kinds);
  });

  it.each([
    ["registry", 20, ["txt", "noop", "dynamodb", "aws-sd"]],
    ["registry", 22, ["aws-sd", "crd", "dynamodb", "noop", "txt"]],
    ["policy", 22, ["", "sync", "upsert-only", "create-only"]],
  ] as const)("--%s accepts at v0.%i.0: %j", (flag, release, values) => {
    expect(ENUMS[flag][release]).toEqual(values);
  });

  it.each([
    ["unstructured", 20, false],
    ["unstructured", 21, true],
    ["cloudfoundry", 20, true],
    ["cloudfoundry", 21, false],
  ] as const)("--source=%s exists at v0.%i.0: %s", (source, release, exists) => {
    expect(ENUMS.source[release]!.includes(source)).toBe(exists);
  });
});

describe("the table and the parser agree", () => {
  it("every modelled flag sets a Config field, and every field-setting flag is in the table", () => {
    for (const flag of Object.keys(FLAGS)) expect(FLAG_TABLE[flag]?.[1], flag).toMatch(/^(modelled|unmodelled)$/);
    const modelled = Object.entries(FLAG_TABLE).filter(([, [, use]]) => use === "modelled").map(([f]) => f);
    for (const flag of modelled) expect(FLAGS[flag], flag).toBeDefined();
  });

  const rows = Object.entries(FLAG_TABLE).flatMap(([flag, [kinds, use]]) => RELEASES.map((r, i) => ({ flag, release: r, kind: kinds[i], use })));
  const sample = (flag: string, kind: string, release: number): string[] | undefined => {
    if (kind === "b") return [`--${flag}`];
    const v = { s: "x", l: "x", d: "1s", i: "1", r: "x", m: "k=v" }[kind] ?? ENUMS[flag]?.[release as 20]?.find((e) => e !== "");
    return v === undefined ? undefined : [`--${flag}=${v}`];
  };

  it.each(rows.filter((r) => r.kind === "-").map((r) => [r.flag, r.release] as const))("--%s at v0.%i.0 makes external-dns refuse to start", (flag, release) => {
    const c = configFromArgs([...BASE_ARGS, `--${flag}=1`], V(release));
    expect(errorsOf(c)).toEqual([expect.objectContaining({ flag: `--${flag}`, message: expect.stringMatching(/has no flag .* refuses to start/) })]);
  });

  const harmless = rows.filter((r) => r.kind !== "-" && (r.use === "ignored" || r.use.startsWith("provider:") || r.use.startsWith("registry:") || (r.use.startsWith("source:") && !r.use.includes("ingress"))));
  it.each(harmless.map((r) => [r.flag, r.release, r.kind] as const))("--%s at v0.%i.0 is accepted and changes nothing dnsdrift shows", (flag, release, kind) => {
    const arg = sample(flag, kind, release);
    if (!arg) return;
    const c = configFromArgs([...BASE_ARGS, ...arg], V(release));
    expect(c.issues).toEqual([]);
  });
});

describe("EXTERNAL_DNS_* variables (kingpin DefaultEnvars)", () => {
  const cfg = (env: Record<string, string | null>, args: string[] = [], version = "v0.21.0") => configFromArgs([...BASE_ARGS, ...args], { version, env });

  it.each<[string, Record<string, string | null>, string[], Record<string, unknown>]>([
    ["a value flag", { EXTERNAL_DNS_TXT_OWNER_ID: "blue" }, [], { txtOwnerId: "blue" }],
    ["a list flag, split on newlines", { EXTERNAL_DNS_DOMAIN_FILTER: "a.com\nb.com" }, [], { domainFilters: ["a.com", "b.com"] }],
    ["a boolean", { EXTERNAL_DNS_CLOUDFLARE_PROXIED: "1" }, [], { cloudflareProxied: true }],
    ["the command line wins", { EXTERNAL_DNS_TXT_OWNER_ID: "blue" }, ["--txt-owner-id=green"], { txtOwnerId: "green" }],
    ["an empty variable is ignored", { EXTERNAL_DNS_TXT_OWNER_ID: "" }, [], { txtOwnerId: "default" }],
    ["a variable naming no flag is ignored", { EXTERNAL_DNS_NO_SUCH: "x" }, [], { txtOwnerId: "default" }],
  ])("%s", (_, env, args, expected) => {
    const c = cfg(env, args);
    expect(c).toMatchObject(expected);
    expect(c.issues).toEqual([]);
  });

  it("a variable for a flag the release lacks is ignored, not an error (kingpin only reads its own flags' variables)", () => {
    const c = cfg({ EXTERNAL_DNS_MIN_TTL: "5m" }, [], "v0.20.0");
    expect(c.minTTL).toBe(0);
    expect(c.issues).toEqual([]);
  });

  it("a value from a Secret makes the flag unknown", () => {
    const c = cfg({ EXTERNAL_DNS_TXT_OWNER_ID: null });
    expect(c.issues).toEqual([expect.objectContaining({ flag: "--txt-owner-id", unmodelled: "config", message: expect.stringMatching(/EXTERNAL_DNS_TXT_OWNER_ID comes from a Secret/) })]);
  });

  it("a boolean variable kingpin cannot parse refuses to start", () => {
    expect(errorsOf(cfg({ EXTERNAL_DNS_ONCE: "yes" })).map((i) => i.flag)).toEqual(["--once"]);
  });
});

describe("kingpin's value parsers", () => {
  it.each([
    ["--batch-change-size=1e3", 1000],
    ["--batch-change-size=250.9", 250],
  ])("%s reads as %i (strconv.ParseFloat, truncated)", (arg, n) => {
    expect(configFromArgs([...BASE_ARGS, arg], V(21)).batchChangeSize).toBe(n);
  });

  it.each([
    ["--min-ttl=1d", 86400],
    ["--min-ttl=1w", 604800],
    ["--min-ttl=90s", 90],
  ])("%s is %i seconds (go-str2duration)", (arg, s) => {
    expect(configFromArgs([...BASE_ARGS, arg], V(21)).minTTL).toBe(s);
  });

  it.each([
    [["--kube-api-qps=0"], "--kube-api-qps"],
    [["--kube-api-burst=-1"], "--kube-api-burst"],
    [["--create-ptr"], "--create-ptr"],
  ])("%j: validation.go (v0.21.0+) refuses it", (args, flag) => {
    expect(errorsOf(configFromArgs([...BASE_ARGS, ...args], V(21))).map((i) => i.flag)).toEqual([flag]);
  });

  it("--create-ptr with PTR managed is accepted (and unmodelled)", () => {
    const c = configFromArgs([...BASE_ARGS, "--create-ptr", "--managed-record-types=A", "--managed-record-types=PTR"], V(22));
    expect(errorsOf(c)).toEqual([]);
    expect(c.issues.every((i) => i.unmodelled === "config")).toBe(true);
  });

  it.each([["--log-level=verbose"], ["--log-format=yaml"]])("%s is not one of the enum's values", (arg) => {
    expect(errorsOf(configFromArgs([...BASE_ARGS, arg], V(21)))).toHaveLength(1);
  });

  it.each([
    ["--source=unstructured", "v0.20.0", "error"],
    ["--source=cloudfoundry", "v0.21.0", "error"],
    ["--provider=akamai", "v0.22.0", "error"],
    ["--registry=crd", "v0.21.0", "error"],
    ["--registry=crd", "v0.22.0", "unmodelled"],
  ])("%s at %s: %s", (arg, version, outcome) => {
    const c = configFromArgs([...BASE_ARGS.filter((b) => !b.startsWith(arg.split("=")[0])), arg], { version });
    if (outcome === "error") expect(errorsOf(c).map((i) => i.flag)).toEqual([arg.split("=")[0]]);
    else expect(c.issues).toEqual([expect.objectContaining({ unmodelled: "config" })]);
  });
});
