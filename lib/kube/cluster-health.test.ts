import { describe, expect, it } from "vitest";
import type { SourceHealth } from "../server/ports";
import { aggregateHealth, isComplete, type KindState } from "./cluster-health";

const state = (id: string, status: SourceHealth["status"], opts: { loaded?: boolean; required?: boolean; fetchedAt?: string | null } = {}): KindState => ({
  health: {
    id: `cluster/${id}`,
    kind: "cluster-kind",
    label: id,
    status,
    fetchedAt: opts.fetchedAt === undefined ? "2026-01-01T00:00:00.000Z" : opts.fetchedAt,
    ...(status === "error" || status === "stale" || status === "missing" ? { error: { code: "unknown" as const, message: `${id} trouble`, at: "t" } } : {}),
  },
  loaded: opts.loaded ?? status !== "loading",
  required: opts.required ?? true,
});

describe("isComplete", () => {
  it.each<[string, KindState[], boolean]>([
    ["all ok", [state("a", "ok"), state("b", "ok")], true],
    ["a missing CRD of a kind a source reads is incomplete (external-dns cannot sync it)", [state("a", "ok"), state("b", "missing")], false],
    ["a missing CRD no instance reads does not count", [state("a", "ok"), state("b", "missing", { required: false })], true],
    ["stale data is still complete", [state("a", "stale")], true],
    ["an error", [state("a", "ok"), state("b", "error")], false],
    ["an error after a first load", [state("a", "error", { loaded: true })], false],
    ["still loading", [state("a", "loading")], false],
    ["an error on a kind no instance reads", [state("a", "ok"), state("b", "error", { required: false })], true],
    ["nothing required", [], true],
  ])("%s → %s", (_, states, want) => {
    expect(isComplete(states)).toBe(want);
  });
});

describe("aggregateHealth", () => {
  it.each<[string, KindState[], SourceHealth["status"], string | undefined]>([
    ["all ok", [state("a", "ok"), state("b", "ok")], "ok", undefined],
    ["missing beats stale", [state("a", "stale"), state("b", "missing")], "missing", "b: b trouble"],
    ["stale beats ok", [state("a", "ok"), state("b", "stale")], "stale", "b: b trouble"],
    ["loading beats stale", [state("a", "loading"), state("b", "stale")], "loading", undefined],
    ["error beats everything", [state("a", "stale"), state("b", "error"), state("c", "loading")], "error", "b: b trouble"],
    ["kinds no instance reads do not count", [state("a", "ok"), state("b", "error", { required: false })], "ok", undefined],
  ])("%s", (_, states, status, message) => {
    const h = aggregateHealth(states, "Kubernetes API");
    expect(h).toMatchObject({ id: "cluster", kind: "cluster", label: "Kubernetes API", status });
    expect(h.error?.message).toBe(message);
  });

  it("dates the aggregate by its oldest kind, and null until every kind has loaded", () => {
    const old = state("a", "ok", { fetchedAt: "2026-01-01T00:00:00.000Z" });
    const fresh = state("b", "ok", { fetchedAt: "2026-01-02T00:00:00.000Z" });
    expect(aggregateHealth([fresh, old], "x").fetchedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(aggregateHealth([fresh, state("c", "loading", { fetchedAt: null })], "x").fetchedAt).toBeNull();
  });
});
