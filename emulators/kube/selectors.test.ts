import { describe, expect, it } from "vitest";
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from "./selectors";
import { ApiError } from "./status";

const LABELS = { app: "web", tier: "front", "app.kubernetes.io/name": "external-dns" };

describe("label selectors", () => {
  it.each([
    ["", true],
    ["app=web", true],
    ["app==web", true],
    ["app=api", false],
    ["app!=api", true],
    ["missing!=x", true],
    ["app.kubernetes.io/name=external-dns", true],
    ["app=web,tier=back", false],
    ["tier in (front, back)", true],
    ["tier in (back)", false],
    ["tier notin (back)", true],
    ["missing notin (x)", true],
    ["missing in (x)", false],
    ["app", true],
    ["!app", false],
    ["!missing", true],
    ["app,tier in (front),!missing", true],
    ["empty=", false],
  ])("%j → %s", (selector, want) => {
    expect(matchesLabels(parseLabelSelector(selector), LABELS)).toBe(want);
  });

  it("treats a missing label map as empty", () => {
    expect(matchesLabels(parseLabelSelector("!a"), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector("a=b"), undefined)).toBe(false);
  });

  it.each(["a=b=c", "in (x)", "a in x", "=b"])("rejects %j with 400", (selector) => {
    expect(() => parseLabelSelector(selector)).toThrow(ApiError);
    try {
      parseLabelSelector(selector);
    } catch (e) {
      expect((e as ApiError).code).toBe(400);
    }
  });
});

describe("field selectors", () => {
  const obj = { metadata: { name: "n1", namespace: "ns1" }, involvedObject: { name: "r1" } };
  it.each([
    ["metadata.name=n1", [], true],
    ["metadata.name==n1", [], true],
    ["metadata.name!=n1", [], false],
    ["metadata.namespace=ns1,metadata.name=n2", [], false],
    ["involvedObject.name=r1", ["involvedObject.name"], true],
    ["involvedObject.name=", ["involvedObject.name"], false],
  ])("%j (extra %j) → %s", (selector, allowed, want) => {
    expect(matchesFields(parseFieldSelector(selector, allowed), obj)).toBe(want);
  });

  it("rejects fields the kind does not index", () => {
    expect(() => parseFieldSelector("spec.foo=1")).toThrow("field label not supported: spec.foo");
  });
});
