// The form hostnames take in Reason.hostnames, so that explain can join reasons to a name however
// the object spelled it: lower-case, without one trailing dot; an empty name is no hostname.

export function reasonHost(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** Each name in reason form, without empties and repeats, in first-seen order. */
export function reasonHosts(names: Iterable<string>): string[] {
  // Almost every call has one to three names: a plain array avoids building a Set each time.
  const out: string[] = [];
  let seen: Set<string> | undefined;
  for (const n of names) {
    const h = reasonHost(n);
    if (h === "") continue;
    if (seen ? seen.has(h) : out.includes(h)) continue;
    out.push(h);
    if (seen) seen.add(h);
    else if (out.length > 16) seen = new Set(out);
  }
  return out;
}
