// What makes a plan dangerous enough to need a typed confirmation, and which changes would
// undo a person's manual edit. Pure rules over the plan, so the UI and the apply endpoint
// agree on them exactly.

import type { RecordChange } from "../externaldns/types";

export interface SafetyOptions {
  /** Deletes above this share of a zone's owned records need confirming (default 0.3)… */
  deleteShare: number;
  /** …once the zone has at least this many owned records (default 10). */
  deleteMinOwned: number;
  /** Extra names that always need confirming (exact, or "*.suffix"). */
  protectedNames: string[];
}

export const DEFAULT_SAFETY: SafetyOptions = { deleteShare: 0.3, deleteMinOwned: 10, protectedNames: [] };

export interface Confirmation {
  required: boolean;
  /** What the person must type: the zone names concerned, comma-separated. */
  phrase: string;
  reasons: string[];
}

function isProtected(c: RecordChange, opts: SafetyOptions): string | undefined {
  if (c.name === c.zone) return `${c.name} is the zone apex`;
  if (c.type === "NS" || c.type === "MX") return `${c.type} records carry the zone's delegation or mail`;
  for (const p of opts.protectedNames) {
    const hit = p.startsWith("*.") ? c.name.endsWith(p.slice(1)) : c.name === p.toLowerCase();
    if (hit) return `${c.name} is on the protected list (${p})`;
  }
  return undefined;
}

/**
 * @param ownedByZone number of records this external-dns owns per zone (data records only)
 */
export function confirmationFor(changes: RecordChange[], ownedByZone: Record<string, number>, opts: SafetyOptions = DEFAULT_SAFETY): Confirmation {
  const reasons: string[] = [];
  const zones = new Set<string>();
  const data = changes.filter((c) => !c.ownershipOf);
  const deletes = data.filter((c) => c.action === "delete");
  for (const c of deletes) zones.add(c.zone);
  if (deletes.length) reasons.push(`${deletes.length} record${deletes.length === 1 ? "" : "s"} will be deleted`);

  const byZone = new Map<string, number>();
  for (const c of deletes) byZone.set(c.zone, (byZone.get(c.zone) ?? 0) + 1);
  for (const [zone, n] of byZone) {
    const owned = ownedByZone[zone] ?? 0;
    if (owned >= opts.deleteMinOwned && n > owned * opts.deleteShare) {
      reasons.push(`${n} of the ${owned} owned records of ${zone} (${Math.round((n / owned) * 100)}%) would be deleted, over the ${Math.round(opts.deleteShare * 100)}% safety threshold`);
    }
  }
  for (const c of data) {
    const why = isProtected(c, opts);
    if (why) {
      zones.add(c.zone);
      reasons.push(`${c.action} ${c.type} ${c.name}: ${why}`);
    }
  }
  return { required: reasons.length > 0, phrase: [...zones].sort().join(", "), reasons };
}

/** Updates undo what is at Cloudflare now: if a person made that edit by hand, it is lost. */
export function revertsFor(changes: RecordChange[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  changes.forEach((c, index) => {
    if (c.action !== "update" || c.ownershipOf || !c.previous) return;
    const diffs: string[] = [];
    if (c.previous.proxied !== undefined && c.previous.proxied !== c.proxied) diffs.push(`proxied ${c.previous.proxied} → ${c.proxied}`);
    if (c.previous.ttl !== undefined && c.previous.ttl !== c.ttl) diffs.push(`ttl ${c.previous.ttl} → ${c.ttl}`);
    if ((c.previous.comment ?? "") !== (c.comment ?? "")) diffs.push("comment");
    if ((c.previous.tags ?? []).join() !== (c.tags ?? []).join()) diffs.push("tags");
    out.push({
      index,
      message: `${c.name} ${c.type} was changed at Cloudflare (${diffs.join(", ") || "content"}); external-dns reverts this on its next loop. To keep it, change the source object (e.g. the route's cloudflare-proxied annotation) instead.`,
    });
  });
  return out;
}
