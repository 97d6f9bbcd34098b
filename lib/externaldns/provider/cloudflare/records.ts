// The Cloudflare side as external-dns's provider reads it (Records() and
// groupByNameAndTypeWithCustomHostnames), plus an index that keeps the record ids reachable the
// way the provider finds them again when it applies changes (by name, type and content).

import { atLeast } from "../../annotations";
import { byteOrder, newEndpoint } from "../../endpoint";
import type { CloudflareRecord, CloudflareZone, Config, Endpoint } from "../../types";
import { commentKey, proxiedKey, regionalServicesEnabled, regionKeyKey, tagsKey } from "./proxied";
import { normalizeHostname } from "../../hostname";
import { ITEMS_PER_STEP, runSteps, type Steps } from "../../steps";

const BASE_TYPES = new Set(["A", "AAAA", "CNAME", "SRV", "TXT", "NS", "MX"]);
const REGIONAL_TYPES = new Set(["A", "AAAA", "CNAME"]);

/** provider.SupportedRecordType plus the provider's MX addition; DNAME joined in v0.22.0. */
export function isReadRecordType(type: string, cfg: Config): boolean {
  return BASE_TYPES.has(type) || (type === "DNAME" && atLeast(cfg.version, 22));
}

/**
 * A zone's records by normalised name, in list order. Looked up by (name, type, content) the
 * later record wins, as in the provider's map: Cloudflare rejects exact duplicates, but two MX
 * records with one host and different priorities collapse into one exactly as they do upstream.
 * Keyed by name alone so that indexing a 20,000-record zone builds no key strings.
 */
function* recordsByName(zone: CloudflareZone): Steps<Map<string, CloudflareRecord[]>> {
  const map = new Map<string, CloudflareRecord[]>();
  const records = zone.records;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const name = normalizeHostname(r.name);
    const list = map.get(name);
    if (list) list.push(r);
    else map.set(name, [r]);
    if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
  return map;
}

function lastMatch(list: CloudflareRecord[] | undefined, type: string, content: string): CloudflareRecord | undefined {
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (list[i].type === type && list[i].content === content) return list[i];
  return undefined;
}

export interface IndexedRecord {
  record: CloudflareRecord;
  zone: CloudflareZone;
}

export interface RecordIndex {
  /**
   * The record with that name, type and Cloudflare `content` (for MX the host alone, without
   * priority). With `zoneId`, only that zone is searched, as the provider does once it has
   * routed a change; without it, the first zone holding such a record answers.
   */
  get(name: string, type: string, content: string, zoneId?: string): IndexedRecord | undefined;
}

export function indexRecords(zones: CloudflareZone[]): RecordIndex {
  // Each zone's map is built on its first lookup: a plan without updates or deletes needs none.
  return recordIndex(zones.map((zone) => ({ zone, map: undefined })));
}

/** The same index with every zone's map built now, pausing every ITEMS_PER_STEP records. */
export function* indexRecordsSteps(zones: CloudflareZone[]): Steps<RecordIndex> {
  const perZone: ZoneMap[] = [];
  for (const zone of zones) perZone.push({ zone, map: yield* recordsByName(zone) });
  return recordIndex(perZone);
}

interface ZoneMap {
  zone: CloudflareZone;
  map: Map<string, CloudflareRecord[]> | undefined;
}

function recordIndex(perZone: ZoneMap[]): RecordIndex {
  return {
    get(name, type, content, zoneId) {
      const key = normalizeHostname(name);
      for (const entry of perZone) {
        const { zone } = entry;
        if (zoneId !== undefined && zone.id !== zoneId) continue;
        entry.map ??= runSteps(recordsByName(zone));
        const record = lastMatch(entry.map.get(key), type, content);
        if (record) return { record, zone };
      }
      return undefined;
    },
  };
}

/** MX targets carry the priority in front of the host, as external-dns writes them. */
function targetOf(r: CloudflareRecord): string {
  return r.type === "MX" ? `${r.priority ?? 0} ${r.content}` : r.content;
}

