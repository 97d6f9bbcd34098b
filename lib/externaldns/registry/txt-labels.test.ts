import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLabelError, parseLabels, serializeLabels, trimQuotes } from "./txt-labels";

describe("serializeLabels — vector #30", () => {
  const labels = { owner: "foo-owner", resource: "foo-resource" };
  it.each([
    [true, '"heritage=external-dns,external-dns/owner=foo-owner,external-dns/resource=foo-resource"'],
    [false, "heritage=external-dns,external-dns/owner=foo-owner,external-dns/resource=foo-resource"],
  ])("quoted=%s", (quoted, expected) => {
    expect(serializeLabels(labels, quoted)).toBe(expected);
  });

  it("sorts keys in byte order whatever the insertion order, heritage always first", () => {
    expect(serializeLabels({ team: "x", Zed: "z", owner: "o", resource: "r" })).toBe(
      '"heritage=external-dns,external-dns/Zed=z,external-dns/owner=o,external-dns/resource=r,external-dns/team=x"',
    );
  });

  it("defaults to quoted; no labels is heritage alone", () => {
    expect(serializeLabels({})).toBe('"heritage=external-dns"');
  });
});

describe("parseLabels — vector #30", () => {
  it.each([
    ["quoted", '"heritage=external-dns,external-dns/owner=foo-owner,external-dns/resource=foo-resource"', { owner: "foo-owner", resource: "foo-resource" }],
    ["unquoted", "heritage=external-dns,external-dns/owner=foo-owner", { owner: "foo-owner" }],
    ["many quotes stripped", '""heritage=external-dns,external-dns/owner=x"""', { owner: "x" }],
    ["junk tokens without = ignored", "heritage=external-dns,junk,external-dns/owner=x,,", { owner: "x" }],
    ["tokens with two = ignored", "heritage=external-dns,external-dns/resource=a=b,external-dns/owner=x", { owner: "x" }],
    ["non external-dns keys ignored", "heritage=external-dns,foo/bar=1,external-dns/owner=x", { owner: "x" }],
    ["external-dns prefix without slash kept whole", "heritage=external-dns,external-dnsx=1", { "external-dnsx": "1" }],
    ["heritage alone", '"heritage=external-dns"', {}],
    ["a label literally called error", "heritage=external-dns,external-dns/error=boom", { error: "boom" }],
    ["names next to the common ones stay whole", "heritage=external-dns,external-dns/ownerx=1,external-dns/owne=2,external-dnsXowner=3,xxternal-dns/owner=4", { ownerx: "1", owne: "2", "external-dnsXowner": "3" }],
    ["owner and resource, then an empty owner", "heritage=external-dns,external-dns/resource=r,external-dns/owner=o,external-dns/owner=", { owner: "", resource: "r" }],
  ])("%s", (_, content, labels) => {
    const parsed = parseLabels(content);
    expect(isLabelError(parsed)).toBe(false);
    expect({ ...parsed }).toEqual(labels);
  });

  it.each([
    ["owner without heritage", "external-dns/owner=x"],
    ["other heritage", "heritage=mate,external-dns/owner=x"],
    ["other heritage first", "heritage=mate,heritage=external-dns,external-dns/owner=x"],
    ["other heritage after ours", "heritage=external-dns,heritage=mate"],
    ["spf record", '"v=spf1 include:_spf.google.com ~all"'],
    ["heritage with extra =", "heritage=external-dns=1,external-dns/owner=x"],
    ["empty", ""],
  ])("invalid: %s", (_, content) => {
    expect(isLabelError(parseLabels(content))).toBe(true);
  });

  it("round-trips what it serialises", () => {
    const labels = { owner: "o", resource: "ingress/default/x", team: "t" };
    expect({ ...parseLabels(serializeLabels(labels)) }).toEqual(labels);
  });

  it("trimQuotes strips only the outer runs", () => {
    expect(trimQuotes('"a"b"')).toBe('a"b');
    expect(trimQuotes('""""')).toBe("");
    expect(trimQuotes("abc")).toBe("abc");
  });

  // The reading of labels.go spelled out with split, as the parser first was: the in-place
  // tokeniser must agree with it on any text made of the characters that matter.
  function splitReading(content: string): Record<string, string> | "error" {
    const labels: Record<string, string> = {};
    let heritage = false;
    for (const token of content.replace(/^"+/, "").replace(/"+$/, "").split(",")) {
      const parts = token.split("=");
      if (parts.length !== 2) continue;
      const [key, value] = parts;
      if (key === "heritage") {
        if (value !== "external-dns") return "error";
        heritage = true;
      } else if (key.startsWith("external-dns")) labels[key.startsWith("external-dns/") ? key.slice(13) : key] = value;
    }
    return heritage ? labels : "error";
  }

  it("agrees with the split reading on arbitrary texts (property)", () => {
    const piece = fc.constantFrom("heritage", "external-dns", "/", "owner", "=", ",", '"', "x", "");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const content = pieces.join("");
        const parsed = parseLabels(content);
        expect(isLabelError(parsed) ? "error" : { ...parsed }).toEqual(splitReading(content));
      }),
      { numRuns: 3000 },
    );
  });
});
