// Which changes travel together when a plan is applied. A record's changes at one name and the
// ownership TXTs that claim that name form a unit: they share a batch (one transaction, so they
// land or fail together), and when a batch is replayed call by call the unit is settled as one
// (see settleUnit in apply.ts): a TXT claim never outlives or precedes its record.

import type { RecordChange } from "../externaldns/types";
import { normalizeHostname } from "../externaldns/hostname";

export interface UnitOp<C extends RecordChange = RecordChange> {
  /** Position in the changes given. */
  pos: number;
  change: C;
}

export interface Unit<C extends RecordChange = RecordChange> {
  action: RecordChange["action"];
  /** The name the unit is about (the TXTs' ownershipOf). */
  name: string;
  data: UnitOp<C>[];
  txt: UnitOp<C>[];
}

const RANK = { delete: 0, update: 1, create: 2 } as const;

/**
 * One zone's changes as units, in the order the batch endpoint executes them (deletes, updates,
 * creates), so a CNAME replaced by an A record at the same name is deleted first even when the
 * two fall in different chunks.
 */
export function unitsOf<C extends RecordChange>(ops: UnitOp<C>[]): Unit<C>[] {
  const units = new Map<string, Unit<C>>();
  const first = new Map<Unit<C>, number>();
  for (const op of ops) {
    const c = op.change;
    const name = normalizeHostname(c.ownershipOf ?? c.name);
    const key = `${c.action}\u0000${name}`;
    let unit = units.get(key);
    if (!unit) {
      unit = { action: c.action, name, data: [], txt: [] };
      units.set(key, unit);
      first.set(unit, op.pos);
    }
    (c.ownershipOf ? unit.txt : unit.data).push(op);
  }
  return [...units.values()].sort((a, b) => RANK[a.action] - RANK[b.action] || first.get(a)! - first.get(b)!);
}

export const sizeOf = (u: Unit) => u.data.length + u.txt.length;

/**
 * Packs whole units into chunks of at most `size` operations, keeping their order. A unit larger
 * than a chunk (hundreds of targets at one name) gets a chunk of its own and is settled call by
 * call, since splitting it would break the all-or-nothing of a batch.
 */
export function packUnits<C extends RecordChange>(units: Unit<C>[], size: number): Unit<C>[][] {
  const chunks: Unit<C>[][] = [];
  let current: Unit<C>[] = [];
  let ops = 0;
  for (const unit of units) {
    const n = sizeOf(unit);
    if (current.length && ops + n > size) {
      chunks.push(current);
      current = [];
      ops = 0;
    }
    current.push(unit);
    ops += n;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
