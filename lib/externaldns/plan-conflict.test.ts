import { describe, expect, it } from "vitest";
import { compareEndpoints, resolveCreate, resolveRecordTypes, resolveUpdate, type TypeCell } from "./plan-conflict";
import type { Endpoint } from "./types";

const ep = (type: string, targets: string[], resource = ""): Endpoint => ({
  dnsName: "n.example.com",
  recordType: type,
  targets,
  recordTTL: 0,
  setIdentifier: "",
  labels: resource ? { resource } : {},
  providerSpecific: [],
});

describe("compareEndpoints", () => {
  it.each([
    [["1.1.1.1"], ["2.2.2.2"], -1],
    [["2.2.2.2"], ["1.1.1.1"], 1],
    [["::1"], ["::0001"], 0],
    [["a"], ["a", "b"], -1],
  ])("%j vs %j → %d", (a, b, sign) => {
    expect(Math.sign(compareEndpoints(ep("A", a), ep("A", b)))).toBe(sign);
  });
});

describe("resolveCreate / resolveUpdate", () => {
  it("resolveCreate returns the first minimal candidate", () => {
    const first = ep("A", ["1.1.1.1"], "r1");
    const second = ep("A", ["1.1.1.1"], "r2");
    expect(resolveCreate([ep("A", ["2.2.2.2"]), first, second])).toBe(first);
  });

  it("resolveUpdate prefers the holder's resource, the smallest of its candidates, and does not reorder its input", () => {
    const cands = [ep("A", ["9.9.9.9"], "held"), ep("A", ["1.1.1.1"], "other"), ep("A", ["5.5.5.5"], "held")];
    const copy = [...cands];
    expect(resolveUpdate(ep("A", ["7.7.7.7"], "held"), cands)).toBe(cands[2]);
    expect(cands).toEqual(copy);
    expect(resolveUpdate(ep("A", ["7.7.7.7"]), cands)).toBe(cands[1]);
  });
});

describe("resolveRecordTypes", () => {
  const cells = (entries: Array<[string, Omit<TypeCell, "type">]>): TypeCell[] => entries.map(([type, c]) => ({ type, ...c }));
  const cname = (cs: TypeCell[]) => cs.find((c) => c.type === "CNAME");
  it.each([
    ["single candidate: untouched", [ep("CNAME", ["x"])], false],
    ["only CNAMEs: untouched", [ep("CNAME", ["x"]), ep("CNAME", ["y"])], false],
    ["CNAME + A: CNAME candidates dropped", [ep("CNAME", ["x"]), ep("A", ["1.1.1.1"])], true],
    ["CNAME + MX counts as a conflict too", [ep("CNAME", ["x"]), ep("MX", ["10 m"])], true],
  ])("%s", (_, candidates, conflict) => {
    const current = ep("CNAME", ["old"]);
    const byType = cells([["CNAME", { current, candidates: candidates.filter((c) => c.recordType === "CNAME") }]]);
    const out = resolveRecordTypes(byType, candidates);
    expect(out.discarded.length > 0).toBe(conflict);
    expect(cname(out.cells)?.current).toBe(current);
    expect(cname(out.cells)?.candidates.length === 0).toBe(conflict);
    expect(cname(byType)?.candidates.length).toBe(candidates.filter((c) => c.recordType === "CNAME").length);
  });
});
