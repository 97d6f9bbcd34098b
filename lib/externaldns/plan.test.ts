import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calculatePlan, hasChanges, normalizeDNSName, providerSpecificChanged, type PlanInput } from "./plan";
import { resolveCreate, resolveUpdate } from "./plan-conflict";
import type { Changes, Endpoint, Policy } from "./types";

const V22 = { major: 0, minor: 22, patch: 0, raw: "v0.22.0" };
const everything = { match: () => true };

function ep(dnsName: string, recordType: string, targets: string[], o: Partial<Endpoint> & { owner?: string; resource?: string } = {}): Endpoint {
  const { owner, resource, ...rest } = o;
  const labels: Record<string, string> = { ...(rest.labels ?? {}) };
  if (owner !== undefined) labels.owner = owner;
  if (resource !== undefined) labels.resource = resource;
  return { dnsName, recordType, targets, recordTTL: 0, setIdentifier: "", providerSpecific: [], ...rest, labels };
}

function plan(current: Endpoint[], desired: Endpoint[], o: Partial<PlanInput> = {}) {
  return calculatePlan({
    current,
    desired,
    policy: "sync",
    ownerId: "owner",
    domainFilter: everything,
    managedRecordTypes: ["A", "AAAA", "CNAME"],
    excludeRecordTypes: [],
    version: V22,
    ...o,
  });
}

/** "create A foo→1.2.3.4" style summary of a change list. */
const show = (eps: Endpoint[]) => eps.map((e) => `${e.recordType} ${e.dnsName}${e.setIdentifier ? `/${e.setIdentifier}` : ""}→${e.targets.join(",")}`);
const summary = (c: Changes) => ({ create: show(c.create), updateOld: show(c.updateOld), updateNew: show(c.updateNew), delete: show(c.delete) });
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);
const none = { create: [], updateOld: [], updateNew: [], delete: [] };

describe("vector #32 (plan_test.go)", () => {
  it("TestSyncFirstRound: competing CNAMEs, the smaller target wins; bar is created", () => {
    const r = plan([], [
      ep("foo", "CNAME", ["v1"], { resource: "ingress/default/foo-v1" }),
      ep("foo", "CNAME", ["v2"], { resource: "ingress/default/foo-v2" }),
      ep("bar", "A", ["127.0.0.1"], { resource: "ingress/default/bar" }),
    ]);
    expect(summary(r.changes)).toEqual({ ...none, create: ["A bar→127.0.0.1", "CNAME foo→v1"] });
    const lost = r.reasons.find((x) => x.code === "lost-conflict")!;
    expect(lost).toMatchObject({ resource: "ingress/default/foo-v2", hostnames: ["foo"] });
    expect(lost.message).toContain("ingress/default/foo-v1");
  });

  it("TestIgnoreTargetCase: V2 vs v2 is not a change", () => {
    const r = plan([ep("foo", "CNAME", ["v2"], { owner: "owner" })], [ep("foo", "CNAME", ["V2"])]);
    expect(summary(r.changes)).toEqual(none);
    expect(codes(r)).toEqual(["in-sync"]);
  });

  it("TestRecordTypeChange: owned CNAME → A is create A + delete CNAME", () => {
    const r = plan([ep("foo", "CNAME", ["v1"], { owner: "owner" })], [ep("foo", "A", ["1.2.3.4"])]);
    expect(summary(r.changes)).toEqual({ ...none, create: ["A foo→1.2.3.4"], delete: ["CNAME foo→v1"] });
  });

  it("TestNoCurrentWithConflictingDesired: CNAME dropped for A + AAAA", () => {
    const r = plan([], [ep("foo", "CNAME", ["v1"], { resource: "crd/a/b" }), ep("foo", "A", ["1.2.3.4"]), ep("foo", "AAAA", ["::1"])]);
    expect(summary(r.changes)).toEqual({ ...none, create: ["A foo→1.2.3.4", "AAAA foo→::1"] });
    expect(r.reasons).toEqual([expect.objectContaining({ code: "cname-conflict", resource: "crd/a/b", hostnames: ["foo"] })]);
  });

  it("TestExistingOwnerNotMatchingDualStackDesired: an unowned A blocks the CNAME", () => {
    const r = plan([ep("foo", "A", ["1.2.3.4"])], [ep("foo", "CNAME", ["v1"], { resource: "r" })], { ownerId: "pwner" });
    expect(summary(r.changes)).toEqual(none);
    expect(r.reasons.map((x) => [x.code, x.resource, x.severity])).toEqual([
      ["unowned-record", "r", "warning"], // the CNAME create
      ["unowned-record", "record/A/foo", "info"], // the A no one wants is left alone
    ]);
  });

  it("TestSyncSecondRoundWithOwnerInherited: no OwnerID, the update inherits the current owner", () => {
    const r = plan([ep("foo", "CNAME", ["v1"], { owner: "pwner", resource: "r1" })], [ep("foo", "CNAME", ["v2"], { resource: "r2" })], { ownerId: "" });
    expect(summary(r.changes)).toEqual({ ...none, updateOld: ["CNAME foo→v1"], updateNew: ["CNAME foo→v2"] });
    expect(r.changes.updateNew[0].labels).toEqual({ owner: "pwner", resource: "r2" });
  });
});

