// Turns a create / PUT / PATCH body into normalised record fields, applying the real API's
// per-record rules (BEHAVIOUR.md §3). Zone-level rules
// (CNAME exclusivity, duplicates) live in conflicts.ts.

import ipaddr from "ipaddr.js";
import { err } from "./errors";
import { expandName, isHostname, isOutsideZone, isRecordName, toAsciiName as toAscii } from "./names";
import { addressVerdict, PROXIABLE_TYPES } from "./proxy-rules";
import type { StoredRecord, StoredZone } from "./types";

export const RECORD_TYPES = [
  "A", "AAAA", "CAA", "CERT", "CNAME", "DNSKEY", "DS", "HTTPS", "LOC", "MX", "NAPTR",
  "NS", "OPENPGPKEY", "PTR", "SMIMEA", "SRV", "SSHFP", "SVCB", "TLSA", "TXT", "URI",
] as const;
const TYPES = new Set<string>(RECORD_TYPES);
const DATA_TYPES = new Set(["CAA", "CERT", "DNSKEY", "DS", "HTTPS", "LOC", "NAPTR", "SMIMEA", "SRV", "SSHFP", "SVCB", "TLSA", "URI"]);
const HOSTNAME_TYPES = new Set(["CNAME", "MX", "NS", "PTR"]);
const TAG = /^[A-Za-z0-9_-]+(:.*)?$/s;

export type RecordFields = Omit<StoredRecord, "id" | "created_on" | "modified_on" | "comment_modified_on" | "tags_modified_on">;
export type WriteMode = "create" | "put" | "patch";

