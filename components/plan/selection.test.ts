import { describe, expect, it } from "vitest";
import type { PlanResponse } from "@/lib/api/types";
import { approveBlocker, companionsOf, nextUnticked, selectedDeletes, selectedIndexes, selectionConfirmation, tickState, type ApproveGate } from "./selection";

type Change = PlanResponse["changes"][number];

const TXT = (action: Change["action"], zone: string, name: string): Change => ({
  action,
  zone,
  name: `a-${name}`,
  type: "TXT",
  content: '"heritage=external-dns,external-dns/owner=default"',
  ownershipOf: name,
});
const rec = (action: Change["action"], zone: string, name: string): Change => ({ action, zone, name, type: "CNAME", content: "lb.example.net", proxied: true, ttl: 1 });

/** A record change followed by its ownership TXT, as the engine lists them. */
const pair = (action: Change["action"], zone: string, name: string): Change[] => [rec(action, zone, name), TXT(action, zone, name)];

function plan(changes: Change[], extra: Partial<PlanResponse> = {}): PlanResponse {
  const summary = { create: 0, update: 0, delete: 0 };
  for (const c of changes) if (!c.ownershipOf) summary[c.action]++;
  return { desired: [], changes, summary, hash: "h", instance: "default", generatedAt: "2026-01-01T00:00:00Z", partial: false, reverts: [], ...extra };
}

/** `n` record changes with their TXTs, spread over three zones. */
function bigPlan(n: number): PlanResponse {
  const zones = ["a.test", "b.test", "c.test"];
  const actions: Change["action"][] = ["create", "update", "delete"];
  return plan(Array.from({ length: n }, (_, i) => pair(actions[i % 3], zones[i % 3], `h${i}.${zones[i % 3]}`)).flat());
}

const headsOf = (p: PlanResponse, zone?: string) => {
  const companions = companionsOf(p.changes);
  return p.changes.map((_, i) => i).filter((i) => !companions.has(i) && (zone === undefined || p.changes[i].zone === zone));
};

describe("selectedIndexes", () => {
  const p = plan([...pair("create", "example.com", "web.example.com"), ...pair("update", "example.com", "app.example.com"), TXT("delete", "example.com", "gone.example.com")]);

  it("sends everything when nothing is unticked", () => {
    expect(selectedIndexes(p.changes, new Set())).toEqual([0, 1, 2, 3, 4]);
  });

  it("drops a record's ownership TXT with it", () => {
    expect(selectedIndexes(p.changes, new Set([0]))).toEqual([2, 3, 4]);
  });

  it("keeps a TXT whose record is not in the plan as its own row", () => {
    expect(companionsOf(p.changes).has(4)).toBe(false);
    expect(selectedIndexes(p.changes, new Set([4]))).toEqual([0, 1, 2, 3]);
  });

  it("pairs a TXT with the record of the same action only", () => {
    const mixed = plan([rec("delete", "example.com", "x.example.com"), TXT("create", "example.com", "x.example.com")]);
    expect(companionsOf(mixed.changes).size).toBe(0);
  });
});

describe("nextUnticked over a plan of ten thousand changes", () => {
  const p = bigPlan(10_500);
  const all = p.changes.length;

  it("selects none, then all", () => {
    const none = nextUnticked(new Set(), { kind: "none", count: all });
    expect(selectedIndexes(p.changes, none)).toEqual([]);
    const again = nextUnticked(none, { kind: "all" });
    expect(selectedIndexes(p.changes, again)).toHaveLength(all);
  });

  it("ticks one record back after none: it and its TXT are sent", () => {
    const none = nextUnticked(new Set(), { kind: "none", count: all });
    const one = nextUnticked(none, { kind: "toggle", indexes: [8000], tick: true });
    expect(selectedIndexes(p.changes, one)).toEqual([8000, 8001]);
    expect(selectedDeletes(p.changes, selectedIndexes(p.changes, one))).toBe(p.changes[8000].action === "delete" ? 1 : 0);
  });

  it("toggles one zone (the rows a filter shows) without touching the others", () => {
    const heads = headsOf(p, "b.test");
    const off = nextUnticked(new Set(), { kind: "toggle", indexes: heads, tick: false });
    const sent = selectedIndexes(p.changes, off);
    expect(sent.every((i) => p.changes[i].zone !== "b.test")).toBe(true);
    expect(sent).toHaveLength(all - 2 * heads.length);
    expect(tickState(heads, off)).toEqual({ ticked: 0, state: "none" });
    expect(tickState(headsOf(p, "a.test"), off).state).toBe("all");
    const back = nextUnticked(off, { kind: "toggle", indexes: heads, tick: true });
    expect(back.size).toBe(0);
  });

  it("returns the same set when an action changes nothing, so the page does not re-render", () => {
    const empty = new Set<number>();
    expect(nextUnticked(empty, { kind: "all" })).toBe(empty);
    expect(nextUnticked(empty, { kind: "toggle", indexes: [1, 2], tick: true })).toBe(empty);
    const some = new Set([3]);
    expect(nextUnticked(some, { kind: "toggle", indexes: [3], tick: false })).toBe(some);
    expect(nextUnticked(some, { kind: "toggle", indexes: [3, 4], tick: false })).not.toBe(some);
  });

  it("never changes the set it was given", () => {
    const prev = new Set([1]);
    nextUnticked(prev, { kind: "toggle", indexes: [2], tick: false });
    nextUnticked(prev, { kind: "toggle", indexes: [1], tick: true });
    expect([...prev]).toEqual([1]);
  });
});