describe("rows and the ownership gate", () => {
  it.each([
    ["unowned AAAA blocks creating A", [ep("x", "AAAA", ["::1"])], "unowned-record", []],
    ["AAAA of another owner blocks creating A", [ep("x", "AAAA", ["::1"], { owner: "other" })], "owned-by-other", []],
    ["owned AAAA lets A in", [ep("x", "AAAA", ["::1"], { owner: "owner" })], undefined, ["A x→1.1.1.1"]],
  ])("%s", (_, current, code, creates) => {
    const r = plan(current, [ep("x", "A", ["1.1.1.1"], { resource: "r" }), ep("x", "AAAA", ["::1"], { resource: "r" })]);
    expect(show(r.changes.create)).toEqual(creates);
    if (code) {
      const blocked = r.reasons.find((x) => x.code === code)!;
      expect(blocked).toMatchObject({ resource: "r", hostnames: ["x"], severity: "warning" });
      if (code === "owned-by-other") expect(blocked.message).toContain('"other"');
    }
  });

  it("a brand-new name is created whatever the owner id", () => {
    expect(show(plan([], [ep("new", "A", ["1.1.1.1"])], { ownerId: "someone" }).changes.create)).toEqual(["A new→1.1.1.1"]);
  });

  it("a name nobody wants any more is deleted when owned, left alone when not", () => {
    const r = plan([ep("gone", "A", ["1.1.1.1"], { owner: "owner" }), ep("theirs", "A", ["2.2.2.2"], { owner: "x" })], []);
    expect(show(r.changes.delete)).toEqual(["A gone→1.1.1.1"]);
    expect(r.reasons.map((x) => [x.code, x.hostnames[0]])).toEqual([["owned-by-other", "theirs"]]);
  });

  it("rows are keyed by normalised name and set identifier", () => {
    const r = plan(
      [ep("Foo.Example.com.", "A", ["1.1.1.1"], { owner: "owner" }), ep("w.example.com", "A", ["1.1.1.1"], { owner: "owner", setIdentifier: "eu" })],
      [ep(" foo.example.com", "A", ["1.1.1.1"]), ep("w.example.com", "A", ["1.1.1.1"], { setIdentifier: "us" })],
    );
    expect(summary(r.changes)).toEqual({ ...none, create: ["A w.example.com/us→1.1.1.1"], delete: ["A w.example.com/eu→1.1.1.1"] });
    expect(codes(r)).toEqual(["in-sync"]);
  });

  it("normalizeDNSName", () => {
    expect(normalizeDNSName(" Foo.Example.COM ")).toBe("foo.example.com.");
    expect(normalizeDNSName("Bücher.example")).toBe("xn--bcher-kva.example.");
    expect(normalizeDNSName("1.2.3")).toBe("1.2.3.");
  });

  it("deletes are de-duplicated by name, type and set identifier", () => {
    const twin = () => ep("d", "A", ["1.1.1.1"], { owner: "owner" });
    expect(show(plan([twin(), twin()], []).changes.delete)).toEqual(["A d→1.1.1.1"]);
  });
});

