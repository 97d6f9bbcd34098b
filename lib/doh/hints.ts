// The one sentence a person needs next to a DoH verdict: is this a cache that will catch up (and
// when), or is the record really not there? It needs the caller's knowledge of Cloudflare.

import type { Hint, LookupVerdict } from "./types";

export interface HintInput {
  /** Per non-failing resolver: its verdict and the TTL it serves (negative TTL when missing). */
  resolvers: { verdict: LookupVerdict; ttl?: number }[];
  failed: number;
  total: number;
  /** Cloudflare holds the desired records as desired (undefined: unknown). */
  cloudflareHas?: boolean;
  /** Cloudflare holds the ownership TXT record(s) (undefined: unknown). */
  cloudflareHasOwnership?: boolean;
  ownershipVisible?: boolean;
  ownershipNegativeTtl?: number;
}

const STALE: LookupVerdict[] = ["wrong-target", "not-proxied", "unexpectedly-proxied"];

function maxTtl(rs: HintInput["resolvers"], pick: (v: LookupVerdict) => boolean): number | undefined {
  const ttls = rs.filter((r) => pick(r.verdict) && r.ttl !== undefined).map((r) => r.ttl as number);
  return ttls.length > 0 ? Math.max(...ttls) : undefined;
}

function within(wait: number | undefined, what: string): string {
  return wait === undefined ? `expect it once ${what} expires (the resolver did not say how long)` : `expect it within ~${wait} s`;
}

export function hintFor(input: HintInput): Hint | undefined {
  const seenMissing = input.resolvers.some((r) => r.verdict === "missing");
  const seenStale = input.resolvers.some((r) => STALE.includes(r.verdict));

  if (seenMissing && input.cloudflareHas === true) {
    const wait = maxTtl(input.resolvers, (v) => v === "missing");
    return {
      code: "propagating",
      text: `Cloudflare has the record, but public resolvers still answer from a cached negative answer; ${within(wait, "the negative cache")}.`,
      ...(wait !== undefined ? { expectedWaitSeconds: wait } : {}),
    };
  }
  if (seenMissing && input.cloudflareHas === false) {
    return { code: "not-in-cloudflare", text: "Cloudflare does not have the record: external-dns has not created it yet (see the plan)." };
  }
  if (seenStale && input.cloudflareHas === true) {
    const wait = maxTtl(input.resolvers, (v) => STALE.includes(v));
    return {
      code: "stale-answer",
      text: `Cloudflare has the desired record; resolvers may still serve the previous answer from cache, ${within(wait, "its TTL")}.`,
      ...(wait !== undefined ? { expectedWaitSeconds: wait } : {}),
    };
  }
  if (input.ownershipVisible === false && (input.cloudflareHasOwnership ?? input.cloudflareHas) === true) {
    const wait = input.ownershipNegativeTtl;
    return {
      code: "ownership-propagating",
      text: `Cloudflare has the ownership TXT record, but public resolvers do not see it yet; ${within(wait, "the negative cache")}.`,
      ...(wait !== undefined ? { expectedWaitSeconds: wait } : {}),
    };
  }
  if (input.failed > 0 && input.failed < input.total) {
    return { code: "partial-failure", text: `${input.failed} of ${input.total} resolvers failed; the verdict comes from the others.` };
  }
  return undefined;
}
