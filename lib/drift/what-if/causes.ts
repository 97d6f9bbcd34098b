// The causes of one difference, in words a person can act on: which annotation is no longer read
// (and on which object), which flag changed, or which behaviour of the new release applies.

import { isLabelError, parseLabels } from "../../externaldns/registry/txt-labels";
import type { ClusterObjects, KubeObject, Reason, RecordChange } from "../../externaldns/types";
import type { ConfigDimension } from "./dimensions";
import type { WhatIfCause } from "./types";

/** What each release changed in how records are computed, for causes no reason spells out. */
const RELEASE_NOTES: Record<number, string> = {
  21: "v0.21 merges endpoints per source, validates endpoints (invalid targets are dropped), adds TXT type markers for PTR/SRV/NAPTR, fixes the DNSEndpoint CRD and its target rules, reads the Gateway API hostname-source annotation and batches Cloudflare changes",
  22: "v0.22 reads the external-dns.kubernetes.io/ annotation prefix by default, adds TXT type markers for TXT/DNAME, supports DNAME and requires --policy",
};

/** Reasons that only narrate (what was produced, what is pending), not why something differs. */
const NARRATION = new Set(["endpoint-produced", "in-sync", "pending-create", "pending-update", "pending-delete", "annotation-prefix-mismatch", "config-warning", "config-error"]);

/**
 * dnsdrift's own notes on what it withholds (an unknown version, a source it does not model,
 * partial inputs): about dnsdrift, not about how a release behaves.
 */
function isWithholding(code: string): boolean {
  return code.startsWith("unmodelled-") || code === "partial-data";
}

export interface ObjectIndex {
  get(resource: string): KubeObject | undefined;
  /** The Gateways a route names as parents ("gateway/ns/name"). */
  parents(resource: string): string[];
}

