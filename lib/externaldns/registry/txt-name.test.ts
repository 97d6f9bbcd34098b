import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  fromTXTName,
  knownTxtTypes,
  toLegacyTXTName,
  toTXTName,
  txtNameTooLong,
  type TxtNameOptions,
} from "./txt-name";
import type { Version } from "../types";

const v = (minor: number): Version => ({ major: 0, minor, patch: 0, raw: `v0.${minor}.0` });
const V22 = v(22);
const opts = (o: Partial<TxtNameOptions> = {}): TxtNameOptions => ({
  prefix: "",
  suffix: "",
  wildcardReplacement: "",
  version: V22,
  ...o,
});

describe("toTXTName / fromTXTName — vector #26 (mapper_test.go)", () => {
  // [prefix, suffix, name, type, txt name]; all of these reverse to the original name.
  it.each([
    ["foo", "", "example.com", "A", "fooa-example.com"],
    ["foo-", "", "example.com", "A", "foo-a-example.com"],
    ["foo.", "", "example.com", "CNAME", "foo.cname-example.com"],
    ["", "-foo", "example.com", "CNAME", "cname-example-foo.com"],
    ["", ".foo", "example.com", "CNAME", "cname-example.foo.com"],
    ["%{record_type}foo.", "", "example.com", "CNAME", "cnamefoo.example.com"],
    ["", ".foo%{record_type}", "example.com", "A", "example.fooa.com"],
    ["bar.%{record_type}.foo.", "", "example.com", "CNAME", "bar.cname.foo.example.com"],
    ["", "foo", "example", "AAAA", "aaaa-examplefoo"],
  ])("P=%j S=%j %s %s → %s and back", (prefix, suffix, name, type, txt) => {
    const o = opts({ prefix, suffix });
    expect(toTXTName(name, type, o)).toBe(txt);
    expect(fromTXTName(txt, o)).toEqual({ name, recordType: type });
  });

  it("PTR without affix (forward only upstream)", () => {
    expect(toTXTName("2.49.168.192.in-addr.arpa", "PTR", opts())).toBe("ptr-2.49.168.192.in-addr.arpa");
  });

  it("wildcard replacement: forward is txt-a-wild…, reverse gives the replaced name, not *", () => {
    const o = opts({ prefix: "txt-", wildcardReplacement: "wild" });
    expect(toTXTName("*.example.com", "A", o)).toBe("txt-a-wild.example.com");
    expect(fromTXTName("txt-a-wild.example.com", o)).toEqual({ name: "wild.example.com", recordType: "A" });
  });
});

describe("toTXTName — vector #27 names (registry_test.go ApplyChanges…)", () => {
  it.each([
    [{ prefix: "txt." }, "new-record-1.test-zone.example.org", "txt.cname-new-record-1.test-zone.example.org"],
    [{ prefix: "prefix%{record_type}." }, "new-record-1.test-zone.example.org", "prefixcname.new-record-1.test-zone.example.org"],
    [{ suffix: "-%{record_type}suffix" }, "new-record-1.test-zone.example.org", "new-record-1-cnamesuffix.test-zone.example.org"],
    [{ suffix: "-txt", wildcardReplacement: "wildcard" }, "new-record-1.test-zone.example.org", "cname-new-record-1-txt.test-zone.example.org"],
    [{ suffix: "-txt", wildcardReplacement: "wildcard" }, "*.wildcard.test-zone.example.org", "cname-wildcard-txt.wildcard.test-zone.example.org"],
    [{ suffix: "-txt", wildcardReplacement: "wildcard" }, "example", "cname-example-txt"],
  ])("%j %s → %s", (o, name, txt) => {
    expect(toTXTName(name, "CNAME", opts(o))).toBe(txt);
  });
});

