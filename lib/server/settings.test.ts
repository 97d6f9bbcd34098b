import { describe, expect, it } from "vitest";
import { safetySettingsFromEnv, SettingsError } from "./settings";

describe("confirmation settings", () => {
  it("defaults: 30 %, 10 owned, no protected names", () => {
    expect(safetySettingsFromEnv({})).toEqual({ changeShare: 0.3, minOwned: 10, protectedNames: [] });
  });

  it.each<[Record<string, string>, { changeShare?: number; minOwned?: number; protectedNames?: string[] }]>([
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "50" }, { changeShare: 0.5 }],
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "5%" }, { changeShare: 0.05 }],
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "0" }, { changeShare: 0 }],
    [{ DNSDRIFT_CONFIRM_MIN_OWNED: "0" }, { minOwned: 0 }],
    [{ DNSDRIFT_PROTECTED_NAMES: "example.com, *.prod.example.com,{a,b}.example.org" }, { protectedNames: ["example.com", "*.prod.example.com", "{a,b}.example.org"] }],
  ])("%j", (env, expected) => {
    expect(safetySettingsFromEnv(env)).toMatchObject(expected);
  });

  it.each<[Record<string, string>, string]>([
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "150" }, "DNSDRIFT_CONFIRM_CHANGE_PERCENT"],
    [{ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "lots" }, "DNSDRIFT_CONFIRM_CHANGE_PERCENT"],
    [{ DNSDRIFT_CONFIRM_MIN_OWNED: "2.5" }, "DNSDRIFT_CONFIRM_MIN_OWNED"],
    [{ DNSDRIFT_CONFIRM_MIN_OWNED: "-1" }, "DNSDRIFT_CONFIRM_MIN_OWNED"],
    [{ DNSDRIFT_PROTECTED_NAMES: "ok.example.com,bad name.example.com" }, "bad name.example.com"],
  ])("refuses %j, naming it", (env, named) => {
    expect(() => safetySettingsFromEnv(env)).toThrow(SettingsError);
    expect(() => safetySettingsFromEnv(env)).toThrow(named);
  });
});
