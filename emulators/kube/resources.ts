// The table of kinds the emulator knows (group, versions, plural, scope) and the serving
// configuration that decides which of them a client can see: a CRD can be "not installed",
// Gateway API can be served at v1 and/or v1beta1.

export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

export const ALL_VERBS: Verb[] = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
const REVIEW_VERBS: Verb[] = ["create"];

export interface ResourceDef {
  group: string; // "" for the core group
  /** Every version the kind exists at, preferred first; the serving config may hide some. */
  versions: string[];
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  /** Compiled-in types: list items come back without kind/apiVersion, as from a real server. */
  builtin: boolean;
  verbs: Verb[];
  /** Create-only review objects (SubjectAccessReview, TokenReview): answered, never stored. */
  virtual?: boolean;
  shortNames?: string[];
  /** Discovery categories (`kubectl get gateway-api`), as the real CRDs declare them. */
  categories?: string[];
  /** Has a status subresource: writes to the object keep status, writes to /status keep the rest. */
  status?: boolean;
  /** Field paths usable in fieldSelector besides metadata.name and metadata.namespace. */
  fieldSelectors?: string[];
}

type DefInput = Omit<ResourceDef, "singular" | "verbs" | "builtin"> & Partial<Pick<ResourceDef, "verbs" | "builtin">>;

const GATEWAY = "gateway.networking.k8s.io";

const core = (kind: string, plural: string, namespaced: boolean, extra: Partial<DefInput> = {}): DefInput => ({
  group: "",
  versions: ["v1"],
  kind,
  plural,
  namespaced,
  builtin: true,
  ...extra,
});

const gw = (kind: string, plural: string, versions: string[], namespaced = true, shortNames?: string[]): DefInput => ({
  group: GATEWAY,
  versions,
  kind,
  plural,
  namespaced,
  builtin: false,
  categories: ["gateway-api"],
  status: true,
  ...(shortNames ? { shortNames } : {}),
});

const EVENT_FIELDS = ["involvedObject.kind", "involvedObject.name", "involvedObject.namespace", "involvedObject.uid", "reason", "type", "reportingComponent"];

export const BUILTIN_RESOURCES: DefInput[] = [
  core("Namespace", "namespaces", false, { shortNames: ["ns"], fieldSelectors: ["status.phase"], status: true }),
  core("Service", "services", true, { shortNames: ["svc"], categories: ["all"], status: true }),
  core("Pod", "pods", true, { shortNames: ["po"], categories: ["all"], fieldSelectors: ["spec.nodeName", "status.phase"], status: true }),
  core("Node", "nodes", false, { shortNames: ["no"], status: true }),
  core("ConfigMap", "configmaps", true, { shortNames: ["cm"] }),
  core("Secret", "secrets", true, { fieldSelectors: ["type"] }),
  core("ServiceAccount", "serviceaccounts", true, { shortNames: ["sa"] }),
  core("Event", "events", true, { shortNames: ["ev"], fieldSelectors: EVENT_FIELDS }),
  { group: "apps", versions: ["v1"], kind: "Deployment", plural: "deployments", namespaced: true, builtin: true, shortNames: ["deploy"], categories: ["all"], status: true },
  { group: "apps", versions: ["v1"], kind: "DaemonSet", plural: "daemonsets", namespaced: true, builtin: true, shortNames: ["ds"], categories: ["all"], status: true },
  { group: "apps", versions: ["v1"], kind: "StatefulSet", plural: "statefulsets", namespaced: true, builtin: true, shortNames: ["sts"], categories: ["all"], status: true },
  { group: "apps", versions: ["v1"], kind: "ReplicaSet", plural: "replicasets", namespaced: true, builtin: true, shortNames: ["rs"], categories: ["all"], status: true },
  { group: "networking.k8s.io", versions: ["v1"], kind: "Ingress", plural: "ingresses", namespaced: true, builtin: true, shortNames: ["ing"], status: true },
  { group: "discovery.k8s.io", versions: ["v1"], kind: "EndpointSlice", plural: "endpointslices", namespaced: true, builtin: true },
  { group: "networking.k8s.io", versions: ["v1"], kind: "IngressClass", plural: "ingressclasses", namespaced: false, builtin: true },
  {
    group: "events.k8s.io",
    versions: ["v1"],
    kind: "Event",
    plural: "events",
    namespaced: true,
    builtin: true,
    shortNames: ["ev"],
    fieldSelectors: ["regarding.kind", "regarding.name", "regarding.namespace", "regarding.uid", "reason", "type", "reportingController"],
  },
  { group: "coordination.k8s.io", versions: ["v1"], kind: "Lease", plural: "leases", namespaced: true, builtin: true },
  { group: "authorization.k8s.io", versions: ["v1"], kind: "SubjectAccessReview", plural: "subjectaccessreviews", namespaced: false, virtual: true, verbs: REVIEW_VERBS },
  { group: "authorization.k8s.io", versions: ["v1"], kind: "SelfSubjectAccessReview", plural: "selfsubjectaccessreviews", namespaced: false, virtual: true, verbs: REVIEW_VERBS },
  { group: "authorization.k8s.io", versions: ["v1"], kind: "LocalSubjectAccessReview", plural: "localsubjectaccessreviews", namespaced: true, virtual: true, verbs: REVIEW_VERBS },
  { group: "authentication.k8s.io", versions: ["v1"], kind: "TokenReview", plural: "tokenreviews", namespaced: false, virtual: true, verbs: REVIEW_VERBS },
  gw("GatewayClass", "gatewayclasses", ["v1", "v1beta1"], false, ["gc"]),
  gw("Gateway", "gateways", ["v1", "v1beta1"], true, ["gtw"]),
  gw("HTTPRoute", "httproutes", ["v1", "v1beta1"]),
  gw("GRPCRoute", "grpcroutes", ["v1", "v1alpha2"]),
  gw("TLSRoute", "tlsroutes", ["v1", "v1alpha2"]),
  gw("TCPRoute", "tcproutes", ["v1alpha2"]),
  gw("UDPRoute", "udproutes", ["v1alpha2"]),
  gw("ListenerSet", "listenersets", ["v1"], true, ["lset"]),
  { group: "externaldns.k8s.io", versions: ["v1alpha1"], kind: "DNSEndpoint", plural: "dnsendpoints", namespaced: true, builtin: false, status: true },
];

