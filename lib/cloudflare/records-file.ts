// The `--records` document of the CLI contract: Cloudflare zones with their DNS records, as
// the list API returns them. Validated with zod so a wrong shape names the exact field; a
// document that is plainly well-formed takes a direct check instead (records-fast-check.ts),
// because zod's walk over 200,000 records was a tenth of a large plan's time. The CLI reads the
// file through records-document.ts, which loads this module only when that check fails.

import { z } from "zod";
import { InputError } from "../externaldns/errors";
import type { CloudflareZone } from "../externaldns/types";
import { readRecordsJson, type RecordsDocument, zonesFromDocument } from "./records-document";
import { wellFormedRecordsDocument } from "./records-fast-check";

const recordSchema = z
  .object({
    id: z.string().optional(),
    type: z.string().min(1),
    name: z.string().min(1),
    content: z.string(),
    proxied: z.boolean().optional(),
    ttl: z.number().int().nonnegative().optional(),
    comment: z.string().nullable().optional(),
    tags: z.array(z.string()).optional(),
    priority: z.number().int().optional(),
  })
  .passthrough();

const zoneSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().min(1),
    records: z.array(recordSchema).default([]),
  })
  .passthrough();

export const recordsDocumentSchema = z.object({ zones: z.array(zoneSchema) }).passthrough();

export type { RecordsDocument };

/** The document as the schema reads it (defaults filled in), or an InputError naming the first wrong field. */
export function validRecordsDocument(value: unknown, file: string): RecordsDocument {
  const fast = wellFormedRecordsDocument(value);
  if (fast) return fast;
  const parsed = recordsDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "(top level)";
    throw new InputError(file, `${where}: ${issue.message}`);
  }
  return parsed.data;
}

export function parseRecordsDocument(value: unknown, file: string): CloudflareZone[] {
  return zonesFromDocument(validRecordsDocument(value, file));
}

export function loadRecordsFile(file: string): CloudflareZone[] {
  return parseRecordsDocument(readRecordsJson(file), file);
}
