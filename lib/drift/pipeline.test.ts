import { describe, expect, it } from "vitest";
import type { Reason } from "../externaldns/types";
import { dedupeReasons } from "./pipeline";

const reason = (code: string, resource: string, message: string, hostnames: string[] = []): Reason => ({ code, resource, message, severity: "info", hostnames });

describe("dedupeReasons", () => {
  it.each<[string, Reason[], number[]]>([
    ["an exact repeat goes", [reason("a", "r", "m", ["h"]), reason("a", "r", "m", ["h"])], [0]],
    ["another code stays", [reason("a", "r", "m"), reason("b", "r", "m")], [0, 1]],
    ["another resource stays", [reason("a", "r", "m"), reason("a", "s", "m")], [0, 1]],
    ["another message stays", [reason("a", "r", "m"), reason("a", "r", "n")], [0, 1]],
    ["other hostnames stay", [reason("a", "r", "m", ["h"]), reason("a", "r", "m", ["i"])], [0, 1]],
    ["the first of the repeats is kept, in place", [reason("a", "r", "m"), reason("b", "r", "m"), reason("a", "r", "m")], [0, 1]],
  ])("%s", (_, input, kept) => {
    expect(dedupeReasons(input)).toEqual(kept.map((i) => input[i]));
  });

  it("stays exact when one resource has hundreds of reasons", () => {
    // 60 distinct (message, hostname) pairs, each repeated five times, all under one resource.
    const input = Array.from({ length: 300 }, (_, i) => reason("c", "config", `message ${i % 12}`, [`h${i % 5}`]));
    const key = (r: Reason) => [r.code, r.resource, r.message, r.hostnames.join(",")].join("|");
    const expected = input.filter((r, i) => input.findIndex((o) => key(o) === key(r)) === i);
    expect(dedupeReasons(input)).toEqual(expected);
    expect(expected).toHaveLength(60);
  });
});
