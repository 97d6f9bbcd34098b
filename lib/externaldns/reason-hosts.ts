// The form hostnames take in Reason.hostnames, so that explain can join reasons to a name however
// the object spelled it: lower-case, without one trailing dot; an empty name is no hostname.

export function reasonHost(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** Each name in reason form, without empties and repeats, in first-seen order. */
export function reasonHosts(names: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const n of names) {
    const h = reasonHost(n);
    if (h !== "") out.add(h);
  }
  return [...out];
}
