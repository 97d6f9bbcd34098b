// The cluster side of a fix: which Kubernetes object a resource label names, and the YAML patch
// or kubectl command that changes it. Kept apart from the rules in fixes.ts so those read as a
// table of "reason → what to change".

import { stringify } from "yaml";

export interface ObjectId {
  /** Lower-case kind as in external-dns's resource label ("httproute", "crd", …). */
  label: string;
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
}

const KINDS: Record<string, { kind: string; apiVersion: string; kubectl: string }> = {
  gateway: { kind: "Gateway", apiVersion: "gateway.networking.k8s.io/v1", kubectl: "gateway" },
  httproute: { kind: "HTTPRoute", apiVersion: "gateway.networking.k8s.io/v1", kubectl: "httproute" },
  grpcroute: { kind: "GRPCRoute", apiVersion: "gateway.networking.k8s.io/v1", kubectl: "grpcroute" },
  tlsroute: { kind: "TLSRoute", apiVersion: "gateway.networking.k8s.io/v1alpha2", kubectl: "tlsroute" },
  tcproute: { kind: "TCPRoute", apiVersion: "gateway.networking.k8s.io/v1alpha2", kubectl: "tcproute" },
  udproute: { kind: "UDPRoute", apiVersion: "gateway.networking.k8s.io/v1alpha2", kubectl: "udproute" },
  listenerset: { kind: "ListenerSet", apiVersion: "gateway.networking.x-k8s.io/v1alpha1", kubectl: "listenerset" },
  ingress: { kind: "Ingress", apiVersion: "networking.k8s.io/v1", kubectl: "ingress" },
  crd: { kind: "DNSEndpoint", apiVersion: "externaldns.k8s.io/v1alpha1", kubectl: "dnsendpoint" },
  service: { kind: "Service", apiVersion: "v1", kubectl: "service" },
};

/** "httproute/default/app" → the object it names; undefined for "config", "record/…" and the like. */
export function objectOf(resource: string): ObjectId | undefined {
  const [label, namespace, name, ...rest] = resource.split("/");
  const k = KINDS[label];
  if (!k || !name || rest.length) return undefined;
  return { label, kind: k.kind, apiVersion: k.apiVersion, namespace, name };
}

export function isRoute(o: ObjectId): boolean {
  return o.label.endsWith("route");
}

/** The object's identity plus the fields to merge into it, as YAML a person can `kubectl apply`. */
export function objectPatch(o: ObjectId, metadata: Record<string, unknown>, rest: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), ...metadata },
    ...rest,
  });
}

/** A fragment of the external-dns Helm values. */
export function valuesPatch(values: Record<string, unknown>): string {
  return stringify(values);
}

function target(o: ObjectId): string {
  return `${KINDS[o.label].kubectl} ${o.namespace ? `-n ${o.namespace} ` : ""}${o.name}`;
}

export function kubectlLabel(o: ObjectId, labels: Record<string, string>): string {
  return `kubectl label ${target(o)} ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(" ")}`;
}

export function kubectlRemoveAnnotations(o: ObjectId, keys: string[]): string {
  return `kubectl annotate ${target(o)} ${keys.map((k) => `${k}-`).join(" ")}`;
}

export function kubectlAnnotate(o: ObjectId, annotations: Record<string, string>): string {
  return `kubectl annotate --overwrite ${target(o)} ${Object.entries(annotations).map(([k, v]) => `${k}=${shellQuote(v)}`).join(" ")}`;
}

/** Copies an annotation's value to a new key (on `to`) and removes the old one from `from`. */
export function kubectlMoveAnnotation(from: ObjectId, oldKey: string, to: ObjectId, newKey: string): string {
  const path = `{.metadata.annotations.${oldKey.replace(/\./g, "\\.")}}`;
  const read = `"$(kubectl get ${target(from)} -o jsonpath='${path}')"`;
  return `kubectl annotate --overwrite ${target(to)} ${newKey}=${read} && kubectl annotate ${target(from)} ${oldKey}-`;
}

function shellQuote(v: string): string {
  return /^[\w.:/@%+-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/**
 * The labels an object needs to match a label selector — for selectors made only of `k=v`,
 * `k==v` and `k` (exists) terms. Undefined for anything else (!=, in, notin, !k), where the
 * right label value is a person's choice.
 */
export function labelsForSelector(selector: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  const terms = selector.split(",").map((t) => t.trim()).filter(Boolean);
  if (!terms.length) return undefined;
  for (const term of terms) {
    const m = /^([A-Za-z0-9._/-]+)\s*(?:==?\s*([A-Za-z0-9._-]*))?$/.exec(term);
    if (!m || term.includes("!=")) return undefined;
    labels[m[1]] = m[2] ?? "";
  }
  return labels;
}
