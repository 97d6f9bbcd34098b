// Shared value types of the engine. Plain data only: every module of lib/externaldns and the
// adapters around it speak these shapes, so they stay free of behaviour.

/** An external-dns release, e.g. v0.21.0. Behaviour switches compare on minor (all 0.x). */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** As written by the user, e.g. "v0.21.0". */
  raw: string;
}

export interface ProviderSpecificProperty {
  name: string;
  value: string;
}

/** external-dns's endpoint.Endpoint, field for field. */
export interface Endpoint {
  dnsName: string;
  recordType: string;
  targets: string[];
  /** Seconds; 0 means "not configured" (provider default). */
  recordTTL: number;
  setIdentifier: string;
  /** external-dns labels: "resource", "owner", plus user labels from DNSEndpoints. */
  labels: Record<string, string>;
  providerSpecific: ProviderSpecificProperty[];
}

export type Policy = "sync" | "upsert-only" | "create-only";

/** Why an object did or did not produce a record; the unit of the explain chain. */
export interface Reason {
  /** Stable code from the CLI contract (see README), or an informational code. */
  code: string;
  /** "kind/namespace/name" of the object the reason is about (or "config"). */
  resource: string;
  message: string;
  severity: "info" | "warning" | "error";
  /** Hostnames this reason concerns (lower-case, no trailing dot); empty = not host-specific. */
  hostnames: string[];
}

/** What a source hands to the pipeline. */
/** What a run records besides the records themselves. */
export interface RunOptions {
  /**
   * false leaves out the info reasons that only narrate an ordinary outcome (endpoint-produced,
   * in-sync, pending-*): `dnsdrift plan` prints none of them, and for a 20,000-record estate
   * building and keeping them cost about a tenth of the process. Default true.
   */
  narrate?: boolean;
}

export interface SourceResult {
  endpoints: Endpoint[];
  reasons: Reason[];
  /**
   * Set when external-dns's Endpoints() returns an error (e.g. --fqdn-template fails on an
   * object): the controller then plans nothing at all that loop.
   */
  error?: string;
}

/** A problem with the configuration itself (unsupported flag, bad value, startup error). */
export interface ConfigIssue {
  severity: "warning" | "error";
  flag: string;
  message: string;
  /**
   * Set when the issue means the desired state may be incomplete or wrong, because a source
   * ("source") or a setting ("config") changes the records in ways dnsdrift does not compute.
   * Deletes are then withheld (see lib/drift/withhold).
   */
  unmodelled?: "source" | "config";
  /**
   * "deletes" when what is unknown can only add records (a source, templates that add names):
   * then only deletes are withheld. Otherwise any change may be wrong, and every change is.
   */
  scope?: "deletes";
}

/** The external-dns configuration in effect, after defaults and version rules. */
export interface Config {
  version: Version;
  /** Ends with "/". */
  annotationPrefix: string;
  /** True when --annotation-prefix (or the chart's annotationPrefix) set it explicitly. */
  annotationPrefixExplicit: boolean;
  provider: string;
  sources: string[];
  policy: Policy;
  registry: string;
  interval: string;

  txtOwnerId: string;
  txtPrefix: string;
  txtSuffix: string;
  txtWildcardReplacement: string;
  txtEncryptEnabled: boolean;
  txtEncryptAesKey: string;
  migrateFromTxtOwner: string;

  domainFilters: string[];
  excludeDomains: string[];
  regexDomainFilter: string;
  regexDomainExclusion: string;
  zoneIdFilters: string[];

  managedRecordTypes: string[];
  excludeRecordTypes: string[];

  namespace: string;
  labelFilter: string;
  annotationFilter: string;

  ingressClassNames: string[];
  ignoreIngressTLSSpec: boolean;
  ignoreIngressRulesSpec: boolean;
  ignoreHostnameAnnotation: boolean;
  fqdnTemplate: string;
  /** --target-template and --fqdn-target-template (v0.21+), their values joined with "," as for --fqdn-template. */
  targetTemplate: string;
  fqdnTargetTemplate: string;
  combineFqdnAndAnnotation: boolean;

  gatewayName: string;
  gatewayNamespace: string;
  gatewayLabelFilter: string;
  gatewayListenerSets: boolean;

  crdSourceApiVersion: string;
  crdSourceKind: string;

