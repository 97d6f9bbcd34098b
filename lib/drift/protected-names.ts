// Configured protected names: DNS names matched by shell-style globs (picomatch). A name has no
// "/", so `*` spans dots: `*.example.com` covers every name below example.com at any depth but
// not example.com itself; `?` is one character, `[ab]` a class, `{a,b}` alternatives. Matching
// ignores case and a trailing dot, as DNS does.

import picomatch from "picomatch";
import { normalizeHostname } from "../externaldns/hostname";

export class ProtectedNamesError extends Error {}

const normal = normalizeHostname;

/** Checks and normalises the patterns; throws ProtectedNamesError naming the bad one. */
export function parseProtectedNames(value: string | undefined): string[] {
  const out: string[] = [];
  // Commas inside braces belong to an alternative ({a,b}.example.com), not to the list.
  for (const raw of (value ?? "").split(/,(?![^{]*\})/)) {
    const p = normal(raw);
    if (!p) continue;
    if (/[\s/\\]/.test(p) || p.startsWith("!")) {
      throw new ProtectedNamesError(`"${raw.trim()}" is not a name pattern (no spaces, slashes or leading "!")`);
    }
    out.push(p);
  }
  return [...new Set(out)];
}

/** The pattern that protects a name, if any. */
export function protectedNameMatcher(patterns: string[]): (name: string) => string | undefined {
  const tests = patterns.map((p) => ({ p, test: picomatch(p, { nocase: true, dot: true, windows: false }) }));
  return (name) => {
    const n = normal(name);
    return tests.find((t) => t.test(n))?.p;
  };
}
