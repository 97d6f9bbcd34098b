// The one spelling dnsdrift keys, joins and compares hostnames in: a Cloudflare record, an
// endpoint, a reason, a DoH answer and a name a person typed all meet in this form.
//
// Why these rules: external-dns compares names case-insensitively (the planner's
// idna.NormalizeDNSName lower-cases, and the Cloudflare provider's ZoneIDName.FindZone maps
// labels through IDNA lookup, which folds case), and Cloudflare lists names lower-case without a
// trailing dot. So dnsdrift's form is lower-case and drops the one trailing dot of a
// fully-qualified name. Surrounding blanks are dropped too: names typed into the dashboard or
// pasted on a command line carry them, and no DNS name can contain one.
//
// Where the dot itself changes what external-dns does, the engine looks at the name as the
// object spelled it before normalising: a DNSEndpoint named "app.example.com." finds no
// Cloudflare zone (provider/cloudflare/changes.ts), and the TXT registry names ownership records
// from the raw name (registry/). The planner keeps upstream's own normalisation (plan.ts,
// normalizeDNSName, which adds the dot and applies IDNA), and the domain filter keeps upstream's
// matching (domain-filter.ts); those are external-dns semantics, not dnsdrift's keys.

/**
 * Trimmed, lower-case, without one trailing dot. The root "." stays "." (a DNS answer's null MX
 * or SRV target "." is a real name); "a.." keeps one dot, so a doubled dot never passes as valid.
 */
export function normalizeHostname(name: string): string {
  const s = name.trim().toLowerCase();
  return s.length > 1 && s.endsWith(".") ? s.slice(0, -1) : s;
}

// Labels of letters, digits, "-" and "_" (underscore names such as _acme-challenge are real),
// 1–63 characters, not starting with "-"; an optional "*." first; one optional trailing dot.
// Lenient on purpose: it guards paths, queries and command-line arguments against what cannot
// be a name at all, and must not refuse a record Cloudflare holds.
const LABELS = /^(\*\.)?[a-z0-9_]([a-z0-9_-]{0,62})?(\.[a-z0-9_]([a-z0-9_-]{0,62})?)*\.?$/i;

/** Whether `name` can be a DNS name a person asks about: see LABELS, and at most 253 characters. */
export function isHostname(name: string): boolean {
  return name.length <= 253 && LABELS.test(name);
}
