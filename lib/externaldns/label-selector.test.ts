import { describe, expect, it } from "vitest";
import { parseSelector, selectorFromLabelSelector } from "./label-selector";

const L = (s: string): Record<string, string> =>
  Object.fromEntries(s.split(",").filter(Boolean).map((kv) => kv.split("=") as [string, string]));

describe("parseSelector matching", () => {
  it.each([
    // selector, labels, matches
    ["", "", true],
    ["", "a=b", true],
    ["app=web", "app=web", true],
    ["app=web", "app=api", false],
    ["app=web", "", false],
    ["app==web", "app=web", true],
    ["app!=web", "app=api", true],
    ["app!=web", "app=web", false],
    ["app!=web", "", true],
    ["app", "app=", true],
    ["app", "other=x", false],
    ["!app", "other=x", true],
    ["!app", "app=x", false],
    ["env in (prod, staging)", "env=staging", true],
    ["env in (prod,staging)", "env=dev", false],
    ["env in (prod)", "", false],
    ["env notin (prod)", "env=dev", true],
    ["env notin (prod)", "env=prod", false],
    ["env notin (prod)", "", true],
    ["a=1,b=2", "a=1,b=2", true],
    ["a=1,b=2", "a=1", false],
    ["a=", "a=", true],
    ["a=", "a=x", false],
    ["a in ()", "a=", true],
    ["env in (in,notin)", "env=in", true],
    ["replicas>2", "replicas=3", true],
    ["replicas>2", "replicas=2", false],
    ["replicas<2", "replicas=x", false],
    ["replicas<2", "", false],
    ["external-dns.alpha.kubernetes.io/enabled=true", "external-dns.alpha.kubernetes.io/enabled=true", true],
    ["external-dns.alpha.kubernetes.io/enabled=true", "external-dns.alpha.kubernetes.io/enabled=false", false],
    ["  app  =  web  ,  !x ", "app=web", true],
  ])("%j on {%s} → %s", (sel, labels, expected) => {
    expect(parseSelector(sel).matches(L(labels))).toBe(expected);
  });

  it("treats undefined labels as an empty map", () => {
    expect(parseSelector("app!=web").matches(undefined)).toBe(true);
    expect(parseSelector("app=web").matches(undefined)).toBe(false);
    expect(parseSelector("").matches(undefined)).toBe(true);
  });

  it("does not see inherited object properties as labels", () => {
    expect(parseSelector("constructor").matches({})).toBe(false);
  });
});

describe("parseSelector canonical form", () => {
  it.each([
    ["", ""],
    ["b=1,a=2", "a=2,b=1"],
    ["env in (b, a, b)", "env in (a,b)"],
    ["!x,y", "!x,y"],
    ["a==1", "a==1"],
    ["n>3", "n>3"],
    ["a notin (z)", "a notin (z)"],
  ])("%j → %j", (sel, text) => {
    expect(parseSelector(sel).toString()).toBe(text);
  });

  it("exposes requirements with apimachinery operators", () => {
    expect(parseSelector("tier in (web),!legacy").requirements).toEqual([
      { key: "legacy", operator: "!", values: [] },
      { key: "tier", operator: "in", values: ["web"] },
    ]);
  });
});

describe("parseSelector errors", () => {
  it.each([
    ["a=b,", /expected: identifier after ','/],
    [",a", /expected: !, identifier/],
    ["a in b", /expected: '\('/],
    ["a in (b", /expected: ',' or '\)'/],
    ["a b", /expected: in, notin/],
    ["a=b c", /expected: ',' or 'end of string'/],
    ["a=(b)", /expected: identifier/],
    ["-bad=x", /key "-bad"/],
    ["UPPER.example.com/x=y", /prefix/],
    ["a/b/c=d", /at most one "\/"/],
    ["a=b/c", /value "b\/c"/],
    ["a>x", /must be an integer/],
    ["!a=b", /expected: ',' or 'end of string'/],
  ])("%j is rejected", (sel, message) => {
    expect(() => parseSelector(sel)).toThrow(message);
    expect(() => parseSelector(sel)).toThrow(`invalid label selector "${sel}"`);
  });
});

describe("selectorFromLabelSelector", () => {
  it.each([
    [{}, "x=y", true],
    [{ matchLabels: { team: "foo" } }, "team=foo", true],
    [{ matchLabels: { team: "foo" } }, "team=bar", false],
    [{ matchExpressions: [{ key: "team", operator: "In", values: ["a", "b"] }] }, "team=b", true],
    [{ matchExpressions: [{ key: "team", operator: "NotIn", values: ["a"] }] }, "", true],
    [{ matchExpressions: [{ key: "team", operator: "Exists" }] }, "team=", true],
    [{ matchExpressions: [{ key: "team", operator: "DoesNotExist" }] }, "team=x", false],
    [
      { matchLabels: { a: "1" }, matchExpressions: [{ key: "b", operator: "Exists" }] },
      "a=1",
      false,
    ],
  ])("%j on {%s} → %s", (o, labels, expected) => {
    expect(selectorFromLabelSelector(o).matches(L(labels))).toBe(expected);
  });

  it.each([
    [{ matchExpressions: [{ key: "a", operator: "in", values: ["x"] }] }, /not a valid label selector operator/],
    [{ matchExpressions: [{ key: "a", operator: "In", values: [] }] }, /can't be empty/],
    [{ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] }, /must be empty/],
    [{ matchLabels: { "bad key": "x" } }, /key "bad key"/],
  ])("%j throws", (o, message) => {
    expect(() => selectorFromLabelSelector(o)).toThrow(message);
  });
});
