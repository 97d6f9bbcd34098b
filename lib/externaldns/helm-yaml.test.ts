// Helm's reading of values: go-yaml v2's scalar resolution, then JSON (float64 numbers). Every
// printed form below was rendered by helm v4.1.4 (`extraArgs: {key: <scalar>}` through chart 1.21.1).
import { describe, expect, it } from "vitest";
import { InputError } from "./errors";
import { goFloat, parseHelmYaml, resolvePlain } from "./helm-yaml";

describe("resolvePlain (go-yaml v2 resolve) and the value helm prints", () => {
  it.each<[string, string]>([
    ["1000000", "1e+06"],
    ["123456", "123456"],
    ["1.0", "1"],
    ["0.00001", "1e-05"],
    ["017", "15"], // YAML 1.1 octal
    ["0o17", "15"],
    ["08", "8"], // not octal: read as a float
    ["1_000", "1000"],
    ["1__0", "10"],
    ["0x1F", "31"],
    ["0x_1F", "31"],
    ["+0x10", "16"],
    ["-0b11", "-3"],
    ["0b101", "5"],
    ["1:30", "1:30"], // no sexagesimal numbers
    [".5", "0.5"],
    ["+12", "12"],
    ["1e3", "1000"],
    ["1.e3", "1000"],
    ["6.8523015e+5", "685230.15"],
    ["-0", "0"],
    ["12345678901", "1.2345678901e+10"],
    ["9007199254740993", "9.007199254740992e+15"],
    ["18446744073709551615", "1.8446744073709552e+19"],
    ["2001-12-14", "2001-12-14"], // dates stay text
    ["yes", "true"],
    ["y", "true"],
    ["on", "true"],
    ["off", "false"],
    ["-", "-"],
  ])("%s → %s", (text, printed) => {
    const v = resolvePlain(text);
    expect(typeof v === "number" ? goFloat(v) : String(v)).toBe(printed);
  });

  it.each(["", "~", "null", "Null", "NULL"])("%j is null", (text) => expect(resolvePlain(text)).toBeNull());
});

describe("parseHelmYaml", () => {
  it("quoted and !!str scalars stay strings; merge keys fill in; the last duplicate key wins", () => {
    const v = parseHelmYaml('a: "yes"\nb: !!str 1\nc: yes\nprovider: aws\nprovider: cloudflare\nm:\n  <<: {once: true, x: 1}\n  x: 2\n', "v.yaml");
    expect(v).toEqual({ a: "yes", b: "1", c: true, provider: "cloudflare", m: { once: true, x: 2 } });
  });

  it("anchors and aliases resolve", () => {
    expect(parseHelmYaml("base: &b [a, b]\ncopy: *b\n", "v.yaml")).toEqual({ base: ["a", "b"], copy: ["a", "b"] });
  });

  it.each([".inf", "-.Inf", ".nan"])("%s cannot go through JSON, as helm says", (text) => {
    expect(() => parseHelmYaml(`extraArgs:\n  min-ttl: ${text}\n`, "v.yaml")).toThrow(InputError);
    expect(() => parseHelmYaml(`extraArgs:\n  min-ttl: ${text}\n`, "v.yaml")).toThrow(/v\.yaml: extraArgs\.min-ttl: /);
  });

  it("invalid YAML names the file", () => {
    expect(() => parseHelmYaml("a: [b\n", "v.yaml")).toThrow(/^v\.yaml: invalid YAML/);
  });
});
