// Request and response shapes of the dashboard's JSON API. The route handlers build them and
// the React hooks read them; this file is the only thing both sides share, so it imports types
// and nothing else.

import type { DesiredJSON, ExplainDocument, PlanDocument, ReasonJSON } from "../drift/plan-json";
import type { SourceHealth } from "../server/ports";
import type { HostLookup } from "../doh/types";
import type { RecordChange } from "../externaldns/types";
import type { WhatIfDocument } from "../drift/what-if/types";

/** GET /api/lookup?name=: per resolver, answers, TTL, verdict and timing. */
export type LookupResponse = HostLookup;
export type { WhatIfCause, WhatIfChange, WhatIfConsequence, WhatIfDocument } from "../drift/what-if/types";

export type { DesiredJSON, ExplainDocument, PlanDocument, ReasonJSON, SourceHealth };

/** The state of one Cloudflare record (or of a desired record Cloudflare lacks). */
export type RecordState =
  | "in-sync"
  | "missing"
  | "drifted"
  | "orphaned"
  | "other-owner"
  | "unowned"
  | "blocked"
  | "ownership";

export const RECORD_STATES: RecordState[] = [
  "in-sync",
  "missing",
  "drifted",
  "orphaned",
  "other-owner",
  "unowned",
  "blocked",
  "ownership",
];

export interface ConfigSummary {
  version: string;
  annotationPrefix: string;
  annotationPrefixExplicit: boolean;
  provider: string;
  policy: string;
  ownerId: string;
  sources: string[];
  domainFilters: string[];
  excludeDomains: string[];
  regexDomainFilter: string;
  regexDomainExclusion: string;
  txtPrefix: string;
  txtSuffix: string;
  txtWildcardReplacement: string;
  proxiedDefault: boolean;
  gatewayLabelFilter: string;
  gatewayName: string;
  gatewayNamespace: string;
  ingressClasses: string[];
  labelFilter: string;
  /** --service-type-filter and --publish-internal-services (service source only). */
  serviceTypeFilter?: string[];
  publishInternalServices?: boolean;
  annotationFilter: string;
  managedRecordTypes: string[];
  interval: string;
  issues: { severity: "warning" | "error"; flag: string; message: string }[];
}

export interface Warning {
  code: string;
  severity: "warning" | "error";
  message: string;
  /** Objects or hostnames concerned, for links. */
  subjects: string[];
}

export interface RecordView {
  /** Cloudflare record id; absent for a desired record Cloudflare does not have ("missing"). */
  id?: string;
  zone: string;
  name: string;
  type: string;
  content: string;
  proxied: boolean;
  ttl: number;
  comment?: string;
  /** Owner id from the ownership TXT ("" = unowned); undefined for ownership TXT rows. */
  owner?: string;
  resource?: string;
  /** For data records: the format of the TXT that owns it; for TXT rows: their own format. */
  txtFormat?: "new" | "legacy" | "unmapped";
  /** For ownership TXT rows: the record they claim. */
  ownershipOf?: { name: string; type: string };
  state: RecordState;
  /** One line on why it is in this state. */
  stateReason: string;
  /** What the plan would do to this record, if anything. */
  pending?: "create" | "update" | "delete";
}

export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
  /** "kind/namespace/name", lower-case kind, as external-dns's resource label. */
  resource: string;
}

export interface RecordRef {
  name: string;
  type: string;
  state: RecordState;
}

export interface RouteView extends ObjectRef {
  hostnames: string[];
  parents: { gateway: string; section?: string; accepted: boolean }[];
  accepted: boolean;
  ttl: number;
  /** null when the route produces no records. */
  proxied: boolean | null;
  proxiedSource: "annotation" | "flag-default" | "not-proxiable" | null;
  records: RecordRef[];
  reasons: ReasonJSON[];
}

export interface GatewayView extends ObjectRef {
  processed: boolean;
  /** Why external-dns ignores it (e.g. the label filter), when it does. */
  exclusion?: ReasonJSON;
  labels: Record<string, string>;
  targets: string[];
  targetSource: "annotation" | "status" | "none";
  addresses: string[];
  listeners: { name: string; protocol: string; port: number; hostname?: string }[];
  ignoredAnnotations: ReasonJSON[];
  routes: RouteView[];
}

export interface IngressView extends ObjectRef {
  ingressClass: string;
  hosts: string[];
  targets: string[];
  records: RecordRef[];
  reasons: ReasonJSON[];
}

