import { describe, expect, it } from "vitest";
import { reasonsFor, verdictFor, type ExplainInput } from "./explain";
import type { Reason, RecordChange } from "./types";

const reason = (code: string, severity: Reason["severity"] = "warning", hostnames = ["a.example.com"]): Reason => ({
  code,
  resource: "httproute/default/a",
  message: code,
  severity,
  hostnames,
});
const change = (action: RecordChange["action"]): RecordChange => ({ action, zone: "example.com", name: "a.example.com", type: "A", content: "192.0.2.1" });
const input = (p: Partial<ExplainInput>): ExplainInput => ({ hostname: "a.example.com", desiredCount: 1, dataChanges: [], reasons: [], ...p });

describe("verdictFor", () => {
  it.each<[string, Partial<ExplainInput>, string]>([
    ["a create", { dataChanges: [change("create")] }, "will-create"],
    ["an update", { dataChanges: [change("update")] }, "will-update"],
    ["a replacement (delete + create)", { dataChanges: [change("delete"), change("create")] }, "will-update"],
    ["a delete", { desiredCount: 0, dataChanges: [change("delete")] }, "will-delete"],
    ["desired, nothing to do", {}, "in-sync"],
    ["desired, unowned record in the way", { reasons: [reason("unowned-record")] }, "blocked"],
    ["desired, other owner", { reasons: [reason("owned-by-other")] }, "blocked"],
    ["desired, no zone", { reasons: [reason("no-zone")] }, "blocked"],
    ["desired, policy drops the update", { reasons: [reason("policy")] }, "blocked"],
    ["desired, only an info note about a leftover unowned record", { reasons: [reason("unowned-record", "info")] }, "in-sync"],
    ["desired but outside the domain filter", { reasons: [reason("domain-filter")] }, "not-desired"],
    ["desired but of an unmanaged type", { reasons: [reason("unmanaged-record-type")] }, "not-desired"],
    ["nothing wants it", { desiredCount: 0 }, "not-desired"],
    ["nothing wants it, the policy keeps an orphan", { desiredCount: 0, reasons: [reason("policy")] }, "blocked"],
  ])("%s → %s", (_, p, verdict) => {
    expect(verdictFor(input(p))).toBe(verdict);
  });
});

describe("reasonsFor", () => {
  it("keeps reasons of the name only, most severe first, stage order otherwise", () => {
    const rs = [
      reason("endpoint-produced", "info"),
      reason("other-name", "error", ["b.example.com"]),
      reason("annotation-prefix-mismatch", "warning"),
      reason("config-error", "error", ["A.Example.com."]),
      reason("in-sync", "info"),
    ];
    expect(reasonsFor("a.example.com", rs).map((r) => r.code)).toEqual([
      "config-error",
      "annotation-prefix-mismatch",
      "endpoint-produced",
      "in-sync",
    ]);
  });
});
