import { describe, expect, it } from "vitest";
import { fieldOwner } from "./field-owner";

const mf = [
  { manager: "kubectl-client-side-apply", operation: "Update", time: "2026-01-01T00:00:00Z", fieldsV1: { "f:metadata": { "f:labels": { ".": {}, "f:app": {} } }, "f:spec": { ".": {}, "f:parentRefs": {}, "f:hostnames": {} } } },
  { manager: "kubectl-label", operation: "Update", time: "2026-01-02T00:00:00Z", fieldsV1: { "f:metadata": { "f:labels": { "f:enabled": {} } } } },
  { manager: "envoy-gateway", operation: "Update", subresource: "status", time: new Date("2026-01-03T00:00:00Z"), fieldsV1: { "f:status": { "f:parents": {} } } },
  { manager: "helm", operation: "Apply", time: "2026-01-04T00:00:00Z", fieldsV1: { "f:spec": { "f:listeners": { 'k:{"name":"https"}': { ".": {}, "f:port": {} } } } } },
];

describe("fieldOwner", () => {
  it.each([
    ["a label set by kubectl label", ["metadata", "labels", "enabled"], { manager: "kubectl-label", operation: "Update", time: "2026-01-02T00:00:00Z" }],
    ["a label from the original apply", ["metadata", "labels", "app"], { manager: "kubectl-client-side-apply", operation: "Update", time: "2026-01-01T00:00:00Z" }],
    ["an atomic list (parentRefs)", ["spec", "parentRefs"], { manager: "kubectl-client-side-apply", operation: "Update", time: "2026-01-01T00:00:00Z" }],
    ["route status from the controller (time as a Date, as typed clients give it)", ["status", "parents"], { manager: "envoy-gateway", operation: "Update", subresource: "status", time: "2026-01-03T00:00:00Z" }],
    ["a keyed list owned element by element", ["spec", "listeners"], { manager: "helm", operation: "Apply", time: "2026-01-04T00:00:00Z" }],
    ["a removed label: its map's newest manager, marked inferred", ["metadata", "labels", "gone"], { manager: "kubectl-label", operation: "Update", time: "2026-01-02T00:00:00Z", inferred: true }],
  ])("%s", (_, field, want) => {
    expect(fieldOwner(mf, field as string[])).toEqual(want);
  });

  it("knows nothing without managedFields", () => {
    expect(fieldOwner(undefined, ["metadata", "labels", "x"])).toBeUndefined();
    expect(fieldOwner([{ manager: "m", fieldsV1: {} }], ["spec", "hostnames"])).toBeUndefined();
  });
});
