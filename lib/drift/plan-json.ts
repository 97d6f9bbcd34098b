// The plan and explain documents of the CLI contract, built from one pipeline run. The API
// serves the same shapes, so both sides import these types.

import { normalizeHostname, reasonsFor, verdictFor, type Verdict } from "../externaldns/explain";
import { getProviderSpecific, resourceOf } from "../externaldns/endpoint";
import type { CloudflareRecord, Config, Endpoint, RecordChange } from "../externaldns/types";
import type { PipelineResult } from "./pipeline";

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
  return {
    desired: result.desired.map((ep) => desiredJSON(ep, result.config)),
    changes: result.recordChanges,
    summary: result.summary,
  };
}

function reasonJSON(r: { code: string; resource: string; message: string; severity: ReasonJSON["severity"] }): ReasonJSON {
  return { code: r.code, resource: r.resource, message: r.message, severity: r.severity };
}

/** Names of the ownership TXT records that claim `host`, from the registry's reading. */
function ownershipTxtsOf(result: PipelineResult, host: string) {
  return result.registry.ownershipTxts.filter((t) => normalizeHostname(t.ownedName) === host);
}

function recordJSON(zone: string, r: CloudflareRecord): ExplainRecordJSON {
  return { id: r.id, zone, type: r.type, name: r.name, content: r.content, proxied: r.proxied ?? false, ttl: r.ttl };
}

export function explainHostname(result: PipelineResult, hostname: string): ExplainDocument {
  const host = normalizeHostname(hostname);
  const txts = ownershipTxtsOf(result, host);
  const txtNames = new Set(txts.map((t) => t.txtName));
  const owners = new Map(
    result.registry.records
      .filter((e) => normalizeHostname(e.dnsName) === host)
      .map((e) => [e.recordType, e.labels] as const),
  );

  const records: ExplainRecordJSON[] = [];
  for (const zone of result.zones) {
    for (const r of zone.records) {
      if (r.name === host) {
        const labels = owners.get(r.type);
        const rec = recordJSON(zone.name, r);
        if (r.type !== "TXT" || labels) {
          rec.owner = labels?.owner ?? "";
          if (labels?.resource) rec.resource = labels.resource;
        }
        records.push(rec);
      } else if (txtNames.has(r.name) && r.type === "TXT") {
        const t = txts.find((x) => x.txtName === r.name)!;
        records.push({ ...recordJSON(zone.name, r), ownershipOf: { name: host, type: t.ownedType, format: t.format } });
      }
    }
  }

  const desired = result.desired.filter((e) => normalizeHostname(e.dnsName) === host);
  const dataChanges = result.recordChanges.filter((c) => c.name === host);
  const changes = result.recordChanges.filter((c) => c.name === host || c.ownershipOf === host);
  const reasons = reasonsFor(host, result.reasons);
  return {
    hostname: host,
    verdict: verdictFor({ hostname: host, desiredCount: desired.length, dataChanges, reasons }),
    reasons: reasons.map(reasonJSON),
    desired: desired.map((e) => desiredJSON(e, result.config)),
    records,
    changes,
  };
}
