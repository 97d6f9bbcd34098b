import { describe, expect, it } from "vitest";
import type { Changes, CloudflareRecord, CloudflareZone, Config, Endpoint } from "../../types";
import { summarize, toRecordChanges } from "./changes";
import { testConfig } from "../../config.testkit";

const P = "external-dns.alpha.kubernetes.io/";
const OWN = '"heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/app"';

function cfg(minor = 21, over: Partial<Config> = {}): Config {
  return testConfig({ version: { major: 0, minor, patch: 0, raw: `v0.${minor}.0` }, annotationPrefix: P, ...over });
}

function ep(dnsName: string, recordType: string, targets: string[], opts: { proxied?: boolean; ttl?: number; resource?: string } = {}): Endpoint {
  return {
    dnsName,
    recordType,
    targets,
    recordTTL: opts.ttl ?? 0,
    setIdentifier: "",
    labels: opts.resource ? { resource: opts.resource } : {},
    providerSpecific: [{ name: P + "cloudflare-proxied", value: String(opts.proxied ?? false) }],
  };
}

function rec(id: string, name: string, type: string, content: string, extra: Partial<CloudflareRecord> = {}): CloudflareRecord {
  return { id, name, type, content, ttl: 1, proxied: false, ...extra };
}

const changes = (c: Partial<Changes>): Changes => ({ create: [], updateOld: [], updateNew: [], delete: [], ...c });
const zones = (...records: CloudflareRecord[]): CloudflareZone[] => [{ id: "z1", name: "example.com", records }];
const brief = (cs: { action: string; name: string; type: string; content: string }[]) => cs.map((c) => `${c.action} ${c.type} ${c.name} ${c.content}`);

