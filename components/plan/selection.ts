// Which plan changes an approval sends. A person picks data records; each one's ownership TXT
// goes with it (the server adds them too), so a partial approval never leaves a record unowned.

import type { PlanResponse } from "@/lib/api/types";
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
export function selectedIndexes(changes: Change[], unticked: Set<number>): number[] {
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
