// The pure half of the live-DNS check: desired records + every resolver's answers → one verdict
// per resolver and one for the hostname. No I/O and no clock (checkedAt comes in).

import type { DesiredJSON } from "../drift/plan-json";
import { failureOf, hostView } from "./answer-view";
import { expectationOf } from "./expectation";
import { hintFor } from "./hints";
import { ownershipNegativeTtl, ownershipVisibleOverall, ownershipVisibleTo } from "./ownership";
import { judgeResolver } from "./resolver-verdict";
import type { DohAnswer, EdgeRanges, HostLookup, LookupVerdict, ResolverLookup } from "./types";
import { normalizeHostname } from "../externaldns/hostname";

/** One resolver's answers for a hostname. */
export interface ResolverAnswers {
  a: DohAnswer;
  aaaa: DohAnswer;
  cname: DohAnswer;
  /** A answer for the desired CNAME target, to check a flattened CNAME; optional. */
  target?: DohAnswer;
  /** TXT answers for the ownership record names; optional. */
  ownership?: DohAnswer[];
}

export interface VerdictContext {
  hostname: string;
  /** ISO time of the check. */
  checkedAt: string;
  labels?: Record<string, string>;
  /** Cloudflare holds the desired records as desired; enables the "propagating" / "not in Cloudflare" hints. */
  cloudflareHas?: boolean;
  /** Cloudflare holds the ownership TXT record(s); defaults to cloudflareHas. */
  cloudflareHasOwnership?: boolean;
}

function resolverLookup(
  id: string,
  ans: ResolverAnswers,
  desired: readonly DesiredJSON[],
  edge: EdgeRanges,
  ctx: VerdictContext,
): ResolverLookup {
  const view = hostView(ctx.hostname, ans.a, ans.aaaa, ans.cname);
  const base = {
    id,
    label: ctx.labels?.[id] ?? id,
    answers: view.records,
    rcode: ans.a.rcode,
    elapsedMs: ans.a.elapsedMs + ans.aaaa.elapsedMs + ans.cname.elapsedMs,
    cached: ans.a.cached && ans.aaaa.cached && ans.cname.cached,
  };
  const out: ResolverLookup = { ...base, verdict: "resolver-failure" };
  const visible = ownershipVisibleTo(ans.ownership);
  if (visible !== undefined) out.ownershipVisible = visible;

  const failures = [ans.a, ans.aaaa, ans.cname].map(failureOf).filter((f): f is string => f !== undefined);
  if (failures.length > 0) {
    out.detail = groupFailures(failures);
    const err = [ans.a, ans.aaaa, ans.cname].find((x) => x.error)?.error;
    if (err) out.error = err;
    return out;
  }
  const j = judgeResolver(expectationOf(desired), view, edge, ans.target);
  out.verdict = j.verdict;
  if (j.seen) out.seen = j.seen;
  if (j.detail) out.detail = j.detail;
  const ttl = view.records.length > 0 ? view.ttl : view.negativeTtl;
  if (ttl !== undefined) out.ttl = ttl;
  return out;
}

/** "A: timeout (x); AAAA: timeout (x)" → "A, AAAA: timeout (x)". */
function groupFailures(failures: string[]): string {
  const byProblem = new Map<string, string[]>();
  for (const f of failures) {
    const i = f.indexOf(": ");
    const problem = f.slice(i + 2);
    byProblem.set(problem, [...(byProblem.get(problem) ?? []), f.slice(0, i)]);
  }
  return [...byProblem].map(([problem, types]) => `${types.join(", ")}: ${problem}`).join("; ");
}

function overallVerdict(ok: readonly ResolverLookup[]): LookupVerdict {
  if (ok.length === 0) return "resolver-failure";
  const distinct = new Set(ok.map((r) => r.verdict));
  return distinct.size === 1 ? ok[0].verdict : "resolvers-disagree";
}

/**
 * Judges one hostname. `desired` are the desired records at that hostname (any type); a failing
 * resolver is reported on its own line and left out of the overall verdict unless all fail.
 */
export function lookupVerdict(
  desired: readonly DesiredJSON[],
  answersByResolver: Record<string, ResolverAnswers>,
  edge: EdgeRanges,
  context: Partial<VerdictContext> = {},
): HostLookup {
  // Without a context the hostname is the one the resolvers were asked; checkedAt stays empty
  // because a pure function has no clock (lookupHostname passes both).
  const asked = Object.values(answersByResolver)[0]?.a.name ?? desired[0]?.name ?? "";
  const ctx: VerdictContext = { ...context, hostname: context.hostname ?? asked, checkedAt: context.checkedAt ?? "" };
  const hostname = normalizeHostname(ctx.hostname);
  const c = { ...ctx, hostname };
  const resolvers = Object.entries(answersByResolver).map(([id, ans]) => resolverLookup(id, ans, desired, edge, c));
  const ok = resolvers.filter((r) => r.verdict !== "resolver-failure");
  const verdict = overallVerdict(ok);
  const ownershipVisible = ownershipVisibleOverall(resolvers.map((r) => r.ownershipVisible));
  const out: HostLookup = { hostname, verdict, resolvers, checkedAt: ctx.checkedAt };
  if (ownershipVisible !== undefined) out.ownershipVisible = ownershipVisible;

  const negOwnership = Object.values(answersByResolver)
    .map((a) => ownershipNegativeTtl(a.ownership))
    .filter((t): t is number => t !== undefined);
  const hint = hintFor({
    resolvers: ok.map((r) => ({ verdict: r.verdict, ttl: r.ttl })),
    failed: resolvers.length - ok.length,
    total: resolvers.length,
    cloudflareHas: ctx.cloudflareHas,
    cloudflareHasOwnership: ctx.cloudflareHasOwnership,
    ownershipVisible,
    ownershipNegativeTtl: negOwnership.length > 0 ? Math.max(...negOwnership) : undefined,
  });
  if (hint) {
    out.hint = hint.text;
    out.hintCode = hint.code;
    if (hint.expectedWaitSeconds !== undefined) out.expectedWaitSeconds = hint.expectedWaitSeconds;
  }
  return out;
}