describe("toRecordChanges: conversion", () => {
  it("a content change is a delete of the old content and a create of the new one", () => {
    const z = zones(rec("r1", "app.example.com", "CNAME", "old.example.net"));
    const out = toRecordChanges(
      changes({ updateOld: [ep("app.example.com", "CNAME", ["old.example.net"])], updateNew: [ep("app.example.com", "CNAME", ["new.example.net"], { resource: "httproute/default/app" })] }),
      z,
      cfg(),
    );
    expect(out.changes).toEqual([
      { action: "delete", zone: "example.com", zoneId: "z1", name: "app.example.com", type: "CNAME", content: "old.example.net", proxied: false, recordId: "r1" },
      { action: "create", zone: "example.com", zoneId: "z1", name: "app.example.com", type: "CNAME", content: "new.example.net", proxied: false, ttl: 1, resource: "httproute/default/app" },
    ]);
  });

  it("a proxied-only change is an update carrying the previous state", () => {
    const z = zones(rec("r1", "web.example.com", "CNAME", "external.example.com", { proxied: false, ttl: 1 }));
    const out = toRecordChanges(
      changes({ updateOld: [ep("web.example.com", "CNAME", ["external.example.com"])], updateNew: [ep("web.example.com", "CNAME", ["external.example.com"], { proxied: true })] }),
      z,
      cfg(),
    );
    expect(out.changes).toEqual([
      {
        action: "update", zone: "example.com", zoneId: "z1", name: "web.example.com", type: "CNAME", content: "external.example.com",
        proxied: true, ttl: 1, recordId: "r1", previous: { content: "external.example.com", proxied: false, ttl: 1 },
      },
    ]);
  });

  it("omits the re-sent, unchanged ownership TXT of an update", () => {
    const z = zones(
      rec("r1", "web.example.com", "A", "1.1.1.1", { ttl: 300 }),
      rec("t1", "a-web.example.com", "TXT", OWN),
    );
    const out = toRecordChanges(
      changes({
        updateOld: [ep("web.example.com", "A", ["1.1.1.1"], { ttl: 300 }), ep("a-web.example.com", "TXT", [OWN])],
        updateNew: [ep("web.example.com", "A", ["1.1.1.1"], { ttl: 600 }), ep("a-web.example.com", "TXT", [OWN])],
      }),
      z,
      cfg(),
    );
    expect(brief(out.changes)).toEqual(["update A web.example.com 1.1.1.1"]);
    expect(out.changes[0]).toMatchObject({ ttl: 600, previous: { ttl: 300 } });
    expect(out.skipped).toEqual([]);
  });

  it("a changed ownership TXT (new resource) is delete + create with the exact quoted content", () => {
    const newOwn = OWN.replace("httproute/default/app", "httproute/default/other");
    const z = zones(rec("t1", "a-web.example.com", "TXT", OWN));
    const out = toRecordChanges(
      changes({ updateOld: [ep("a-web.example.com", "TXT", [OWN])], updateNew: [ep("a-web.example.com", "TXT", [newOwn])] }),
      z,
      cfg(),
    );
    expect(out.changes.map((c) => [c.action, c.content, c.proxied])).toEqual([["delete", OWN, false], ["create", newOwn, false]]);
  });

  it.each([
    [0, 1],
    [120, 120],
  ])("writes TTL %s as %s", (ttl, written) => {
    const out = toRecordChanges(changes({ create: [ep("a.example.com", "A", ["1.2.3.4"], { ttl })] }), zones(), cfg());
    expect(out.changes[0].ttl).toBe(written);
  });

  it("an update that changes comment or tags is real; one that matches them is not", () => {
    const withMeta = (value: string): Endpoint => ({
      ...ep("a.example.com", "A", ["1.2.3.4"]),
      providerSpecific: [
        { name: P + "cloudflare-proxied", value: "false" },
        { name: P + "cloudflare-record-comment", value },
        { name: P + "cloudflare-tags", value: "b:1,a:2" },
      ],
    });
    const z = zones(rec("r1", "a.example.com", "A", "1.2.3.4", { comment: "same", tags: ["a:2", "b:1"] }));
    const same = toRecordChanges(changes({ updateOld: [withMeta("same")], updateNew: [withMeta("same")] }), z, cfg());
    expect(same.changes).toEqual([]);
    const changed = toRecordChanges(changes({ updateOld: [withMeta("same")], updateNew: [withMeta("new")] }), z, cfg());
    expect(changed.changes).toMatchObject([{ action: "update", comment: "new", tags: ["a:2", "b:1"], previous: { comment: "same", tags: ["a:2", "b:1"] } }]);
  });

  it("the --cloudflare-record-comment default is written when the endpoint has none", () => {
    const out = toRecordChanges(changes({ create: [ep("a.example.com", "A", ["1.2.3.4"])] }), zones(), cfg(21, { cloudflareRecordComment: "by external-dns" }));
    expect(out.changes[0].comment).toBe("by external-dns");
  });

  it("MX targets are sent as host plus priority and found again by host", () => {
    const z = zones(rec("m1", "example.com", "MX", "old.example.com", { priority: 10 }));
    const out = toRecordChanges(
      changes({ updateOld: [ep("example.com", "MX", ["10 old.example.com"])], updateNew: [ep("example.com", "MX", ["20 new.example.com"])] }),
      z,
      cfg(),
    );
    expect(out.changes).toMatchObject([
      { action: "delete", content: "old.example.com", priority: 10, recordId: "m1" },
      { action: "create", content: "new.example.com", priority: 20, proxied: false },
    ]);
  });

  it("a malformed MX target is dropped with a reason", () => {
    const out = toRecordChanges(changes({ create: [ep("example.com", "MX", ["mail.example.com"])] }), zones(), cfg());
    expect(out.changes).toEqual([]);
    expect(out.skipped.map((r) => r.code)).toEqual(["invalid-target"]);
  });

  it("routes each record to the longest matching zone", () => {
    const z: CloudflareZone[] = [
      { id: "z1", name: "example.com", records: [] },
      { id: "z2", name: "sub.example.com", records: [] },
    ];
    const out = toRecordChanges(changes({ create: [ep("a.sub.example.com", "A", ["1.2.3.4"]), ep("b.example.com", "A", ["1.2.3.4"])] }), z, cfg());
    // Output follows zone order (z1 first), whatever the order of the changes.
    expect(out.changes.map((c) => [c.name, c.zoneId])).toEqual([["b.example.com", "z1"], ["a.sub.example.com", "z2"]]);
  });

  it("a change outside every zone is not emitted and gives a no-zone reason", () => {
    const out = toRecordChanges(
      changes({ create: [ep("App.NotExample.com", "A", ["1.2.3.4", "5.6.7.8"], { resource: "ingress/default/x" }), ep("a-example.com", "TXT", [OWN])] }),
      zones(),
      cfg(),
    );
    expect(out.changes).toEqual([]);
    expect(out.skipped.map((r) => [r.code, r.resource, r.hostnames])).toEqual([
      ["no-zone", "ingress/default/x", ["app.notexample.com"]],
      ["no-zone", "config", ["a-example.com"]],
    ]);
  });

  it("the TXT format-migration update that finds no record is skipped with txt-migration-loop", () => {
    // The record is owned through a legacy TXT; the registry sends the new-format TXT as an update.
    const z = zones(rec("r1", "web.example.com", "A", "1.1.1.1"), rec("t0", "web.example.com", "TXT", OWN));
    const withForce = (e: Endpoint): Endpoint => ({ ...e, providerSpecific: [...e.providerSpecific, { name: "txt/force-update", value: "true" }] });
    const out = toRecordChanges(
      changes({
        updateOld: [withForce(ep("web.example.com", "A", ["1.1.1.1"])), ep("a-web.example.com", "TXT", [OWN])],
        updateNew: [ep("web.example.com", "A", ["1.1.1.1"]), ep("a-web.example.com", "TXT", [OWN])],
      }),
      z,
      cfg(),
    );
    expect(out.changes).toEqual([]);
    expect(out.skipped).toMatchObject([{ code: "txt-migration-loop", severity: "warning", hostnames: ["a-web.example.com"] }]);
  });

  it("a delete whose record is missing is skipped with an informational reason", () => {
    const out = toRecordChanges(changes({ delete: [ep("a-gone.example.com", "TXT", [OWN])] }), zones(), cfg());
    expect(out.changes).toEqual([]);
    expect(out.skipped).toMatchObject([{ code: "record-not-found", severity: "info" }]);
  });

  it("proxied is computed per type: true on a proxied A, false on its TXT and on MX", () => {
    const out = toRecordChanges(
      changes({ create: [ep("a.example.com", "A", ["1.2.3.4"], { proxied: true }), ep("a-a.example.com", "TXT", [OWN], { proxied: true })] }),
      zones(),
      cfg(),
    );
    expect(out.changes.map((c) => c.proxied)).toEqual([true, false]);
  });
});

