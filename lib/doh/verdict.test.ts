import { describe, expect, it } from "vitest";
import { EMBEDDED_EDGE_RANGES } from "./cloudflare-edge";
import { aAnswer, seen, txtAnswer, want, type Seen } from "../../tests/support/doh-answers";
import type { DesiredJSON } from "../drift/plan-json";
import type { DohAnswer, LookupVerdict } from "./types";
import { lookupVerdict, type ResolverAnswers } from "./verdict";

const H = "app.example.com";
const EDGE4 = ["104.21.33.10", "172.67.140.2"];
const EDGE6 = ["2606:4700:3030::6815:210a", "2606:4700:3036::ac43:8c02"];
const ctx = { hostname: H, checkedAt: "2026-01-01T00:00:00.000Z" };

function one(desired: DesiredJSON[], s: Seen, extra: Partial<ResolverAnswers> = {}) {
  return lookupVerdict(desired, { r: { ...seen(H, s), ...extra } }, EMBEDDED_EDGE_RANGES, ctx);
}

describe("lookupVerdict: one resolver", () => {
  const cases: { title: string; desired: DesiredJSON[]; seen: Seen; verdict: LookupVerdict; seenOut?: string[]; extra?: Partial<ResolverAnswers> }[] = [
    { title: "A matches", desired: [want(H, "A", ["192.0.2.10"])], seen: { v4: ["192.0.2.10"] }, verdict: "matches" },
    { title: "A set matches in any order", desired: [want(H, "A", ["192.0.2.10", "192.0.2.11"])], seen: { v4: ["192.0.2.11", "192.0.2.10"] }, verdict: "matches" },
    { title: "AAAA compares canonical forms", desired: [want(H, "AAAA", ["2001:DB8:0:0::1"])], seen: { v6: ["2001:db8::1"] }, verdict: "matches" },
    { title: "A wrong target", desired: [want(H, "A", ["192.0.2.10"])], seen: { v4: ["192.0.2.99"] }, verdict: "wrong-target", seenOut: ["192.0.2.99"] },
    { title: "A partly right is wrong", desired: [want(H, "A", ["192.0.2.10", "192.0.2.11"])], seen: { v4: ["192.0.2.10"] }, verdict: "wrong-target" },
    { title: "A answered by a CNAME", desired: [want(H, "A", ["192.0.2.10"])], seen: { cname: "x.example.net", v4: ["192.0.2.10"] }, verdict: "wrong-target", seenOut: ["CNAME x.example.net"] },
    { title: "DNS-only A answered with edge addresses", desired: [want(H, "A", ["192.0.2.10"])], seen: { v4: EDGE4 }, verdict: "unexpectedly-proxied", seenOut: EDGE4 },
    { title: "A NXDOMAIN", desired: [want(H, "A", ["192.0.2.10"])], seen: { rcode: "NXDOMAIN", negTtl: 1800 }, verdict: "missing" },
    { title: "A NODATA (only AAAA there)", desired: [want(H, "A", ["192.0.2.10"])], seen: { v6: ["2001:db8::1"] }, verdict: "missing" },
    { title: "A matches, AAAA missing", desired: [want(H, "A", ["192.0.2.10"]), want(H, "AAAA", ["2001:db8::1"])], seen: { v4: ["192.0.2.10"] }, verdict: "missing" },
    { title: "CNAME matches through the chain", desired: [want(H, "CNAME", ["lb.example.net"])], seen: { cname: "lb.example.net", v4: ["198.51.100.7"] }, verdict: "matches" },
    { title: "CNAME target case and trailing dot ignored", desired: [want(H, "CNAME", ["LB.Example.NET."])], seen: { cname: "lb.example.net", v4: ["198.51.100.7"] }, verdict: "matches" },
    { title: "CNAME to another target", desired: [want(H, "CNAME", ["lb.example.net"])], seen: { cname: "old.example.net", v4: ["198.51.100.7"] }, verdict: "wrong-target", seenOut: ["CNAME old.example.net"] },
    {
      title: "flattened CNAME whose target has these addresses",
      desired: [want(H, "CNAME", ["lb.example.net"])],
      seen: { v4: ["198.51.100.7"] },
      extra: { target: aAnswer("lb.example.net", ["198.51.100.7", "198.51.100.8"]) },
      verdict: "matches",
    },
    {
      title: "flattened CNAME whose target has other addresses",
      desired: [want(H, "CNAME", ["lb.example.net"])],
      seen: { v4: ["198.51.100.9"] },
      extra: { target: aAnswer("lb.example.net", ["198.51.100.7"]) },
      verdict: "wrong-target",
      seenOut: ["198.51.100.9"],
    },
    {
      title: "DNS-only CNAME answered with edge addresses",
      desired: [want(H, "CNAME", ["lb.example.net"])],
      seen: { v4: EDGE4 },
      extra: { target: aAnswer("lb.example.net", ["198.51.100.7"]) },
      verdict: "unexpectedly-proxied",
    },
    // Without the target's addresses, nothing says the flattened addresses are right.
    { title: "flattened CNAME, target not checked", desired: [want(H, "CNAME", ["lb.example.net"])], seen: { v4: ["198.51.100.9"] }, verdict: "unknown", seenOut: ["198.51.100.9"] },
    {
      title: "flattened CNAME whose target lookup failed (SERVFAIL)",
      desired: [want(H, "CNAME", ["lb.example.net"])],
      seen: { v4: ["198.51.100.9"] },
      extra: { target: { ...aAnswer("lb.example.net", []), rcode: "SERVFAIL" } },
      verdict: "unknown",
    },
    {
      title: "flattened CNAME whose target lookup timed out",
      desired: [want(H, "CNAME", ["lb.example.net"])],
      seen: { v4: ["198.51.100.9"] },
      extra: { target: { ...aAnswer("lb.example.net", []), rcode: null, error: { code: "timeout", message: "no answer within 400 ms" } } },
      verdict: "unknown",
    },
    {
      title: "flattened CNAME whose target does not exist",
      desired: [want(H, "CNAME", ["lb.example.net"])],
      seen: { v4: ["198.51.100.9"] },
      extra: { target: aAnswer("lb.example.net", []) },
      verdict: "wrong-target",
    },
    { title: "CNAME NXDOMAIN", desired: [want(H, "CNAME", ["lb.example.net"])], seen: { rcode: "NXDOMAIN" }, verdict: "missing" },
    { title: "proxied A on edge addresses", desired: [want(H, "A", ["192.0.2.10"], true)], seen: { v4: EDGE4, v6: EDGE6 }, verdict: "proxied-ok" },
    { title: "proxied CNAME is never a wrong target", desired: [want(H, "CNAME", ["lb.example.net"], true)], seen: { v4: EDGE4 }, verdict: "proxied-ok" },
    { title: "proxied A showing the origin", desired: [want(H, "A", ["192.0.2.10"], true)], seen: { v4: ["192.0.2.10"] }, verdict: "not-proxied", seenOut: ["192.0.2.10"] },
    { title: "proxied with an origin IPv6 among edge IPv4", desired: [want(H, "A", ["192.0.2.10"], true)], seen: { v4: EDGE4, v6: ["2001:db8::1"] }, verdict: "not-proxied", seenOut: ["2001:db8::1"] },
    { title: "proxied CNAME exposing the CNAME", desired: [want(H, "CNAME", ["lb.example.net"], true)], seen: { cname: "lb.example.net", v4: ["198.51.100.7"] }, verdict: "not-proxied", seenOut: ["CNAME lb.example.net"] },
    { title: "proxied in a partial (CNAME setup) zone", desired: [want(H, "A", ["192.0.2.10"], true)], seen: { cname: "app.example.com.cdn.cloudflare.net", v4: EDGE4 }, verdict: "proxied-ok" },
    { title: "proxied NXDOMAIN", desired: [want(H, "A", ["192.0.2.10"], true)], seen: { rcode: "NXDOMAIN" }, verdict: "missing" },
    { title: "nothing desired, name resolves", desired: [], seen: { v4: ["192.0.2.10"] }, verdict: "not-desired-but-resolves", seenOut: ["192.0.2.10"] },
    { title: "nothing desired, nothing there", desired: [], seen: { rcode: "NXDOMAIN" }, verdict: "absent" },
    { title: "only TXT desired", desired: [want(H, "TXT", ["hello"])], seen: { rcode: "NXDOMAIN" }, verdict: "unchecked" },
    { title: "SERVFAIL", desired: [want(H, "A", ["192.0.2.10"])], seen: { rcode: "SERVFAIL" }, verdict: "resolver-failure" },
    { title: "REFUSED", desired: [want(H, "A", ["192.0.2.10"])], seen: { rcode: "REFUSED" }, verdict: "resolver-failure" },
    { title: "timeout", desired: [want(H, "A", ["192.0.2.10"])], seen: { error: "timeout" }, verdict: "resolver-failure" },
  ];

  it.each(cases)("$title → $verdict", (c) => {
    const out = one(c.desired, c.seen, c.extra);
    expect(out.resolvers[0].verdict).toBe(c.verdict);
    expect(out.verdict).toBe(c.verdict);
    if (c.seenOut) expect(out.resolvers[0].seen).toEqual(c.seenOut);
  });

  it("shows why a flattened CNAME is unknown: the target's failed lookup", () => {
    const failed = { ...aAnswer("lb.example.net", []), rcode: null, error: { code: "timeout" as const, message: "no answer within 400 ms" } };
    const r = one([want(H, "CNAME", ["lb.example.net"])], { v4: ["198.51.100.9"] }, { target: failed }).resolvers[0];
    expect(r.detail).toContain("lb.example.net");
    expect(r.detail).toContain("timeout (no answer within 400 ms)");
    expect(one([want(H, "CNAME", ["lb.example.net"])], { v4: ["198.51.100.9"] }, { target: { ...failed, error: undefined, rcode: "SERVFAIL" } }).resolvers[0].detail).toContain("SERVFAIL");
  });

  it("a certain problem outranks an unknown part", () => {
    const out = one([want(H, "CNAME", ["lb.example.net"]), want(H, "AAAA", ["2001:db8::1"])], { v4: ["198.51.100.9"] });
    expect(out.verdict).toBe("missing");
  });

  it("reports the served TTL for proxied answers and the negative TTL for missing ones", () => {
    expect(one([want(H, "A", ["192.0.2.10"], true)], { v4: EDGE4, ttl: 300 }).resolvers[0].ttl).toBe(300);
    expect(one([want(H, "A", ["192.0.2.10"])], { rcode: "NXDOMAIN", negTtl: 1800 }).resolvers[0].ttl).toBe(1800);
  });

  it("works with the three-argument form: the hostname comes from the answers", () => {
    const out = lookupVerdict([want(H, "A", ["192.0.2.10"])], { r: seen(H, { v4: ["192.0.2.10"] }) }, EMBEDDED_EDGE_RANGES);
    expect(out).toMatchObject({ hostname: H, verdict: "matches" });
  });

  it("keeps the transport error of a failing resolver", () => {
    const r = one([want(H, "A", ["192.0.2.10"])], { error: "timeout" }).resolvers[0];
    expect(r.error?.code).toBe("timeout");
    expect(r.rcode).toBeNull();
    expect(r.detail).toContain("timeout");
  });

  it("lists the answer records once, with the CNAME hop", () => {
    const r = one([want(H, "CNAME", ["lb.example.net"])], { cname: "lb.example.net", v4: ["198.51.100.7"], v6: ["2001:db8::7"] }).resolvers[0];
    expect(r.answers.map((a) => `${a.name} ${a.type} ${a.data}`)).toEqual([
      "app.example.com CNAME lb.example.net",
      "lb.example.net A 198.51.100.7",
      "lb.example.net AAAA 2001:db8::7",
    ]);
  });
});