export interface ServiceView extends ObjectRef {
  /** spec.type (ClusterIP when omitted); headless = clusterIP None. */
  type: string;
  headless: boolean;
  labels: Record<string, string>;
  /** The hostname and internal-hostname annotations as external-dns reads them (this version's prefix). */
  hostnames: string[];
  internalHostnames: string[];
  /** Targets of the records the Service produces. */
  targets: string[];
  /** Why external-dns skips the whole Service (label/annotation/type filter, controller, namespace). */
  exclusion?: ReasonJSON;
  ttl: number;
  /** null when the Service produces no records. */
  proxied: boolean | null;
  proxiedSource: "annotation" | "flag-default" | "not-proxiable" | null;
  records: RecordRef[];
  reasons: ReasonJSON[];
}

export interface DnsEndpointView extends ObjectRef {
  endpoints: { dnsName: string; recordType: string; targets: string[]; ttl: number }[];
  records: RecordRef[];
  reasons: ReasonJSON[];
}

export interface HostnameView {
  name: string;
  verdict: ExplainDocument["verdict"];
  state: RecordState;
  resources: string[];
  /** Public DNS verdict, when a lookup has been made. */
  lookup?: { verdict: string; checkedAt: string };
}

export interface InstanceState {
  id: string;
  origin: string;
  config: ConfigSummary;
  counts: Record<RecordState, number>;
  warnings: Warning[];
  gateways: GatewayView[];
  /** Routes not attached to any known Gateway (so not under a GatewayView). */
  orphanRoutes: RouteView[];
  ingresses: IngressView[];
  dnsEndpoints: DnsEndpointView[];
  /** Present when the instance runs --source=service. */
  services?: ServiceView[];
  desired: DesiredJSON[];
  records: RecordView[];
  hostnames: HostnameView[];
  plan: { hash: string; summary: PlanDocument["summary"]; blocked?: PlanDocument["blocked"] };
}

export interface StateResponse {
  generatedAt: string;
  mode: "live" | "snapshot" | "demo";
  /** Whether approve-to-sync is possible, and why not. */
  writes: { enabled: boolean; reason?: string; code?: "cloudflare-budget" };
  /** True when every input is fresh and complete; a plan from partial data never deletes. */
  complete: boolean;
  /** Cloudflare calls in the last 5 minutes against dnsdrift's own budget. */
  cloudflareBudget?: { used: number; limit: number; softLimit: number; windowSeconds: number; level: "ok" | "backing-off" | "exhausted"; rateLimitedUntil?: string };
  sources: SourceHealth[];
  instances: InstanceState[];
}

export interface PlanResponse extends PlanDocument {
  hash: string;
  instance: string;
  generatedAt: string;
  /** Data is partial or stale: the plan is for reading only. */
  partial: boolean;
  /** Changes that need a typed confirmation (deletes, protected names, over the threshold). */
  confirmation?: {
    required: boolean;
    phrase: string;
    reasons: string[];
    triggers?: { rule: string; zone: string; changes: number[]; detail?: string }[];
  };
  /** The confirmation rule's inputs, so the page can apply it to the selection a person ticks. */
  safety?: PlanSafety;
  /** Manual edits at Cloudflare that external-dns would revert on its next loop. */
  reverts: { index: number; message: string }[];
}

export interface PlanSafety {
  /** Share (0–1) of a zone's owned records a plan may change without the typed confirmation… */
  changeShare: number;
  /** …once the zone owns at least this many records. */
  minOwned: number;
  /** Records this external-dns owns, per zone. */
  owned: Record<string, number>;
  /** Names in this plan that a configured pattern protects → that pattern. */
  protectedNames: Record<string, string>;
}

export interface ApplyRequest {
  hash: string;
  instance?: string;
  /** Indexes into the plan's changes; all when absent. */
  changes?: number[];
  confirm?: string;
}

export interface ApplyChangeResult {
  index: number;
  action: "create" | "update" | "delete";
  name: string;
  type: string;
  content: string;
  status: "applied" | "failed" | "skipped";
  message?: string;
  cloudflareErrors?: { code: number; message: string }[];
}

export interface ApplyResponse {
  hash: string;
  results: ApplyChangeResult[];
  ok: boolean;
  /** The audit entry that records this apply (GET /api/audit). */
  auditId?: number;
}

export interface ApiError {
  /** `id` names an unexpected failure (500) in the server's log. */
  error: { code: string; message: string; plan?: PlanResponse; confirmation?: PlanResponse["confirmation"]; id?: string };
}

