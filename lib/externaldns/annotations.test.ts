import { describe, expect, it } from "vitest";
import {
  GA_PREFIX,
  LEGACY_PREFIX,
  annotationValue,
  atLeast,
  controllerAccepts,
  defaultAnnotationPrefix,
  foreignPrefixAnnotations,
  parseGoDuration,
  parseTTL,
  providerSpecificFromAnnotations,
  splitHostnames,
  splitTargets,
} from "./annotations";
import type { Version } from "./types";

const V20: Version = { major: 0, minor: 20, patch: 0, raw: "v0.20.0" };
const V21: Version = { major: 0, minor: 21, patch: 0, raw: "v0.21.0" };
const V22: Version = { major: 0, minor: 22, patch: 0, raw: "v0.22.0" };

describe("parseTTL", () => {
  // upstream vector #34 (TestTTLFromAnnotations)
  it.each([
    ["600", 600],
    ["10m", 600],
    ["20.5s", 20],
    ["999999", 999999],
    ["-1", 0],
    ["", 0],
    ["foo", 0],
    ["4294967296", 0],
  ])("vector #34: %j → %i", (value, ttl) => {
    expect(parseTTL(value).ttl).toBe(ttl);
  });

  it.each([
    ["1h", 3600],
    ["1h30m", 5400],
    ["1.5h", 5400],
    ["90s", 90],
    ["1.9s", 1],
    ["+10m", 600],
    ["+600", 600],
    ["2147483647", 2147483647],
    ["1", 1],
  ])("%j → %i", (value, ttl) => {
    expect(parseTTL(value)).toEqual({ ttl });
  });

  it.each(["0", "0s", "500ms", "2147483648", "-10m", "10M", "1.5", " 600", "600 ", "0x10", "1e3", "1_000", "abc"])(
    "%j → 0 with an error message",
    (value) => {
      const r = parseTTL(value);
      expect(r.ttl).toBe(0);
      expect(r.error).toMatch(/./);
    },
  );
});

describe("parseGoDuration (time.ParseDuration)", () => {
  it.each([
    ["0", 0],
    ["1ns", 1],
    ["1us", 1e3],
    ["1µs", 1e3],
    ["1ms", 1e6],
    ["2s", 2e9],
    [".5s", 5e8],
    ["5.s", 5e9],
    ["1h1m1s", 3661e9],
    ["-1m", -60e9],
  ])("%j → %d ns", (input, ns) => {
    expect(parseGoDuration(input)).toBe(ns);
  });

  it.each(["", "5", ".s", "1d", "1.2.3s", "s", "1h 1m", "--1s"])("%j is an error", (input) => {
    expect(parseGoDuration(input)).toBeUndefined();
  });
});

describe("hostname and target lists", () => {
  it.each([
    ["a.example.com", ["a.example.com"]],
    ["a.example.com, b.example.com", ["a.example.com", "b.example.com"]],
    [" a . example.com ", ["a.example.com"]],
    ["a.example.com,", ["a.example.com", ""]],
  ])("splitHostnames(%j)", (input, expected) => {
    expect(splitHostnames(input)).toEqual(expected);
  });

  it.each([
    ["lb.example.com.", ["lb.example.com"]],
    ["1.2.3.4, lb.example.com.", ["1.2.3.4", "lb.example.com"]],
    ["lb.example.com..", ["lb.example.com."]],
    ["", []],
  ])("splitTargets(%j)", (input, expected) => {
    expect(splitTargets(input)).toEqual(expected);
  });
});

describe("prefixes", () => {
  it.each([
    [V20, LEGACY_PREFIX],
    [V21, LEGACY_PREFIX],
    [V22, GA_PREFIX],
    [{ major: 1, minor: 0, patch: 0, raw: "v1.0.0" }, GA_PREFIX],
  ])("default prefix at %o", (version, prefix) => {
    expect(defaultAnnotationPrefix(version)).toBe(prefix);
  });

  it("reads exactly one prefix", () => {
    const a = { [`${LEGACY_PREFIX}hostname`]: "old.example.com" };
    expect(annotationValue(a, LEGACY_PREFIX, "hostname")).toBe("old.example.com");
    expect(annotationValue(a, GA_PREFIX, "hostname")).toBeUndefined();
    expect(annotationValue(undefined, GA_PREFIX, "hostname")).toBeUndefined();
  });

  it("lists annotations under the other known prefix only", () => {
    const a = {
      [`${LEGACY_PREFIX}hostname`]: "x",
      [`${LEGACY_PREFIX}cloudflare-proxied`]: "true",
      [`${GA_PREFIX}ttl`]: "60",
      "kubernetes.io/ingress.class": "nginx",
    };
    expect(foreignPrefixAnnotations(a, GA_PREFIX)).toEqual([
      [`${LEGACY_PREFIX}hostname`, "hostname"],
      [`${LEGACY_PREFIX}cloudflare-proxied`, "cloudflare-proxied"],
    ]);
    expect(foreignPrefixAnnotations(a, LEGACY_PREFIX)).toEqual([[`${GA_PREFIX}ttl`, "ttl"]]);
    expect(foreignPrefixAnnotations(a, "custom.io/")).toHaveLength(3);
  });

  it.each([
    [undefined, true],
    ["dns-controller", true],
    ["none", false],
    ["", false],
  ])("controller=%j accepted: %s", (value, accepted) => {
    const a: Record<string, string> = value === undefined ? {} : { [`${LEGACY_PREFIX}controller`]: value };
    expect(controllerAccepts(a, LEGACY_PREFIX)).toBe(accepted);
  });

  it("atLeast compares on the minor for 0.x and accepts any 1.x", () => {
    expect(atLeast(V20, 21)).toBe(false);
    expect(atLeast(V21, 21)).toBe(true);
    expect(atLeast({ major: 1, minor: 0, patch: 0, raw: "" }, 22)).toBe(true);
  });
});

describe("providerSpecificFromAnnotations", () => {
  const P = LEGACY_PREFIX;
  const all = {
    [`${P}alias`]: "true",
    [`${P}record-type`]: "AAAA",
    [`${P}set-identifier`]: "blue",
    [`${P}aws-weight`]: "10",
    [`${P}scw-x`]: "1",
    [`${P}webhook-y`]: "2",
    [`${P}coredns-group`]: "g",
    [`${P}azure-tags`]: "t",
    [`${P}cloudflare-proxied`]: "true",
    [`${P}cloudflare-record-comment`]: "c",
    [`${GA_PREFIX}cloudflare-tags`]: "ignored",
  };

  it.each([
    [V21, ["alias", "azure/tags", "aws/weight", "coredns/group", `${P}cloudflare-proxied`, `${P}cloudflare-record-comment`, "record-type", "scw/x", "webhook/y"]],
    [V20, ["alias", "aws/weight", "coredns/group", `${P}cloudflare-proxied`, `${P}cloudflare-record-comment`, "scw/x", "webhook/y"]],
  ])("properties at %o", (version, names) => {
    const r = providerSpecificFromAnnotations(all, P, version);
    expect(r.providerSpecific.map((p) => p.name).sort()).toEqual([...names].sort());
    expect(r.setIdentifier).toBe("blue");
  });

  it("alias only when exactly \"true\"; Cloudflare keys follow the prefix in effect", () => {
    const r = providerSpecificFromAnnotations({ [`${GA_PREFIX}alias`]: "True", [`${LEGACY_PREFIX}cloudflare-proxied`]: "true" }, GA_PREFIX, V22);
    expect(r).toEqual({ providerSpecific: [], setIdentifier: "" });
  });
});