describe("lookupVerdict: over resolvers", () => {
  const desired = [want(H, "A", ["192.0.2.10"])];
  const run = (byResolver: Record<string, Seen>, extra: Partial<typeof ctx & { cloudflareHas: boolean; labels: Record<string, string> }> = {}) =>
    lookupVerdict(desired, Object.fromEntries(Object.entries(byResolver).map(([id, s]) => [id, seen(H, s, id)])), EMBEDDED_EDGE_RANGES, { ...ctx, ...extra });

  it.each([
    { title: "all agree", by: { cf: { v4: ["192.0.2.10"] }, g: { v4: ["192.0.2.10"] } }, verdict: "matches" },
    { title: "verdicts differ", by: { cf: { v4: ["192.0.2.10"] }, g: { rcode: "NXDOMAIN" } }, verdict: "resolvers-disagree" },
    { title: "a failure does not outvote an answer", by: { cf: { v4: ["192.0.2.10"] }, g: { error: "timeout" } }, verdict: "matches" },
    { title: "all fail", by: { cf: { rcode: "SERVFAIL" }, g: { error: "network" } }, verdict: "resolver-failure" },
  ] as { title: string; by: Record<string, Seen>; verdict: LookupVerdict }[])("$title → $verdict", ({ by, verdict }) => {
    expect(run(by).verdict).toBe(verdict);
  });

  it("names resolvers by label and keeps their order", () => {
    const out = run({ cf: { v4: ["192.0.2.10"] }, g: { v4: ["192.0.2.10"] } }, { labels: { cf: "Cloudflare (1.1.1.1)" } });
    expect(out.resolvers.map((r) => [r.id, r.label])).toEqual([
      ["cf", "Cloudflare (1.1.1.1)"],
      ["g", "g"],
    ]);
    expect(out.checkedAt).toBe(ctx.checkedAt);
  });

  it.each([
    { title: "Cloudflare has it, resolvers say NXDOMAIN", by: { cf: { rcode: "NXDOMAIN", negTtl: 240 }, g: { rcode: "NXDOMAIN", negTtl: 1200 } }, has: true, code: "propagating", wait: 1200 },
    { title: "Cloudflare has it, one resolver already sees it", by: { cf: { v4: ["192.0.2.10"] }, g: { rcode: "NXDOMAIN", negTtl: 600 } }, has: true, code: "propagating", wait: 600 },
    { title: "Cloudflare does not have it", by: { cf: { rcode: "NXDOMAIN", negTtl: 240 } }, has: false, code: "not-in-cloudflare", wait: undefined },
    { title: "old answer still cached", by: { cf: { v4: ["192.0.2.99"], ttl: 120 } }, has: true, code: "stale-answer", wait: 120 },
    { title: "one of two resolvers failed", by: { cf: { v4: ["192.0.2.10"] }, g: { error: "timeout" } }, has: true, code: "partial-failure", wait: undefined },
    { title: "all good: no hint", by: { cf: { v4: ["192.0.2.10"] } }, has: true, code: undefined, wait: undefined },
    { title: "missing but Cloudflare state unknown: no hint", by: { cf: { rcode: "NXDOMAIN", negTtl: 240 } }, has: undefined, code: undefined, wait: undefined },
  ] as { title: string; by: Record<string, Seen>; has?: boolean; code?: string; wait?: number }[])("hint: $title", ({ by, has, code, wait }) => {
    const out = run(by, { cloudflareHas: has });
    expect(out.hintCode).toBe(code);
    expect(out.expectedWaitSeconds).toBe(wait);
    if (code) expect(out.hint).toMatch(/\w/);
    if (wait !== undefined) expect(out.hint).toContain(`${wait} s`);
  });
});

