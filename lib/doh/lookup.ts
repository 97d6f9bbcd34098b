// Orchestration of the live-DNS check: ask every resolver the questions a verdict needs (A,
// AAAA, CNAME, ownership TXTs, and the CNAME target when the answer looks flattened), then judge.

import type { DesiredJSON } from "../drift/plan-json";
import { currentEdgeRanges } from "./cloudflare-edge";
import { expectationOf } from "./expectation";
import { resolverLabel } from "./resolvers";
import { createLimiter } from "./semaphore";
import type { DohClient, EdgeRanges, HostLookup } from "./types";
import { lookupVerdict, type ResolverAnswers } from "./verdict";
import { normalizeHostname } from "../externaldns/hostname";

export interface LookupOptions {
  /** Ownership TXT record names to check (new and/or legacy registry names). */
  ownershipTxtNames?: string[];
  /** Cloudflare holds the desired records as desired (enables propagation hints). */
  cloudflareHas?: boolean;
  /** Cloudflare holds the ownership TXT record(s); defaults to cloudflareHas. */
  cloudflareHasOwnership?: boolean;
  bypassCache?: boolean;
  /** Default: the current Cloudflare edge list. */
  edge?: EdgeRanges;
  /** Ask only these resolvers (default: all of the client's). */
  resolverIds?: string[];
}

async function askResolver(
  client: DohClient,
  resolverId: string,
  hostname: string,
  cnameTarget: string | undefined,
  opts: LookupOptions,
): Promise<ResolverAnswers> {
  const q = { bypassCache: opts.bypassCache };
  const [a, aaaa, cname, ownership] = await Promise.all([
    client.query(resolverId, hostname, "A", q),
    client.query(resolverId, hostname, "AAAA", q),
    client.query(resolverId, hostname, "CNAME", q),
    Promise.all((opts.ownershipTxtNames ?? []).map((n) => client.query(resolverId, n, "TXT", q))),
  ]);
  const out: ResolverAnswers = { a, aaaa, cname };
  if (opts.ownershipTxtNames?.length) out.ownership = ownership;
  // Only a flattened answer (addresses, no CNAME) needs the target's addresses to be judged.
  const flattened = a.answers.length > 0 && !a.answers.some((r) => r.type === "CNAME" && r.name === hostname);
  if (cnameTarget && flattened) out.target = await client.query(resolverId, cnameTarget, "A", q);
  return out;
}

export async function lookupHostname(
  client: DohClient,
  hostname: string,
  desired: readonly DesiredJSON[],
  opts: LookupOptions = {},
): Promise<HostLookup> {
  const host = normalizeHostname(hostname);
  const exp = expectationOf(desired);
  const cnameTarget = exp.kind === "direct" ? exp.cname : undefined;
  const ids = opts.resolverIds ?? client.resolvers.map((r) => r.id);
  const answers = await Promise.all(ids.map((id) => askResolver(client, id, host, cnameTarget, opts)));
  return lookupVerdict(desired, Object.fromEntries(ids.map((id, i) => [id, answers[i]])), opts.edge ?? currentEdgeRanges(), {
    hostname: host,
    checkedAt: new Date(client.now()).toISOString(),
    labels: Object.fromEntries(client.resolvers.map((r) => [r.id, resolverLabel(r)])),
    cloudflareHas: opts.cloudflareHas,
    cloudflareHasOwnership: opts.cloudflareHasOwnership,
  });
}

export interface LookupItem {
  hostname: string;
  desired: readonly DesiredJSON[];
  ownershipTxtNames?: string[];
  cloudflareHas?: boolean;
  cloudflareHasOwnership?: boolean;
}

/**
 * Many hostnames, `concurrency` (default 4) at a time; results in input order. The client
 * bounds the questions in flight anyway; this bound keeps one big zone from queueing all of them.
 */
export async function lookupMany(
  client: DohClient,
  items: readonly LookupItem[],
  opts: Omit<LookupOptions, "ownershipTxtNames" | "cloudflareHas" | "cloudflareHasOwnership"> & { concurrency?: number } = {},
): Promise<HostLookup[]> {
  const { concurrency, ...shared } = opts;
  const limit = createLimiter(concurrency ?? 4);
  return Promise.all(
    items.map((it) =>
      limit(() =>
        lookupHostname(client, it.hostname, it.desired, {
          ...shared,
          ownershipTxtNames: it.ownershipTxtNames,
          cloudflareHas: it.cloudflareHas,
          cloudflareHasOwnership: it.cloudflareHasOwnership,
        }),
      ),
    ),
  );
}
