// Matching one route's hosts against the listeners of one resolved parent:
// which record names it yields with which targets, and for every host that yields nothing, the
// listener check that stopped it — or the plain fact that no listener hostname fits.

import type { Reason } from "../types";
import { canonicalHost, canonicalListenerHostMatch, displayHost, displayHosts } from "./gateway-hosts";
import { type Listener, type ListenerContext, type ListenerFailure, listenerFailure } from "./gateway-listeners";
import type { ResolvedParent } from "./gateway-parents";

export interface ParentMatch {
  /** Record name → targets contributed by this parent (in match order, not de-duplicated). */
  hostTargets: Map<string, string[]>;
  /** Record name → "Gateway ns/name listener l" for every listener that matched it. */
  via: Map<string, string[]>;
  reasons: Reason[];
}

interface Evaluated {
  lis: Listener;
  /** Canonical listener hostname; undefined when it is not a valid name (then it matches nothing). */
  host: string | undefined;
  failure?: ListenerFailure;
}

/**
 * canonicalHost of each listener's hostname. Listeners of a Gateway are read once per source run
 * and shared by every route that names it, so thousands of routes validate the same few names.
 */
const canonicalListenerHosts = new WeakMap<Listener, string | undefined>();

function listenerHost(lis: Listener): string | undefined {
  if (canonicalListenerHosts.has(lis)) return canonicalListenerHosts.get(lis);
  const host = canonicalHost(lis.hostname ?? "");
  canonicalListenerHosts.set(lis, host);
  return host;
}

/** Appends to the list under `key`; a new list is a copy, as lists here are shared. */
function append(map: Map<string, string[]>, key: string, items: readonly string[]): void {
  const list = map.get(key);
  if (list) list.push(...items);
  else map.set(key, [...items]);
}

function describeListener(e: Evaluated): string {
  return `${e.lis.name} (${e.lis.hostname ?? "any host"})`;
}

/**
 * @param hosts the route's hosts() list, already validated: canonical names and "" (inherit).
 * @param routeResource resource of the route, used for route-facing reasons.
 * @param withVia false: `via` stays empty. Only the endpoint-produced narration reads it, and a
 *   run without narration would build a string and two lists per route for nothing.
 */
export function matchParent(parent: ResolvedParent, hosts: string[], ctx: ListenerContext, routeResource: string, withVia = true): ParentMatch {
  const hostTargets = new Map<string, string[]>();
  const via = new Map<string, string[]>();
  const reasons: Reason[] = [];
  // The caller usually passes the parent's port already (one object per parent, not two).
  const listenerCtx = ctx.port === parent.ref.port ? ctx : { ...ctx, port: parent.ref.port };
  const evals: Evaluated[] = parent.listeners.map((lis) => ({
    lis,
    host: listenerHost(lis),
    failure: listenerFailure(parent.owner, lis, listenerCtx),
  }));
  // Both sides are canonical from here on (hosts by contract, listener hosts just above).
  const listenerHostMatch = canonicalListenerHostMatch;

  for (const e of evals) {
    if (e.host === undefined) {
      reasons.push({
        code: "invalid-hostname",
        resource: parent.resource,
        severity: "warning",
        message: `listener ${e.lis.name} of ${parent.label} has hostname "${e.lis.hostname}", which is not a DNS-1123 name; no route host matches it`,
        hostnames: displayHosts(hosts),
      });
    }
  }

  const unmatched: string[] = [];
  for (const rh of hosts) {
    let matched = false;
    for (const e of evals) {
      if (e.failure || e.host === undefined) continue;
      const name = listenerHostMatch(e.host, rh);
      if (name === undefined) continue;
      matched = true;
      append(hostTargets, name, parent.targets);
      if (withVia) append(via, name, [`${parent.label} listener ${e.lis.name}`]);
    }
    if (!matched) unmatched.push(rh);
  }
  if (unmatched.length === 0 && hostTargets.size > 0 && parent.targets.length > 0) return { hostTargets, via, reasons };

  // Hosts that a listener would have taken but for one of its checks: name that check.
  const blocked = new Map<string, { failure: ListenerFailure; hosts: Set<string> }>();
  const noListener = new Set<string>();
  for (const rh of unmatched) {
    const blockers = evals.filter((e) => e.failure && e.host !== undefined && listenerHostMatch(e.host, rh) !== undefined);
    for (const b of blockers) {
      const key = `${b.failure!.code}\u0000${b.lis.name}`;
      const entry = blocked.get(key) ?? { failure: b.failure!, hosts: new Set<string>() };
      for (const h of [rh, listenerHostMatch(b.host!, rh)!]) {
        const d = displayHost(h);
        if (d) entry.hosts.add(d);
      }
      blocked.set(key, entry);
    }
    if (blockers.length === 0 && rh !== "") noListener.add(rh);
  }
  for (const { failure, hosts: hs } of blocked.values()) {
    reasons.push({ code: failure.code, resource: routeResource, severity: "warning", message: failure.message, hostnames: [...hs] });
  }

  const section = parent.ref.sectionName ? ` section ${parent.ref.sectionName}` : "";
  const listed = () => evals.map(describeListener).join(", ") || "none";
  if (noListener.size > 0) {
    reasons.push({
      code: "hostname-not-in-listener",
      resource: routeResource,
      severity: "warning",
      message: `${[...noListener].join(", ")} match${noListener.size === 1 ? "es" : ""} no listener hostname of ${parent.label}${section} (listeners: ${listed()})`,
      hostnames: displayHosts(noListener),
    });
  }
  if (hostTargets.size === 0 && blocked.size === 0 && noListener.size === 0) {
    reasons.push({
      code: "hostname-not-in-listener",
      resource: routeResource,
      severity: "warning",
      message: `the route has no hostnames and no usable listener of ${parent.label}${section} has one to inherit (listeners: ${listed()}), so no record is produced`,
      hostnames: [],
    });
  }
  if (hostTargets.size > 0 && parent.targets.length === 0) {
    reasons.push({
      code: "no-targets",
      resource: parent.resource,
      severity: "warning",
      message: `${parent.label} has neither a target annotation nor status.addresses, so it gives no targets to ${[...hostTargets.keys()].join(", ")}`,
      hostnames: displayHosts(hostTargets.keys()),
    });
  }
  return { hostTargets, via, reasons };
}