export type GatewayApiVersion = "v1" | "v1beta1";

export interface ServingConfig {
  /**
   * Keyed by plural ("dnsendpoints"), "plural.group", Kind ("DNSEndpoint") or a whole group
   * ("gateway.networking.k8s.io"): `false` = not installed, `true` = installed, an array = only
   * those versions served.
   */
  crds?: Record<string, boolean | string[]>;
  /** Which of v1/v1beta1 the Gateway API group serves; alpha versions are unaffected. */
  gatewayApiVersions?: GatewayApiVersion[];
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function groupVersion(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

/** The store key of a kind: "httproutes.gateway.networking.k8s.io", or "namespaces". */
export function resourceKey(def: Pick<ResourceDef, "plural" | "group">): string {
  return def.group === "" ? def.plural : `${def.plural}.${def.group}`;
}

/** English plural the way CRD authors usually pick it; only used for kinds not in the table. */
export function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

function complete(input: DefInput): ResourceDef {
  return {
    ...input,
    singular: input.kind.toLowerCase(),
    verbs: input.verbs ?? ALL_VERBS,
    builtin: input.builtin ?? false,
  };
}

export class ResourceRegistry {
  private readonly defs: ResourceDef[] = [];

  constructor(
    private readonly serving: ServingConfig = {},
    inputs: DefInput[] = BUILTIN_RESOURCES,
  ) {
    for (const input of inputs) this.defs.push(complete(input));
  }

  all(): readonly ResourceDef[] {
    return this.defs;
  }

  /** Versions a client can reach; empty means "not installed". */
  servedVersions(def: ResourceDef): string[] {
    const crd = this.crdSetting(def);
    if (crd === false) return [];
    let versions = Array.isArray(crd) ? def.versions.filter((v) => crd.includes(v)) : def.versions;
    if (def.group === GATEWAY && this.serving.gatewayApiVersions) {
      const allowed: string[] = this.serving.gatewayApiVersions;
      versions = versions.filter((v) => (v === "v1" || v === "v1beta1" ? allowed.includes(v) : true));
    }
    return versions;
  }

  private crdSetting(def: ResourceDef): boolean | string[] | undefined {
    const crds = this.serving.crds ?? {};
    for (const key of [resourceKey(def), def.plural, def.kind, def.group === "" ? "core" : def.group]) {
      if (key in crds) return crds[key];
    }
    return undefined;
  }

  /** The definition behind a served REST path segment, or undefined (→ 404). */
  byPath(group: string, version: string, plural: string): ResourceDef | undefined {
    const def = this.defs.find((d) => d.group === group && d.plural === plural);
    return def && this.servedVersions(def).includes(version) ? def : undefined;
  }

  byGroupKind(group: string, kind: string): ResourceDef | undefined {
    return this.defs.find((d) => d.group === group && d.kind === kind);
  }

  /**
   * The definition for an object being stored, registering unknown kinds on the fly as
   * CRD-like resources so tests can seed anything.
   */
  forObject(apiVersion: string, kind: string, namespaced: boolean): ResourceDef {
    const { group, version } = splitApiVersion(apiVersion);
    const known = this.byGroupKind(group, kind);
    if (known) return known;
    const def = complete({ group, versions: [version], kind, plural: guessPlural(kind), namespaced, builtin: false });
    this.defs.push(def);
    return def;
  }

  /** Groups with at least one served version, core first, in table order. */
  servedGroups(): { group: string; versions: string[] }[] {
    const out: { group: string; versions: string[] }[] = [];
    for (const def of this.defs) {
      const versions = this.servedVersions(def);
      if (versions.length === 0) continue;
      let entry = out.find((g) => g.group === def.group);
      if (!entry) {
        entry = { group: def.group, versions: [] };
        out.push(entry);
      }
      for (const v of versions) if (!entry.versions.includes(v)) entry.versions.push(v);
    }
    for (const entry of out) entry.versions.sort(compareVersions);
    return out;
  }

  servedAt(group: string, version: string): ResourceDef[] {
    return this.defs.filter((d) => d.group === group && this.servedVersions(d).includes(version));
  }
}

/** Kubernetes version priority: GA > beta > alpha, then higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stability = m[2] === undefined ? 0 : m[2] === "beta" ? 1 : 2;
    return [stability, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  return a.localeCompare(b);
}

/**
 * Whether a rule's resource pattern names this kind: "*", a plural ("httproutes"), a
 * qualified plural ("httproutes.gateway.networking.k8s.io") or a Kind ("HTTPRoute").
 */
export function resourceMatches(pattern: string, def: Pick<ResourceDef, "plural" | "group" | "kind">): boolean {
  return pattern === "*" || pattern === def.plural || pattern === resourceKey(def) || pattern === def.kind;
}