/** One way to fix what the explain chain found, most direct first. */
export interface Fix {
  /** The reason code the fix answers (e.g. "gateway-label-filter"). */
  code: string;
  title: string;
  description: string;
  /** A change to a cluster object (or the external-dns values), as YAML to merge into it. */
  patch?: { resource: string; yaml: string };
  /** The same change as a one-line command, when there is a natural one. */
  command?: string;
  /** A Cloudflare record to create, rewrite or delete by hand (exact name and content). */
  record?: { action: "create" | "update" | "delete"; zone: string; type: string; name: string; content: string; id?: string };
}

/** GET /api/explain/{hostname}: the explain document plus the fixes it suggests. */
export interface ExplainResponse extends ExplainDocument {
  fixes?: Fix[];
}

/** Who approved an apply, as the audit trail keeps it (same shape as the server's Actor). */
export interface AuditActor {
  name: string;
  email?: string;
  groups: string[];
  role: "viewer" | "approver";
  via: "proxy" | "token" | "none";
}

/**
 * "pending": written before the first request to Cloudflare, not finished yet;
 * "interrupted": was pending when the server stopped, so what reached Cloudflare is unknown;
 * "ok": every change applied; "partial": some applied; "failed": none applied.
 */
export type AuditOutcome = "pending" | "ok" | "partial" | "failed" | "interrupted";

/** One change of an audited apply: what was intended (the plan's change), and what Cloudflare answered. */
export interface AuditChange
  extends Pick<RecordChange, "action" | "zone" | "name" | "type" | "content" | "proxied" | "ttl" | "previous" | "resource" | "ownershipOf"> {
  /** Index into the approved plan's changes. */
  index: number;
  /** "pending" while the apply runs; "unknown" when it never got an answer (interrupted, or the apply crashed). */
  status: "pending" | "applied" | "failed" | "skipped" | "unknown";
  /** Cloudflare's answer, in words. */
  message?: string;
  cloudflareErrors?: { code: number; message: string }[];
}

export interface AuditEntry {
  /** Increasing: newer entries have larger ids (the paging cursor). */
  id: number;
  instance: string;
  planHash: string;
  actor: AuditActor;
  /** When the approval arrived (ISO). */
  approvedAt: string;
  /** When the apply finished (ISO); null while pending or when interrupted. */
  finishedAt: string | null;
  outcome: AuditOutcome;
  zones: string[];
  /** The replica that applied it (the Lease holder identity). */
  replica: string;
  /** Why the apply stopped, when it failed as a whole (not per change). */
  error?: string;
  counts: { applied: number; failed: number; skipped: number; unknown: number };
  changes: AuditChange[];
}

