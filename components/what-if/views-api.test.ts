import { describe, expect, it } from "vitest";
import { changesUrl, normalisedWhatIf } from "./views-api";

describe("changesUrl", () => {
  it.each([
    [{ instance: null, toVersion: null, args: [] }, "differences", null, 0, "/api/what-if/changes?list=differences&offset=0&limit=200"],
    [{ instance: "prod", toVersion: "v0.22.0", args: ["--policy=sync"] }, "vanishing", "delete", 400, "/api/what-if/changes?instance=prod&toVersion=v0.22.0&arg=--policy%3Dsync&list=vanishing&action=delete&offset=400&limit=200"],
  ] as const)("%j %s %s from %i → %s", (p, list, action, offset, want) => {
    expect(changesUrl({ ...p, args: [...p.args] }, list, action, offset, 200)).toBe(want);
  });
});

describe("normalisedWhatIf: the query as the server echoes it, so keys from the URL and from an answer agree", () => {
  it.each([
    [{ instance: null, toVersion: null, args: [] }, { instance: null, toVersion: null, args: [] }],
    [{ instance: "a", toVersion: " v0.22.0 ", args: [" --policy=sync ", "", "  "] }, { instance: "a", toVersion: "v0.22.0", args: ["--policy=sync"] }],
    [{ instance: null, toVersion: "  ", args: [] }, { instance: null, toVersion: null, args: [] }],
  ])("%j → %j", (p, want) => {
    expect(normalisedWhatIf(p)).toEqual(want);
  });
});