describe("consequences", () => {
  it.each([
    [{}, "foo.example.com", "A", "a-foo.example.com"],
    [{}, "foo.example.com", "CNAME", "cname-foo.example.com"],
    [{ prefix: "foo.bar." }, "example.com", "CNAME", "foo.bar.cname-example.com"],
    [{ suffix: "-txt" }, "foo.example.com", "CNAME", "cname-foo-txt.example.com"],
    [{ prefix: "%{record_type}-" }, "foo.example.com", "A", "a-foo.example.com"],
    [{ suffix: "-%{record_type}" }, "foo.example.com", "A", "foo-a.example.com"],
    [{}, "*.example.com", "A", "a-*.example.com"],
    [{}, "example.com", "A", "a-example.com"], // apex: outside the zone
    [{ prefix: "someprefix-%{record_type}." }, "example.com", "A", "someprefix-a.example.com"],
    [{ prefix: "TXT." }, "Foo.Example.com", "A", "txt.a-Foo.Example.com"], // affix lowered, name kept
  ])("%j %s %s → %s", (o, name, type, txt) => {
    expect(toTXTName(name, type, opts(o))).toBe(txt);
  });

  it.each([
    [{}, "foo.example.com", "foo.example.com"],
    [{ prefix: "txt." }, "foo.example.com", "txt.foo.example.com"],
    [{ prefix: "p-%{record_type}." }, "foo.example.com", "p-.foo.example.com"],
    [{ suffix: "-txt", wildcardReplacement: "w" }, "*.example.com", "w-txt.example.com"],
  ])("legacy %j %s → %s", (o, name, txt) => {
    expect(toLegacyTXTName(name, opts(o))).toBe(txt);
  });
});

describe("fromTXTName", () => {
  it.each([
    ["v0.20 knows MX but not SRV", v(20), "mx-foo.example.com", { name: "foo.example.com", recordType: "MX" }],
    ["v0.20: srv- is part of a legacy name", v(20), "srv-foo.example.com", { name: "srv-foo.example.com", recordType: "" }],
    ["v0.21 knows SRV", v(21), "srv-foo.example.com", { name: "foo.example.com", recordType: "SRV" }],
    ["v0.21: txt- is legacy", v(21), "txt-foo.example.com", { name: "txt-foo.example.com", recordType: "" }],
    ["v0.22 knows TXT", v(22), "txt-foo.example.com", { name: "foo.example.com", recordType: "TXT" }],
    ["v0.22 knows DNAME", v(22), "dname-foo.example.com", { name: "foo.example.com", recordType: "DNAME" }],
    ["no marker = legacy", v(22), "Foo.Example.com", { name: "foo.example.com", recordType: "" }],
  ])("%s", (_, version, txt, expected) => {
    expect(fromTXTName(txt, opts({ version }))).toEqual(expected);
  });

  it("templated prefix falls back to the legacy name (placeholder removed) when no type matches", () => {
    const o = opts({ prefix: "p-%{record_type}.", version: v(20) });
    expect(fromTXTName("p-srv.foo.example.com", o)).toBeUndefined();
    expect(fromTXTName("p-.foo.example.com", o)).toEqual({ name: "foo.example.com", recordType: "" });
    expect(fromTXTName("p-.a-foo.example.com", o)).toEqual({ name: "foo.example.com", recordType: "A" });
  });

  it("an affix that is not there maps to nothing", () => {
    expect(fromTXTName("a-foo.example.com", opts({ prefix: "txt." }))).toBeUndefined();
    expect(fromTXTName("a-foo.example.com", opts({ suffix: "-txt" }))).toBeUndefined();
    expect(fromTXTName("a-foo.example.com", opts({ prefix: "x", suffix: "y" }))).toBeUndefined();
  });

  it("a dotted suffix on a name with too few labels keeps what is there", () => {
    expect(fromTXTName("cname-example.foo", opts({ suffix: ".foo" }))).toEqual({ name: "example", recordType: "CNAME" });
  });

  it("templated affixes are ambiguous when nothing separates the placeholder: a shadows aaaa, ptr shadows naptr", () => {
    const p = opts({ prefix: "%{record_type}" });
    expect(toTXTName("foo.example.com", "AAAA", p)).toBe("aaaafoo.example.com");
    expect(fromTXTName("aaaafoo.example.com", p)).toEqual({ name: "aaafoo.example.com", recordType: "A" });
    const s = opts({ suffix: "%{record_type}" });
    expect(toTXTName("foo.example.com", "NAPTR", s)).toBe("foonaptr.example.com");
    expect(fromTXTName("foonaptr.example.com", s)).toEqual({ name: "foona.example.com", recordType: "PTR" });
  });
});

