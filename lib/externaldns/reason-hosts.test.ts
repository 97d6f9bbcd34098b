import { describe, expect, it } from "vitest";
import { reasonHost, reasonHosts } from "./reason-hosts";

describe("reasonHost", () => {
  it.each([
    ["App.Example.COM", "app.example.com"],
    ["app.example.com.", "app.example.com"],
    ["app.example.com..", "app.example.com."],
    ["*.Example.com", "*.example.com"],
    [".", ""],
    ["", ""],
    [" app.example.com", " app.example.com"],
  ])("%j → %j", (name, expected) => {
    expect(reasonHost(name)).toBe(expected);
  });
});

describe("reasonHosts", () => {
  it("drops empties and repeats (after normalising), keeping first-seen order", () => {
    expect(reasonHosts(["B.example.com", "a.example.com.", "", "b.example.com", ".", "A.EXAMPLE.COM"])).toEqual(["b.example.com", "a.example.com"]);
  });
});
