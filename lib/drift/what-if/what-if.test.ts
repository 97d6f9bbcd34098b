// Seed scenarios of the what-if engine. The expectations are written by hand from external-dns's
// behaviour, not from dnsdrift's output:
// - v0.22.0 switched the default annotation prefix to external-dns.kubernetes.io/
//   (upstream source/annotations/annotations.go at v0.22.0 vs v0.20.0; "feat(annotations)!: switch
//   default annotations prefix to GA"); the seed's objects carry only the alpha prefix.
// - Without the Gateway's target annotation, targets fall back to status.addresses
//   (source/gateway.go, v0.22.0): 192.168.0.239 → A records instead of CNAMEs to external.example.com.
// - Without the controller annotation the redirect route is processed and its listener hostname
//   *.example.com is published (source/gateway.go, v0.22.0).
// - The planner (plan/plan.go) replaces a CNAME by an A of the same name as delete + create, and
//   under upsert-only never deletes; the TXT registry (registry/txt.go) only touches records whose
//   ownership TXT carries its owner id under its prefix.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRecordsFile } from "../../cloudflare/records-file";
import { loadManifests } from "../../kube/snapshot";
import { currentConfig, nextConfig, type NextConfigEdits } from "./config-source";
import { whatIf } from "./what-if";
import { runPipeline } from "../pipeline";
import type { WhatIfChange, WhatIfDocument } from "./types";
import type { ClusterObjects, KubeObject } from "../../externaldns/types";

const seed = path.join(__dirname, "../../../examples/seed");
const source = { kind: "text" as const, text: fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), file: "values.yaml" };
const seedObjects = loadManifests([path.join(seed, "manifests")]).objects;
const zones = loadRecordsFile(path.join(seed, "records.json"));

const ALPHA = "external-dns.alpha.kubernetes.io/";
const GA = "external-dns.kubernetes.io/";
const CNAME_TARGET = "external.example.com";
const LBIPAM = "192.168.0.239";

function run(edits: NextConfigEdits, objects: ClusterObjects = seedObjects, resolvesToday?: (n: string) => boolean | undefined): WhatIfDocument {
  const config = currentConfig(source);
  return whatIf({ config, next: nextConfig(source, config, edits), objects, zones, resolvesToday });
}

const data = (cs: WhatIfChange[]) => cs.filter((c) => c.type !== "TXT");
const brief = (c: WhatIfChange) => `${c.action} ${c.type} ${c.name} ${c.content}`;
const find = (cs: WhatIfChange[], action: string, type: string, name: string) => {
  const c = cs.find((x) => x.action === action && x.type === type && x.name === name);
  if (!c) throw new Error(`no ${action} ${type} ${name} in ${cs.map(brief).join("; ")}`);
  return c;
};
const codes = (c: WhatIfChange) => c.consequences.map((x) => x.code).sort();
const causeResources = (c: WhatIfChange) => c.causes.map((x) => `${x.code}@${x.resource}`).sort();