describe("conflicts", () => {
  it.each([
    ["fewer targets wins", [["1.1.1.1", "2.2.2.2"], ["9.9.9.9"]], ["9.9.9.9"], "r1"],
    ["numerically smaller IP wins", [["10.0.0.1"], ["9.0.0.1"]], ["9.0.0.1"], "r1"],
    ["ties go to the first in input order", [["1.1.1.1"], ["1.1.1.1"]], ["1.1.1.1"], "r0"],
    ["one IP in two spellings ties too", [["::0001"], ["::1"]], ["::0001"], "r0"],
  ])("%s", (_, lists, winner, resource) => {
    const cands = lists.map((t, i) => ep("n", t[0].includes(":") ? "AAAA" : "A", t, { resource: `r${i}` }));
    const r = plan([], cands);
    expect(r.changes.create.map((e) => e.targets)).toEqual([winner]);
    expect(r.changes.create[0].labels.resource).toBe(resource);
  });

  it.each([
    ["IP before hostname (resolver level)", ["1-2-3-4.example.com"], ["9.9.9.9"], ["9.9.9.9"]],
    ["hostnames by byte order", ["b.example.com"], ["B.example.com"], ["B.example.com"]],
  ])("%s", (_, a, b, winner) => {
    expect(resolveCreate([ep("n", "CNAME", a), ep("n", "CNAME", b)]).targets).toEqual(winner);
  });

  it("ResolveUpdate keeps the resource that holds the record, even against a smaller candidate", () => {
    const current = ep("n", "A", ["3.3.3.3"], { owner: "owner", resource: "r2" });
    const r = plan([current], [ep("n", "A", ["1.0.0.1"], { resource: "r1" }), ep("n", "A", ["2.2.2.2"], { resource: "r2" })]);
    expect(summary(r.changes)).toEqual({ ...none, updateOld: ["A n→3.3.3.3"], updateNew: ["A n→2.2.2.2"] });
    expect(r.changes.updateNew[0].labels).toEqual({ owner: "owner", resource: "r2" });
    const lost = r.reasons.find((x) => x.code === "lost-conflict")!;
    expect(lost.resource).toBe("r1");
    expect(lost.message).toContain("r2");
    // No candidate of the holding resource: the minimum.
    expect(resolveUpdate(ep("n", "A", ["3.3.3.3"], { resource: "gone" }), [ep("n", "A", ["2.2.2.2"]), ep("n", "A", ["1.0.0.1"])]).targets).toEqual(["1.0.0.1"]);
  });
});

