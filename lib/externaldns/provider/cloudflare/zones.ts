// Which Cloudflare zones external-dns manages, and which of them a record name belongs to
// (provider Zones() and changesByZone / ZoneIDName.FindZone).

import { normalizeHostname as normalize } from "../../hostname";

/**
 * The longest zone name equal to `name` or a dot-suffix of it, so `app.example.com` goes to
 * `example.com` but `notexample.com` does not. Undefined when no zone holds the name; upstream
 * then drops the change with only a debug log.
 */
export function zoneForName(name: string, zoneNames: string[]): string | undefined {
  const host = normalize(name);
  let best: string | undefined;
  for (const zone of zoneNames) {
    const z = normalize(zone);
    if (z === "") continue;
    if (host !== z && !host.endsWith("." + z)) continue;
    // Ties (the same zone name twice) keep the first; upstream's map order makes it arbitrary.
    if (best === undefined || z.length > normalize(best).length) best = zone;
  }
  return best;
}

/**
 * The zones external-dns would manage. A non-empty --zone-id-filter (whose first entry is not
 * blank) picks exactly those zones, in filter order, with no domain filtering at all; otherwise
 * every visible zone whose *name* passes the same domain filter the planner uses (exclusions and
 * regexes included; no parent matching, so `sub.example.com` does not select `example.com`).
 * Filter ids that match no zone are left out; upstream would fail the run on them.
 */
export function selectZones<Z extends { name: string; id: string }>(
  zones: Z[],
  filter: { match(n: string): boolean },
  zoneIdFilters: string[],
): Z[] {
  if (zoneIdFilters.length > 0 && zoneIdFilters[0] !== "") {
    const out: Z[] = [];
    for (const id of zoneIdFilters) {
      const zone = zones.find((z) => z.id === id);
      if (zone) out.push(zone);
    }
    return out;
  }
  return zones.filter((z) => filter.match(z.name));
}
