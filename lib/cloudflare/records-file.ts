// The `--records` document of the CLI contract: Cloudflare zones with their DNS records, as
// the list API returns them. Validated with zod so a wrong shape names the exact field.

import fs from "node:fs";
import { z } from "zod";
import { InputError } from "../externaldns/errors";
import type { CloudflareZone } from "../externaldns/types";
import { normalizeHostname } from "../externaldns/hostname";

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

export type RecordsDocument = z.infer<typeof recordsDocumentSchema>;

/** Stable fake ids keep plan output reproducible when a hand-written file omits them. */
function fallbackId(prefix: string, n: number): string {
  return (prefix + n.toString(16)).padStart(32, "0").slice(-32);
}

export function parseRecordsDocument(value: unknown, file: string): CloudflareZone[] {
  const parsed = recordsDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "(top level)";
    throw new InputError(file, `${where}: ${issue.message}`);
  }
  return parsed.data.zones.map((zone, zi) => ({
    id: zone.id ?? fallbackId("a", zi + 1),
    name: normalizeHostname(zone.name),
    records: zone.records.map((r, ri) => ({
      ...r,
      id: r.id ?? fallbackId("b" + (zi + 1).toString(16), ri + 1),
      name: normalizeHostname(r.name),
      ttl: r.ttl ?? 1,
      proxied: r.proxied ?? false,
    })),
  }));
}

export function loadRecordsFile(file: string): CloudflareZone[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `invalid JSON: ${(e as Error).message}`);
  }
  return parseRecordsDocument(value, file);
}