describe("toRecordChanges: order", () => {
  // One create, one update pair with a removed, an added and a kept target, one delete, one SRV update.
  const z = zones(
    rec("u1", "multi.example.com", "A", "1.1.1.1"),
    rec("u2", "multi.example.com", "A", "2.2.2.2"),
    rec("d1", "gone.example.com", "A", "9.9.9.9"),
    rec("s1", "_sip._tcp.example.com", "SRV", "10 5 5060 sip.example.com", { ttl: 300 }),
  );
  const input = changes({
    create: [ep("new.example.com", "A", ["3.3.3.3"])],
    updateOld: [ep("multi.example.com", "A", ["1.1.1.1", "2.2.2.2"]), ep("_sip._tcp.example.com", "SRV", ["10 5 5060 sip.example.com"])],
    updateNew: [ep("multi.example.com", "A", ["2.2.2.2", "4.4.4.4"], { proxied: true }), ep("_sip._tcp.example.com", "SRV", ["10 5 5060 sip.example.com"], { ttl: 600 })],
    delete: [ep("gone.example.com", "A", ["9.9.9.9"])],
  });

  it.each<[string, number, boolean, string[]]>([
    ["v0.20: individual calls in ApplyChanges order", 20, false, [
      "create A new.example.com 3.3.3.3",
      "delete A multi.example.com 1.1.1.1",
      "create A multi.example.com 4.4.4.4",
      "update A multi.example.com 2.2.2.2",
      "update SRV _sip._tcp.example.com 10 5 5060 sip.example.com",
      "delete A gone.example.com 9.9.9.9",
    ]],
    ["v0.20 with custom hostnames: deletes first", 20, true, [
      "delete A gone.example.com 9.9.9.9",
      "create A new.example.com 3.3.3.3",
      "delete A multi.example.com 1.1.1.1",
      "create A multi.example.com 4.4.4.4",
      "update A multi.example.com 2.2.2.2",
      "update SRV _sip._tcp.example.com 10 5 5060 sip.example.com",
    ]],
    ["v0.21+: batch order deletes → puts → posts, SRV put individually after", 21, false, [
      "delete A multi.example.com 1.1.1.1",
      "delete A gone.example.com 9.9.9.9",
      "update A multi.example.com 2.2.2.2",
      "create A new.example.com 3.3.3.3",
      "create A multi.example.com 4.4.4.4",
      "update SRV _sip._tcp.example.com 10 5 5060 sip.example.com",
    ]],
  ])("%s", (_title, minor, customHostnames, expected) => {
    const out = toRecordChanges(input, z, cfg(minor, { cloudflareCustomHostnames: customHostnames }));
    expect(brief(out.changes)).toEqual(expected);
  });

  it("groups by zone in the order the zones are given", () => {
    const two: CloudflareZone[] = [
      { id: "z2", name: "example.org", records: [] },
      { id: "z1", name: "example.com", records: [] },
    ];
    const out = toRecordChanges(changes({ create: [ep("a.example.com", "A", ["1.1.1.1"]), ep("a.example.org", "A", ["1.1.1.1"])] }), two, cfg(20));
    expect(out.changes.map((c) => c.zone)).toEqual(["example.org", "example.com"]);
  });
});

