import { describe, expect, it } from "vitest";
import type { HistoryEntryJSON } from "../../api/types";
import { sinceLine } from "./since";

const e = (at: string, from: string, to: string, type?: string): HistoryEntryJSON => ({ id: 1, at, instance: "i", hostname: "h", from, to, causes: [], ...(type ? { type } : {}) });
const now = Date.parse("2026-12-06T18:00:00Z");

describe("sinceLine", () => {
  it.each([
    ["the hostname's newest transition, ignoring record-level ones", [e("2026-12-06T15:00:00Z", "in-sync", "drifted", "A"), e("2026-12-06T14:02:00Z", "not-published", "missing")], /^missing since \d{2}:\d{2}$/],
    ["first observation: since at least", [e("2026-12-06T14:02:00Z", "unknown", "missing")], /^missing since at least \d{2}:\d{2}$/],
    ["an older day carries the date", [e("2026-12-01T14:02:00Z", "missing", "in-sync")], /^in sync since (\d+ \w+|\w+ \d+),? \d{2}:\d{2}$/],
  ])("%s", (_, entries, want) => {
    expect(sinceLine(entries as HistoryEntryJSON[], now)).toMatch(want as RegExp);
  });

  it("says nothing without a hostname-level entry", () => {
    expect(sinceLine([e("2026-12-06T15:00:00Z", "in-sync", "drifted", "A")], now)).toBeUndefined();
  });
});
