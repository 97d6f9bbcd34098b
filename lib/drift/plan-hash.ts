// The hash an approval names: it covers exactly what would be sent to Cloudflare (record ids
// included), so any change in the world between review and apply changes the hash.

import { createHash } from "node:crypto";
import type { RecordChange } from "../externaldns/types";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function planHash(instance: string, changes: RecordChange[]): string {
  return createHash("sha256").update(canonical({ instance, changes })).digest("hex").slice(0, 32);
}
