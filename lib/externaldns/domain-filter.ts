// --domain-filter / --exclude-domains / --regex-domain-filter / --regex-domain-exclusion
// (endpoint/domain_filter.go), applied by the planner to desired and current names and by the
// Cloudflare provider to zone names. Including the v0.20 regex differences.

import { domainToUnicode } from "node:url";
import { atLeast } from "./annotations";
import type { Config } from "./types";

export interface DomainFilter {
  match(name: string): boolean;
  /** Why it does not match, for explain; undefined when it matches. */
  explain(name: string): string | undefined;
  /** True when any include, exclusion or regex is in effect. */
  isConfigured: boolean;
  /** Human summary of the rule in effect, e.g. "--domain-filter example.com". */
  describe(): string;
}

export type DomainFilterConfig = Pick<
  Config,
  "domainFilters" | "excludeDomains" | "regexDomainFilter" | "regexDomainExclusion" | "version"
>;

export function makeDomainFilter(cfg: DomainFilterConfig): DomainFilter {
  const include = prepare(cfg.domainFilters);
  const exclude = prepare(cfg.excludeDomains);
  // v0.20.0 switched to regex mode only for --regex-domain-filter; from v0.21.0 either regex does.
  const regexMode = atLeast(cfg.version, 21)
    ? cfg.regexDomainFilter !== "" || cfg.regexDomainExclusion !== ""
    : cfg.regexDomainFilter !== "";
  const why = regexMode
    ? regexRule(cfg.regexDomainFilter, cfg.regexDomainExclusion, atLeast(cfg.version, 21))
    : plainRule(include, exclude);
  let summary = regexMode
    ? describeRegex(cfg, include.length + exclude.length > 0)
    : describePlain(include, exclude);
  if (!regexMode && cfg.regexDomainExclusion !== "") {
    summary += "; --regex-domain-exclusion is ignored without --regex-domain-filter before v0.21.0";
  }
  return {
    match: (name) => why(name) === undefined,
    explain: why,
    isConfigured: regexMode || include.length > 0 || exclude.length > 0,
    describe: () => summary,
  };
}

/** One trailing dot off, IDNA to Unicode with lower-casing (Go's idna.Lookup, transitional). */
export function normalizeDomain(name: string): string {
  const trimmed = name.endsWith(".") ? name.slice(0, -1) : name;
  const lower = trimmed.toLowerCase();
  // Plain ASCII names only need lower-casing; the URL host parser would also rewrite
  // numeric-looking names as IPv4 addresses, which Go's idna does not.
  if (/^[\x00-\x7f]*$/.test(lower) && !(lower.includes("xn--") && /(^|\.)xn--/.test(lower))) return lower;
  const transitional = lower.replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/[\u200c\u200d]/g, "");
  return domainToUnicode(transitional) || transitional;
}

/**
 * Go RE2 syntax as far as JavaScript can follow it: a leading (?flags) group, (?P<name>…) groups,
 * \A and \z. Throws on anything JavaScript cannot compile, or on flags it has no equivalent for.
 */
export function compileGoRegex(source: string): RegExp {
  let body = source;
  let flags = "";
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (lead) {
    for (const f of lead[1]) {
      if (!"ims".includes(f)) throw new Error(`regex flag "${f}" of ${JSON.stringify(source)} is not supported`);
      if (!flags.includes(f)) flags += f;
    }
    body = body.slice(lead[0].length);
  }
  body = body.replace(/\(\?P</g, "(?<").replace(/\\A/g, "^").replace(/\\z/g, "$(?![\\s\\S])");
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new Error(`invalid regular expression ${JSON.stringify(source)}: ${(e as Error).message}`);
  }
}

function prepare(list: string[]): string[] {
  return list.map((f) => normalizeDomain(f.trim())).filter((f) => f !== "");
}

function matchesEntry(name: string, filter: string): boolean {
  if (filter.startsWith(".")) return name.endsWith(filter);
  // name === filter or name ends with "." + filter, without building that string for every name.
  const dot = name.length - filter.length - 1;
  return name === filter || (dot >= 0 && name.endsWith(filter) && name.charCodeAt(dot) === 46);
}

function plainRule(include: string[], exclude: string[]): (name: string) => string | undefined {
  return (raw) => {
    const name = normalizeDomain(raw);
    if (include.length > 0 && !include.some((f) => matchesEntry(name, f))) {
      return `${raw} is outside --domain-filter ${include.join(", ")}`;
    }
    const excludedBy = exclude.find((f) => matchesEntry(name, f));
    if (excludedBy !== undefined) return `${raw} is excluded by --exclude-domains ${excludedBy}`;
    return undefined;
  };
}

function regexRule(filterSrc: string, exclusionSrc: string, v21: boolean): (name: string) => string | undefined {
  let filter: RegExp | undefined;
  let exclusion: RegExp | undefined;
  try {
    filter = filterSrc !== "" ? compileGoRegex(filterSrc) : undefined;
    exclusion = exclusionSrc !== "" ? compileGoRegex(exclusionSrc) : undefined;
  } catch (e) {
    // external-dns would not start with such a regex; nothing is in scope.
    const message = (e as Error).message;
    return (raw) => `${raw} cannot be matched: ${message}`;
  }
  return (raw) => {
    const name = normalizeDomain(raw);
    if (exclusion && exclusion.test(name)) return `${raw} matches --regex-domain-exclusion ${exclusionSrc}`;
    // v0.20.0 never consults the include regex once an exclusion regex is set.
    if (!v21 && exclusion) return undefined;
    if (filter && !filter.test(name)) return `${raw} does not match --regex-domain-filter ${filterSrc}`;
    return undefined;
  };
}

function describePlain(include: string[], exclude: string[]): string {
  const parts: string[] = [];
  if (include.length > 0) parts.push(`--domain-filter ${include.join(", ")}`);
  if (exclude.length > 0) parts.push(`--exclude-domains ${exclude.join(", ")}`);
  return parts.length > 0 ? parts.join("; ") : "all names (no domain filter)";
}

function describeRegex(cfg: DomainFilterConfig, plainIgnored: boolean): string {
  const parts: string[] = [];
  if (cfg.regexDomainFilter !== "") parts.push(`--regex-domain-filter ${cfg.regexDomainFilter}`);
  if (cfg.regexDomainExclusion !== "") parts.push(`--regex-domain-exclusion ${cfg.regexDomainExclusion}`);
  if (plainIgnored) parts.push("(--domain-filter and --exclude-domains are ignored in regex mode)");
  return parts.join("; ");
}