describe("what-if on the seed: v0.20.0 → v0.22.0 without pinning the prefix", () => {
  const doc = run({ toVersion: "v0.22.0" });

  it("names both sides and what changed", () => {
    expect(doc.current).toMatchObject({ version: "v0.20.0", annotationPrefix: ALPHA, policy: "sync" });
    expect(doc.next).toMatchObject({ version: "v0.22.0", annotationPrefix: GA, annotationPrefixExplicit: false });
    expect(doc.changed.map((d) => d.kind)).toEqual(["version", "annotation-prefix"]);
  });

  it("deletes the CNAMEs of api, app and legacy and recreates them as A records to the LBIPAM address", () => {
    expect(data(doc.differences).map(brief).sort()).toEqual(
      [
        `delete CNAME api.example.com ${CNAME_TARGET}`,
        `delete CNAME app.example.com ${CNAME_TARGET}`,
        `delete CNAME legacy.example.com ${CNAME_TARGET}`,
        `create A *.example.com ${LBIPAM}`,
        `create A api.example.com ${LBIPAM}`,
        `create A app.example.com ${LBIPAM}`,
        `create A legacy.example.com ${LBIPAM}`,
        `create A web.example.com ${LBIPAM}`,
      ].sort(),
    );
    // old.example.com's delete is planned today already, so it is in both plans, not a difference.
    expect(doc.next.summary.delete).toBe(8);
    expect(doc.current.summary.delete).toBe(2);
    expect(doc.summary).toMatchObject({ differences: 16, create: 10, delete: 6, update: 0 });
  });

  it("drops the ttl and proxied overrides of api (annotations no longer read)", () => {
    const api = find(doc.differences, "create", "A", "api.example.com");
    expect(api.proxied).toBe(true); // --cloudflare-proxied applies; the route's "false" is not read
    expect(api.ttl).toBe(1); // automatic; the route's ttl 300 is not read
    const routeCause = api.causes.find((c) => c.resource === "httproute/default/api")!;
    expect(routeCause.code).toBe("annotation-prefix-changed");
    expect(routeCause.annotations).toEqual([`${ALPHA}cloudflare-proxied`, `${ALPHA}ttl`]);
  });

  it("blames each difference on the annotations of the objects involved", () => {
    expect(causeResources(find(doc.differences, "create", "A", "app.example.com"))).toEqual(["annotation-prefix-changed@gateway/networking/envoy-external"]);
    expect(causeResources(find(doc.differences, "create", "A", "legacy.example.com"))).toEqual(["annotation-prefix-changed@ingress/default/legacy"]);
    const wildcard = find(doc.differences, "create", "A", "*.example.com");
    expect(causeResources(wildcard)).toEqual([
      "annotation-prefix-changed@gateway/networking/envoy-external",
      "annotation-prefix-changed@httproute/networking/envoy-external",
    ]);
    expect(wildcard.causes.find((c) => c.resource === "httproute/networking/envoy-external")!.annotations).toEqual([`${ALPHA}controller`]);
    // Ownership TXT records follow the object their labels name.
    expect(causeResources(find(doc.differences, "delete", "TXT", "k8s.cname-legacy.example.com"))).toEqual(["annotation-prefix-changed@ingress/default/legacy"]);
    // The version's own behaviour changes nothing here: pinning the prefix (below) shows it.
    expect(doc.summary.causes).toEqual({ "annotation-prefix-changed": 16 });
  });

  it("flags the private address, the proxied private address, the wildcard and the type changes", () => {
    expect(codes(find(doc.differences, "create", "A", "*.example.com"))).toEqual(["private-address", "proxied-private-address", "wildcard-appears"]);
    expect(codes(find(doc.differences, "create", "A", "api.example.com"))).toEqual(["private-address", "proxied-private-address", "type-change"]);
    expect(codes(find(doc.differences, "delete", "CNAME", "app.example.com"))).toEqual(["type-change"]);
    expect(codes(find(doc.differences, "create", "A", "web.example.com"))).toEqual(["private-address", "proxied-private-address"]);
    expect(find(doc.differences, "create", "A", "api.example.com").consequences[0].message).toContain("RFC 1918");
    expect(doc.differences.filter((c) => c.type === "TXT").every((c) => c.consequences.length === 0)).toBe(true);
  });

  it("lists today's changes that would no longer happen", () => {
    expect(data(doc.vanishing).map(brief).sort()).toEqual([`create CNAME web.example.com ${CNAME_TARGET}`, `update CNAME app.example.com ${CNAME_TARGET}`]);
  });

  it("offers the Helm values line pinning the prefix and kubectl commands migrating the annotations", () => {
    const [pin, migrate, cleanup] = doc.fixes;
    expect(pin.patch!.yaml).toBe(`annotationPrefix: ${ALPHA}\n`);
    expect(pin.command).toBe(`helm upgrade external-dns external-dns/external-dns --reuse-values --set annotationPrefix=${ALPHA}`);
    expect(pin.description).toContain(`--annotation-prefix=${ALPHA}`);
    expect(migrate.command!.split("\n")).toEqual([
      `kubectl annotate --overwrite gateway -n networking envoy-external ${GA}target=${CNAME_TARGET}`,
      `kubectl annotate --overwrite httproute -n default api ${GA}cloudflare-proxied=false ${GA}ttl=300`,
      `kubectl annotate --overwrite httproute -n networking envoy-external ${GA}controller=none`,
      `kubectl annotate --overwrite ingress -n default legacy ${GA}target=${CNAME_TARGET}`,
    ]);
    expect(migrate.patch!.yaml).toContain(`${GA}ttl: "300"`);
    expect(cleanup.command).toContain(`kubectl annotate httproute -n default api ${ALPHA}cloudflare-proxied- ${ALPHA}ttl-`);
  });

  it("says which order of steps is safe: both prefixes set before the upgrade, or the prefix pinned", () => {
    expect(doc.order.safe.map((s) => s.title)).toEqual(["Pin the prefix, then upgrade", "Migrate first, keeping both prefixes"]);
    expect(doc.order.safe[1].steps[0]).toContain("keeping the external-dns.alpha.kubernetes.io/ ones");
    expect(doc.order.unsafe.join(" ")).toMatch(/Renaming the annotations .* before the upgrade/);
  });

  it("flags deletes of names public DNS resolves today, but not names recreated under another type", () => {
    const withDns = run({ toVersion: "v0.22.0" }, seedObjects, (n) => n === "api.example.com" || n === "gone.example.com");
    expect(codes(find(withDns.differences, "delete", "CNAME", "api.example.com"))).toEqual(["type-change"]);
    // --ingress-class=internal: the legacy Ingress (class external) is no longer read, so its
    // owned CNAME is deleted and the name goes away entirely.
    const gone = run({ args: ["--ingress-class=internal"] }, seedObjects, (n) => n === "legacy.example.com");
    expect(codes(find(gone.differences, "delete", "CNAME", "legacy.example.com"))).toEqual(["resolves-today"]);
    expect(find(gone.differences, "delete", "CNAME", "legacy.example.com").causes).toEqual([
      { code: "flag-changed", flag: "--ingress-class", resource: "config", message: "--ingress-class changes from external to internal" },
    ]);
    // Unknown answers (no lookup) flag nothing.
    const unknown = run({ args: ["--ingress-class=internal"] });
    expect(codes(find(unknown.differences, "delete", "CNAME", "legacy.example.com"))).toEqual([]);
  });
});

