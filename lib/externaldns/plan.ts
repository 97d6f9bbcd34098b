// The planner (plan/plan.go, plan/policy.go): diffs desired endpoints against current records
// (with ownership labels from the registry) into plan.Changes, and says — as Reasons — why
// every candidate or current record that does not become a change stays as it is.

import { resourceOf } from "./endpoint";
import { resolveCreate, resolveRecordTypes, resolveUpdate, type TypeCell } from "./plan-conflict";
import { targetsSame } from "./targets";
import type { Changes, Endpoint, Policy, ProviderSpecificProperty, Reason, Version } from "./types";
import { normalizeHostname } from "./hostname";
import { ITEMS_PER_STEP, runSteps, type Steps } from "./steps";

export interface PlanInput {
  current: Endpoint[];
  desired: Endpoint[];
  policy: Policy;
  ownerId: string;
  /** --migrate-from-txt-owner. */
  oldOwnerId?: string;
  /** The user filter ANDed with the provider's (Cloudflare: match-all). */
  domainFilter: { match(name: string): boolean };
  managedRecordTypes: string[];
  excludeRecordTypes: string[];
  /** Only changes log levels upstream; kept so callers pass the whole context. */
  version: Version;
  /** false: no in-sync reasons (see RunOptions). */
  narrate?: boolean;
}

export interface PlanResult {
  changes: Changes;
  reasons: Reason[];
}

interface Row {
  /** The sort key: normalised name, then set identifier. */
  key: string;
  current: Endpoint[];
  candidates: Endpoint[];
  /** One cell per record type; a name rarely has more than two, so a list beats a Map. */
  cells: TypeCell[];
}

/**
 * The empty list a row's lists start as, never added to (see added): most rows end up with one
 * record and one candidate, and an empty list grows room for 17 on its first push.
 */
const NONE: never[] = [];

/** `list` with `item` at its end: a new one-element list in place of NONE, else the list itself. */
function added<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

const PREFERRED_TYPES = ["A", "AAAA", "CNAME"];