describe("tickState", () => {
  it.each([
    [[], [], { ticked: 0, state: "none" }],
    [[0, 2, 4], [], { ticked: 3, state: "all" }],
    [[0, 2, 4], [2], { ticked: 2, state: "some" }],
    [[0, 2, 4], [0, 2, 4], { ticked: 0, state: "none" }],
    // Unticked rows elsewhere do not matter.
    [[0, 2], [1, 3], { ticked: 2, state: "all" }],
  ])("heads %j, unticked %j", (heads, unticked, want) => {
    expect(tickState(heads, new Set(unticked))).toEqual(want);
  });
});

describe("the confirmation follows the selection", () => {
  const p = plan([...pair("create", "example.com", "web.example.com"), ...pair("delete", "example.com", "old.example.com")]);

  it("asks for the zone's name while the delete is ticked, and not once it is unticked", () => {
    const withDelete = selectionConfirmation(p, selectedIndexes(p.changes, new Set()));
    expect(withDelete).toMatchObject({ required: true, phrase: "example.com" });
    expect(selectedDeletes(p.changes, selectedIndexes(p.changes, new Set()))).toBe(1);
    const without = selectionConfirmation(p, selectedIndexes(p.changes, new Set([2])));
    expect(without.required).toBe(false);
  });

  it("leaves withheld (blocked) changes out of the selection and the confirmation", () => {
    const blocked = { ...rec("delete", "example.com", "kept.example.com"), blockedBy: [{ code: "unmodelled-source" as const, subject: "--source=istio-gateway", message: "not modelled" }] };
    const withBlocked = plan(pair("create", "example.com", "web.example.com"), { blocked: [blocked] });
    const sent = selectedIndexes(withBlocked.changes, new Set());
    expect(sent).toEqual([0, 1]);
    expect(sent.map((i) => withBlocked.changes[i].name)).not.toContain("kept.example.com");
    expect(selectionConfirmation(withBlocked, sent).required).toBe(false);
  });
});

describe("approveBlocker", () => {
  const p = plan(pair("create", "example.com", "web.example.com"));
  const approver = { mode: "token", role: "approver", name: "alice" };
  const open: ApproveGate = { writes: { enabled: true }, session: approver };
  it.each<[string, Pick<PlanResponse, "changes" | "partial">, number, ApproveGate, string | undefined]>([
    ["ready", p, 2, open, undefined],
    ["no session endpoint (writes decide)", p, 2, { writes: { enabled: true }, session: null }, undefined],
    ["auth mode none", p, 2, { writes: { enabled: true }, session: { mode: "none", role: null, name: "anonymous" } }, undefined],
    ["empty plan", plan([]), 0, open, "Nothing to apply"],
    ["still streaming", p, 2, { ...open, loading: { loaded: 1000, total: 12500 } }, "Reading the plan: 1,000 of 12,500 changes"],
    ["writes off, with a reason", p, 2, { ...open, writes: { enabled: false, reason: "no edit token" } }, "Approving is disabled: no edit token"],
    ["writes off", p, 2, { ...open, writes: { enabled: false } }, "Approving is disabled: writes are not enabled"],
    ["a viewer", p, 2, { ...open, session: { ...approver, role: "viewer" } }, "Approving needs the approver role; alice is viewer"],
    ["no role, with a note", p, 2, { ...open, session: { ...approver, role: null, note: "access review failed" } }, "Approving needs the approver role; alice is not allowed to use this dashboard (access review failed)"],
    ["partial data", { ...p, partial: true }, 2, open, "This plan was computed from partial or stale data; it can be read, not applied"],
    ["nothing ticked", p, 0, open, "Select at least one change"],
    // What the person cannot change here is said first.
    ["writes off and nothing ticked", p, 0, { ...open, writes: { enabled: false } }, "Approving is disabled: writes are not enabled"],
    ["partial and nothing ticked", { ...p, partial: true }, 0, open, "This plan was computed from partial or stale data; it can be read, not applied"],
  ])("%s", (_what, pl, count, gate, want) => {
    expect(approveBlocker(pl, count, gate)).toBe(want);
  });
});
