// Human-readable renderings of the plan and explain documents, for the terminal: a plan reads
// like something a person reviews before approving it (+ create, ~ update, - delete).

import type { Config, Reason, RecordChange } from "../externaldns/types";
import { WITHHELD_CODES } from "../externaldns/explain";
import type { ExplainDocument, PlanDocument } from "./plan-json";

export interface Style {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const colorStyle: Style = { green: ansi(32), yellow: ansi(33), red: ansi(31), bold: ansi(1), dim: ansi(2) };
const id = (s: string) => s;
export const plainStyle: Style = { green: id, yellow: id, red: id, bold: id, dim: id };

function ttlText(ttl: number | undefined): string {
  return ttl === undefined ? "" : ttl === 1 ? "auto" : `${ttl}s`;
}

function attrs(c: { proxied?: boolean; ttl?: number }): string {
  const parts: string[] = [];
  if (c.proxied !== undefined) parts.push(c.proxied ? "proxied" : "dns-only");
  if (c.ttl !== undefined) parts.push(`ttl ${ttlText(c.ttl)}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

export function changeLine(c: RecordChange, st: Style): string {
  const who = c.resource ? st.dim(`  ← ${c.resource}`) : "";
  if (c.action === "create") return st.green(`  + ${c.name} ${c.type} ${c.content}${attrs(c)}`) + who;
  if (c.action === "delete") return st.red(`  - ${c.name} ${c.type} ${c.content}`) + who;
  const diffs: string[] = [];
  const p = c.previous ?? { content: c.content };
  if (p.content !== c.content) diffs.push(`content ${p.content} → ${c.content}`);
  if (p.proxied !== undefined && p.proxied !== c.proxied) diffs.push(`proxied ${p.proxied} → ${c.proxied}`);
  if (p.ttl !== undefined && p.ttl !== c.ttl) diffs.push(`ttl ${ttlText(p.ttl)} → ${ttlText(c.ttl)}`);
  if ((p.comment ?? "") !== (c.comment ?? "")) diffs.push(`comment "${p.comment ?? ""}" → "${c.comment ?? ""}"`);
  if ((p.tags ?? []).join(",") !== (c.tags ?? []).join(",")) diffs.push(`tags [${(p.tags ?? []).join(",")}] → [${(c.tags ?? []).join(",")}]`);
  return st.yellow(`  ~ ${c.name} ${c.type} ${c.content}: ${diffs.join(", ") || "re-sent"}`) + who;
}

export function configHeadline(config: Config): string {
  return (
    `external-dns ${config.version.raw} · annotation prefix ${config.annotationPrefix} · policy ${config.policy} · ` +
    `owner ${config.txtOwnerId}` +
    (config.txtPrefix ? ` · txt prefix ${config.txtPrefix}` : "") +
    (config.txtSuffix ? ` · txt suffix ${config.txtSuffix}` : "")
  );
}

const NOT_BLOCKING_INFO = new Set(["endpoint-produced", "in-sync"]);

const IMPORTANT = new Set(["unowned-record", "owned-by-other", "policy", "no-zone", "txt-name-too-long", "lost-conflict", "cname-conflict"]);

export function renderPlanText(plan: PlanDocument, reasons: Reason[], config: Config, st: Style): string {
  const out: string[] = [st.bold(`dnsdrift plan`) + st.dim(` — ${configHeadline(config)}`), ""];
  const byZone = new Map<string, RecordChange[]>();
  for (const c of plan.changes) {
    const list = byZone.get(c.zone);
    if (list) list.push(c);
    else byZone.set(c.zone, [c]);
  }
  const withheld = (plan.blocked ?? []).filter((b) => !b.ownershipOf).length;
  if (byZone.size === 0 && withheld > 0) out.push(`No changes offered: ${withheld} withheld because part of the configuration is unknown (see below).`, "");
  else if (byZone.size === 0) out.push("No changes. Cloudflare matches what external-dns wants.", "");
  for (const [zone, changes] of byZone) {
    out.push(st.bold(`Zone ${zone}`));
    for (const c of changes) out.push(changeLine(c, st));
    out.push("");
  }

  const blocked = reasons.filter((r) => r.severity !== "info" || !NOT_BLOCKING_INFO.has(r.code));
  const important = blocked.filter((r) => IMPORTANT.has(r.code) || (WITHHELD_CODES.has(r.code) && r.hostnames.length > 0));
  if (important.length) {
    out.push(st.bold(`Blocked or dropped (${important.length}):`));
    for (const r of important) out.push(`  ${st.yellow("!")} ${r.hostnames.join(", ") || r.resource}: ${r.code} — ${r.message}`);
    out.push("");
  }
  const warnings = reasons.filter((r) => r.severity !== "info" && !IMPORTANT.has(r.code));
  if (warnings.length) {
    out.push(st.bold(`Warnings (${warnings.length}):`));
    for (const r of warnings) out.push(`  ${st.yellow("⚠")} ${r.resource}: ${r.code} — ${r.message}`);
    out.push("");
  }
  const s = plan.summary;
  out.push(st.bold(`Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete.`));
  const held = (plan.blocked ?? []).filter((b) => !b.ownershipOf);
  if (held.length) {
    const why = [...new Set(held.flatMap((b) => b.blockedBy.map((w) => `${w.code}: ${w.subject}`)))];
    out.push(st.yellow(`Withheld: ${held.length} change${held.length === 1 ? "" : "s"} (${why.join("; ")}).`));
  }
  return out.join("\n") + "\n";
}

const VERDICT_TEXT: Record<ExplainDocument["verdict"], string> = {
  "in-sync": "in sync: Cloudflare already has what external-dns wants",
  "will-create": "external-dns will create it on its next loop",
  "will-update": "external-dns will change it on its next loop",
  "will-delete": "external-dns will delete it on its next loop",
  "not-desired": "no source asks for it (or the configuration filters it out)",
  blocked: "a change here is held back: something stops external-dns, or dnsdrift withholds it (see Why)",
};

export function renderExplainText(doc: ExplainDocument, st: Style): string {
  const out: string[] = [st.bold(doc.hostname) + `: ${doc.verdict} — ${VERDICT_TEXT[doc.verdict]}`, ""];
  out.push(st.bold("Why:"));
  if (doc.reasons.length === 0) out.push("  No Gateway, route, Ingress or DNSEndpoint mentions this name.");
  for (const r of doc.reasons) {
    const mark = r.severity === "info" ? "·" : r.severity === "warning" ? st.yellow("⚠") : st.red("✗");
    out.push(`  ${mark} [${r.code}] ${r.resource}: ${r.message}`);
  }
  out.push("", st.bold("Desired:"));
  if (doc.desired.length === 0) out.push("  (nothing)");
  for (const d of doc.desired) {
    out.push(`  ${d.name} ${d.type} ${d.targets.join(", ")} (${d.proxied ? "proxied" : "dns-only"}, ttl ${d.ttl || "auto"}) ← ${d.resource}`);
  }
  out.push("", st.bold("Cloudflare:"));
  if (doc.records.length === 0) out.push("  (no records)");
  for (const r of doc.records) {
    const own = r.ownershipOf
      ? ` [ownership TXT for ${r.ownershipOf.type || "any type"}, ${r.ownershipOf.format} format]`
      : r.owner !== undefined
        ? r.owner
          ? ` [owner ${r.owner}${r.resource ? `, ${r.resource}` : ""}]`
          : " [unowned]"
        : "";
    out.push(`  ${r.name} ${r.type} ${r.content}${attrs(r)}${own}`);
  }
  if (doc.changes.length) {
    out.push("", st.bold("Pending changes:"));
    for (const c of doc.changes) out.push(changeLine(c, st));
  }
  return out.join("\n") + "\n";
}
