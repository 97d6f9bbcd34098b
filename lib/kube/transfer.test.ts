import { describe, expect, it } from "vitest";
import { carry, jsonFaithful, unpack } from "./transfer";

describe("carrying parsed manifests between threads", () => {
  const shared = { name: "gw", namespace: "gateways" };
  const laughs = () => {
    let v: unknown = ["lol"];
    for (let i = 0; i < 40; i++) v = [v, v]; // 2^40 nodes written out, 41 in memory
    return v;
  };
  const cyclic = () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    return o;
  };

  // Values are built inside the test: the runner would try to print a 2^40-node argument.
  it.each<[string, boolean, () => unknown]>([
    ["a plain object tree", true, () => ({ kind: "HTTPRoute", spec: { hostnames: ["a.example.com"], port: 443, ok: true, x: null } })],
    ["NaN (YAML .nan)", false, () => ({ v: NaN })],
    ["Infinity (YAML .inf)", false, () => ({ v: [Infinity] })],
    ["-0", false, () => ({ v: -0 })],
    ["a small node shared through an alias", true, () => ({ spec: { parentRefs: [shared] }, status: { parents: [{ parentRef: shared }] } })],
    ["aliases that multiply beyond the budget", false, () => ({ v: laughs() })],
    ["a cycle", false, cyclic],
  ])("%s: JSON is faithful → %s", (_, faithful, value) => {
    expect(jsonFaithful(value(), 1e6)).toBe(faithful);
  });

  it("carries faithful trees as JSON and the rest by value, keeping NaN, -0 and sharing", () => {
    const plain = { a: [1, "x", { b: false }] };
    const c1 = carry(plain, 1e6);
    expect("json" in c1).toBe(true);
    expect(unpack(c1)).toEqual(plain);

    const odd = { nan: NaN, negZero: -0, inf: -Infinity };
    const c2 = carry(odd, 1e6);
    expect("value" in c2).toBe(true);
    const back = structuredClone(unpack(c2)) as typeof odd;
    expect(Number.isNaN(back.nan)).toBe(true);
    expect(Object.is(back.negZero, -0)).toBe(true);
    expect(back.inf).toBe(-Infinity);
  });
});
