// What makes a plan dangerous enough to need a typed confirmation, and which changes would
// undo a person's manual edit. Pure rules over the plan, so the UI (on the selection a person
// ticks) and the apply endpoint (on the selection it receives) agree on them exactly.

import type { RecordChange } from "../externaldns/types";
import { addToList } from "../externaldns/append";

export interface SafetyRules {
  /** Data-record changes (creates, updates and deletes) above this share of a zone's owned records need confirming (0.3)… */
  changeShare: number;
  /** …once the zone owns at least this many records (10); below that any share is allowed. */
  minOwned: number;
  /** The configured pattern that protects this name, if one does (see protected-names.ts). */
  protectedBy: (name: string) => string | undefined;
}

export const DEFAULT_CHANGE_SHARE = 0.3;
export const DEFAULT_MIN_OWNED = 10;

export const DEFAULT_SAFETY: SafetyRules = { changeShare: DEFAULT_CHANGE_SHARE, minOwned: DEFAULT_MIN_OWNED, protectedBy: () => undefined };

/** The rules as a plan response carries them to the browser (which has no pattern matcher). */
export function rulesFromPlan(safety: { changeShare: number; minOwned: number; protectedNames: Record<string, string> } | undefined): SafetyRules {
  if (!safety) return DEFAULT_SAFETY;
  return { changeShare: safety.changeShare, minOwned: safety.minOwned, protectedBy: (name) => safety.protectedNames[name] };
}

export type ConfirmationRule = "delete" | "change-share" | "apex" | "delegation-or-mail" | "protected-name";

/** One reason a confirmation is needed: which rule, in which zone, triggered by which changes. */
export interface ConfirmationTrigger {
  rule: ConfirmationRule;
  zone: string;
  /** Positions in the changes given. */
  changes: number[];
  /** protected-name: the configured pattern; change-share: "<changes>/<owned>". */
  detail?: string;
}

export interface Confirmation {
  required: boolean;
  /** What the person must type: the zones concerned, sorted, comma-separated. */
  phrase: string;
  reasons: string[];
  triggers: ConfirmationTrigger[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function builtInProtection(c: RecordChange): ConfirmationRule | undefined {
  if (c.name === c.zone) return "apex";
  if (c.type === "NS" || c.type === "MX") return "delegation-or-mail";
  return undefined;
}

/**
 * @param ownedByZone records this external-dns owns per zone (data records, one per target)
 */
export function confirmationFor(changes: RecordChange[], ownedByZone: Record<string, number>, rules: SafetyRules = DEFAULT_SAFETY): Confirmation {
  const triggers: ConfirmationTrigger[] = [];
  const reasons: string[] = [];
  // Ownership TXTs travel with their record; counting them too would double every change.
  const data = changes.map((c, i) => ({ c, i })).filter(({ c }) => !c.ownershipOf);

  const deletes = data.filter(({ c }) => c.action === "delete");
  const deletesByZone = new Map<string, number[]>();
  for (const { c, i } of deletes) addToList(deletesByZone, c.zone, i);
  for (const [zone, idx] of deletesByZone) triggers.push({ rule: "delete", zone, changes: idx });
  if (deletes.length) reasons.push(`${plural(deletes.length, "record")} will be deleted`);

  const byZone = new Map<string, number[]>();
  for (const { c, i } of data) addToList(byZone, c.zone, i);
  for (const [zone, idx] of byZone) {
    const owned = ownedByZone[zone] ?? 0;
    if (owned < rules.minOwned || idx.length <= owned * rules.changeShare) continue;
    triggers.push({ rule: "change-share", zone, changes: idx, detail: `${idx.length}/${owned}` });
    reasons.push(
      `${plural(idx.length, "record")} of ${zone} would be created, updated or deleted against ${owned} owned ` +
        `(${Math.round((idx.length / owned) * 100)}%), over the ${Math.round(rules.changeShare * 100)}% safety threshold`,
    );
  }

  for (const { c, i } of data) {
    const rule = builtInProtection(c);
    const pattern = rule ? undefined : rules.protectedBy(c.name);
    if (!rule && !pattern) continue;
    triggers.push({ rule: rule ?? "protected-name", zone: c.zone, changes: [i], ...(pattern ? { detail: pattern } : {}) });
    const why =
      rule === "apex" ? `${c.name} is the zone apex` : rule ? `${c.type} records carry the zone's delegation or mail` : `${c.name} is a protected name (${pattern})`;
    reasons.push(`${c.action} ${c.type} ${c.name}: ${why}`);
  }

  const zones = [...new Set(triggers.map((t) => t.zone))].sort();
  return { required: triggers.length > 0, phrase: zones.join(", "), reasons, triggers };
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
