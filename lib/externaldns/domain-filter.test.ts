import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGoRegex, makeDomainFilter, normalizeDomain } from "./domain-filter";
import { parseVersion } from "./version";

const V20 = parseVersion("v0.20.0");
const V21 = parseVersion("v0.21.0");
const V22 = parseVersion("v0.22.0");

function filter(
  domainFilters: string[],
  excludeDomains: string[] = [],
  regexDomainFilter = "",
  regexDomainExclusion = "",
  version = V22,
) {
  return makeDomainFilter({ domainFilters, excludeDomains, regexDomainFilter, regexDomainExclusion, version });
}

describe("#31 domainFilterTests", () => {
  it.each([
    [["example.org"], [], "anexample.org", false],
    [["example.org"], [], "test.anexample.org", false],
    [[".example.org"], [], "example.org", false],
    [[".example.org"], [], "test.example.org", true],
    [["bar.sub.example.org"], [], "foo.bar.sub.example.org", true],
    [["baz.foo.org"], [], "foo.org", false],
    [["example.org"], ["api.example.org"], "foo.api.example.org", false],
    [["example.org"], ["api.example.org"], "api.example.org", false],
    [["example.org"], ["api.example.org"], "dev-api.example.org", true],
    [["eXaMPle.ORG"], [], "FoOoo.Api.Example.Org", true],
    [["  foo.org.  "], [], "foo.org", true],
    [["foo.org."], [], "foo.org.", true],
    [["example.org"], [], "example.org", true],
    [["example.org"], [], "a.b.c.example.org", true],
    [[], [], "anything.test", true],
    [["", "  "], [], "anything.test", true],
    [[], ["example.org"], "x.example.org", false],
    [[], ["example.org"], "example.com", true],
    [["example.com,example.org"], [], "example.com", false],
    [["bücher.example"], [], "www.xn--bcher-kva.example", true],
    [["xn--bcher-kva.example"], [], "WWW.BÜCHER.example", true],
  ])("include %j exclude %j: %s → %s", (inc, exc, name, expected) => {
    expect(filter(inc, exc).match(name)).toBe(expected);
  });
});

describe("regex filters", () => {
  it.each([
    // regexFilter, regexExclusion, plain include, name, v0.20, v0.21+
    ["example\\.org$", "", ["other.com"], "a.example.org", true, true],
    ["example\\.org$", "", ["other.com"], "a.other.com", false, false],
    // v0.20: the exclusion regex alone is ignored and the plain include applies
    ["", "^api\\.", ["example.org"], "api.example.org", true, false],
    // exclusion alone: plain lists at v0.20, regex mode (plain lists ignored) from v0.21
    ["", "^api\\.", ["example.org"], "www.other.com", false, true],
    ["", "^api\\.", ["example.org"], "www.example.org", true, true],
    // both set: v0.20 only checks the exclusion
    ["example\\.org$", "^api\\.", [], "www.other.com", true, false],
    ["example\\.org$", "^api\\.", [], "api.example.org", false, false],
    ["example\\.org$", "^api\\.", [], "www.example.org", true, true],
    ["(?i)EXAMPLE", "", [], "www.example.org", true, true],
  ])("filter %j exclusion %j include %j: %s → v0.20 %s, v0.21 %s", (rf, rx, inc, name, at20, at21) => {
    expect(filter(inc, [], rf, rx, V20).match(name)).toBe(at20);
    expect(filter(inc, [], rf, rx, V21).match(name)).toBe(at21);
    expect(filter(inc, [], rf, rx, V22).match(name)).toBe(at21);
  });

  it("runs the regex on the normalised name (lower-case, no trailing dot), unanchored", () => {
    const f = filter([], [], "^app\\.example\\.com$");
    expect(f.match("APP.Example.com.")).toBe(true);
    expect(f.match("example.com")).toBe(false);
    expect(filter([], [], "example").match("www.example.org")).toBe(true);
  });

  it("an invalid regex matches nothing and says why", () => {
    const f = filter([], [], "(unclosed");
    expect(f.match("a.example.org")).toBe(false);
    expect(f.explain("a.example.org")).toMatch(/invalid regular expression/);
  });
});

