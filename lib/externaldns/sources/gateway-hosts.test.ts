import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalHost, isDNS1123Domain, listenerHostMatch, matchingHost, routeHosts } from "./gateway-hosts";
import { ALPHA, config, route } from "./gateway.testkit";

describe("matchingHost (vector #16, symmetric)", () => {
  const cases: Array<[string, string, string | undefined]> = [
    ["", "", ""],
    ["example.net", "", "example.net"],
    ["*.example.net", "a.example.net", "a.example.net"],
    ["*.example.net", "foo.bar.test.example.net", "foo.bar.test.example.net"],
    ["*.example.net", "example.net", undefined],
    ["*example.net", "test.example.net", undefined],
    ["1.2.3.4", "", undefined],
    ["1.2.3.4", "1.2.3.4", undefined],
    ["2001:db8::1", "", undefined],
    ["example.net", "example.net", "example.net"],
    ["Example.NET", "example.net", "example.net"],
    ["*.example.internal", "*.foo.example.internal", "*.foo.example.internal"],
    ["*.example.internal", "*.example.internal", "*.example.internal"],
    ["foo.example.com", "bar.example.com", undefined],
    ["foo_bar.example.com", "", undefined],
  ];
  it.each(cases)("(%j, %j) → %j", (a, b, want) => {
    expect(matchingHost(a, b)).toBe(want);
    expect(matchingHost(b, a)).toBe(want);
  });
});

describe("listenerHostMatch", () => {
  it("gives no record when neither side names a host", () => {
    expect(listenerHostMatch("", "")).toBeUndefined();
  });
  it("inherits the listener hostname, wildcard included", () => {
    expect(listenerHostMatch("*.example.com", "")).toBe("*.example.com");
  });
  it("keeps a route host's trailing dot only against an empty listener", () => {
    expect(listenerHostMatch("", "foo.example.com.")).toBe("foo.example.com.");
    expect(listenerHostMatch("*.example.com", "foo.example.com.")).toBeUndefined();
    expect(listenerHostMatch("foo.example.com", "foo.example.com.")).toBeUndefined();
  });
});

describe("DNS-1123 validation", () => {
  it.each([
    ["example.com", true],
    ["example.com.", true],
    ["a-b.example.com", true],
    ["under_score.example.com", false],
    ["-lead.example.com", false],
    ["trail-.example.com", false],
    ["double..dot.com", false],
    [".lead.com", false],
    ["a".repeat(63) + ".com", true],
    ["a".repeat(64) + ".com", false],
    [Array(64).fill("abc").join("."), true], // exactly 255
    [Array(65).fill("abc").join("."), false],
    ["", false],
  ])("%j → %s", (name, ok) => expect(isDNS1123Domain(name)).toBe(ok));

  // The rule label by label, as the gateway source states it; the implementation is one regex.
  const byLabels = (name: string) => {
    if (name.length === 0 || name.length > 255) return false;
    const labels = name.split(".");
    if (labels[labels.length - 1] === "") labels.pop();
    return labels.every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
  };
  it("agrees with the label-by-label rule on arbitrary names", () => {
    const label = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9-]{0,4}$/), fc.constantFrom("", "a".repeat(63), "a".repeat(64), "-a", "a-", "_x", "A1"));
    const name = fc.tuple(fc.array(label, { minLength: 1, maxLength: 5 }), fc.constantFrom("", ".", "..")).map(([ls, end]) => ls.join(".") + end);
    fc.assert(fc.property(fc.oneof(name, fc.string({ maxLength: 8 }), fc.constant("a.".repeat(128))), (n) => {
      expect(isDNS1123Domain(n)).toBe(byLabels(n));
    }), { numRuns: 5000 });
  });

  it("lower-cases valid names and rejects IPs", () => {
    expect(canonicalHost("*.Foo.Example.COM")).toBe("*.foo.example.com");
    expect(canonicalHost("10.0.0.1")).toBeUndefined();
    expect(canonicalHost("*.")).toBeUndefined();
  });
});

describe("routeHosts (hosts())", () => {
  const withSource = (source: string | undefined, hostnames?: string[]) =>
    route("default", "r", {
      hostnames,
      annotations: {
        [`${ALPHA}hostname`]: "a.example.com, b.example.com",
        ...(source ? { [`${ALPHA}gateway-hostname-source`]: source } : {}),
      },
    });

  it.each([
    ["v0.21.0", undefined, ["spec.example.com"], ["spec.example.com", "a.example.com", "b.example.com"]],
    ["v0.21.0", undefined, undefined, ["", "a.example.com", "b.example.com"]],
    ["v0.21.0", "annotation-only", ["spec.example.com"], ["a.example.com", "b.example.com"]],
    ["v0.21.0", "Annotation-Only", ["spec.example.com"], ["a.example.com", "b.example.com"]],
    ["v0.21.0", "defined-hosts-only", ["spec.example.com"], ["spec.example.com"]],
    ["v0.21.0", "defined-hosts-only", undefined, []],
    ["v0.21.0", "bogus", undefined, ["", "a.example.com", "b.example.com"]],
    // v0.20: annotation hosts come before "", and hostname-source does not exist.
    ["v0.20.0", undefined, undefined, ["a.example.com", "b.example.com", ""]],
    ["v0.20.0", "annotation-only", ["spec.example.com"], ["spec.example.com", "a.example.com", "b.example.com"]],
    ["v0.20.0", "defined-hosts-only", undefined, ["a.example.com", "b.example.com", ""]],
  ])("%s source=%s spec=%j → %j", (v, source, spec, want) => {
    expect(routeHosts(withSource(source, spec), config({ v })).hosts).toEqual(want);
  });

  it("flags an invalid hostname-source value (v0.21+) and keeps the default list", () => {
    const r = routeHosts(withSource("invalid-value", ["x.example.com"]), config());
    expect(r.invalidSource).toBe("invalid-value");
    expect(r.source).toBe("default");
  });

  it("reports the hosts each mode drops", () => {
    expect(routeHosts(withSource("annotation-only", ["spec.example.com"]), config()).dropped).toEqual([
      { host: "spec.example.com", why: "gateway-hostname-source is annotation-only" },
    ]);
    expect(routeHosts(withSource(undefined, ["s.example.com"]), config({ ignoreHostnameAnnotation: true })).hosts).toEqual([
      "s.example.com",
    ]);
  });

  it("keeps the empty entry a trailing comma produces", () => {
    const r = route("default", "r", { hostnames: ["x.example.com"], annotations: { [`${ALPHA}hostname`]: "a.example.com," } });
    expect(routeHosts(r, config()).hosts).toEqual(["x.example.com", "a.example.com", ""]);
  });

  it("runs the fqdn template only when spec hostnames are empty (or combine is set)", () => {
    const expand = () => ["tmpl.example.com"];
    const cfg = config({ fqdnTemplate: "{{.Name}}.example.com" });
    expect(routeHosts(route("d", "r"), cfg, expand).hosts).toEqual(["tmpl.example.com", ""]);
    expect(routeHosts(route("d", "r", { hostnames: ["s.example.com"] }), cfg, expand).hosts).toEqual(["s.example.com"]);
    const combine = config({ fqdnTemplate: "x", combineFqdnAndAnnotation: true });
    expect(routeHosts(route("d", "r", { hostnames: ["s.example.com"] }), combine, expand).hosts).toEqual([
      "s.example.com",
      "tmpl.example.com",
    ]);
  });
});
