// Which plan changes an approval sends. A person picks data records; each one's ownership TXT
// goes with it (the server adds them too), so a partial approval never leaves a record unowned.

import type { PlanResponse } from "@/lib/api/types";
import { countOf, formatCount } from "@/components/ui/format";
import { confirmationFor, rulesFromPlan, type Confirmation } from "@/lib/drift/safety";

type Change = PlanResponse["changes"][number];

const companionKey = (action: string, name: string) => `${action}\u0000${name}`;

/** For each TXT change, the index of the data change it belongs to (same action, same name). */
export function companionsOf(changes: Change[]): Map<number, number> {
  const data = new Map<string, number>();
  changes.forEach((c, i) => {
    if (!c.ownershipOf) data.set(companionKey(c.action, c.name), i);
  });
  const out = new Map<number, number>();
  changes.forEach((c, i) => {
    if (!c.ownershipOf) return;
    const parent = data.get(companionKey(c.action, c.ownershipOf));
    if (parent !== undefined) out.set(i, parent);
  });
  return out;
}

/** Every index that will be sent, given the indexes a person left unticked. */
export function selectedIndexes(changes: Change[], unticked: ReadonlySet<number>): number[] {
  const companions = companionsOf(changes);
  return changes
    .map((_, i) => i)
    .filter((i) => {
      const parent = companions.get(i);
      return !unticked.has(parent ?? i);
    });
}

/**
 * Whether the ticked selection needs the typed confirmation: the server's rule on the same
 * changes, with the plan's owned counts, threshold and protected names.
 */
export function selectionConfirmation(plan: PlanResponse, selected: number[]): Confirmation {
  return confirmationFor(selected.map((i) => plan.changes[i]), plan.safety?.owned ?? {}, rulesFromPlan(plan.safety));
}

// The plan page keeps the indexes a person *unticked*: a plan starts fully selected, and a new
// window of a streaming plan arrives selected too, without copying ten thousand indexes.

export type SelectionAction =
  | { kind: "all" }
  | { kind: "none"; count: number }
  | { kind: "toggle"; indexes: readonly number[]; tick: boolean };

/** The unticked set after an action; the same set back when nothing changes (no re-render). */
export function nextUnticked(prev: ReadonlySet<number>, action: SelectionAction): ReadonlySet<number> {
  switch (action.kind) {
    case "all":
      return prev.size ? new Set() : prev;
    case "none":
      return new Set(Array.from({ length: action.count }, (_, i) => i));
    case "toggle": {
      if (action.indexes.every((i) => prev.has(i) === !action.tick)) return prev;
      const next = new Set(prev);
      for (const i of action.indexes) {
        if (action.tick) next.delete(i);
        else next.add(i);
      }
      return next;
    }
  }
}

export type TickState = "all" | "some" | "none";

/** A group's checkbox (a zone, or the rows a filter shows): ticked, indeterminate or empty. */
export function tickState(heads: readonly number[], unticked: ReadonlySet<number>): { ticked: number; state: TickState } {
  let ticked = 0;
  for (const i of heads) if (!unticked.has(i)) ticked++;
  return { ticked, state: heads.length > 0 && ticked === heads.length ? "all" : ticked > 0 ? "some" : "none" };
}

/** Deletes of data records among the selected indexes (their TXT companions are not counted twice). */
export function selectedDeletes(changes: Change[], selected: readonly number[]): number {
  return selected.filter((i) => changes[i].action === "delete" && !changes[i].ownershipOf).length;
}

export interface ApproveGate {
  /** The plan is still streaming in: this many of that many changes have arrived. */
  loading?: { loaded: number; total: number };
  writes?: { enabled: boolean; reason?: string };
  session?: { mode: string; role: string | null; name: string; note?: string } | null;
}

/**
 * Why Approve is disabled, or undefined when it is not. The first reason that applies wins:
 * what the person can do nothing about here comes before what they can (tick something).
 */
export function approveBlocker(plan: Pick<PlanResponse, "changes" | "partial">, selectedCount: number, gate: ApproveGate): string | undefined {
  if (!plan.changes.length) return "Nothing to apply";
  if (gate.loading) return `Reading the plan: ${formatCount(gate.loading.loaded)} of ${countOf(gate.loading.total, "change")}`;
  if (gate.writes && !gate.writes.enabled) return `Approving is disabled: ${gate.writes.reason ?? "writes are not enabled"}`;
  const s = gate.session;
  if (s && s.mode !== "none" && s.role !== "approver") {
    return `Approving needs the approver role; ${s.name} is ${s.role ?? "not allowed to use this dashboard"}${s.note ? ` (${s.note})` : ""}`;
  }
  if (plan.partial) return "This plan was computed from partial or stale data; it can be read, not applied";
  if (!selectedCount) return "Select at least one change";
  return undefined;
}
