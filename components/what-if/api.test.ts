import { describe, expect, it } from "vitest";
import { whatIfSearch } from "./api";

describe("whatIfSearch", () => {
  it.each([
    [{ instance: null, toVersion: null, args: [] }, ""],
    [{ instance: null, toVersion: "v0.22.0", args: [] }, "?toVersion=v0.22.0"],
    [{ instance: "prod", toVersion: "v0.22.0", args: ["--txt-prefix=x", "--policy=sync"] }, "?instance=prod&toVersion=v0.22.0&arg=--txt-prefix%3Dx&arg=--policy%3Dsync"],
  ])("%j → %s", (p, want) => {
    expect(whatIfSearch(p)).toBe(want);
  });
});