export interface ValidateOptions {
  mode: WriteMode;
  zone: StoredZone;
  /** The record being replaced or patched. */
  existing?: StoredRecord;
  /** Seeds describe existing state: normalise, but do not refuse what the API would refuse. */
  lenient?: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What a PATCH starts from: the stored record's writable fields. */
function writableFields(r: StoredRecord): Record<string, unknown> {
  const { type, name, content, proxied, ttl, settings, comment, tags, priority, data, private_routing } = r;
  return { type, name, content, proxied, ttl, settings, comment, tags, priority, data, private_routing };
}

export function validateRecord(body: unknown, opts: ValidateOptions): RecordFields {
  if (!isObject(body)) throw err.invalidBody();
  const input = opts.mode === "patch" && opts.existing ? { ...writableFields(opts.existing), ...body } : body;
  const { zone, lenient = false } = opts;

  const type = input.type;
  if (typeof type !== "string" || !TYPES.has(type)) throw err.invalidType();

  if (typeof input.name !== "string" || input.name.trim() === "") throw err.validation("DNS record name is required.");
  if (isOutsideZone(input.name, zone.name)) throw err.nameOutsideZone(toAscii(input.name), zone.name);
  const name = expandName(input.name, zone.name);
  if (!isRecordName(name)) throw err.validation("DNS name is invalid.");

  const data = input.data === undefined || input.data === null ? undefined : input.data;
  if (data !== undefined && !isObject(data)) throw err.validation("data must be an object.");
  const content = normaliseContent(type, name, input.content, DATA_TYPES.has(type) ? data : undefined, lenient);

  const proxied = input.proxied ?? false;
  if (typeof proxied !== "boolean") throw err.validation("proxied must be a boolean.");
  if (proxied && !lenient) checkProxiable(type, content);

  const ttl = normaliseTtl(input.ttl, opts, proxied);
  const fields: RecordFields = {
    type,
    name,
    content,
    proxied,
    ttl,
    settings: normaliseSettings(type, input.settings),
    comment: normaliseComment(input.comment, zone, lenient),
    tags: normaliseTags(input.tags),
  };
  const priority = normalisePriority(type, input.priority, data, lenient);
  if (priority !== undefined) fields.priority = priority;
  if (data !== undefined && DATA_TYPES.has(type)) fields.data = data;
  if ((type === "A" || type === "AAAA") && typeof input.private_routing === "boolean") {
    fields.private_routing = input.private_routing;
  }
  return fields;
}

function normaliseContent(type: string, name: string, raw: unknown, data: Record<string, unknown> | undefined, lenient: boolean): string {
  // For structured types `content` is read-only and derived from `data`.
  if (data) return contentFromData(type, data);
  if (raw === undefined || raw === null) {
    if (lenient) return "";
    throw err.validation("DNS record content is required.");
  }
  if (typeof raw !== "string") throw err.validation("content must be a string.");
  const value = raw.trim();
  if (lenient) return lenientContent(type, value, raw);
  if (type === "A") {
    if (!ipaddr.IPv4.isValidFourPartDecimal(value)) throw err.invalidA();
    return value;
  }
  if (type === "AAAA") {
    if (!ipaddr.IPv6.isValid(value)) throw err.invalidAAAA();
    return ipaddr.IPv6.parse(value).toRFC5952String();
  }
  if (HOSTNAME_TYPES.has(type)) {
    const host = value.replace(/\.$/, "");
    if (!isHostname(host)) {
      if (type === "CNAME") throw err.invalidCnameContent();
      throw err.validation(`Content for ${type} record must be a valid hostname.`);
    }
    if (type === "CNAME" && host.toLowerCase() === name) throw err.cnameSelf();
    return host;
  }
  // TXT and structured types keep the text exactly as sent (TXT quotes included).
  return raw;
}

/** Seeds keep whatever they hold; only forms the API would rewrite are rewritten. */
function lenientContent(type: string, value: string, raw: string): string {
  if (type === "AAAA" && ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value).toRFC5952String();
  if (type === "A" || type === "AAAA") return value;
  if (HOSTNAME_TYPES.has(type)) return value.replace(/\.$/, "");
  return raw;
}

/** Text form of structured data, close to what the API renders (approximate for rare types). */
function contentFromData(type: string, d: Record<string, unknown>): string {
  switch (type) {
    case "SRV":
      return `${d.weight ?? 0} ${d.port ?? 0} ${String(d.target ?? "").replace(/\.$/, "")}`;
    case "CAA":
      return `${d.flags ?? 0} ${d.tag ?? ""} "${d.value ?? ""}"`;
    case "URI":
      return `${d.weight ?? 0} "${d.target ?? ""}"`;
    case "HTTPS":
    case "SVCB":
      return `${d.priority ?? 1} ${d.target ?? "."} ${d.value ?? ""}`.trim();
    default:
      return Object.values(d).map(String).join(" ");
  }
}

function checkProxiable(type: string, content: string): void {
  if (!PROXIABLE_TYPES.has(type)) throw err.notProxiableType();
  if (type === "CNAME") return;
  const verdict = addressVerdict(content);
  if (verdict === "private") throw err.privateTarget(content);
  if (verdict === "cloudflare") throw err.targetNotAllowed(content);
}

function normaliseTtl(raw: unknown, opts: ValidateOptions, proxied: boolean): number {
  const min = opts.zone.plan === "enterprise" ? 30 : 60;
  if (raw === undefined || raw === null) {
    // The contract requires ttl on create and overwrite (the API has refused a PUT without it
    // since 2020); only a PATCH may leave it out.
    if ((opts.mode === "put" || opts.mode === "create") && !opts.lenient) throw err.ttl(min);
    return 1;
  }
  const valid = typeof raw === "number" && Number.isInteger(raw) && (raw === 1 || (raw >= min && raw <= 86400));
  if (!valid) {
    if (opts.lenient) return 1;
    throw err.ttl(min);
  }
  // Proxied records always use Auto, whatever TTL was sent.
  return proxied ? 1 : (raw as number);
}

function normaliseSettings(type: string, raw: unknown): Record<string, unknown> {
  if (raw !== undefined && raw !== null && !isObject(raw)) throw err.validation("settings must be an object.");
  const given = isObject(raw) ? raw : {};
  const out: Record<string, unknown> = {};
  for (const key of ["ipv4_only", "ipv6_only", ...(type === "CNAME" ? ["flatten_cname"] : [])]) {
    const v = given[key];
    if (v === undefined) continue;
    if (typeof v !== "boolean") throw err.validation(`settings.${key} must be a boolean.`);
    out[key] = v;
  }
  if (type === "CNAME" && out.flatten_cname === undefined) out.flatten_cname = false;
  return out;
}

function normaliseComment(raw: unknown, zone: StoredZone, lenient: boolean): string | null {
  if (raw === undefined || raw === null || raw === "") return null;
  if (typeof raw !== "string") throw err.validation("comment must be a string.");
  if (lenient) return raw;
  if (/[\r\n]/.test(raw)) throw err.validation("Comment must not contain newlines.");
  const limit = zone.plan === "free" ? 100 : 500;
  if (raw.length > limit) throw err.validation(`Comment must be at most ${limit} characters.`);
  return raw;
}

function normaliseTags(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((t) => typeof t !== "string" || !TAG.test(t))) {
    throw err.validation("Tags must be strings of the form name:value (name: letters, digits, - and _).");
  }
  return [...new Set(raw as string[])];
}

function normalisePriority(type: string, raw: unknown, data: Record<string, unknown> | undefined, lenient: boolean): number | undefined {
  const fromData = typeof data?.priority === "number" ? data.priority : undefined;
  const value = raw ?? fromData;
  if (type !== "MX" && type !== "URI" && type !== "SRV" && type !== "HTTPS" && type !== "SVCB") return undefined;
  if (value === undefined || value === null) {
    if ((type === "MX" || type === "URI") && !lenient) throw err.validation(`Priority is required for ${type} records.`);
    return undefined;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw err.validation("Priority must be an integer between 0 and 65535.");
  }
  return value;
}
