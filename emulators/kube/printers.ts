// Printer columns: the CRDs' additionalPrinterColumns (Gateway API) and the columns
// kube-apiserver's built-in printers compute, so `kubectl get` prints what it prints against a
// real cluster. Cells are computed on the server, as there (ages included).

import type { ResourceDef } from "./resources";
import type { KubeObject } from "./store";

export interface Column {
  name: string;
  type: "string" | "integer" | "date";
  description: string;
  /** 0: always shown; 1: only with -o wide. */
  priority: number;
  cell(o: KubeObject, now: Date): unknown;
}

type Obj = Record<string, unknown>;
const get = (o: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Obj)[k] : undefined), o);
const list = (o: unknown, path: string): Obj[] => (Array.isArray(get(o, path)) ? (get(o, path) as Obj[]) : []);
const str = (v: unknown, none = "<none>") => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : none);

/** apimachinery's duration.HumanDuration, which kubectl's AGE columns show. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(s / 3600);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return h % 24 === 0 ? `${Math.floor(h / 24)}d` : `${Math.floor(h / 24)}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24)}d`;
  const y = Math.floor(h / 24 / 365);
  if (y < 8) return `${y}y${Math.floor(h / 24) % 365}d`;
  return `${y}y`;
}

const since = (ts: unknown, now: Date) => (typeof ts === "string" && ts ? humanDuration(now.getTime() - Date.parse(ts)) : "<unknown>");

const col = (name: string, cell: Column["cell"], extra: Partial<Column> = {}): Column => ({ name, type: "string", description: "", priority: 0, cell, ...extra });
const wide = (name: string, cell: Column["cell"]) => col(name, cell, { priority: 1 });
const NAME = col("Name", (o) => o.metadata.name, { description: "Name must be unique within a namespace." });
const AGE = col("Age", (o, now) => since(o.metadata.creationTimestamp, now), { description: "CreationTimestamp is a timestamp representing the server time when this object was created." });
/** A CRD column of type date: the server turns the timestamp into an age. */
const dateCol = (name: string, path: string) => col(name, (o, now) => (get(o, path) === undefined ? null : since(get(o, path), now)), { type: "date" });
/** A CRD column over a JSONPath: the first match, lists as JSON; no match is a null cell. */
const pathCol = (name: string, pick: (o: KubeObject) => unknown, extra: Partial<Column> = {}) =>
  col(name, (o) => {
    const v = pick(o);
    if (v === undefined || v === null) return null;
    return typeof v === "object" ? JSON.stringify(v) : v;
  }, extra);
const conditionStatus = (path: string, type: string) => (o: KubeObject) => list(o, path).find((c) => c.type === type)?.status;

const loadBalancer = (o: unknown) => list(o, "status.loadBalancer.ingress").map((i) => str(i.ip ?? i.hostname, "")).filter(Boolean);

function serviceExternalIp(o: KubeObject): string {
  const type = str(get(o, "spec.type"), "ClusterIP");
  const external = (get(o, "spec.externalIPs") as string[] | undefined) ?? [];
  if (type === "ExternalName") return str(get(o, "spec.externalName"));
  if (type === "LoadBalancer") {
    const all = [...loadBalancer(o), ...external];
    return all.length ? all.join(",") : "<pending>";
  }
  return external.length ? external.join(",") : "<none>";
}