describe("what-if on the seed: other moves", () => {
  it("pinning the annotation prefix makes every difference of v0.22.0 vanish", () => {
    const doc = run({ toVersion: "v0.22.0", args: [`--annotation-prefix=${ALPHA}`] });
    expect(doc.next).toMatchObject({ version: "v0.22.0", annotationPrefix: ALPHA, annotationPrefixExplicit: true });
    expect(doc.changed.map((d) => d.kind)).toEqual(["version"]);
    expect(doc.differences).toEqual([]);
    expect(doc.vanishing).toEqual([]);
    expect(doc.order.safe[0].title).toBe("Nothing changes");
  });

  it("v0.20.0 → v0.21.0 changes nothing on the seed (same changes; only the batch order differs)", () => {
    const doc = run({ toVersion: "v0.21.0" });
    expect(doc.changed).toEqual([{ kind: "version", flag: "version", from: "v0.20.0", to: "v0.21.0" }]);
    expect(doc.differences).toEqual([]);
    expect(doc.vanishing).toEqual([]);
  });

  it("v0.20.0 → v0.21.0 shows v0.21's own behaviour: endpoint validation drops an A with an IPv6 target", () => {
    // source/dedup (endpoint.CheckEndpoint) exists from v0.21.0: an A endpoint whose target is not an
    // IPv4 address is dropped; v0.20.0 passed it on (and would try to create it).
    const bad: KubeObject = {
      apiVersion: "externaldns.k8s.io/v1alpha1",
      kind: "DNSEndpoint",
      metadata: { name: "status", namespace: "networking" },
      spec: { endpoints: [{ dnsName: "status.example.com", recordType: "A", targets: ["2001:db8::10"] }] },
    };
    const doc = run({ toVersion: "v0.21.0" }, { ...seedObjects, dnsEndpoints: [...seedObjects.dnsEndpoints, bad] });
    expect(doc.differences).toEqual([]);
    expect(data(doc.vanishing).map(brief)).toEqual(["create A status.example.com 2001:db8::10"]);
    const cause = doc.vanishing.find((c) => c.type === "A")!.causes;
    expect(cause).toHaveLength(1);
    expect(cause[0]).toMatchObject({ code: "version-behaviour", resource: "crd/networking/status" });
    expect(cause[0].message).toContain("invalid-endpoint");
  });

  it("policy sync → upsert-only: today's deletes vanish, nothing new happens", () => {
    const doc = run({ args: ["--policy=upsert-only"] });
    expect(doc.changed).toEqual([{ kind: "flag", flag: "--policy", from: "sync", to: "upsert-only" }]);
    expect(doc.differences).toEqual([]);
    expect(doc.vanishing.map(brief)).toEqual([
      `delete CNAME old.example.com ${CNAME_TARGET}`,
      `delete TXT k8s.cname-old.example.com "heritage=external-dns,external-dns/owner=default,external-dns/resource=httproute/default/old"`,
    ]);
    expect(doc.vanishing[0].causes).toEqual([{ code: "flag-changed", flag: "--policy", resource: "config", message: "--policy changes from sync to upsert-only" }]);
    expect(doc.newlyBlocked.map((r) => r.code)).toEqual(["policy"]);
  });

  it("owner id change: every record becomes another owner's, so nothing is updated or deleted", () => {
    const doc = run({ args: ["--txt-owner-id=prod"] });
    expect(data(doc.vanishing).map(brief).sort()).toEqual([`delete CNAME old.example.com ${CNAME_TARGET}`, `update CNAME app.example.com ${CNAME_TARGET}`]);
    // web.example.com is still created, now claimed by owner "prod".
    expect(doc.differences.map(brief)).toEqual([`create TXT k8s.cname-web.example.com "heritage=external-dns,external-dns/owner=prod,external-dns/resource=httproute/default/web"`]);
    expect(doc.newlyBlocked.filter((r) => r.code === "owned-by-other").map((r) => r.hostnames[0]).sort()).toEqual(["app.example.com", "old.example.com", "shop.example.com"]);
    expect(doc.fixes.map((f) => f.title)).toEqual(["Keep --txt-owner-id=default"]);
    expect(doc.fixes[0].patch!.yaml).toBe("txtOwnerId: default\n");
  });

  it("txt-prefix change: ownership is lost — no deletes, and creates next to the now unowned records are blocked", () => {
    const doc = run({ args: ["--txt-prefix=dns."] });
    expect(doc.next.summary.delete).toBe(0);
    expect(data(doc.vanishing).map(brief).sort()).toEqual([`delete CNAME old.example.com ${CNAME_TARGET}`, `update CNAME app.example.com ${CNAME_TARGET}`]);
    expect(doc.newlyBlocked.filter((r) => r.code === "unowned-record").map((r) => r.hostnames[0]).sort()).toEqual(["app.example.com", "old.example.com", "shop.example.com"]);

    // With the upgrade too, the A records that would replace the CNAMEs are blocked by them.
    const both = run({ toVersion: "v0.22.0", args: ["--txt-prefix=dns."] });
    expect(both.next.summary.delete).toBe(0);
    expect(data(both.differences).map(brief).sort()).toEqual([`create A *.example.com ${LBIPAM}`, `create A web.example.com ${LBIPAM}`]);
    const blockedCreates = both.newlyBlocked.filter((r) => r.code === "unowned-record" && /will not create A/.test(r.message)).map((r) => r.hostnames[0]);
    expect(blockedCreates.sort()).toEqual(["api.example.com", "app.example.com", "legacy.example.com", "shop.example.com"]);
    // The TXT of web is under the new prefix because of the flag, and exists at all because of the prefix switch.
    expect(causeResources(find(both.differences, "create", "TXT", "dns.a-web.example.com"))).toEqual([
      "annotation-prefix-changed@gateway/networking/envoy-external",
      "flag-changed@config",
    ]);
  });

  it("two changes that each alone lose ownership: neither is necessary, so both are blamed (each is sufficient)", () => {
    const doc = run({ args: ["--txt-owner-id=other", "--txt-prefix=x."] });
    expect(doc.changed.map((d) => d.flag)).toEqual(["--txt-owner-id", "--txt-prefix"]);
    expect(doc.vanishing.length).toBeGreaterThan(0);
    for (const c of doc.vanishing) expect(c.causes.map((x) => x.flag).sort()).toEqual(["--txt-owner-id", "--txt-prefix"]);
  });

  it("an unknown version or flag is bad input naming what is wrong", () => {
    expect(() => run({ toVersion: "v0.19.0" })).toThrow(/--to-version: v0.19.0 is not a version dnsdrift models/);
    expect(() => run({ toVersion: "banana" })).toThrow(/not an external-dns version/);
    expect(() => run({ args: ["--no-such-flag=1"] })).toThrow(/--no-such-flag is not an external-dns flag/);
    expect(() => run({ args: ["policy=sync"] })).toThrow(/write it as --flag=value/);
    expect(() => run({ args: ["--policy"] })).toThrow(/--policy needs a value/);
  });
});

