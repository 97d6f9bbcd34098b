// The affix name mapper of the TXT registry (registry/mapper/mapper.go; registry/txt.go at
// v0.20): record name + type ↔ ownership TXT name. Both directions live here because the
// reverse is not a true inverse and the two must stay in lock-step.

import { atLeast } from "../annotations";
import type { Config, Version } from "../types";

export const RECORD_TYPE_TEMPLATE = "%{record_type}";

export interface TxtNameOptions {
  prefix: string;
  suffix: string;
  wildcardReplacement: string;
  version: Version;
}

export function txtNameOptions(cfg: Config): TxtNameOptions {
  return {
    prefix: cfg.txtPrefix,
    suffix: cfg.txtSuffix,
    wildcardReplacement: cfg.txtWildcardReplacement,
    version: cfg.version,
  };
}

/**
 * The types a TXT name's marker (or templated affix) is recognised as, in the order they are
 * tried. v0.20 knew five; v0.21 added PTR, SRV, NAPTR; v0.22 TXT and DNAME.
 */
export function knownTxtTypes(version: Version): string[] {
  const types = ["A", "AAAA", "CNAME", "NS", "MX"];
  if (atLeast(version, 21)) types.push("PTR", "SRV", "NAPTR");
  if (atLeast(version, 22)) types.push("TXT", "DNAME");
  return types;
}

// The mapper runs twice per record of a 20,000-record zone with the same options every time;
// remembering the last answer saves rebuilding the same small values (read-only inside here).
let lastKnown: { major: number; minor: number; types: KnownTypes } | undefined;
/** The known types and, at the same index, their lower-case markers (not lower-cased per TXT). */
interface KnownTypes {
  upper: string[];
  lower: string[];
}
function knownTypesFor(version: Version): KnownTypes {
  if (lastKnown?.major !== version.major || lastKnown.minor !== version.minor) {
    const upper = knownTxtTypes(version);
    lastKnown = { major: version.major, minor: version.minor, types: { upper, lower: upper.map((t) => t.toLowerCase()) } };
  }
  return lastKnown.types;
}

interface Affixes {
  prefix: string;
  suffix: string;
  wildcard: string;
  templated: boolean;
}

let lastAffixes: { prefix: string; suffix: string; wildcard: string; value: Affixes } | undefined;

// The mapper lower-cases its affixes once, at construction (here: once per distinct options).
function affixes(opts: TxtNameOptions): Affixes {
  const last = lastAffixes;
  if (last && last.prefix === opts.prefix && last.suffix === opts.suffix && last.wildcard === opts.wildcardReplacement) return last.value;
  const prefix = opts.prefix.toLowerCase();
  const suffix = opts.suffix.toLowerCase();
  const value: Affixes = {
    prefix,
    suffix,
    wildcard: opts.wildcardReplacement.toLowerCase(),
    templated: prefix.includes(RECORD_TYPE_TEMPLATE) || suffix.includes(RECORD_TYPE_TEMPLATE),
  };
  lastAffixes = { prefix: opts.prefix, suffix: opts.suffix, wildcard: opts.wildcardReplacement, value };
  return value;
}

function fill(affix: string, type: string): string {
  return affix.includes(RECORD_TYPE_TEMPLATE) ? affix.split(RECORD_TYPE_TEMPLATE).join(type) : affix;
}

function splitFirst(name: string): [string, string | undefined] {
  const dot = name.indexOf(".");
  return dot < 0 ? [name, undefined] : [name.slice(0, dot), name.slice(dot + 1)];
}

function join(prefix: string, first: string, suffix: string, rest: string | undefined): string {
  return rest === undefined ? prefix + first + suffix : `${prefix}${first}${suffix}.${rest}`;
}

/**
 * The "new" format name: the type marker and any undotted affix are glued to the first label
 * only; the record name keeps its case (the TXT content is what carries meaning).
 */
export function toTXTName(name: string, recordType: string, opts: TxtNameOptions): string {
  const a = affixes(opts);
  const type = recordType.toLowerCase();
  const [head, rest] = splitFirst(name);
  let first = a.wildcard !== "" && head === "*" ? a.wildcard : head;
  if (!a.templated) first = `${type}-${first}`;
  return join(fill(a.prefix, type), first, fill(a.suffix, type), rest);
}

/** The legacy (pre-v0.18) name: no marker, and a templated affix loses its placeholder. */
export function toLegacyTXTName(name: string, opts: TxtNameOptions): string {
  const a = affixes(opts);
  const [head, rest] = splitFirst(name);
  const first = a.wildcard !== "" && head === "*" ? a.wildcard : head;
  return join(fill(a.prefix, ""), first, fill(a.suffix, ""), rest);
}

export interface MappedTxtName {
  /** Lower-cased record name. */
  name: string;
  /** Upper-case record type, or "" for a legacy (marker-less) name. */
  recordType: string;
}

// extractRecordTypeDefaultPosition: the marker is whatever precedes the first "-".
function extractMarker(name: string, known: KnownTypes): MappedTxtName {
  const dash = name.indexOf("-");
  const head = dash < 0 ? name : name.slice(0, dash);
  const i = known.lower.indexOf(head);
  return i >= 0 ? { name: name.slice(head.length + 1), recordType: known.upper[i] } : { name, recordType: "" };
}

function dropAffix(name: string, a: Affixes, isPrefix: boolean, known: KnownTypes): MappedTxtName | undefined {
  let { prefix, suffix } = a;
  if (a.templated) {
    // First type whose expansion matches wins, so "a" can shadow "aaaa" (and "ptr" "naptr").
    for (const t of known.upper) {
      const p = fill(prefix, t.toLowerCase());
      const s = fill(suffix, t.toLowerCase());
      if (isPrefix && name.startsWith(p)) return { name: name.slice(p.length), recordType: t };
      if (!isPrefix && name.endsWith(s)) return { name: name.slice(0, name.length - s.length), recordType: t };
    }
    prefix = fill(prefix, "");
    suffix = fill(suffix, "");
  }
  if (isPrefix && name.startsWith(prefix)) return extractMarker(name.slice(prefix.length), known);
  if (!isPrefix && name.endsWith(suffix)) return extractMarker(name.slice(0, name.length - suffix.length), known);
  return undefined;
}

/**
 * ToEndpointName. Returns undefined where external-dns yields an empty name (affix absent, or
 * both prefix and suffix set). Where upstream would index past the end of a short name with a
 * dotted suffix, the name is treated as having no remainder (as later upstream versions do).
 */
export function fromTXTName(txtName: string, opts: TxtNameOptions): MappedTxtName | undefined {
  const a = affixes(opts);
  const known = knownTypesFor(opts.version);
  const lower = txtName.toLowerCase();
  if (a.suffix === "") return dropAffix(lower, a, true, known);
  if (a.prefix !== "") return undefined;

  // The suffix sits after the first label; count its dots to find where the remainder starts.
  const dots = a.suffix.split(".").length - 1;
  const parts = lower.split(".");
  const head = parts.slice(0, dots + 1).join(".");
  const rest = parts.length > dots + 1 ? parts.slice(dots + 1).join(".") : undefined;
  const mapped = dropAffix(head, a, false, known);
  if (!mapped) return undefined;
  return rest === undefined ? mapped : { name: `${mapped.name}.${rest}`, recordType: mapped.recordType };
}

/** NewEndpoint refuses names with a label over 63 characters, so no TXT is generated. */
export function txtNameTooLong(txtName: string): boolean {
  return txtName.length > 63 && txtName.split(".").some((label) => label.length > 63);
}