describe("update detection", () => {
  const cur = (o: Partial<Endpoint> = {}) => ep("u", "A", ["1.1.1.1"], { owner: "owner", ...o });
  const des = (o: Partial<Endpoint> = {}) => ep("u", "A", ["1.1.1.1"], o);
  const prox = (v: string) => [{ name: "external-dns.kubernetes.io/cloudflare-proxied", value: v }];
  it.each([
    ["identical", cur(), des(), false],
    ["desired TTL 0 never updates", cur({ recordTTL: 300 }), des({ recordTTL: 0 }), false],
    ["configured TTL differs", cur({ recordTTL: 600 }), des({ recordTTL: 300 }), true],
    ["configured TTL equal", cur({ recordTTL: 300 }), des({ recordTTL: 300 }), false],
    ["targets differ", cur(), des({ targets: ["2.2.2.2"] }), true],
    ["IPv6 canonical", ep("u", "AAAA", ["2001:db8::1"], { owner: "owner" }), ep("u", "AAAA", ["2001:0db8::0001"]), false],
    ["case-insensitive CNAME", ep("u", "CNAME", ["Lb.Example.com"], { owner: "owner" }), ep("u", "CNAME", ["lb.example.com"]), false],
    ["proxied true vs false", cur({ providerSpecific: prox("false") }), des({ providerSpecific: prox("true") }), true],
    ["property only desired", cur(), des({ providerSpecific: prox("true") }), true],
    ["property only current", cur({ providerSpecific: prox("true") }), des(), true],
    ["same properties, other order", cur({ providerSpecific: [...prox("true"), { name: "b", value: "1" }] }), des({ providerSpecific: [{ name: "b", value: "1" }, ...prox("true")] }), false],
    ["force-update marker", cur({ providerSpecific: [{ name: "txt/force-update", value: "true" }] }), des(), true],
    ["resource label change alone", cur({ labels: { owner: "owner", resource: "a" } }), des({ labels: { resource: "b" } }), false],
  ])("%s", (_, current, desired, update) => {
    const r = plan([current], [desired]);
    expect(r.changes.updateNew.length).toBe(update ? 1 : 0);
    expect(codes(r)).toEqual(update ? [] : ["in-sync"]);
  });

  it("--migrate-from-txt-owner: every matched owned record gets an update pair, which HasChanges ignores when equal", () => {
    const current = ep("m", "A", ["1.1.1.1"], { owner: "new", resource: "r" });
    const r = plan([current], [ep("m", "A", ["1.1.1.1"], { resource: "r" })], { ownerId: "new", oldOwnerId: "old" });
    expect(r.changes.updateNew.length).toBe(1);
    expect(hasChanges(r.changes)).toBe(false);
    const real = plan([current], [ep("m", "A", ["2.2.2.2"], { resource: "r" })], { ownerId: "new", oldOwnerId: "old" });
    expect(hasChanges(real.changes)).toBe(true);
  });
});

describe("policies and the owner filter", () => {
  const current = [ep("upd", "A", ["1.1.1.1"], { owner: "owner" }), ep("del", "A", ["1.1.1.1"], { owner: "owner" })];
  const desired = [ep("upd", "A", ["2.2.2.2"], { resource: "r" }), ep("new", "A", ["3.3.3.3"], { resource: "r" })];
  it.each<[Policy, string[], string[], string[], string[]]>([
    ["sync", ["A new→3.3.3.3"], ["A upd→2.2.2.2"], ["A del→1.1.1.1"], []],
    ["upsert-only", ["A new→3.3.3.3"], ["A upd→2.2.2.2"], [], ["policy"]],
    ["create-only", ["A new→3.3.3.3"], [], [], ["policy", "policy"]],
  ])("%s", (policy, create, updateNew, del, reasonCodes) => {
    const r = plan(current, desired, { policy });
    expect(show(r.changes.create)).toEqual(create);
    expect(show(r.changes.updateNew)).toEqual(updateNew);
    expect(show(r.changes.delete)).toEqual(del);
    expect(codes(r)).toEqual(reasonCodes);
    for (const reason of r.reasons) expect(reason.message).toContain(policy);
  });

  it.each<[Policy, string[], string[]]>([
    ["sync", ["A sw→1.2.3.4"], ["CNAME sw→lb"]],
    ["upsert-only", ["A sw→1.2.3.4"], []],
  ])("CNAME → A switch under %s", (policy, create, del) => {
    const r = plan([ep("sw", "CNAME", ["lb"], { owner: "owner" })], [ep("sw", "A", ["1.2.3.4"])], { policy });
    expect(show(r.changes.create)).toEqual(create);
    expect(show(r.changes.delete)).toEqual(del);
  });

  it("updates of records owned by someone else are dropped, naming the owner", () => {
    const r = plan([ep("o", "A", ["1.1.1.1"], { owner: "other" })], [ep("o", "A", ["2.2.2.2"], { resource: "r" })]);
    expect(summary(r.changes)).toEqual(none);
    expect(r.reasons).toEqual([expect.objectContaining({ code: "owned-by-other", resource: "r", hostnames: ["o"] })]);
    expect(r.reasons[0].message).toContain('"other"');
  });
});

