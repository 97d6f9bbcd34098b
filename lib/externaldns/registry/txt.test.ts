import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calculatePlan, hasChanges } from "../plan";
import { applyRegistry, FORCE_UPDATE_PROPERTY, ownershipTxtFor, readRegistry, txtNameReasons, type RegistryView } from "./txt";
import { encryptText } from "./txt-crypto";
import { toTXTName, txtNameOptions, txtNameTooLong } from "./txt-name";
import { testConfig } from "../config.testkit";
import type { Changes, Config, Endpoint, Version } from "../types";

const version = (minor: number): Version => ({ major: 0, minor, patch: 0, raw: `v0.${minor}.0` });

/** v0.22.0 with owner id "owner"; the GA prefix even when a case picks another version. */
const config = (o: Partial<Config> = {}): Config =>
  testConfig({ version: version(22), annotationPrefix: "external-dns.kubernetes.io/", txtOwnerId: "owner", ...o });

function ep(dnsName: string, recordType: string, targets: string[], o: Partial<Endpoint> = {}): Endpoint {
  return { dnsName, recordType, targets, recordTTL: 0, setIdentifier: "", labels: {}, providerSpecific: [], ...o };
}
const txt = (name: string, content: string, o: Partial<Endpoint> = {}) => ep(name, "TXT", [content], o);
const heritage = (labels: string) => `"heritage=external-dns${labels}"`;
const noChanges = (): Changes => ({ create: [], updateOld: [], updateNew: [], delete: [] });
const find = (view: RegistryView, name: string, type: string) =>
  view.records.find((r) => r.dnsName === name && r.recordType === type);

describe("readRegistry — vector #29 (testTXTRegistryRecordsNoPrefix)", () => {
  const zone = "test-zone.example.org";
  const input = [
    ep(`foobar.${zone}`, "CNAME", ["my-loadbalancer-1.lb.com"]),
    txt(`foobar.${zone}`, heritage(",external-dns/owner=owner")),
    ep(`dualstack.${zone}`, "A", ["1.1.1.1"]),
    txt(`dualstack.${zone}`, heritage(",external-dns/owner=owner")),
    ep(`dualstack.${zone}`, "AAAA", ["2001:DB8::1"]),
    txt(`aaaa-dualstack.${zone}`, heritage(",external-dns/owner=owner-2")),
    txt(`qux.${zone}`, "random"),
  ];

  it.each([
    ["CNAME via the legacy TXT", `foobar.${zone}`, "CNAME", "owner"],
    ["A via the legacy TXT", `dualstack.${zone}`, "A", "owner"],
    ["AAAA only via aaaa-", `dualstack.${zone}`, "AAAA", "owner-2"],
    ["non-registry TXT unowned", `qux.${zone}`, "TXT", undefined],
  ])("%s", (_, name, type, owner) => {
    const view = readRegistry(input, config({ txtOwnerId: "someone-else" }));
    expect(find(view, name, type)?.labels.owner).toBe(owner);
  });

  it("removes registry TXTs from the records and lists them with their format", () => {
    const view = readRegistry(input, config());
    expect(view.records.map((r) => `${r.recordType} ${r.dnsName}`)).toEqual([
      `CNAME foobar.${zone}`,
      `A dualstack.${zone}`,
      `AAAA dualstack.${zone}`,
      `TXT qux.${zone}`,
    ]);
    expect(view.ownershipTxts.map((t) => [t.txtName, t.format, t.ownedType, t.owner, t.matched])).toEqual([
      [`foobar.${zone}`, "legacy", "", "owner", true],
      [`dualstack.${zone}`, "legacy", "", "owner", true],
      [`aaaa-dualstack.${zone}`, "new", "AAAA", "owner-2", true],
    ]);
  });

  it("marks records of this owner lacking a new-format TXT with txt/force-update (not others')", () => {
    const view = readRegistry(input, config({ txtOwnerId: "owner" }));
    const marked = view.records.filter((r) => r.providerSpecific.some((p) => p.name === FORCE_UPDATE_PROPERTY));
    expect(marked.map((r) => `${r.recordType} ${r.dnsName}`)).toEqual([`CNAME foobar.${zone}`, `A dualstack.${zone}`]);
  });

  it("does not mutate its input", () => {
    const copy = structuredClone(input);
    readRegistry(input, config());
    expect(input).toEqual(copy);
  });
});