describe("lookupVerdict: ownership TXT", () => {
  const desired = [want(H, "A", ["192.0.2.10"])];
  const TXT = "k8s.a-app.example.com";
  const run = (own: Record<string, ReturnType<typeof txtAnswer>[]>, cloudflareHas?: boolean) =>
    lookupVerdict(
      desired,
      Object.fromEntries(Object.entries(own).map(([id, ownership]) => [id, { ...seen(H, { v4: ["192.0.2.10"] }, id), ownership }])),
      EMBEDDED_EDGE_RANGES,
      { ...ctx, cloudflareHas },
    );

  it.each([
    { title: "every resolver sees it", own: { cf: [txtAnswer(TXT, ["heritage=external-dns"])], g: [txtAnswer(TXT, ["heritage=external-dns"])] }, visible: true },
    { title: "any of the names counts (new or legacy)", own: { cf: [txtAnswer(TXT, "NXDOMAIN"), txtAnswer(H, ["heritage=external-dns"])] }, visible: true },
    { title: "encrypted content still counts", own: { cf: [txtAnswer(TXT, ["aGVyaXRhZ2U9ZXh0ZXJuYWwtZG5z"])] }, visible: true },
    { title: "one resolver does not see it yet", own: { cf: [txtAnswer(TXT, ["heritage=external-dns"])], g: [txtAnswer(TXT, "NXDOMAIN", 900)] }, visible: false },
    { title: "nobody sees it", own: { cf: [txtAnswer(TXT, "NXDOMAIN", 900)] }, visible: false },
    { title: "the question failed", own: { cf: [txtAnswer(TXT, "SERVFAIL")] }, visible: undefined },
    { title: "no names asked", own: { cf: [] }, visible: undefined },
  ] as { title: string; own: Record<string, DohAnswer[]>; visible?: boolean }[])("$title → $visible", ({ own, visible }) => {
    expect(run(own).ownershipVisible).toBe(visible);
  });

  it("Cloudflare has the TXT, the public does not see it yet: propagating with the negative TTL", () => {
    const out = run({ cf: [txtAnswer(TXT, "NXDOMAIN", 900)] }, true);
    expect(out.verdict).toBe("matches");
    expect(out.hintCode).toBe("ownership-propagating");
    expect(out.expectedWaitSeconds).toBe(900);
  });

  it("no hint about the TXT when Cloudflare does not have it either", () => {
    expect(run({ cf: [txtAnswer(TXT, "NXDOMAIN", 900)] }, false).hintCode).toBeUndefined();
  });
});