/** GET /api/audit?limit=&before=: newest first. */
export interface AuditResponse {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** GET /api/audit/export (or /api/audit?format=json&download=1): every entry, newest first. */
export interface AuditExport {
  exportedAt: string;
  entries: AuditEntry[];
}

// ---- Page-shaped reads (docs/api.md). Each is small, cached per computation, and carries an
// ETag; GET /api/state stays for tools that want the whole document. ----

/** Numbers a page shows without downloading the lists behind them. */
export interface InstanceTotals {
  gateways: number;
  routes: number;
  ingresses: number;
  dnsEndpoints: number;
  records: number;
  hostnames: number;
  desired: number;
}

export interface InstanceSummary {
  id: string;
  origin: string;
  config: ConfigSummary;
  counts: Record<RecordState, number>;
  warnings: Warning[];
  plan: InstanceState["plan"];
  totals: InstanceTotals;
}

/** GET /api/summary: the overview and the header. */
export interface SummaryResponse {
  generatedAt: string;
  mode: StateResponse["mode"];
  writes: StateResponse["writes"];
  complete: boolean;
  cloudflareBudget: StateResponse["cloudflareBudget"];
  sources: SourceHealth[];
  instances: InstanceSummary[];
}

/** A page of a list: `items` are `offset`…`offset + items.length - 1` of `total`. */
export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** GET /api/records?q=&state=&type=&sort=&dir=&offset=&limit= */
export interface RecordsPageResponse extends Page<RecordView> {
  instance: string;
  ownerId: string;
  /** Every record of the instance, before filters. */
  all: number;
  /** State chips: records matching the text and type, per state. Types: matching the text and states, per type. */
  counts: { states: Record<RecordState, number>; types: Record<string, number> };
}

export interface GatewaySummary extends Omit<GatewayView, "routes"> {
  routeCount: number;
  /** Routes per state of their worst record ("none" for routes without records). */
  routeStates: Record<string, number>;
}

/** GET /api/gateways: every Gateway without its routes (those come a page at a time). */
export interface GatewaysResponse {
  instance: string;
  prefix: string;
  gatewayLabelFilter: string;
  gateways: GatewaySummary[];
  orphanRouteCount: number;
  ingressCount: number;
  dnsEndpointCount: number;
  /** The service source's objects (undefined when --source=service is off), with its flags. */
  services?: ServiceView[];
  labelFilter: string;
  serviceTypeFilter: string[];
  publishInternalServices: boolean;
}

/** GET /api/gateways/routes?gateway=RESOURCE&q=&offset=&limit= (gateway empty: routes with no known Gateway). */
export interface RoutesPageResponse extends Page<RouteView> {
  gateway: string;
}

/** GET /api/objects/ingresses and /api/objects/dnsendpoints?q=&offset=&limit= */
export type IngressesPageResponse = Page<IngressView> & { prefix: string };
export type DnsEndpointsPageResponse = Page<DnsEndpointView> & { prefix: string };

/** GET /api/hostnames/{name}: what the state says about one name, from the per-name index. */
export interface HostnameResponse {
  name: string;
  view?: HostnameView;
  records: RecordView[];
  path: { kind: string; resource: string; label: string; ok: boolean; note?: string }[][];
  /** Known names that look like this one (for an unknown name). */
  similar: string[];
}

/** GET /api/hostnames?q=&limit=: names for the search box. */
export interface HostnameSearchResponse {
  items: string[];
  total: number;
}

/** GET /api/plan?offset=&limit=: the plan with a window of its changes; `reverts` only for that window. */
export interface PlanPageResponse extends PlanResponse {
  total: number;
  offset: number;
  limit: number;
}

/** Why a hostname or record changed state, and who did it when that is known. */
export interface HistoryCauseJSON {
  /** object-changed / object-created / object-deleted, record-changed / record-created / record-deleted / record-seen, or a reason code. */
  code: string;
  message: string;
  /** "kind/namespace/name", or "record/TYPE/name". */
  resource: string;
  /** The object field that changed, as path segments (["metadata","labels","app"]). */
  field?: string[];
  /** Kubernetes field manager (kubectl-label, helm, argocd-controller, …). */
  manager?: string;
  /** Person or token (Cloudflare audit log, dnsdrift's audit trail), or why it is unknown. */
  actor?: string;
  /** Update / Apply, dashboard / API, dnsdrift apply #N. */
  via?: string;
  changedAt?: string;
  events?: { type: string; reason: string; message: string; at?: string }[];
  records?: { zone: string; id: string }[];
}

export interface HistoryEntryJSON {
  id: number;
  at: string;
  instance: string;
  hostname: string;
  /** Record type for a record's transition; absent for the hostname as a whole. */
  type?: string;
  from: string;
  to: string;
  causes: HistoryCauseJSON[];
}

/** GET /api/history?hostname=&since=&limit=&before=&instance=: newest first. */
export interface HistoryResponse {
  entries: HistoryEntryJSON[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** Names with a whole count: the list stops at a few (the count does not). */
export interface CountedNames {
  count: number;
  names: string[];
}

/**
 * GET /api/upgrade-risk?instance=&toVersion=: would upgrading external-dns to toVersion (by
 * default the newest release dnsdrift models, when newer than today's) delete or repoint records?
 */
export interface UpgradeRiskResponse {
  instance: string;
  generatedAt: string;
  /** Some inputs were partial or stale: deletes are withheld on both sides. */
  partial: boolean;
  fromVersion: string;
  /** null: today's release is the newest dnsdrift models, so there is nothing to compare. */
  toVersion: string | null;
  /** Names whose record the upgrade would delete and not recreate, sorted. */
  deleted: CountedNames;
  /** Names whose record would point elsewhere: new content, or another type. */
  repointed: CountedNames;
  /** external-dns toVersion would refuse to start with today's flags (why, in its words). */
  refused?: string;
}

/** GET /api/what-if: the what-if document (as `dnsdrift what-if --output json`) for one instance. */
export interface WhatIfResponse extends WhatIfDocument {
  instance: string;
  generatedAt: string;
  /** Some inputs were partial or stale, and both plans are computed from them: deletes on either side may be spurious. */
  partial: boolean;
  /** Every external-dns release dnsdrift models, oldest first. */
  versions: string[];
  /** The request as understood: null toVersion means "the current version". */
  query: { toVersion: string | null; args: string[] };
}