describe("readRegistry — lookups", () => {
  it("prefers the new format over the legacy TXT and links the record to the TXT it used", () => {
    const view = readRegistry(
      [ep("a.example.com", "A", ["1.2.3.4"]), txt("a.example.com", heritage(",external-dns/owner=old")), txt("a-a.example.com", heritage(",external-dns/owner=new,external-dns/resource=ingress/ns/x"))],
      config(),
    );
    const rec = view.records[0];
    expect(rec.labels).toEqual({ owner: "new", resource: "ingress/ns/x" });
    expect(view.ownerOf.get(rec)?.txtName).toBe("a-a.example.com");
  });

  it("never falls back to the legacy TXT for AAAA", () => {
    const view = readRegistry([ep("v6.example.com", "AAAA", ["::1"]), txt("v6.example.com", heritage(",external-dns/owner=owner"))], config());
    expect(view.records[0].labels.owner).toBeUndefined();
    expect(view.ownershipTxts[0].matched).toBe(false);
  });

  it.each([
    ["v0.22 reads txt- as the TXT marker", 22, "owner"],
    ["v0.21 reads txt-foo as a legacy name for txt-foo", 21, undefined],
  ])("%s", (_, minor, owner) => {
    const cfg = config({ version: version(minor), managedRecordTypes: ["A", "AAAA", "CNAME", "TXT"] });
    const view = readRegistry([txt("foo.example.com", '"v=spf1 -all"'), txt("txt-foo.example.com", heritage(",external-dns/owner=owner"))], cfg);
    expect(view.records.map((r) => r.labels.owner)).toEqual([owner]);
  });

  it.each([
    ["v0.20 does not know srv-", 20, undefined],
    ["v0.21 knows srv-", 21, "owner"],
  ])("%s", (_, minor, owner) => {
    const view = readRegistry([ep("_x._tcp.example.com", "SRV", ["1 1 1 t.example.com"]), txt("srv-_x._tcp.example.com", heritage(",external-dns/owner=owner"))], config({ version: version(minor) }));
    expect(view.records[0].labels.owner).toBe(owner);
  });

  it("matches a wildcard record through the wildcard replacement", () => {
    const cfg = config({ txtPrefix: "txt-", txtWildcardReplacement: "wild" });
    const view = readRegistry([ep("*.example.com", "A", ["1.2.3.4"]), txt("txt-a-wild.example.com", heritage(",external-dns/owner=owner"))], cfg);
    expect(view.records[0].labels.owner).toBe("owner");
    expect(view.ownershipTxts[0]).toMatchObject({ ownedName: "wild.example.com", ownedType: "A", matched: true });
  });

  it("requires the set identifier to match", () => {
    const view = readRegistry(
      [ep("a.example.com", "A", ["1.2.3.4"], { setIdentifier: "eu" }), txt("a-a.example.com", heritage(",external-dns/owner=owner"), { setIdentifier: "us" })],
      config(),
    );
    expect(view.records[0].labels.owner).toBeUndefined();
  });

  it("reports invalid and orphaned TXTs", () => {
    const view = readRegistry(
      [
        ep("empty.example.com", "TXT", []),
        txt("mate.example.com", '"heritage=mate,external-dns/owner=x"'),
        txt("spf.example.com", '"v=spf1 -all"'),
        txt("a-gone.example.com", heritage(",external-dns/owner=owner")),
        txt("other.example.com", heritage(",external-dns/owner=owner")),
      ],
      config({ txtPrefix: "k8s." }),
    );
    expect(view.invalidTxts.map((t) => [t.endpoint.dnsName, t.dropped])).toEqual([
      ["empty.example.com", true],
      ["mate.example.com", false],
    ]);
    expect(view.records.map((r) => r.dnsName)).toEqual(["mate.example.com", "spf.example.com"]);
    expect(view.ownershipTxts.map((t) => [t.txtName, t.format, t.matched])).toEqual([
      ["a-gone.example.com", "unmapped", false],
      ["other.example.com", "unmapped", false],
    ]);
  });

  it("rewrites the migrate-from owner to this owner, and marks the missing new-format TXT", () => {
    const cfg = config({ txtOwnerId: "new", migrateFromTxtOwner: "old" });
    const view = readRegistry([ep("a.example.com", "A", ["1.2.3.4"]), txt("a.example.com", heritage(",external-dns/owner=old"))], cfg);
    expect(view.records[0].labels.owner).toBe("new");
    expect(view.records[0].providerSpecific).toEqual([{ name: FORCE_UPDATE_PROPERTY, value: "true" }]);
  });

  it("adds no marker when the zone has no registry TXT at all, or the new TXT name would be too long", () => {
    const cfg = config();
    const long = `${"x".repeat(58)}.example.com`;
    const none = readRegistry([ep("a.example.com", "A", ["1.2.3.4"], { labels: { owner: "owner" } })], cfg);
    expect(none.records[0].providerSpecific).toEqual([]);
    const tooLong = readRegistry([ep(long, "CNAME", ["t.example.com"]), txt(long, heritage(",external-dns/owner=owner"))], cfg);
    expect(tooLong.records[0].labels.owner).toBe("owner");
    expect(tooLong.records[0].providerSpecific).toEqual([]);
  });
});