export interface ReadOptions {
  /** Regional hostname → region key, when regional services are enabled (unknown hosts read as ""). */
  regionalHostnames?: Record<string, string>;
}

/**
 * Current records as external-dns sees them: supported types only, one endpoint per name+type
 * with every content as a target. TTL, proxied, comment and tags come from one record of the
 * group. Upstream takes `records[0]` of a Go map iteration, which is unspecified: when the
 * records of one name+type disagree (one proxied, one not), what it reads can change from one
 * cycle to the next. Here the first record in list order is taken, deterministically.
 * Custom hostnames are not part of the records document and are not read back.
 */
export function zoneRecordsToEndpoints(zones: CloudflareZone[], cfg: Config, opts: ReadOptions = {}): Endpoint[] {
  return runSteps(zoneRecordsToEndpointsSteps(zones, cfg, opts));
}

/** The same, pausing every ITEMS_PER_STEP records. */
export function* zoneRecordsToEndpointsSteps(zones: CloudflareZone[], cfg: Config, opts: ReadOptions = {}): Steps<Endpoint[]> {
  const out: Endpoint[] = [];
  let n = 0;
  // One string per property name for all records (not a new one per record).
  const proxiedName = proxiedKey(cfg);
  for (const zone of zones) {
    // The provider's map keyed by (name, type, content), grouped by name and type: groups in
    // order of their first record, one record per content (the later one, in the earlier one's
    // place). Built straight from the list, keyed by name alone in the usual one-type-per-name
    // case, so that a 20,000-record zone costs no key strings.
    const groups: CloudflareRecord[][] = [];
    const groupNames: string[] = []; // groups[i]'s normalised name, not computed again
    const firstGroup = new Map<string, CloudflareRecord[]>();
    const otherGroups = new Map<string, CloudflareRecord[]>();
    for (const r of zone.records) {
      if (++n % ITEMS_PER_STEP === 0) yield;
      if (!isReadRecordType(r.type, cfg)) continue;
      const name = normalizeHostname(r.name);
      const first = firstGroup.get(name);
      let group: CloudflareRecord[] | undefined;
      let created = false;
      if (!first) {
        firstGroup.set(name, (group = [r]));
        created = true;
      } else if (first[0].type === r.type) {
        group = first;
      } else {
        const key = `${name}\u0000${r.type}`;
        group = otherGroups.get(key);
        if (!group) {
          otherGroups.set(key, (group = [r]));
          created = true;
        }
      }
      if (created) {
        groups.push(group);
        groupNames.push(name);
        continue;
      }
      const same = group.findIndex((g) => g.content === r.content);
      if (same >= 0) group[same] = r;
      else group.push(r);
    }
    for (let i = 0; i < groups.length; i++) {
      if (++n % ITEMS_PER_STEP === 0) yield;
      const records = groups[i];
      const first = records[0];
      const ep = newEndpoint(
        {
          dnsName: groupNames[i],
          recordType: first.type,
          targets: records.map(targetOf),
          ttl: first.ttl,
        },
        cfg.version,
      );
      // NewEndpointWithTTL refuses names with an over-long label; the provider skips those.
      if (!ep) continue;
      const props = [{ name: proxiedName, value: String(first.proxied ?? false) }];
      if (first.comment) props.push({ name: commentKey(cfg), value: first.comment });
      if (first.tags && first.tags.length > 0) {
        props.push({ name: tagsKey(cfg), value: [...first.tags].sort(byteOrder).join(",") });
      }
      if (regionalServicesEnabled(cfg) && REGIONAL_TYPES.has(ep.recordType)) {
        props.push({ name: regionKeyKey(cfg), value: opts.regionalHostnames?.[ep.dnsName] ?? "" });
      }
      // Sized to fit: an array that was pushed to keeps room for 16 more (~130 bytes), and these
      // live as long as the computation, one per record.
      ep.providerSpecific = props.length === 1 ? props : props.slice();
      out.push(ep);
    }
  }
  return out;
}
