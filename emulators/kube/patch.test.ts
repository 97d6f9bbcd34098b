import { describe, expect, it } from "vitest";
import { jsonPatch, mergePatch } from "./patch";

describe("mergePatch (RFC 7386)", () => {
  it.each([
    [{ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 } }, { a: 1, b: { d: 3, e: 4 } }],
    [{ a: [1, 2] }, { a: [3] }, { a: [3] }],
    [{ a: 1 }, { a: { b: 1 } }, { a: { b: 1 } }],
    [{ a: 1 }, null, null],
  ])("%j + %j = %j", (target, patch, want) => {
    expect(mergePatch(target, patch)).toEqual(want);
  });
});

describe("jsonPatch (RFC 6902)", () => {
  const doc = { a: { b: [1, 2] }, c: "x" };
  it.each([
    [[{ op: "add", path: "/a/b/1", value: 9 }], { a: { b: [1, 9, 2] }, c: "x" }],
    [[{ op: "add", path: "/a/b/-", value: 9 }], { a: { b: [1, 2, 9] }, c: "x" }],
    [[{ op: "remove", path: "/c" }], { a: { b: [1, 2] } }],
    [[{ op: "replace", path: "/c", value: "y" }], { a: { b: [1, 2] }, c: "y" }],
    [[{ op: "move", from: "/c", path: "/d" }], { a: { b: [1, 2] }, d: "x" }],
    [[{ op: "copy", from: "/c", path: "/a/e~1f" }], { a: { b: [1, 2], "e/f": "x" }, c: "x" }],
    [[{ op: "test", path: "/c", value: "x" }], doc],
  ])("%j", (ops, want) => {
    expect(jsonPatch(doc, ops)).toEqual(want);
    expect(doc).toEqual({ a: { b: [1, 2] }, c: "x" });
  });

  it.each([
    [[{ op: "test", path: "/c", value: "nope" }], 422],
    [[{ op: "remove", path: "/zz" }], 400],
    [[{ op: "replace", path: "/zz", value: 1 }], 400],
    [[{ op: "frob", path: "/c" }], 400],
  ])("%j fails with %i", (ops, code) => {
    expect(() => jsonPatch(doc, ops)).toThrow(expect.objectContaining({ code }));
  });
});