/** A, AAAA, CNAME first (in that order), then every other type by name. */
function byTypeRank(a: TypeCell, b: TypeCell): number {
  const x = PREFERRED_TYPES.indexOf(a.type);
  const y = PREFERRED_TYPES.indexOf(b.type);
  if (x >= 0 || y >= 0) return x < 0 ? 1 : y < 0 ? -1 : x - y;
  return a.type < b.type ? -1 : 1;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

function asciiOnly(s: string): boolean {
  return ASCII_ONLY.test(s);
}

/**
 * idna.NormalizeDNSName: trimmed, IDNA-to-ASCII (which lower-cases), one trailing dot. ASCII
 * names skip the URL parser, which would otherwise turn numeric-looking names into IPv4 text.
 */
export function normalizeDNSName(name: string): string {
  const s = foldDNSName(name);
  return s.endsWith(".") ? s : `${s}.`;
}

/** normalizeDNSName up to the trailing dot: for a name already in that form, the same string. */
function foldDNSName(name: string): string {
  const s = name.trim();
  if (asciiOnly(s)) return s.toLowerCase();
  try {
    return new URL(`http://${s}`).hostname;
  } catch {
    return s.toLowerCase();
  }
}

export function isManagedRecord(type: string, managed: string[], excluded: string[]): boolean {
  return !excluded.includes(type) && managed.includes(type);
}

function cloneEndpoint(ep: Endpoint): Endpoint {
  return { ...ep, targets: [...ep.targets], labels: { ...ep.labels }, providerSpecific: ep.providerSpecific.map((p) => ({ ...p })) };
}

const hostOf = (ep: Endpoint) => normalizeHostname(ep.dnsName);
const describe = (ep: Endpoint) => `${ep.recordType} ${hostOf(ep)}${ep.setIdentifier ? ` (set ${ep.setIdentifier})` : ""}`;
const targetsText = (ep: Endpoint) => `[${ep.targets.join(", ")}]`;
/** Reasons about a record no object asks for name the record itself. */
const recordResource = (ep: Endpoint) => resourceOf(ep) || `record/${ep.recordType}/${hostOf(ep)}`;
const candidateResource = (ep: Endpoint) => resourceOf(ep) || "unknown";
/** Named only when a note needs it: most records are admitted. */
const sideResource = (ep: Endpoint, side: "current" | "desired") => (side === "current" ? recordResource(ep) : candidateResource(ep));

function hasOwner(ep: Endpoint): boolean {
  return Object.prototype.hasOwnProperty.call(ep.labels, "owner");
}

/** Endpoint.IsOwnedBy: the owner label exists and equals the id. */
function isOwnedBy(ep: Endpoint, ownerId: string): boolean {
  return hasOwner(ep) && ep.labels.owner === ownerId;
}

/** Any property on one side only, or with another value, is a change (order-insensitive). */
export function providerSpecificChanged(desired: Endpoint, current: Endpoint): boolean {
  if (desired.providerSpecific.length <= SMALL_PROPERTY_LIST && current.providerSpecific.length <= SMALL_PROPERTY_LIST) {
    return smallPropertiesChanged(desired.providerSpecific, current.providerSpecific);
  }
  const wanted = new Map(desired.providerSpecific.map((p) => [p.name, p.value]));
  for (const c of current.providerSpecific) {
    if (!wanted.has(c.name) || wanted.get(c.name) !== c.value) return true;
    wanted.delete(c.name);
  }
  return wanted.size > 0;
}

const SMALL_PROPERTY_LIST = 8;

/**
 * providerSpecificChanged without the map, for the usual handful of properties: the same answer
 * as building a map of the desired ones (the last of a repeated name wins) and ticking off the
 * current ones (a repeated current name finds its entry already gone).
 */
function smallPropertiesChanged(desired: ProviderSpecificProperty[], current: ProviderSpecificProperty[]): boolean {
  for (let i = 0; i < current.length; i++) {
    const { name, value } = current[i];
    for (let j = 0; j < i; j++) if (current[j].name === name) return true;
    let j = desired.length - 1;
    while (j >= 0 && desired[j].name !== name) j--;
    if (j < 0 || desired[j].value !== value) return true;
  }
  return desired.some((d) => !current.some((c) => c.name === d.name));
}

/** appendEndpointUpdates' test; label changes alone (e.g. another resource) never count. */
export function needsUpdate(desired: Endpoint, current: Endpoint, oldOwnerId = ""): boolean {
  if (desired.recordTTL > 0 && desired.recordTTL !== current.recordTTL) return true;
  if (!targetsSame(desired.targets, current.targets)) return true;
  if (providerSpecificChanged(desired, current)) return true;
  return oldOwnerId !== "" && (current.labels.owner ?? "") !== oldOwnerId;
}

class Planner {
  readonly reasons: Reason[] = [];
  readonly raw: Changes = { create: [], updateOld: [], updateNew: [], delete: [] };

  constructor(private readonly input: PlanInput) {}

  note(code: string, resource: string, severity: Reason["severity"], ep: Endpoint, message: string): void {
    this.reasons.push({ code, resource, message, severity, hostnames: [hostOf(ep)] });
  }

  /** filterRecordsForPlan: domain filter, then managed/excluded types. */
  admit(ep: Endpoint, side: "current" | "desired"): boolean {
    const { domainFilter, managedRecordTypes, excludeRecordTypes } = this.input;
    const severity = side === "current" ? "info" : "warning";
    if (!domainFilter.match(ep.dnsName)) {
      this.note("domain-filter", sideResource(ep, side), severity, ep, `${describe(ep)} is outside the domain filter (--domain-filter / --exclude-domains / regex), so external-dns ignores it`);
      return false;
    }
    if (!isManagedRecord(ep.recordType, managedRecordTypes, excludeRecordTypes)) {
      const why = excludeRecordTypes.includes(ep.recordType)
        ? `${ep.recordType} is excluded by --exclude-record-types`
        : `${ep.recordType} is not in --managed-record-types (${managedRecordTypes.join(", ")})`;
      this.note("unmanaged-record-type", sideResource(ep, side), severity, ep, `${describe(ep)}: ${why}, so external-dns ignores it`);
      return false;
    }
    return true;
  }

  /** The planner's rows (name + set identifier), each with its cells by type, in key order. */
  /** The rows, pausing every ITEMS_PER_STEP records and before the sort. */
  *buildRows(): Steps<Row[]> {
    let n = 0;
    // Rows are found by the normalised name without its dot (for most endpoints the very string
    // they hold, so no key is built), in a map of their own when a set identifier is present.
    const rows = new Map<string, Row>();
    const rowsWithSet = new Map<string, Row>();
    const rowOf = (ep: Endpoint): Row => {
      const folded = foldDNSName(ep.dnsName);
      const bare = folded.endsWith(".") ? folded.slice(0, -1) : folded;
      const set = ep.setIdentifier;
      const map = set === "" ? rows : rowsWithSet;
      const lookup = set === "" ? bare : `${bare}\u0000${set}`;
      let row = map.get(lookup);
      if (!row) {
        // The sort key is normalizeDNSName's name, then the set identifier. Without one, the name
        // alone: names end in "." (above NUL), so they sort exactly as name + NUL + "" would.
        const key = set === "" ? `${bare}.` : `${bare}.\u0000${set}`;
        map.set(lookup, (row = { key, current: NONE, candidates: NONE, cells: NONE }));
      }
      return row;
    };
    const cellOf = (row: Row, type: string): TypeCell => {
      for (const c of row.cells) if (c.type === type) return c;
      const cell: TypeCell = { type, candidates: NONE };
      row.cells = added(row.cells, cell);
      return cell;
    };
    for (const ep of this.input.current) {
      if (++n % ITEMS_PER_STEP === 0) yield;
      if (!this.admit(ep, "current")) continue;
      const row = rowOf(ep);
      row.current = added(row.current, ep);
      cellOf(row, ep.recordType).current = ep;
    }
    for (const ep of this.input.desired) {
      if (++n % ITEMS_PER_STEP === 0) yield;
      if (!this.admit(ep, "desired")) continue;
      const row = rowOf(ep);
      row.candidates = added(row.candidates, ep);
      const cell = cellOf(row, ep.recordType);
      cell.candidates = added(cell.candidates, ep);
    }
    yield;
    return [...rows.values(), ...rowsWithSet.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** ResolveCreate, explaining every candidate that lost. */
  pick(candidates: Endpoint[], winner: Endpoint, copy = true): Endpoint {
    for (const c of candidates) {
      if (c === winner) continue;
      this.note("lost-conflict", candidateResource(c), "warning", c,
        `${describe(c)} ${targetsText(c)} lost to the candidate of ${candidateResource(winner)} ${targetsText(winner)}: only one candidate per name and type is published`);
    }
    return copy ? cloneEndpoint(winner) : winner;
  }

  planRow(row: Row): void {
    const { cells: resolved, discarded } = resolveRecordTypes(row.cells, row.candidates);
    for (const c of discarded) {
      const others = row.candidates.filter((o) => o.recordType !== "CNAME");
      this.note("cname-conflict", candidateResource(c), "warning", c,
        `${describe(c)} dropped: the name also has ${[...new Set(others.map((o) => o.recordType))].join("/")} candidates (from ${[...new Set(others.map(candidateResource))].join(", ")}), and a CNAME cannot share a name`);
    }
    const cells = resolved.length > 1 ? resolved.sort(byTypeRank) : resolved; // the row's own list, planned once

    if (row.current.length === 0) {
      for (const cell of cells) if (cell.candidates.length > 0) this.raw.create.push(this.pick(cell.candidates, resolveCreate(cell.candidates)));
      return;
    }
    if (row.candidates.length === 0) {
      this.raw.delete.push(...row.current);
      return;
    }
    const creates: Endpoint[] = [];
    for (const cell of cells) {
      if (cell.current && cell.candidates.length === 0) this.raw.delete.push(cell.current);
      else if (!cell.current && cell.candidates.length > 0) creates.push(this.pick(cell.candidates, resolveCreate(cell.candidates)));
      else if (cell.current) this.planUpdate(cell.current, cell.candidates);
    }
    if (creates.length === 0) return;
    // A new type joins a taken name only when every record already there is ours.
    const { ownerId } = this.input;
    const blockers = ownerId === "" ? [] : row.current.filter((c) => !isOwnedBy(c, ownerId));
    if (blockers.length === 0) {
      this.raw.create.push(...creates);
      return;
    }
    for (const c of creates) for (const b of blockers) this.ownership(b, c, `create ${describe(c)} next to it`);
  }

  planUpdate(current: Endpoint, candidates: Endpoint[]): void {
    // Copied only when it becomes an update (most records are in sync): the copy gets the owner.
    const chosen = this.pick(candidates, resolveUpdate(current, candidates), false);
    if (!needsUpdate(chosen, current, this.input.oldOwnerId)) {
      if (this.input.narrate !== false) this.note("in-sync", candidateResource(chosen), "info", chosen, `${describe(chosen)} ${targetsText(chosen)} already matches the record external-dns would write`);
      return;
    }
    const winner = cloneEndpoint(chosen);
    winner.labels.owner = current.labels.owner ?? ""; // inheritOwner
    this.raw.updateNew.push(winner);
    this.raw.updateOld.push(current);
  }

  ownership(record: Endpoint, candidate: Endpoint | undefined, action: string): void {
    const owner = record.labels.owner ?? "";
    const resource = candidate ? candidateResource(candidate) : recordResource(record);
    const severity = candidate ? "warning" : "info";
    if (owner === "") {
      this.note("unowned-record", resource, severity, record,
        `${describe(record)} exists without an ownership TXT record (unowned), so external-dns will not ${action}`);
    } else {
      this.note("owned-by-other", resource, severity, record,
        `${describe(record)} is owned by "${owner}", not by this external-dns ("${this.input.ownerId}"), so external-dns will not ${action}`);
    }
  }

  /** Policy, then the ownership filter on deletes and updates, then delete de-duplication. */
  finish(): Changes {
    const { policy, ownerId } = this.input;
    const out: Changes = { create: this.raw.create, updateOld: [], updateNew: [], delete: [] };
    const seen = new Set<string>();
    for (const d of this.raw.delete) {
      if (ownerId !== "" && !isOwnedBy(d, ownerId)) {
        this.ownership(d, undefined, "delete it");
        continue;
      }
      if (policy !== "sync") {
        this.note("policy", recordResource(d), "warning", d, `--policy=${policy} drops the delete of ${describe(d)} ${targetsText(d)}`);
        continue;
      }
      const key = `${d.dnsName}\u0000${d.recordType}\u0000${d.setIdentifier}`;
      if (ownerId !== "" && seen.has(key)) continue;
      seen.add(key);
      out.delete.push(d);
    }
    this.raw.updateOld.forEach((old, i) => {
      const next = this.raw.updateNew[i];
      if (ownerId !== "" && !isOwnedBy(old, ownerId)) {
        this.ownership(old, next, `update it to ${targetsText(next)}`);
        return;
      }
      if (policy === "create-only") {
        this.note("policy", candidateResource(next), "warning", next, `--policy=create-only drops the update of ${describe(old)} ${targetsText(old)} → ${targetsText(next)}`);
        return;
      }
      out.updateOld.push(old);
      out.updateNew.push(next);
    });
    return out;
  }
}

/** plan.Calculate, with the reason for everything that does not become a change. */
export function calculatePlan(input: PlanInput): PlanResult {
  return runSteps(calculatePlanSteps(input));
}

/** Names planned between pauses. */
const ROWS_PER_STEP = 2000;

/** The same, pausing after the rows are built and every ROWS_PER_STEP names. */
export function* calculatePlanSteps(input: PlanInput): Steps<PlanResult> {
  const planner = new Planner(input);
  const rows = yield* planner.buildRows();
  yield;
  let n = 0;
  for (const row of rows) {
    if (++n % ROWS_PER_STEP === 0) yield;
    planner.planRow(row);
  }
  yield;
  return { changes: planner.finish(), reasons: planner.reasons };
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  const labels = (e: Endpoint) => JSON.stringify(Object.entries(e.labels).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return (
    a.dnsName === b.dnsName &&
    a.recordType === b.recordType &&
    a.setIdentifier === b.setIdentifier &&
    a.recordTTL === b.recordTTL &&
    JSON.stringify(a.targets) === JSON.stringify(b.targets) &&
    JSON.stringify(a.providerSpecific.map((p) => [p.name, p.value])) === JSON.stringify(b.providerSpecific.map((p) => [p.name, p.value])) &&
    labels(a) === labels(b)
  );
}

/** Changes.HasChanges: any create or delete, or update pairs that are not field-for-field equal. */
export function hasChanges(changes: Changes): boolean {
  if (changes.create.length > 0 || changes.delete.length > 0) return true;
  if (changes.updateNew.length !== changes.updateOld.length) return true;
  return changes.updateNew.some((n, i) => !sameEndpoint(n, changes.updateOld[i]));
}