function servicePorts(o: KubeObject): string {
  const ports = list(o, "spec.ports").map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${str(p.protocol, "TCP")}`);
  return ports.length ? ports.join(",") : "<none>";
}

const selector = (m: unknown) => {
  const entries = Object.entries((m as Record<string, string> | undefined) ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(",") : "<none>";
};

function firstFew(values: string[], none: string): string {
  if (!values.length) return none;
  return values.length > 3 ? `${values.slice(0, 3).join(",")} + ${values.length - 3} more...` : values.join(",");
}

function podReady(o: KubeObject): string {
  const statuses = list(o, "status.containerStatuses");
  return `${statuses.filter((s) => s.ready === true).length}/${list(o, "spec.containers").length}`;
}

function nodeStatus(o: KubeObject): string {
  const ready = list(o, "status.conditions").find((c) => c.type === "Ready");
  const base = ready?.status === "True" ? "Ready" : ready ? "NotReady" : "Unknown";
  return get(o, "spec.unschedulable") === true ? `${base},SchedulingDisabled` : base;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice("node-role.kubernetes.io/".length))
    .sort();
  return roles.length ? roles.join(",") : "<none>";
}

const count = (o: unknown, ...paths: string[]) => paths.reduce((n, p) => n + Object.keys((get(o, p) as object | undefined) ?? {}).length, 0);
const num = (v: unknown) => (typeof v === "number" ? v : 0);

const routeColumns = (withHostnames: boolean) => [NAME, ...(withHostnames ? [pathCol("Hostnames", (o) => get(o, "spec.hostnames"))] : []), dateCol("Age", "metadata.creationTimestamp")];

/** Columns by resource key ("services", "httproutes.gateway.networking.k8s.io"). */
const COLUMNS: Record<string, Column[]> = {
  namespaces: [NAME, col("Status", (o) => str(get(o, "status.phase"), "Active")), AGE],
  services: [
    NAME,
    col("Type", (o) => str(get(o, "spec.type"), "ClusterIP")),
    col("Cluster-IP", (o) => str(get(o, "spec.clusterIP"))),
    col("External-IP", serviceExternalIp),
    col("Port(s)", servicePorts),
    AGE,
    wide("Selector", (o) => selector(get(o, "spec.selector"))),
  ],
  pods: [
    NAME,
    col("Ready", podReady),
    col("Status", (o) => str(get(o, "status.reason") ?? get(o, "status.phase"), "Unknown")),
    col("Restarts", (o) => list(o, "status.containerStatuses").reduce((n, s) => n + num(s.restartCount), 0), { type: "integer" }),
    AGE,
    wide("IP", (o) => str(get(o, "status.podIP"))),
    wide("Node", (o) => str(get(o, "spec.nodeName"))),
  ],
  nodes: [
    NAME,
    col("Status", nodeStatus),
    col("Roles", nodeRoles),
    AGE,
    col("Version", (o) => str(get(o, "status.nodeInfo.kubeletVersion"), "")),
    wide("Internal-IP", (o) => str(list(o, "status.addresses").find((a) => a.type === "InternalIP")?.address)),
    wide("External-IP", (o) => str(list(o, "status.addresses").find((a) => a.type === "ExternalIP")?.address)),
  ],
  configmaps: [NAME, col("Data", (o) => count(o, "data", "binaryData"), { type: "integer" }), AGE],
  secrets: [NAME, col("Type", (o) => str(get(o, "type"), "Opaque")), col("Data", (o) => count(o, "data"), { type: "integer" }), AGE],
  serviceaccounts: [NAME, col("Secrets", (o) => list(o, "secrets").length, { type: "integer" }), AGE],
  events: [
    col("Last Seen", (o, now) => since(get(o, "lastTimestamp") ?? get(o, "eventTime") ?? o.metadata.creationTimestamp, now)),
    col("Type", (o) => str(get(o, "type"), "")),
    col("Reason", (o) => str(get(o, "reason"), "")),
    col("Object", (o) => `${str(get(o, "involvedObject.kind"), "").toLowerCase()}/${str(get(o, "involvedObject.name"), "")}`),
    col("Message", (o) => str(get(o, "message"), "")),
  ],
  "events.events.k8s.io": [
    col("Last Seen", (o, now) => since(get(o, "deprecatedLastTimestamp") ?? get(o, "eventTime") ?? o.metadata.creationTimestamp, now)),
    col("Type", (o) => str(get(o, "type"), "")),
    col("Reason", (o) => str(get(o, "reason"), "")),
    col("Object", (o) => `${str(get(o, "regarding.kind"), "").toLowerCase()}/${str(get(o, "regarding.name"), "")}`),
    col("Message", (o) => str(get(o, "note"), "")),
  ],
  "deployments.apps": [
    NAME,
    col("Ready", (o) => `${num(get(o, "status.readyReplicas"))}/${num(get(o, "spec.replicas") ?? 1)}`),
    col("Up-to-date", (o) => num(get(o, "status.updatedReplicas")), { type: "integer" }),
    col("Available", (o) => num(get(o, "status.availableReplicas")), { type: "integer" }),
    AGE,
    wide("Containers", (o) => list(o, "spec.template.spec.containers").map((c) => c.name).join(",")),
    wide("Images", (o) => list(o, "spec.template.spec.containers").map((c) => c.image).join(",")),
  ],
  "ingresses.networking.k8s.io": [
    NAME,
    col("Class", (o) => str(get(o, "spec.ingressClassName"))),
    col("Hosts", (o) => {
      const hosts = list(o, "spec.rules").map((r) => str(r.host, "*"));
      return hosts.length ? (hosts.length > 4 ? `${hosts.slice(0, 4).join(",")} + ${hosts.length - 4} more...` : hosts.join(",")) : "*";
    }),
    col("Address", (o) => loadBalancer(o).join(",")),
    col("Ports", (o) => (list(o, "spec.tls").length ? "80, 443" : "80")),
    AGE,
  ],
  "ingressclasses.networking.k8s.io": [NAME, col("Controller", (o) => str(get(o, "spec.controller"))), AGE],
  "endpointslices.discovery.k8s.io": [
    NAME,
    col("AddressType", (o) => str(get(o, "addressType"), "")),
    col("Ports", (o) => firstFew(list(o, "ports").map((p) => str(p.port, "")), "<unset>")),
    col("Endpoints", (o) => firstFew(list(o, "endpoints").flatMap((e) => (e.addresses as string[] | undefined) ?? []), "<unset>")),
    AGE,
  ],
  "leases.coordination.k8s.io": [NAME, col("Holder", (o) => str(get(o, "spec.holderIdentity"), "")), AGE],
  "gatewayclasses.gateway.networking.k8s.io": [
    NAME,
    pathCol("Controller", (o) => get(o, "spec.controllerName")),
    pathCol("Accepted", conditionStatus("status.conditions", "Accepted")),
    dateCol("Age", "metadata.creationTimestamp"),
    pathCol("Description", (o) => get(o, "spec.description"), { priority: 1 }),
  ],
  "gateways.gateway.networking.k8s.io": [
    NAME,
    pathCol("Class", (o) => get(o, "spec.gatewayClassName")),
    pathCol("Address", (o) => list(o, "status.addresses")[0]?.value),
    pathCol("Programmed", conditionStatus("status.conditions", "Programmed")),
    dateCol("Age", "metadata.creationTimestamp"),
  ],
  "httproutes.gateway.networking.k8s.io": routeColumns(true),
  "grpcroutes.gateway.networking.k8s.io": routeColumns(true),
  "listenersets.gateway.networking.k8s.io": [
    NAME,
    pathCol("Accepted", conditionStatus("status.conditions", "Accepted")),
    pathCol("Programmed", conditionStatus("status.conditions", "Programmed")),
    dateCol("Age", "metadata.creationTimestamp"),
  ],
};

/** The kind's columns; a CRD without printer columns (DNSEndpoint, TCPRoute) gets Name and Age. */
export function columnsFor(def: ResourceDef): Column[] {
  const key = def.group === "" ? def.plural : `${def.plural}.${def.group}`;
  return COLUMNS[key] ?? (def.builtin ? [NAME, AGE] : [NAME, dateCol("Age", "metadata.creationTimestamp")]);
}