describe("today's run handed in (the server passes its computation's)", () => {
  it.each<[string, NextConfigEdits]>([
    ["a version upgrade", { toVersion: "v0.22.0" }],
    ["a flag change", { args: ["--txt-owner-id=other"] }],
    ["a version and a flag", { toVersion: "v0.22.0", args: ["--policy=upsert-only"] }],
  ])("%s: the same document as when the run is made here", (_, edits) => {
    const config = currentConfig(source);
    const next = nextConfig(source, config, edits);
    const current = runPipeline({ config, objects: seedObjects, zones });
    const handed = whatIf({ config, next, objects: seedObjects, zones, current });
    expect(handed).toEqual(whatIf({ config, next, objects: seedObjects, zones }));
    expect(handed.differences.length + handed.vanishing.length).toBeGreaterThan(0);
  });
});

describe("what-if from an instance whose version is unknown", () => {
  // Without the image tag dnsdrift assumes the newest release and withholds every change (it
  // cannot know what an unknown release does); external-dns itself withholds nothing. Naming that
  // same release must not turn every withheld change into a difference.
  const unknown = { ...source, text: source.text.replace(/^image:\n {2}tag: v0\.20\.0\n/m, "") };
  const config = currentConfig(unknown);

  it("has its changes withheld today, as the premise of this case", () => {
    expect(config.issues.some((i) => i.unmodelled && /version unknown/.test(i.message))).toBe(true);
    const today = runPipeline({ config, objects: seedObjects, zones });
    expect(today.recordChanges).toEqual([]);
    expect(today.blocked?.length).toBeGreaterThan(0);
  });

  it("to the release it was assumed to be: nothing differs, and both sides count what external-dns would send", () => {
    const doc = whatIf({ config, next: nextConfig(unknown, config, { toVersion: "v0.22.0" }), objects: seedObjects, zones });
    expect(doc.changed).toEqual([]);
    expect(doc.differences).toEqual([]);
    expect(doc.vanishing).toEqual([]);
    expect(doc.current.summary).toEqual(doc.next.summary);
    expect(doc.current.summary.create).toBeGreaterThan(0);
  });

  it("to an older release: the differences are that release's, with the blocked changes' bookkeeping left out", () => {
    const doc = whatIf({ config, next: nextConfig(unknown, config, { toVersion: "v0.20.0" }), objects: seedObjects, zones });
    expect(doc.changed.map((d) => d.kind)).toEqual(["version", "annotation-prefix"]);
    expect(doc.differences.length).toBeGreaterThan(0);
    for (const c of [...doc.differences, ...doc.vanishing]) expect(c).not.toHaveProperty("blockedBy");
  });

  it("blames the release's behaviour, never dnsdrift's own note that it withheld a change", () => {
    // A target v0.21+ drops as invalid and v0.20.0 publishes: a difference the version makes.
    const bad: KubeObject = {
      apiVersion: "externaldns.k8s.io/v1alpha1",
      kind: "DNSEndpoint",
      metadata: { name: "bad", namespace: "default" },
      spec: { endpoints: [{ dnsName: "bad.example.com", recordType: "A", targets: ["not-an-ip"] }] },
    };
    const objects = { ...seedObjects, dnsEndpoints: [...seedObjects.dnsEndpoints, bad] };
    const doc = whatIf({ config, next: nextConfig(unknown, config, { toVersion: "v0.20.0" }), objects, zones });
    const causes = doc.differences.filter((c) => c.name === "bad.example.com").flatMap((c) => c.causes);
    expect(causes.some((c) => c.code === "version-behaviour")).toBe(true);
    for (const c of causes) expect(c.message).not.toMatch(/withheld|unmodelled/);
  });
});
