// The form hostnames take in Reason.hostnames (normalizeHostname's), so that explain can join
// reasons to a name however the object spelled it; an empty name or the root is no hostname.

import { normalizeHostname } from "./hostname";

/** Each name in reason form, without empties and repeats, in first-seen order. */
export function reasonHosts(names: Iterable<string>): string[] {
  // Almost every call has one to three names: a plain array avoids building a Set each time.
  const out: string[] = [];
  let seen: Set<string> | undefined;
  for (const n of names) {
    const h = normalizeHostname(n);
    if (h === "" || h === ".") continue;
    if (seen ? seen.has(h) : out.includes(h)) continue;
    out.push(h);
    if (seen) seen.add(h);
    else if (out.length > 16) seen = new Set(out);
  }
  return out;
}
