// The plan and explain documents of the CLI contract, built from one pipeline run. The API
// serves the same shapes, so both sides import these types.

import { reasonsFor, verdictFor, type Verdict } from "../externaldns/explain";
import { normalizeHostname } from "../externaldns/hostname";
import { getProviderSpecific, resourceOf } from "../externaldns/endpoint";
import type { CloudflareRecord, Config, Endpoint, RecordChange } from "../externaldns/types";
import type { PipelineResult } from "./pipeline";
import { buildHostIndex, type HostIndex } from "./host-index";
import type { BlockedChange } from "./withhold";

export interface DesiredJSON {
  name: string;
  type: string;
  targets: string[];
  ttl: number;
  proxied: boolean;
  resource: string;
  setIdentifier?: string;
}

export interface PlanDocument {
  desired: DesiredJSON[];
  changes: RecordChange[];
  summary: { create: number; update: number; delete: number };
  /** Changes withheld because the desired state may be incomplete; present only when there are some. */
  blocked?: BlockedChange[];
}

export interface ReasonJSON {
  code: string;
  resource: string;
  message: string;
  severity: "info" | "warning" | "error";
}

export interface ExplainRecordJSON {
  id: string;
  zone: string;
  type: string;
  name: string;
  content: string;
  proxied: boolean;
  ttl: number;
  /** For data records: who owns it per the TXT registry ("" = unowned). */
  owner?: string;
  resource?: string;
  /** For ownership TXT records: the record they claim. */
  ownershipOf?: { name: string; type: string; format: "new" | "legacy" | "unmapped" };
}

export interface ExplainDocument {
  hostname: string;
  verdict: Verdict;
  reasons: ReasonJSON[];
  desired: DesiredJSON[];
  records: ExplainRecordJSON[];
  changes: RecordChange[];
}

export function proxiedOf(ep: Endpoint, config: Config): boolean {
  return getProviderSpecific(ep, config.annotationPrefix + "cloudflare-proxied") === "true";
}

export function desiredJSON(ep: Endpoint, config: Config): DesiredJSON {
  const out: DesiredJSON = {
    name: normalizeHostname(ep.dnsName),
    type: ep.recordType,
    targets: [...ep.targets],
    ttl: ep.recordTTL,
    proxied: proxiedOf(ep, config),
    resource: resourceOf(ep),
  };
  if (ep.setIdentifier) out.setIdentifier = ep.setIdentifier;
  return out;
}

export function planDocument(result: PipelineResult): PlanDocument {
  const doc: PlanDocument = {
    desired: result.desired.map((ep) => desiredJSON(ep, result.config)),
    changes: result.recordChanges,
    summary: result.summary,
  };
  if (result.blocked?.length) doc.blocked = result.blocked;
  return doc;
}

function reasonJSON(r: { code: string; resource: string; message: string; severity: ReasonJSON["severity"] }): ReasonJSON {
  return { code: r.code, resource: r.resource, message: r.message, severity: r.severity };
}

function recordJSON(zone: string, r: CloudflareRecord): ExplainRecordJSON {
  return { id: r.id, zone, type: r.type, name: r.name, content: r.content, proxied: r.proxied ?? false, ttl: r.ttl };
}

export function explainHostname(result: PipelineResult, hostname: string, index?: HostIndex): ExplainDocument {
  const idx = index ?? buildHostIndex(result);
  const host = normalizeHostname(hostname);
  const owners = new Map((idx.current.get(host) ?? []).map((e) => [e.recordType, e.labels] as const));

  const records: ExplainRecordJSON[] = [];
  for (const { zone, record } of idx.records.get(host) ?? []) {
    const rec = recordJSON(zone, record);
    const labels = owners.get(record.type);
    if (labels) {
      rec.owner = labels.owner ?? "";
      if (labels.resource) rec.resource = labels.resource;
    }
    records.push(rec);
  }
  for (const t of idx.ownershipTxts.get(host) ?? []) {
    for (const { zone, record } of idx.txtRecords.get(`${t.txtName}\u0000${t.content}`) ?? []) {
      records.push({ ...recordJSON(zone, record), ownershipOf: { name: host, type: t.ownedType, format: t.format } });
    }
  }

  const desired = idx.desired.get(host) ?? [];
  const reasons = reasonsFor(host, idx.reasons.get(host) ?? []);
  return {
    hostname: host,
    verdict: verdictFor({ hostname: host, desiredCount: desired.length, dataChanges: idx.dataChanges.get(host) ?? [], reasons }),
    reasons: reasons.map(reasonJSON),
    desired: desired.map((e) => desiredJSON(e, result.config)),
    records,
    changes: idx.changes.get(host) ?? [],
  };
}
