// A plan is only as trustworthy as the desired state: when part of it is unknown (a source or a
// setting dnsdrift does not model, or inputs that are partial or stale), a record no modelled
// source wants may still be wanted by what is unknown. Such changes are taken out of the plan, so
// they can be neither offered nor applied, and listed as blocked with the reason. What is unknown
// decides how much: something that can only add records (an unmodelled source, names from
// templates, stale inputs) withholds deletes; anything else (another registry or provider, an
// unknown version or flag value) may make any change wrong, and withholds every change.
//
// The unit withheld is the hostname: every change at a name that has a delete (its ownership TXT
// changes included, and a create that replaces deleted content), so no half of a replacement or
// of a record/TXT pair is applied on its own.

import { summarize } from "../externaldns/provider/cloudflare/changes";
import type { Config, Reason, RecordChange } from "../externaldns/types";
import type { PipelineResult } from "./pipeline";

export type WithheldCode = "unmodelled-source" | "unmodelled-config" | "partial-data" | "config-error";

/** One reason the desired state may be incomplete. */
export interface Uncertainty {
  code: WithheldCode;
  /** What is unknown: "--source=istio-gateway", "--registry", "cluster", … */
  subject: string;
  message: string;
  /** "deletes": only deletes may be wrong; "all": any change may be. */
  scope: "deletes" | "all";
}

/** A change taken out of the plan, with why. */
export interface BlockedChange extends RecordChange {
  blockedBy: { code: WithheldCode; subject: string; message: string }[];
}

/**
 * What the configuration leaves unknown (ConfigIssue.unmodelled), one entry per issue. A
 * configuration external-dns refuses to start with means it changes nothing at all, so every
 * change is withheld then too.
 */
export function configUncertainties(config: Config): Uncertainty[] {
  const refused = config.issues
    .filter((i) => i.severity === "error")
    .map((i): Uncertainty => ({ code: "config-error", subject: i.flag, message: `external-dns refuses to start (${i.message}), so it changes nothing`, scope: "all" }));
  const unknown = config.issues
    .filter((i) => i.unmodelled)
    .map((i): Uncertainty => ({
      code: i.unmodelled === "source" ? "unmodelled-source" : "unmodelled-config",
      subject: i.flag,
      message: i.message,
      scope: i.scope === "deletes" ? "deletes" : "all",
    }));
  return [...refused, ...unknown];
}

const hostOf = (c: RecordChange) => c.ownershipOf ?? c.name;

function consequence(u: Uncertainty, all: boolean): string {
  if (u.code === "config-error") return "external-dns would not run, so no change here is offered or applied";
  return all
    ? "What is unknown may change what external-dns does here, so no change here is offered or applied"
    : "What is unknown may still want this record, so deletes here are neither offered nor applied";
}

function describe(c: RecordChange): string {
  return `${c.action} ${c.type} ${c.name}${c.content ? ` → ${c.content}` : ""}`;
}

/**
 * The result with the uncertain changes moved to `blocked` (every change at a name that has a
 * delete, or every change when some uncertainty has scope "all"), one warning reason per name and
 * uncertainty (the "will …" reasons of those names dropped), and the summary counted again.
 * Applying it twice adds the second set of reasons to what is already blocked.
 */
export function withholdUncertain(result: PipelineResult, why: Uncertainty[]): PipelineResult {
  if (why.length === 0) return result;
  const all = why.some((u) => u.scope === "all");
  const names = new Set(result.recordChanges.filter((c) => all || c.action === "delete").map(hostOf));
  const blockedBy = why.map(({ code, subject, message }) => ({ code, subject, message }));
  if (names.size === 0 && !result.blocked?.length) return result;
  const earlier = (result.blocked ?? []).map((b) => ({ ...b, blockedBy: [...b.blockedBy, ...blockedBy] }));

  const kept: RecordChange[] = [];
  const moved: BlockedChange[] = [];
  for (const c of result.recordChanges) {
    if (names.has(hostOf(c))) moved.push({ ...c, blockedBy });
    else kept.push(c);
  }
  const blocked = [...earlier, ...moved];
  const reasons: Reason[] = [];
  for (const name of new Set(blocked.map(hostOf))) {
    const atName = blocked.filter((b) => hostOf(b) === name);
    // The data records say it best; an ownership TXT alone (a claim without its record) otherwise.
    const here = atName.some((b) => !b.ownershipOf) ? atName.filter((b) => !b.ownershipOf) : atName;
    for (const u of why) {
      reasons.push({
        code: u.code,
        resource: u.code === "partial-data" ? "dnsdrift" : "config",
        severity: "warning",
        hostnames: [name],
        message: `withheld: ${here.map(describe).join("; ")}: ${u.message}. ${consequence(u, all)}`,
      });
    }
  }
  const stale = new Set(names);
  return {
    ...result,
    recordChanges: kept,
    summary: summarize(kept),
    blocked,
    reasons: [...reasons, ...result.reasons.filter((r) => !(r.code.startsWith("pending-") && r.hostnames.some((h) => stale.has(h))))],
  };
}