describe("summarize", () => {
  it("counts per action", () => {
    const base = { zone: "example.com", name: "a.example.com", type: "A", content: "1.1.1.1" };
    expect(summarize([{ ...base, action: "create" }, { ...base, action: "create" }, { ...base, action: "delete" }])).toEqual({ create: 2, update: 0, delete: 1 });
    expect(summarize([])).toEqual({ create: 0, update: 0, delete: 0 });
  });
});

// A DNSEndpoint name with a trailing dot, followed through external-dns (v0.20.0–v0.22.0): the CRD
// source keeps the name as written (source/crd.go), the planner matches it to the record without
// the dot (plan.go normalizeDNSName), the TXT registry names the ownership record through
// endpoint.NewEndpoint, which trims the dot (registry txt generateTXTRecordWithFilter), and the
// Cloudflare provider's changesByZone asks ZoneIDName.FindZone (provider/zonefinder.go) for the
// name as the endpoint carries it: "app.example.com." is neither "example.com" nor ends with
// ".example.com", so the record is skipped while its TXT would be written.
describe("toRecordChanges: a name with a trailing dot", () => {
  const dotted = (action: "create" | "update" | "delete", minor: number) => {
    const data = { ...ep("trail.example.com.", "A", ["203.0.113.10"], { resource: "crd/default/trail" }) };
    const txt: Endpoint = { dnsName: "k8s.a-trail.example.com", recordType: "TXT", targets: [OWN], recordTTL: 0, setIdentifier: "", labels: { ownedRecord: "trail.example.com." }, providerSpecific: [] };
    const c = action === "create" ? changes({ create: [data, txt] }) : action === "update" ? changes({ updateOld: [{ ...data, targets: ["203.0.113.9"] }], updateNew: [data] }) : changes({ delete: [data, txt] });
    return toRecordChanges(c, zones(rec("r1", "trail.example.com", "A", "203.0.113.9")), cfg(minor));
  };

  it.each([
    ["create", 20],
    ["create", 21],
    ["create", 22],
    ["update", 21],
    ["delete", 22],
  ] as const)("%s at v0.%i.0: neither the record nor its ownership TXT is offered, and both say why", (action, minor) => {
    const out = dotted(action, minor);
    expect(out.changes).toEqual([]);
    expect(out.skipped.map((r) => [r.code, r.hostnames.at(-1)])).toEqual(
      action === "update" ? [["no-zone", "trail.example.com"]] : [["no-zone", "trail.example.com"], ["no-zone", "trail.example.com"]],
    );
    expect(out.skipped[0].message).toMatch(/"trail\.example\.com\." ends with a dot/);
  });

  it("the same name without the dot is written as usual", () => {
    const out = toRecordChanges(changes({ create: [ep("trail.example.com", "A", ["203.0.113.10"])] }), zones(), cfg(21));
    expect(brief(out.changes)).toEqual(["create A trail.example.com 203.0.113.10"]);
  });
});