describe("explain, isConfigured, describe", () => {
  it("names the rule that rejects a name", () => {
    const f = filter(["example.org"], ["api.example.org"]);
    expect(f.explain("www.example.org")).toBeUndefined();
    expect(f.explain("www.other.org")).toBe("www.other.org is outside --domain-filter example.org");
    expect(f.explain("x.api.example.org")).toBe("x.api.example.org is excluded by --exclude-domains api.example.org");
    expect(filter([], [], "^a\\.", "").explain("b.org")).toBe("b.org does not match --regex-domain-filter ^a\\.");
    expect(filter([], [], "", "^b\\.").explain("b.org")).toBe("b.org matches --regex-domain-exclusion ^b\\.");
  });

  it.each([
    [[], [], "", "", "v0.22.0", false, "all names (no domain filter)"],
    [["Example.com."], [], "", "", "v0.22.0", true, "--domain-filter example.com"],
    [[], ["a.com"], "", "", "v0.22.0", true, "--exclude-domains a.com"],
    [["x.com"], [], "x", "", "v0.22.0", true, "--regex-domain-filter x; (--domain-filter and --exclude-domains are ignored in regex mode)"],
    [[], [], "", "y", "v0.22.0", true, "--regex-domain-exclusion y"],
    [[], [], "", "y", "v0.20.0", false, "all names (no domain filter); --regex-domain-exclusion is ignored without --regex-domain-filter before v0.21.0"],
  ])("%j %j %j %j at %s", (inc, exc, rf, rx, version, configured, text) => {
    const f = filter(inc, exc, rf, rx, parseVersion(version));
    expect(f.isConfigured).toBe(configured);
    expect(f.describe()).toBe(text);
  });
});

describe("normalizeDomain and compileGoRegex", () => {
  it.each([
    ["Example.COM.", "example.com"],
    ["xn--bcher-kva.example", "bücher.example"],
    ["STRASSE.de", "strasse.de"],
    ["straße.de", "strasse.de"],
    ["0x7f.1", "0x7f.1"],
    ["*.Example.com", "*.example.com"],
  ])("normalizeDomain(%j) = %j", (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it("translates Go-only syntax", () => {
    expect(compileGoRegex("(?P<sub>[a-z]+)\\.example\\.org\\z").exec("www.example.org")?.groups?.sub).toBe("www");
    expect(compileGoRegex("\\Aapi").test("xapi")).toBe(false);
    expect(() => compileGoRegex("(?U)a+")).toThrow(/not supported/);
  });
});

// ---- laws ----

const label = fc.constantFrom("a", "b", "ab", "x-y", "0", "api", "example");
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join("."));
const randomCase = (s: string, mask: boolean[]) =>
  [...s].map((c, i) => (mask[i % mask.length] ? c.toUpperCase() : c)).join("");

describe("domain filter laws", () => {
  it("a name matches F iff it equals F or ends with '.'+F", () => {
    fc.assert(
      fc.property(domain, domain, fc.boolean(), (f, n, nest) => {
        const name = nest ? `${n}.${f}` : n;
        expect(filter([f]).match(name)).toBe(name === f || name.endsWith("." + f));
      }),
    );
  });

  it("exclusions win over inclusions", () => {
    fc.assert(
      fc.property(domain, domain, domain, (inc, exc, n) => {
        const name = `${n}.${exc}`;
        expect(filter([inc], [exc]).match(name)).toBe(false);
      }),
    );
  });

  it("an empty include list matches everything", () => {
    fc.assert(
      fc.property(domain, (n) => {
        expect(filter([]).match(n)).toBe(true);
      }),
    );
  });

  it("matching ignores case and one trailing dot on both sides", () => {
    fc.assert(
      fc.property(domain, domain, fc.array(fc.boolean(), { minLength: 1 }), fc.boolean(), (f, n, mask, dot) => {
        const expected = filter([f]).match(n);
        const variant = randomCase(n, mask) + (dot ? "." : "");
        expect(filter([randomCase(f, mask.reverse()) + (dot ? "" : ".")]).match(variant)).toBe(expected);
      }),
    );
  });
});