export function indexObjects(objects: ClusterObjects): ObjectIndex {
  const byResource = new Map<string, KubeObject>();
  const add = (label: string, o: KubeObject) => byResource.set(`${label}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, o);
  objects.gateways.forEach((o) => add("gateway", o));
  objects.routes.forEach((o) => add(String(o.kind ?? "HTTPRoute").toLowerCase(), o));
  objects.listenerSets.forEach((o) => add("listenerset", o));
  objects.ingresses.forEach((o) => add("ingress", o));
  objects.dnsEndpoints.forEach((o) => add("crd", o));
  return {
    get: (r) => byResource.get(r),
    parents(resource) {
      const o = byResource.get(resource);
      if (!o || !resource.split("/")[0].endsWith("route")) return [];
      const refs: unknown = o.spec?.parentRefs;
      if (!Array.isArray(refs)) return [];
      return refs
        .filter((p) => p && typeof p === "object" && (p.kind ?? "Gateway") === "Gateway" && typeof p.name === "string")
        .map((p) => `gateway/${p.namespace ?? o.metadata.namespace ?? ""}/${p.name}`);
    },
  };
}

const KIND_NAMES: Record<string, string> = { gateway: "Gateway", ingress: "Ingress", crd: "DNSEndpoint", listenerset: "ListenerSet", httproute: "HTTPRoute", grpcroute: "GRPCRoute", tlsroute: "TLSRoute", tcproute: "TCPRoute", udproute: "UDPRoute" };

export function describeResource(resource: string): string {
  const [label, ns, name] = resource.split("/");
  return `${KIND_NAMES[label] ?? label} ${ns ? `${ns}/` : ""}${name ?? ""}`;
}

/** The object behind a change; for an ownership TXT record, the one its labels name. */
export function resourceOfChange(change: RecordChange): string | undefined {
  if (change.resource) return change.resource;
  if (change.type !== "TXT") return undefined;
  const labels = parseLabels(change.content);
  return isLabelError(labels) ? undefined : labels.resource || undefined;
}

/** The objects whose annotations shape the change: the object itself and, for a route, its Gateways. */
function involved(change: RecordChange, index: ObjectIndex): string[] {
  const resource = resourceOfChange(change);
  if (!resource) return [];
  return [resource, ...index.parents(resource)].filter((r) => index.get(r));
}

function prefixCauses(change: RecordChange, dim: ConfigDimension, index: ObjectIndex, toVersion: string): WhatIfCause[] {
  const [oldPrefix, newPrefix] = [dim.from, dim.to];
  const out: WhatIfCause[] = [];
  for (const resource of involved(change, index)) {
    const keys = Object.keys(index.get(resource)?.metadata.annotations ?? {});
    const lost = keys.filter((k) => k.startsWith(oldPrefix) && !k.startsWith(newPrefix)).sort();
    const gained = keys.filter((k) => k.startsWith(newPrefix) && !k.startsWith(oldPrefix)).sort();
    if (!lost.length && !gained.length) continue;
    const parts: string[] = [];
    if (lost.length) parts.push(`${lost.join(", ")} ${lost.length === 1 ? "is" : "are"} no longer read`);
    if (gained.length) parts.push(`${gained.join(", ")} ${gained.length === 1 ? "is" : "are"} read from now on`);
    out.push({
      code: "annotation-prefix-changed",
      resource,
      annotations: [...lost, ...gained],
      message: `${describeResource(resource)}: ${parts.join("; ")} — external-dns ${toVersion} reads only the prefix ${newPrefix}`,
    });
  }
  if (out.length === 0) {
    out.push({
      code: "annotation-prefix-changed",
      resource: resourceOfChange(change) ?? "config",
      message: `the annotation prefix changes from ${oldPrefix} to ${newPrefix}, so annotations under ${oldPrefix} are no longer read`,
    });
  }
  return out;
}

function flagCause(dim: ConfigDimension): WhatIfCause {
  const show = (v: string) => (v === "" ? "(unset)" : v);
  return { code: "flag-changed", flag: dim.flag, resource: "config", message: `${dim.flag} changes from ${show(dim.from)} to ${show(dim.to)}` };
}

function versionCause(change: RecordChange, dim: ConfigDimension, before: Reason[], after: Reason[]): WhatIfCause {
  const host = change.ownershipOf ?? change.name;
  const seen = new Set(before.filter((r) => r.hostnames.includes(host)).map((r) => `${r.code}\u0000${r.message}`));
  const fresh = after.filter((r) => r.hostnames.includes(host) && !NARRATION.has(r.code) && !isWithholding(r.code) && !seen.has(`${r.code}\u0000${r.message}`));
  const resource = resourceOfChange(change) ?? fresh[0]?.resource ?? "config";
  if (fresh.length) {
    return { code: "version-behaviour", resource, message: `external-dns ${dim.to} behaves differently from ${dim.from} here: ${fresh.map((r) => `${r.code} — ${r.message}`).join("; ")}` };
  }
  const minors = Object.keys(RELEASE_NOTES).map(Number).filter((m) => m > minorOf(dim.from) && m <= minorOf(dim.to));
  const notes = minors.map((m) => RELEASE_NOTES[m]);
  return {
    code: "version-behaviour",
    resource,
    message: `external-dns ${dim.to} computes this record differently from ${dim.from}${notes.length ? ` (${notes.join("; ")})` : ""}`,
  };
}

function minorOf(v: string): number {
  return Number(/^v?\d+\.(\d+)/.exec(v)?.[1] ?? 0);
}

export interface CauseContext {
  index: ObjectIndex;
  toVersion: string;
  /** Reasons of today's run and of the run with only the version changed. */
  reasonsBefore: Reason[];
  reasonsVersionOnly: () => Reason[];
}

export function causesOf(change: RecordChange, dims: ConfigDimension[], ctx: CauseContext): WhatIfCause[] {
  return dims.flatMap((d) => {
    if (d.kind === "annotation-prefix") return prefixCauses(change, d, ctx.index, ctx.toVersion);
    if (d.kind === "flag") return [flagCause(d)];
    return [versionCause(change, d, ctx.reasonsBefore, ctx.reasonsVersionOnly())];
  });
}