describe("ownershipTxtFor — vector #28 (TestGenerateTXT…)", () => {
  const name = "foo.test-zone.example.org";
  it.each([
    ["CNAME", {}, "cname-foo.test-zone.example.org", heritage(",external-dns/owner=owner")],
    ["AAAA", {}, "aaaa-foo.test-zone.example.org", heritage(",external-dns/owner=owner")],
    ["A", { txtOwnerId: "foobar", migrateFromTxtOwner: "owner" }, "a-foo.test-zone.example.org", heritage(",external-dns/owner=foobar")],
  ])("%s %j", (type, o, txtName, content) => {
    const record = ep(name, type, ["x"], { labels: { owner: "owner" }, setIdentifier: "s", providerSpecific: [{ name: "p", value: "v" }], recordTTL: 300 });
    expect(ownershipTxtFor(record, config(o))).toEqual({
      dnsName: txtName,
      recordType: "TXT",
      targets: [content],
      recordTTL: 0,
      setIdentifier: "s",
      labels: { ownedRecord: name },
      providerSpecific: [{ name: "p", value: "v" }],
    });
  });

  it.each([
    ["58-char first label + cname- → none", "x".repeat(58), "CNAME", undefined],
    ["58-char first label + a- → generated", "x".repeat(58), "A", `a-${"x".repeat(58)}.example.com`],
    ["62-char first label + a- → none", "y".repeat(62), "A", undefined],
  ])("%s", (_, label, type, txtName) => {
    expect(ownershipTxtFor(ep(`${label}.example.com`, type, ["t"]), config())?.dnsName).toBe(txtName);
  });

  it("apex names are generated like any other (the TXT lands outside the zone)", () => {
    expect(ownershipTxtFor(ep("example.com", "A", ["1.2.3.4"]), config())?.dnsName).toBe("a-example.com");
  });

  it("txtNameReasons skips building names only where no label can be too long", () => {
    // Every first-label length up to past the limit, against building every name: wildcards,
    // affixes with the type template, affixes that lengthen when lower-cased.
    const affixes = ["", "k8s.", "k8s-", "%{record_type}-", "İİ-", "%{record_type}.%{record_type}-"];
    let flagged = 0;
    for (const type of ["A", "CNAME", "TXT", "DNAME"]) {
      for (const prefix of affixes) {
        for (const suffix of ["", "-k8s", "%{record_type}"]) {
          for (const wildcard of ["", "ŞİŞ"]) {
            const cfg = config({ txtPrefix: prefix, txtSuffix: suffix, txtWildcardReplacement: wildcard, managedRecordTypes: ["A", "CNAME", "TXT", "DNAME"] });
            for (let n = 1; n <= 64; n++) {
              for (const name of ["x".repeat(n), `${"x".repeat(n)}.example.com`, `*.${"x".repeat(n)}`]) {
                const tooLong = txtNameTooLong(toTXTName(name, type, txtNameOptions(cfg)));
                expect(txtNameReasons([ep(name, type, ["t"])], cfg)).toHaveLength(tooLong ? 1 : 0);
                if (tooLong) flagged++;
              }
            }
          }
        }
      }
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it("txtNameReasons flags desired records whose TXT cannot exist", () => {
    const reasons = txtNameReasons([ep(`${"x".repeat(58)}.example.com`, "CNAME", ["t"], { labels: { resource: "ingress/a/b" } }), ep("ok.example.com", "CNAME", ["t"])], config());
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatchObject({ code: "txt-name-too-long", resource: "ingress/a/b", hostnames: [`${"x".repeat(58)}.example.com`] });
  });
});

describe("applyRegistry — vector #27 (testTXTRegistryApplyChanges…)", () => {
  const zone = "test-zone.example.org";
  const resource = { resource: "ingress/default/my-ingress" };
  it.each([
    ["P=txt.", { txtPrefix: "txt." }, "owner", `txt.cname-new-record-1.${zone}`],
    ["P=prefix%{record_type}.", { txtPrefix: "prefix%{record_type}." }, "owner-1", `prefixcname.new-record-1.${zone}`],
    ["S=-%{record_type}suffix", { txtSuffix: "-%{record_type}suffix" }, "owner-2", `new-record-1-cnamesuffix.${zone}`],
    ["S=-txt", { txtSuffix: "-txt", txtWildcardReplacement: "wildcard" }, "owner", `cname-new-record-1-txt.${zone}`],
  ])("%s", (_, o, owner, txtName) => {
    const cfg = config({ ...o, txtOwnerId: owner });
    const changes = { ...noChanges(), create: [ep(`new-record-1.${zone}`, "CNAME", ["new-loadbalancer-1.lb.com"], { labels: { ...resource } })] };
    const out = applyRegistry(changes, readRegistry([], cfg), cfg);
    expect(out.create.map((e) => [e.recordType, e.dnsName, e.targets[0]])).toEqual([
      ["CNAME", `new-record-1.${zone}`, "new-loadbalancer-1.lb.com"],
      ["TXT", txtName, `"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=ingress/default/my-ingress"`],
    ]);
    expect(out.create[0].labels.owner).toBe(owner);
  });

  it("suffix + wildcard replacement: wildcard and single-label creates", () => {
    const cfg = config({ txtSuffix: "-txt", txtWildcardReplacement: "wildcard" });
    const changes = { ...noChanges(), create: [ep(`*.wildcard.${zone}`, "CNAME", ["lb"]), ep("example", "CNAME", ["lb"])] };
    const out = applyRegistry(changes, readRegistry([], cfg), cfg);
    expect(out.create.filter((e) => e.recordType === "TXT").map((e) => e.dnsName)).toEqual([`cname-wildcard-txt.wildcard.${zone}`, "cname-example-txt"]);
  });

  it("deletes and updates regenerate the TXT from the current labels; TXTs follow the data records", () => {
    const cfg = config({ txtPrefix: "txt." });
    const current = ep(`foobar.${zone}`, "CNAME", ["old.lb.com"], { labels: { owner: "owner" } });
    const newer = ep(`foobar.${zone}`, "CNAME", ["new.lb.com"], { labels: { owner: "owner", ...resource } });
    const gone = ep(`gone.${zone}`, "A", ["1.1.1.1"], { labels: { owner: "owner" } });
    const out = applyRegistry({ create: [], updateOld: [current], updateNew: [newer], delete: [gone] }, readRegistry([], cfg), cfg);
    expect(out.updateOld.map((e) => [e.dnsName, e.targets[0]])).toEqual([
      [`foobar.${zone}`, "old.lb.com"],
      [`txt.cname-foobar.${zone}`, heritage(",external-dns/owner=owner")],
    ]);
    expect(out.updateNew[1].targets[0]).toBe(heritage(",external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress"));
    expect(out.delete.map((e) => [e.dnsName, e.targets[0]])).toEqual([
      [`gone.${zone}`, "1.1.1.1"],
      [`txt.a-gone.${zone}`, heritage(",external-dns/owner=owner")],
    ]);
  });

  it("drops updates and deletes of records this owner does not own", () => {
    const cfg = config();
    const mine = ep("a.example.com", "A", ["1.1.1.1"], { labels: { owner: "owner" } });
    const theirs = ep("b.example.com", "A", ["1.1.1.1"], { labels: { owner: "other" } });
    const nobody = ep("c.example.com", "A", ["1.1.1.1"]);
    const out = applyRegistry({ create: [], updateOld: [theirs, nobody], updateNew: [theirs, nobody], delete: [mine, theirs, nobody] }, readRegistry([], cfg), cfg);
    expect(out.updateOld).toEqual([]);
    expect(out.updateNew).toEqual([]);
    expect(out.delete.map((e) => e.dnsName)).toEqual(["a.example.com", "a-a.example.com"]);
  });

  it.each([
    ["a registry TXT of another owner blocks the TXT create", heritage(",external-dns/owner=other"), false],
    ["a non-heritage TXT at that name does not", '"v=spf1 -all"', true],
  ])("%s", (_, content, withTxt) => {
    const cfg = config();
    const view = readRegistry([txt("a-a.example.com", content)], cfg);
    const out = applyRegistry({ ...noChanges(), create: [ep("a.example.com", "A", ["1.1.1.1"])] }, view, cfg);
    expect(out.create.map((e) => e.recordType)).toEqual(withTxt ? ["A", "TXT"] : ["A"]);
  });

  it("a too-long TXT name leaves the create without a TXT", () => {
    const cfg = config();
    const out = applyRegistry({ ...noChanges(), create: [ep(`${"x".repeat(58)}.example.com`, "CNAME", ["t"])] }, readRegistry([], cfg), cfg);
    expect(out.create.map((e) => e.recordType)).toEqual(["CNAME"]);
  });

  it("does not mutate the planner's changes", () => {
    const cfg = config();
    const create = ep("a.example.com", "A", ["1.1.1.1"], { labels: { resource: "r" } });
    applyRegistry({ ...noChanges(), create: [create] }, readRegistry([], cfg), cfg);
    expect(create.labels).toEqual({ resource: "r" });
  });
});

describe("encrypted TXTs", () => {
  const key = "0123456789abcdef0123456789abcdef";
  const nonce = Buffer.alloc(12, 5).toString("base64");
  const plain = "heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/a/b";
  const stored = `"${encryptText(plain, Buffer.from(key), nonce)}"`;

  it("decrypts with the key (enabled or not), keeps the nonce, and regenerates the stored bytes for removal", () => {
    for (const enabled of [true, false]) {
      const cfg = config({ txtEncryptAesKey: key, txtEncryptEnabled: enabled });
      const view = readRegistry([ep("a.example.com", "A", ["1.1.1.1"]), txt("a-a.example.com", stored)], cfg);
      expect(view.records[0].labels).toMatchObject({ owner: "owner", resource: "ingress/a/b", "txt-encryption-nonce": nonce });
      expect(view.ownershipTxts[0]).toMatchObject({ encrypted: true, plaintext: plain });
      if (enabled) {
        const out = applyRegistry({ ...noChanges(), delete: [view.records[0]] }, view, cfg);
        expect(out.delete[1].targets[0]).toBe(stored);
      }
    }
  });

  it("without the key the content is not registry content", () => {
    const view = readRegistry([txt("a-a.example.com", stored)], config());
    expect(view.ownershipTxts).toEqual([]);
    expect(view.records).toHaveLength(1);
  });

  it("new encrypted TXTs decrypt back to their labels", () => {
    const cfg = config({ txtEncryptAesKey: key, txtEncryptEnabled: true });
    const out = applyRegistry({ ...noChanges(), create: [ep("b.example.com", "A", ["1.1.1.1"], { labels: { resource: "x/y/z" } })] }, readRegistry([], cfg), cfg);
    const reread = readRegistry(out.create, cfg);
    expect(reread.records[0].labels).toMatchObject({ owner: "owner", resource: "x/y/z" });
  });
});

describe("registry + planner together", () => {
  function cycle(world: Endpoint[], desired: Endpoint[], cfg: Config) {
    const view = readRegistry(world, cfg);
    const planned = calculatePlan({
      current: view.records,
      desired,
      policy: cfg.policy,
      ownerId: cfg.txtOwnerId,
      oldOwnerId: cfg.migrateFromTxtOwner,
      domainFilter: { match: () => true },
      managedRecordTypes: cfg.managedRecordTypes,
      excludeRecordTypes: cfg.excludeRecordTypes,
      version: cfg.version,
    });
    return { view, planned, changes: applyRegistry(planned.changes, view, cfg) };
  }

  it("legacy ownership: the force-update marker yields an update (with the new-format TXT) on every cycle", () => {
    const cfg = config();
    const world = [ep("a.example.com", "A", ["1.1.1.1"]), txt("a.example.com", heritage(",external-dns/owner=owner,external-dns/resource=r"))];
    const { changes } = cycle(world, [ep("a.example.com", "A", ["1.1.1.1"], { labels: { resource: "r" } })], cfg);
    expect(changes.updateOld.map((e) => `${e.recordType} ${e.dnsName}`)).toEqual(["A a.example.com", "TXT a-a.example.com"]);
    expect(changes.updateNew[0].providerSpecific).toEqual([]);
    expect(changes.updateNew[1].targets).toEqual([heritage(",external-dns/owner=owner,external-dns/resource=r")]);
  });

  it("a record whose TXT survives is recreated without a second TXT", () => {
    const cfg = config();
    const { changes } = cycle([txt("a-a.example.com", heritage(",external-dns/owner=owner"))], [ep("a.example.com", "A", ["1.1.1.1"])], cfg);
    expect(changes.create.map((e) => e.recordType)).toEqual(["A"]);
  });

  const candidate = fc
    .record({
      name: fc.constantFrom("a.example.com", "A.example.com", "b.example.com", "*.c.example.com", "example.com"),
      typed: fc.oneof(
        fc.subarray(["1.1.1.1", "10.0.0.1", "9.0.0.1"], { minLength: 1 }).map((t) => ["A", t] as const),
        fc.subarray(["::1", "2001:db8::1"], { minLength: 1 }).map((t) => ["AAAA", t] as const),
        fc.subarray(["x.example.net", "Y.example.net"], { minLength: 1 }).map((t) => ["CNAME", t] as const),
      ),
      set: fc.constantFrom("", "s1"),
      resource: fc.constantFrom("ingress/ns/r1", "crd/ns/r3"),
    })
    .map((c) => ep(c.name, c.typed[0], [...c.typed[1]], { setIdentifier: c.set, labels: { resource: c.resource } }));
  const affixes = fc.constantFrom<Partial<Config>>({}, { txtPrefix: "k8s." }, { txtSuffix: "-%{record_type}" }, { txtPrefix: "txt-", txtWildcardReplacement: "wild" });

  it("property: what one cycle creates (TXTs included) reads back as owned and in sync", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 10 }), affixes, (desired, o) => {
        const cfg = config(o);
        const first = cycle([], desired, cfg);
        // Cloudflare hands names back lower-cased.
        const world = first.changes.create.map((e) => ({ ...e, dnsName: e.dnsName.toLowerCase() }));
        const second = cycle(world, desired, cfg);
        expect(hasChanges(second.changes)).toBe(false);
        for (const r of second.view.records) expect(r.labels.owner).toBe("owner");
        expect(second.view.ownershipTxts.every((t) => t.matched)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
