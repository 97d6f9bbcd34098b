// Two plans' changes compared as sets: the same record-level operation in both plans is not a
// difference, whatever order each version sends its batch in.

import type { RecordChange } from "../../externaldns/types";

export function changeKey(c: RecordChange): string {
  return [c.action, c.zone, c.name, c.type, c.content, c.proxied ?? "", c.ttl ?? "", c.comment ?? "", (c.tags ?? []).join(","), c.previous?.content ?? ""].join("\u0000");
}

export function keySet(changes: readonly RecordChange[]): Set<string> {
  return new Set(changes.map(changeKey));
}

/** Changes of `a` that `b` lacks, in `a`'s order. */
export function missingFrom(a: readonly RecordChange[], b: ReadonlySet<string>): RecordChange[] {
  return a.filter((c) => !b.has(changeKey(c)));
}
