// One resolver's verdict: compare what it answered (HostView) with what is wanted (Expectation),
// the Cloudflare way: a proxied name is judged only on "edge addresses, origin hidden".

import { failureOf, followChain, type HostView, sameSet } from "./answer-view";
import type { Expectation } from "./expectation";
import { isCloudflareEdge } from "./cloudflare-edge";
import type { DohAnswer, EdgeRanges, LookupVerdict } from "./types";

export interface Judgement {
  verdict: LookupVerdict;
  seen?: string[];
  detail?: string;
}

/** Worst first: when A and AAAA disagree, the resolver's verdict is the worse one. */
const SEVERITY: LookupVerdict[] = ["resolver-failure", "wrong-target", "unexpectedly-proxied", "not-proxied", "missing", "unknown", "matches"];

export function worst(parts: Judgement[]): Judgement {
  return [...parts].sort((x, y) => SEVERITY.indexOf(x.verdict) - SEVERITY.indexOf(y.verdict))[0];
}

/** Partial ("*.cdn.cloudflare.net") zones answer proxied names with this CNAME instead of addresses. */
const PARTIAL_SETUP_SUFFIX = ".cdn.cloudflare.net";

function missing(view: HostView, what: string): Judgement {
  return { verdict: "missing", detail: view.nxdomain ? "NXDOMAIN: the name does not exist" : `NODATA: the name exists without ${what}` };
}

function judgeProxied(view: HostView, edge: EdgeRanges): Judgement {
  if (view.cname && !view.cname.endsWith(PARTIAL_SETUP_SUFFIX)) {
    return { verdict: "not-proxied", seen: [`CNAME ${view.cname}`], detail: "the answer exposes the CNAME; a proxied name answers with Cloudflare addresses" };
  }
  const all = [...view.v4, ...view.v6];
  if (all.length === 0 && !view.cname) return missing(view, "addresses");
  const origin = all.filter((ip) => !isCloudflareEdge(ip, edge));
  if (origin.length > 0) return { verdict: "not-proxied", seen: origin, detail: "origin addresses are visible; a proxied name answers only with Cloudflare edge addresses" };
  return { verdict: "proxied-ok", detail: `Cloudflare edge addresses (origin hidden), TTL ${view.ttl ?? "?"}` };
}

function judgeAddresses(family: "A" | "AAAA", want: string[], got: string[], view: HostView, edge: EdgeRanges): Judgement {
  if (view.cname) return { verdict: "wrong-target", seen: [`CNAME ${view.cname}`], detail: `wanted ${family} ${want.join(", ")}, the name is a CNAME` };
  if (got.length === 0) return missing(view, `${family} records`);
  if (sameSet(got, want)) return { verdict: "matches" };
  if (got.every((ip) => isCloudflareEdge(ip, edge)) && !want.every((ip) => isCloudflareEdge(ip, edge))) {
    return { verdict: "unexpectedly-proxied", seen: got, detail: `Cloudflare edge addresses answer a DNS-only ${family} record (wanted ${want.join(", ")})` };
  }
  return { verdict: "wrong-target", seen: got, detail: `wanted ${family} ${want.join(", ")}` };
}

/**
 * Cloudflare flattens a CNAME at the apex (or with flatten_cname): the answer holds the target's
 * addresses under the hostname. `target` is the A answer for the CNAME target, when known.
 */
function judgeCname(want: string, view: HostView, edge: EdgeRanges, target?: DohAnswer): Judgement {
  if (view.cname) {
    return view.cname === want ? { verdict: "matches" } : { verdict: "wrong-target", seen: [`CNAME ${view.cname}`], detail: `wanted CNAME ${want}` };
  }
  const got = [...view.v4, ...view.v6];
  if (got.length === 0) return missing(view, "a CNAME");
  const allEdge = got.every((ip) => isCloudflareEdge(ip, edge));
  const targetAddrs = target && !target.error && (target.rcode === "NOERROR" || target.rcode === "NXDOMAIN") ? followChain(target.name, target.answers, "A").addresses : undefined;
  if (targetAddrs && targetAddrs.length > 0) {
    const overlap = view.v4.some((ip) => targetAddrs.includes(ip));
    const bothEdge = allEdge && targetAddrs.every((ip) => isCloudflareEdge(ip, edge));
    if (overlap || bothEdge) return { verdict: "matches", detail: `CNAME flattened: the addresses are ${want}'s` };
  }
  if (allEdge) return { verdict: "unexpectedly-proxied", seen: got, detail: `Cloudflare edge addresses answer a DNS-only CNAME to ${want}` };
  if (targetAddrs) {
    const known = targetAddrs.length > 0 ? targetAddrs.join(", ") : "nothing";
    return { verdict: "wrong-target", seen: got, detail: `CNAME flattened to addresses that are not ${want}'s (it resolves to ${known})` };
  }
  // Without the target's addresses nothing says these addresses are the target's.
  const why = !target ? "was not looked up" : `could not be looked up (${failureOf(target) ?? `${target.type}: ${target.rcode}`})`;
  return { verdict: "unknown", seen: got, detail: `CNAME flattened to ${got.join(", ")}; ${want} ${why}, so the addresses cannot be checked` };
}

export function judgeResolver(exp: Expectation, view: HostView, edge: EdgeRanges, target?: DohAnswer): Judgement {
  const resolves = view.cname !== undefined || view.v4.length > 0 || view.v6.length > 0;
  switch (exp.kind) {
    case "none":
      return resolves
        ? { verdict: "not-desired-but-resolves", seen: view.cname ? [`CNAME ${view.cname}`] : [...view.v4, ...view.v6], detail: "no desired record, yet the name answers" }
        : { verdict: "absent" };
    case "unchecked":
      return { verdict: "unchecked", detail: `only ${exp.types.join(", ")} desired; the check covers A, AAAA and CNAME` };
    case "proxied":
      return judgeProxied(view, edge);
    case "direct": {
      const parts: Judgement[] = [];
      if (exp.cname !== undefined) parts.push(judgeCname(exp.cname, view, edge, target));
      if (exp.a.length > 0) parts.push(judgeAddresses("A", exp.a, view.v4, view, edge));
      if (exp.aaaa.length > 0) parts.push(judgeAddresses("AAAA", exp.aaaa, view.v6, view, edge));
      // A desired A/AAAA with no targets cannot come from external-dns; treat it as "should exist".
      if (parts.length === 0) return resolves ? { verdict: "matches" } : missing(view, "addresses");
      return worst(parts);
    }
  }
}
