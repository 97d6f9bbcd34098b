// A HostLookup as a person reads it in a terminal: the verdict first, then per resolver what it
// answered (records with TTLs), how long it took, and why the verdict.

import type { DesiredJSON } from "../drift/plan-json";
import type { HostLookup, LookupVerdict, ResolverLookup } from "./types";

export interface TextStyle {
  good(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
}

export const plainTextStyle: TextStyle = { good: (s) => s, bad: (s) => s, warn: (s) => s, dim: (s) => s };

const paint = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const ansiTextStyle: TextStyle = { good: paint("32"), bad: paint("31"), warn: paint("33"), dim: paint("2") };

const GOOD: LookupVerdict[] = ["matches", "proxied-ok", "absent"];
const WARN: LookupVerdict[] = ["resolvers-disagree", "unchecked", "unknown", "not-desired-but-resolves"];

export function isGoodVerdict(v: LookupVerdict): boolean {
  return GOOD.includes(v);
}

function verdictText(v: LookupVerdict, style: TextStyle): string {
  return GOOD.includes(v) ? style.good(v) : WARN.includes(v) ? style.warn(v) : style.bad(v);
}

export function describeDesired(desired: readonly DesiredJSON[]): string {
  if (desired.length === 0) return "nothing (no expectation)";
  return desired
    .map((d) => `${d.type} ${d.targets.length > 0 ? d.targets.join(", ") : "(any)"}${d.proxied ? " (proxied)" : " (DNS-only)"}`)
    .join("; ");
}

function resolverBlock(r: ResolverLookup, style: TextStyle): string[] {
  const head = [
    `  ${r.label}`,
    r.rcode ?? style.bad(r.error?.code ?? "error"),
    verdictText(r.verdict, style),
    r.ttl === undefined ? "" : r.answers.length > 0 ? `TTL ${r.ttl}` : `negative TTL ${r.ttl}`,
    style.dim(r.cached ? "cached" : `${r.elapsedMs} ms`),
  ].filter((s) => s !== "");
  const lines = [head.join("  ")];
  const width = Math.max(0, ...r.answers.map((a) => a.name.length));
  for (const a of r.answers) lines.push(`    ${a.name.padEnd(width)}  ${String(a.ttl).padStart(5)}  ${a.type.padEnd(5)}  ${a.data}`);
  if (r.answers.length === 0 && !r.error && r.rcode) lines.push(style.dim("    (no answer records)"));
  if (r.detail) lines.push(`    ${style.dim(r.detail)}`);
  if (r.seen?.length) lines.push(`    seen: ${r.seen.join(", ")}`);
  if (r.ownershipVisible !== undefined) lines.push(`    ownership TXT: ${r.ownershipVisible ? "visible" : "not visible"}`);
  return lines;
}

export function renderLookupText(lookup: HostLookup, desired: readonly DesiredJSON[], style: TextStyle = plainTextStyle): string {
  const lines = [`${lookup.hostname}: ${verdictText(lookup.verdict, style)}`, `  wanted: ${describeDesired(desired)}`, ""];
  for (const r of lookup.resolvers) lines.push(...resolverBlock(r, style));
  lines.push("");
  if (lookup.ownershipVisible !== undefined) lines.push(`ownership TXT visible: ${lookup.ownershipVisible ? "yes" : "no"}`);
  if (lookup.hint) lines.push(`hint: ${lookup.hint}`);
  lines.push(style.dim(`checked at ${lookup.checkedAt}`));
  return lines.join("\n") + "\n";
}
