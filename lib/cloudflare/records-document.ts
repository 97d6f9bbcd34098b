// The `--records` document of the CLI contract without its zod schema: its shape, reading the
// file, and turning a valid document into the engine's zones. The schema (records-file.ts) is
// loaded only for a document the direct check does not accept, so that a plan from a
// well-formed file does not pay for loading zod at start-up.

import { InputError } from "../externaldns/errors";
import { normalizeHostname } from "../externaldns/hostname";
import type { CloudflareZone } from "../externaldns/types";
import { wellFormedRecordsDocument } from "./records-fast-check";
import { readText } from "../read-text";

export interface RecordsDocumentRecord {
  id?: string;
  type: string;
  name: string;
  content: string;
  proxied?: boolean;
  ttl?: number;
  comment?: string | null;
  tags?: string[];
  priority?: number;
  [field: string]: unknown;
}

export interface RecordsDocument {
  zones: Array<{ id?: string; name: string; records: RecordsDocumentRecord[]; [field: string]: unknown }>;
  [field: string]: unknown;
}

/** The file's JSON value, or an InputError naming the file. */
export function readRecordsJson(file: string): unknown {
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `invalid JSON: ${(e as Error).message}`);
  }
}

/** Stable fake ids keep plan output reproducible when a hand-written file omits them. */
function fallbackId(prefix: string, n: number): string {
  return (prefix + n.toString(16)).padStart(32, "0").slice(-32);
}

/**
 * The engine's zones. `adopt`: the document's records are fresh copies no one else holds (both
 * checks build their own), so they are completed in place rather than copied once more — at
 * 200,000 records the second copy was a measurable share of reading the file. The keys end up in
 * the same order either way: the ones the record has keep their place, the filled-in ones follow.
 */
export function zonesFromDocument(doc: RecordsDocument, adopt = false): CloudflareZone[] {
  return doc.zones.map((zone, zi) => ({
    id: zone.id ?? fallbackId("a", zi + 1),
    name: normalizeHostname(zone.name),
    records: adopt ? completeInPlace(zone.records, zi) : zone.records.map((r, ri) => ({
      ...r,
      id: r.id ?? fallbackId("b" + (zi + 1).toString(16), ri + 1),
      name: normalizeHostname(r.name),
      ttl: r.ttl ?? 1,
      proxied: r.proxied ?? false,
    })),
  }));
}

function completeInPlace(records: RecordsDocumentRecord[], zi: number): CloudflareZone["records"] {
  for (let ri = 0; ri < records.length; ri++) {
    const r = records[ri];
    r.id ??= fallbackId("b" + (zi + 1).toString(16), ri + 1);
    r.name = normalizeHostname(r.name);
    r.ttl ??= 1;
    r.proxied ??= false;
  }
  return records as CloudflareZone["records"];
}

/** loadRecordsFile (records-file.ts), loading zod only when the document needs its error message. */
export async function readRecordsFile(file: string): Promise<CloudflareZone[]> {
  const value = readRecordsJson(file);
  const doc = wellFormedRecordsDocument(value) ?? (await import("./records-file")).validRecordsDocument(value, file);
  return zonesFromDocument(doc, true);
}
