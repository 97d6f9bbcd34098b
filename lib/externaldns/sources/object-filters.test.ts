import { describe, expect, it } from "vitest";
import { testConfig } from "../config.testkit";
import type { KubeObject, Reason } from "../types";
import { compileObjectFilters, compileSelectorFlags, objectFilterExclusion, objectFilterMessage } from "./object-filters";

const obj = (namespace: string, labels?: Record<string, string>, annotations?: Record<string, string>): KubeObject => ({
  metadata: { name: "x", namespace, labels, annotations },
});

describe("compileSelectorFlags", () => {
  it("compiles every flag it is given", () => {
    const c = compileSelectorFlags(testConfig({ labelFilter: "team=a", gatewayLabelFilter: "dns=on" }), ["label-filter", "gateway-label-filter"]);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.selectors["label-filter"].matches({ team: "a" })).toBe(true);
    expect(c.selectors["gateway-label-filter"].matches({ dns: "off" })).toBe(false);
  });

  it("reports every flag that does not parse, in the order given, with its value", () => {
    const c = compileSelectorFlags(testConfig({ labelFilter: "a b", annotationFilter: "ok=1", gatewayLabelFilter: "==x" }), [
      "gateway-label-filter",
      "label-filter",
      "annotation-filter",
    ]);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.invalid.map((i) => [i.flag, i.value])).toEqual([
      ["gateway-label-filter", "==x"],
      ["label-filter", "a b"],
    ]);
    expect(c.invalid[0].problem).toMatch(/invalid label selector/);
  });
});

describe("compileObjectFilters", () => {
  it("a bad selector voids the source with one error reason per bad flag, naming the kind", () => {
    const reasons: Reason[] = [];
    expect(compileObjectFilters(testConfig({ labelFilter: "a b", annotationFilter: "a in b" }), "Widget", reasons)).toBeUndefined();
    expect(reasons.map((r) => [r.code, r.resource, r.severity])).toEqual([
      ["label-filter", "config", "error"],
      ["annotation-filter", "config", "error"],
    ]);
    expect(reasons[0].message).toMatch(/^--label-filter="a b" is not a valid selector \(.*\); external-dns refuses to start, so no Widget is read$/);
  });
});

describe("objectFilterExclusion: the first filter that keeps the object out", () => {
  const cfg = testConfig({ namespace: "prod", labelFilter: "team=a", annotationFilter: "dns=public" });
  const filters = compileObjectFilters(cfg, "Widget", [])!;
  it.each<[string, KubeObject, string | undefined]>([
    ["every filter fails: namespace first", obj("dev", { team: "b" }, { dns: "private" }), "namespace-filter"],
    ["labels before annotations", obj("prod", { team: "b" }, { dns: "private" }), "label-filter"],
    ["annotations last", obj("prod", { team: "a" }, { dns: "private" }), "annotation-filter"],
    ["all pass", obj("prod", { team: "a" }, { dns: "public" }), undefined],
  ])("%s", (_, o, code) => {
    expect(objectFilterExclusion(o, cfg, filters)).toBe(code);
  });

  it("no --namespace lets every namespace through", () => {
    const open = testConfig();
    expect(objectFilterExclusion(obj("anything"), open, compileObjectFilters(open, "Widget", [])!)).toBeUndefined();
  });

  it.each([
    ["namespace-filter", 'namespace "dev" is outside --namespace=prod'],
    ["label-filter", "labels do not match --label-filter=team=a"],
    ["annotation-filter", "annotations do not match --annotation-filter=dns=public"],
  ] as const)("%s is worded %j", (code, message) => {
    expect(objectFilterMessage(code, obj("dev"), cfg)).toBe(message);
  });
});
