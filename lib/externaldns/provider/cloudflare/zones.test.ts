import { describe, expect, it } from "vitest";
import { selectZones, zoneForName } from "./zones";

describe("zoneForName", () => {
  const zones = ["example.com", "sub.example.com", "notexample.com", "example.org"];
  it.each([
    ["example.com", "example.com"],
    ["app.example.com", "example.com"],
    ["a.b.sub.example.com", "sub.example.com"],
    ["sub.example.com", "sub.example.com"],
    ["xsub.example.com", "example.com"],
    ["notexample.com", "notexample.com"],
    ["www.notexample.com", "notexample.com"],
    ["App.Example.COM.", "example.com"],
    ["*.example.org", "example.org"],
    ["a-example.com", undefined],
    ["example.net", undefined],
    ["com", undefined],
  ])("%s → %s", (name, expected) => {
    expect(zoneForName(name, zones)).toBe(expected);
  });

  it("does not let example.com claim notexample.com", () => {
    expect(zoneForName("api.notexample.com", ["example.com"])).toBeUndefined();
  });

  it("prefers the longer zone regardless of list order", () => {
    expect(zoneForName("a.sub.example.com", ["sub.example.com", "example.com"])).toBe("sub.example.com");
    expect(zoneForName("a.sub.example.com", ["example.com", "sub.example.com"])).toBe("sub.example.com");
  });
});

describe("selectZones", () => {
  const zones = [
    { id: "1", name: "example.com" },
    { id: "2", name: "notexample.com" },
    { id: "3", name: "example.org" },
  ];
  const suffixFilter = (suffix: string) => ({ match: (n: string) => n === suffix || n.endsWith("." + suffix) });

  it("keeps zones whose name passes the domain filter", () => {
    expect(selectZones(zones, suffixFilter("example.com"), []).map((z) => z.id)).toEqual(["1"]);
  });

  it("uses the filter on the zone name only (a sub-domain filter selects no parent zone)", () => {
    expect(selectZones(zones, suffixFilter("sub.example.com"), [])).toEqual([]);
  });

  it("a zone-id filter picks exactly those zones, in filter order, ignoring the domain filter", () => {
    expect(selectZones(zones, suffixFilter("example.com"), ["3", "2", "missing"]).map((z) => z.id)).toEqual(["3", "2"]);
  });

  it("a blank first zone id means no zone-id filter", () => {
    expect(selectZones(zones, { match: () => true }, [""]).map((z) => z.id)).toEqual(["1", "2", "3"]);
  });
});