describe("txtNameTooLong", () => {
  const l58 = "x".repeat(58);
  const l62 = "y".repeat(62);
  it.each([
    [`${l58}.example.com`, "CNAME", true], // 58 + "cname-" = 64
    [`${l58}.example.com`, "A", false], // 60
    [`${l62}.example.com`, "A", true], // 64
    [`${l62}.example.com`, "AAAA", true],
    ["x".repeat(57) + ".example.com", "CNAME", false], // exactly 63
  ])("%s %s → %s", (name, type, tooLong) => {
    expect(txtNameTooLong(toTXTName(name, type, opts()))).toBe(tooLong);
  });
});

describe("round trip fromTXTName(toTXTName(n, t)) = (lower(n), t)", () => {
  const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  const label = fc
    .tuple(fc.array(letter, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.array(letter, { minLength: 1, maxLength: 5 }))
    .map(([a, dash, b]) => (dash ? `${a.join("")}-${b.join("")}` : a.join("")));
  const name = fc.tuple(fc.oneof(label, fc.constant("*")), fc.array(label, { maxLength: 3 })).map(([f, rest]) => [f, ...rest].join("."));
  const lowerPiece = fc.array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), { maxLength: 5 }).map((a) => a.join(""));
  // An affix: text, optionally a %{record_type} with a separator on the name side, optionally dotted.
  const affix = fc
    .record({ before: lowerPiece, templated: fc.boolean(), sep: fc.constantFrom("-", ".", "_"), after: lowerPiece, dot: fc.boolean() })
    .map((a) => a);
  const version = fc.constantFrom(v(20), v(21), v(22));

  /**
   * Preconditions under which the round trip holds (found with this property):
   * - the type is one the version recognises (else the marker reads back as part of a legacy name);
   * - the first label is not "*" while a wildcard replacement is set (the spec's wildcard case);
   * - a templated affix keeps a non-letter between %{record_type} and the name side (prefix:
   *   right after it; suffix: right before it) — otherwise "a" shadows "aaaa" and "ptr" "naptr";
   * - only one of prefix/suffix is set (external-dns refuses to start with both).
   */
  it("holds for prefixes and suffixes, dotted or not, templated or not", () => {
    fc.assert(
      fc.property(name, version, fc.boolean(), affix, fc.boolean(), (n, ver, usePrefix, a, useW) => {
        const known = knownTxtTypes(ver);
        const text = usePrefix
          ? `${a.before}${a.templated ? `%{record_type}${a.sep}` : ""}${a.after}${a.dot ? "." : ""}`
          : `${a.dot ? "." : ""}${a.before}${a.templated ? `${a.sep}%{record_type}` : ""}${a.after}`;
        const o = opts({
          prefix: usePrefix ? text : "",
          suffix: usePrefix ? "" : text,
          wildcardReplacement: useW ? "wild" : "",
          version: ver,
        });
        for (const t of known) {
          if (useW && n.startsWith("*.")) continue;
          if (useW && n === "*") continue;
          expect(fromTXTName(toTXTName(n, t, o), o)).toEqual({ name: n.toLowerCase(), recordType: t });
        }
      }),
      { numRuns: 500 },
    );
  });

  it("fails exactly on the excluded cases", () => {
    const o = opts({ prefix: "txt-", wildcardReplacement: "wild" });
    expect(fromTXTName(toTXTName("*.example.com", "A", o), o)?.name).toBe("wild.example.com");
    const old = opts({ version: v(20) });
    expect(fromTXTName(toTXTName("foo.example.com", "SRV", old), old)).toEqual({ name: "srv-foo.example.com", recordType: "" });
  });
});