  // --source=service
  publishInternalServices: boolean;
  publishHostIP: boolean;
  alwaysPublishNotReadyAddresses: boolean;
  /** --service-type-filter; empty (or containing "") = every type. */
  serviceTypeFilter: string[];
  resolveServiceLoadBalancerHostname: boolean;
  exposeInternalIPv6: boolean;
  /** Default true; the service source reads it from v0.21.0. */
  excludeUnschedulable: boolean;
  /** --compatibility: "", mate, molecule or kops-dns-controller (legacy Service annotations). */
  compatibility: string;

  defaultTargets: string[];
  forceDefaultTargets: boolean;
  minTTL: number;
  /** --target-net-filter / --exclude-target-net: CIDRs (as written; invalid ones are skipped). */
  targetNetFilters: string[];
  excludeTargetNets: string[];

  cloudflareProxied: boolean;
  cloudflareRecordComment: string;
  cloudflareDnsRecordsPerPage: number;
  cloudflareRegionalServices: boolean;
  cloudflareRegionKey: string;
  cloudflareCustomHostnames: boolean;
  batchChangeSize: number;

  dryRun: boolean;
  once: boolean;

  /** Unsupported flags, invalid values, startup errors external-dns would refuse to run with. */
  issues: ConfigIssue[];
}

// ---- Kubernetes objects, as loose as the API allows: the engine validates what it reads. ----

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generation?: number;
  uid?: string;
  resourceVersion?: string;
  /** Field managers (kube-apiserver's record of who set which field), for attribution only. */
  managedFields?: unknown[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type RouteKind = "HTTPRoute" | "GRPCRoute" | "TLSRoute" | "TCPRoute" | "UDPRoute";
export type GatewayApiKind = RouteKind | "Gateway" | "ListenerSet";

/** Everything the sources read from a cluster. */
export interface ClusterObjects {
  gateways: KubeObject[];
  /** Routes of every kind; `kind` tells them apart. */
  routes: KubeObject[];
  listenerSets: KubeObject[];
  ingresses: KubeObject[];
  dnsEndpoints: KubeObject[];
  namespaces: KubeObject[];
  /** Read only for --source=service (absent = none). */
  services?: KubeObject[];
  /** discovery.k8s.io/v1 EndpointSlices, for headless Services. */
  endpointSlices?: KubeObject[];
  /** Pods behind headless and externalTrafficPolicy=Local Services. */
  pods?: KubeObject[];
  /** Nodes, for NodePort Services and the NodeExternalIP endpoints type. */
  nodes?: KubeObject[];
  /**
   * The versions the cluster serves of each Gateway API kind's CRD (routes, Gateway, ListenerSet),
   * from API discovery (live mode). Absent (files) = not known: taken as readable by any release.
   */
  servedVersions?: Partial<Record<GatewayApiKind, string[]>>;
}

/** The keys of ClusterObjects that hold objects. */
export type ObjectBucket = Exclude<keyof ClusterObjects, "servedVersions">;

/** A Cloudflare DNS record as the list API returns it (subset the engine reads). */
export interface CloudflareRecord {
  id: string;
  type: string;
  name: string;
  content: string;
  proxied?: boolean;
  ttl: number;
  comment?: string | null;
  tags?: string[];
  priority?: number;
  data?: Record<string, unknown>;
}

export interface CloudflareZone {
  id: string;
  name: string;
  records: CloudflareRecord[];
}

/** plan.Changes: what the planner (and then the registry) wants the provider to do. */
export interface Changes {
  create: Endpoint[];
  updateOld: Endpoint[];
  updateNew: Endpoint[];
  delete: Endpoint[];
}

/** One Cloudflare record-level change of the plan JSON (docs/cli.md). */
export interface RecordChange {
  action: "create" | "update" | "delete";
  zone: string;
  name: string;
  type: string;
  content: string;
  proxied?: boolean;
  ttl?: number;
  comment?: string;
  tags?: string[];
  /** Cloudflare record id, for updates and deletes. */
  recordId?: string;
  zoneId?: string;
  /** For updates: the record as it is now. */
  previous?: { content: string; proxied?: boolean; ttl?: number; comment?: string; tags?: string[] };
  /** "kind/namespace/name" of the object behind the change, when known. */
  resource?: string;
  /** For ownership TXT changes: the hostname of the record the TXT claims. */
  ownershipOf?: string;
}