describe("filters", () => {
  it("domain filter and managed types, on both sides", () => {
    const r = plan(
      [ep("a.other.org", "A", ["1.1.1.1"], { owner: "owner" }), ep("t.example.org", "TXT", ["x"])],
      [ep("b.other.org", "A", ["1.1.1.1"], { resource: "r" }), ep("mx.example.org", "MX", ["10 mail"], { resource: "r" }), ep("c.example.org", "AAAA", ["::1"], { resource: "r" })],
      { domainFilter: { match: (n) => n === "example.org" || n.endsWith(".example.org") }, excludeRecordTypes: ["AAAA"] },
    );
    expect(summary(r.changes)).toEqual(none);
    expect(r.reasons.map((x) => [x.code, x.hostnames[0], x.severity])).toEqual([
      ["domain-filter", "a.other.org", "info"],
      ["unmanaged-record-type", "t.example.org", "info"],
      ["domain-filter", "b.other.org", "warning"],
      ["unmanaged-record-type", "mx.example.org", "warning"],
      ["unmanaged-record-type", "c.example.org", "warning"],
    ]);
    expect(r.reasons[4].message).toContain("--exclude-record-types");
  });

  it("does not mutate its inputs", () => {
    const current = [ep("foo", "CNAME", ["v1"], { owner: "owner" })];
    const desired = [ep("foo", "CNAME", ["v2"], { resource: "r" })];
    const before = structuredClone([current, desired]);
    plan(current, desired);
    expect([current, desired]).toEqual(before);
  });
});

describe("property: applying the plan to an empty world and planning again changes nothing", () => {
  const a = fc.subarray(["1.1.1.1", "10.0.0.1", "9.0.0.1", "2.2.2.2"], { minLength: 1, maxLength: 3 });
  const aaaa = fc.subarray(["::1", "2001:db8::1", "2001:db8::2"], { minLength: 1, maxLength: 2 });
  const cname = fc.subarray(["x.example.net", "Y.example.net", "z.example.net"], { minLength: 1, maxLength: 2 });
  const candidate = fc
    .record({
      name: fc.constantFrom("a.example.com", "A.example.com", "b.example.com", "*.c.example.com"),
      typed: fc.oneof(a.map((t) => ["A", t] as const), aaaa.map((t) => ["AAAA", t] as const), cname.map((t) => ["CNAME", t] as const)),
      ttl: fc.constantFrom(0, 300),
      set: fc.constantFrom("", "s1"),
      resource: fc.constantFrom("ingress/ns/r1", "httproute/ns/r2", "crd/ns/r3"),
      proxied: fc.constantFrom("true", "false"),
    })
    .map((c) =>
      ep(c.name, c.typed[0], [...c.typed[1]], {
        recordTTL: c.ttl,
        setIdentifier: c.set,
        resource: c.resource,
        providerSpecific: [{ name: "external-dns.kubernetes.io/cloudflare-proxied", value: c.proxied }],
      }),
    );

  it("holds", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), fc.constantFrom<Policy>("sync", "upsert-only", "create-only"), (desired, policy) => {
        const first = plan([], desired, { policy });
        const world = first.changes.create.map((c) => ({ ...c, labels: { ...c.labels, owner: "owner" } }));
        const second = plan(world, desired, { policy });
        expect(hasChanges(second.changes)).toBe(false);
        expect(second.changes).toEqual(none);
      }),
      { numRuns: 300 },
    );
  });
});

