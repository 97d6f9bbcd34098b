// How the dashboard writes times, TTLs, counts and record fields, in one place so every view
// says the same thing the same way. Numbers use the "en" locale whatever the browser's, so a
// screenshot or a copied line reads the same for everyone.

/** "12 s ago", "5 min ago", "3 h 4 min ago", "4 days ago"; never negative (clocks drift). */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** "2026-03-01 12:34:56 UTC": absolute times in audit trails, the same in every time zone. */
export function formatUtc(at: string | number): string {
  const when = typeof at === "number" ? at : Date.parse(at);
  if (Number.isNaN(when)) return String(at);
  return `${new Date(when).toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString("en");
}

/** "1 change", "12,345 changes"; `plural` for nouns that do not just take an s. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/**
 * A record's TTL. Cloudflare stores "automatic" as 1, and external-dns's 0 (no TTL set) becomes
 * automatic too; `unknown` is what to show when there is no TTL to speak of.
 */
export function formatTtl(ttl: number | undefined, unknown = "?"): string {
  if (ttl === undefined) return unknown;
  return ttl <= 1 ? "auto" : `${formatCount(ttl)} s`;
}

/** Cloudflare's orange cloud, as its dashboard names it. */
export function formatProxied(proxied: boolean | undefined, unknown = "?"): string {
  if (proxied === undefined) return unknown;
  return proxied ? "proxied" : "DNS only";
}

/** Record content as shown in a diff: an empty value is shown as ∅ rather than as nothing. */
export function formatContent(content: string | undefined): string {
  return content ? content : "∅";
}

export interface RecordFields {
  content: string;
  proxied?: boolean;
  ttl?: number;
  comment?: string;
}

export interface FieldChange {
  field: "content" | "proxied" | "ttl" | "comment";
  from: string;
  to: string;
}

/**
 * What an update changes, field by field, as text. A field the old record does not state
 * (proxied or TTL unknown) is not reported as changed.
 */
export function fieldChanges(before: RecordFields, after: RecordFields): FieldChange[] {
  const out: FieldChange[] = [];
  if (before.content !== after.content) out.push({ field: "content", from: formatContent(before.content), to: formatContent(after.content) });
  if (before.proxied !== undefined && after.proxied !== undefined && before.proxied !== after.proxied) {
    out.push({ field: "proxied", from: formatProxied(before.proxied), to: formatProxied(after.proxied) });
  }
  if (before.ttl !== undefined && after.ttl !== undefined && formatTtl(before.ttl) !== formatTtl(after.ttl)) {
    out.push({ field: "ttl", from: formatTtl(before.ttl), to: formatTtl(after.ttl) });
  }
  if ((before.comment ?? "") !== (after.comment ?? "")) out.push({ field: "comment", from: formatContent(before.comment), to: formatContent(after.comment) });
  return out;
}