describe("providerSpecificChanged (appendEndpointUpdates' property comparison)", () => {
  // The rule as upstream writes it: a map of the desired properties (a repeated name keeps its
  // last value), each current property must find its entry with the same value and removes it,
  // and nothing may be left over.
  function reference(desired: Endpoint["providerSpecific"], current: Endpoint["providerSpecific"]): boolean {
    const wanted = new Map(desired.map((p) => [p.name, p.value]));
    for (const c of current) {
      if (!wanted.has(c.name) || wanted.get(c.name) !== c.value) return true;
      wanted.delete(c.name);
    }
    return wanted.size > 0;
  }
  const withProps = (props: Array<[string, string]>) => ep("a.example.com", "A", ["1.2.3.4"], { providerSpecific: props.map(([name, value]) => ({ name, value })) });

  it.each<[string, Array<[string, string]>, Array<[string, string]>, boolean]>([
    ["same, other order", [["p", "true"], ["c", "x"]], [["c", "x"], ["p", "true"]], false],
    ["value differs", [["p", "true"]], [["p", "false"]], true],
    ["only desired has it", [["p", "true"], ["c", "x"]], [["p", "true"]], true],
    ["only current has it", [["p", "true"]], [["p", "true"], ["c", "x"]], true],
    ["desired repeats a name: the last value counts", [["p", "false"], ["p", "true"]], [["p", "true"]], false],
    ["current repeats a name", [["p", "true"]], [["p", "true"], ["p", "true"]], true],
    ["both empty", [], [], false],
  ])("%s", (_, desired, current, changed) => {
    expect(providerSpecificChanged(withProps(desired), withProps(current))).toBe(changed);
    expect(reference(withProps(desired).providerSpecific, withProps(current).providerSpecific)).toBe(changed);
  });

  it("agrees with the map-based rule for short and long property lists", () => {
    const prop = fc.record({ name: fc.constantFrom("p", "c", "t", "r", "x"), value: fc.constantFrom("true", "false", "a") });
    fc.assert(
      fc.property(fc.array(prop, { maxLength: 12 }), fc.array(prop, { maxLength: 12 }), (desired, current) => {
        const d = ep("a.example.com", "A", ["1.2.3.4"], { providerSpecific: desired });
        const c = ep("a.example.com", "A", ["1.2.3.4"], { providerSpecific: current });
        expect(providerSpecificChanged(d, c)).toBe(reference(desired, current));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("order of the planned rows: by normalised name, then set identifier", () => {
  // The rule the planner's rows follow (and with them the creates): ascending by
  // normalizeDNSName(name) + NUL + set identifier, compared as plain strings. Names here are
  // prefixes of each other and differ by characters either side of "." and NUL.
  const names = ["a.example.com", "A.Example.com.", "a-b.example.com", "a.example.co", "a.example.co-x", "a.example.co!", "ab.example.com", "a.example.com.x", " b.example.com", "a0.example.com"];
  const sets = ["", "x", "x.", "-", "\u0001"];
  const candidate = fc.record({ name: fc.constantFrom(...names), set: fc.constantFrom(...sets), target: fc.constantFrom("1.1.1.1", "2.2.2.2") });

  it("holds for any mix of names and set identifiers", () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => `${normalizeDNSName(c.name)}\u0000${c.set}`, maxLength: 14 }), (cs) => {
        const desired = cs.map((c) => ep(c.name, "A", [c.target], { setIdentifier: c.set }));
        const key = (e: Endpoint) => `${normalizeDNSName(e.dnsName)}\u0000${e.setIdentifier}`;
        const expected = [...desired].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
        expect(plan([], desired).changes.create.map(key)).toEqual(expected.map(key));
      }),
      { numRuns: 300 },
    );
  });
});
