// Deletes are withheld whenever the desired state may be incomplete: a source or a setting
// dnsdrift does not model, or partial inputs. The seed has one orphaned record (old.example.com,
// owned, wanted by nothing), so each case asks whether its delete is offered or withheld, and why.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRecordsFile } from "../cloudflare/records-file";
import { configFromArgs } from "../externaldns/config";
import { loadManifests } from "../kube/snapshot";
import { runPipeline, type PipelineResult } from "./pipeline";
import { explainHostname, planDocument } from "./plan-json";
import { withholdUncertain } from "./withhold";

const seed = (p: string) => path.resolve(__dirname, "../../examples/seed", p);
const { objects } = loadManifests([seed("manifests")]);
const zones = loadRecordsFile(seed("records.json"));
const SEED_ARGS = [
  "--provider=cloudflare", "--source=crd", "--source=ingress", "--source=gateway-httproute", "--policy=sync", "--registry=txt",
  "--txt-owner-id=default", "--txt-prefix=k8s.", "--domain-filter=example.com", "--ingress-class=external", "--cloudflare-proxied",
  "--gateway-label-filter=external-dns.alpha.kubernetes.io/enabled=true",
];
const flagOf = (arg: string) => arg.split("=")[0];
/** The seed's arguments with `extra` added; a single-value flag in `extra` replaces the seed's. */
const plan = (extra: string[], version: string | null = "v0.20.0"): PipelineResult => {
  const replaced = new Set(extra.map(flagOf).filter((f) => f !== "--source"));
  const args = [...SEED_ARGS.filter((a) => !replaced.has(flagOf(a))), ...extra];
  return runPipeline({ config: configFromArgs(args, { version: version ?? undefined }), objects, zones });
};

const dataDeletes = (r: PipelineResult) => r.recordChanges.filter((c) => c.action === "delete" && !c.ownershipOf).map((c) => c.name);
const heldNames = (r: PipelineResult) => (r.blocked ?? []).map((b) => `${b.action} ${b.type} ${b.name}`).sort();

describe("deletes with what dnsdrift models", () => {
  it("the seed's orphaned record is offered for deletion", () => {
    const r = plan([]);
    expect(dataDeletes(r)).toEqual(["old.example.com"]);
    expect(r.blocked).toBeUndefined();
  });

  it.each([
    ["a modelled Gateway route source", ["--source=gateway-grpcroute"]],
    ["ignored flags", ["--log-level=debug", "--interval=5m", "--events", "--metrics-address=:7979"]],
    ["another provider's options", ["--aws-zone-type=public", "--rfc2136-host=ns1"]],
    ["an option of a source that is not configured", ["--gloo-namespace=gloo", "--pod-source-domain=pods.example.com"]],
    ["the service source (modelled)", ["--source=service"]],
    ["target-net filters (modelled)", ["--exclude-target-net=10.0.0.0/8"]],
  ])("%s: still offered", (_, extra) => {
    expect(dataDeletes(plan(extra))).toEqual(["old.example.com"]);
  });
});

describe("deletes withheld when the desired state may be incomplete", () => {
  // What can only add records (a source, names from templates, NAT64 A records) withholds deletes.
  it.each<[string, string[], string, string, string | null]>([
    ["an unmodelled source", ["--source=istio-gateway"], "unmodelled-source", "--source=istio-gateway", "v0.20.0"],
    ["the node source", ["--source=node"], "unmodelled-source", "--source=node", "v0.20.0"],
    ["NAT64 networks", ["--nat64-networks=64:ff9b::/96"], "unmodelled-config", "--nat64-networks", "v0.20.0"],
  ])("%s → %s naming %s", (_, extra, code, subject, version) => {
    const r = plan(extra, version);
    expect(r.config.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.recordChanges.filter((c) => c.action === "delete")).toEqual([]);
    expect(r.summary.delete).toBe(0);
    expect(heldNames(r)).toEqual(["delete CNAME old.example.com", "delete TXT k8s.cname-old.example.com"]);
    for (const b of r.blocked!) expect(b.blockedBy).toContainEqual(expect.objectContaining({ code, subject }));

    const doc = explainHostname(r, "old.example.com");
    expect(doc.verdict).toBe("blocked");
    expect(doc.reasons).toContainEqual(expect.objectContaining({ code, message: expect.stringContaining("old.example.com") }));
    expect(doc.reasons.map((x) => x.code)).not.toContain("pending-delete");
    expect(planDocument(r).blocked).toHaveLength(2);
  });

  // Anything else may make any change wrong: ownership (registry), the API (provider), the
  // annotation prefix (version), the records themselves (--prefer-alias): every change is withheld.
  it.each<[string, string[], string, string | null]>([
    ["registry noop (everything is owned, no TXT is written)", ["--registry=noop"], "--registry", "v0.20.0"],
    ["another provider", ["--provider=aws"], "--provider", "v0.20.0"],
    ["--prefer-alias", ["--prefer-alias"], "--prefer-alias", "v0.21.0"],
    ["an unknown version (assumed v0.22.0, whose annotation prefix the seed does not use)", [], "version", null],
  ])("%s → nothing is offered, unmodelled-config naming %s", (_, extra, subject, version) => {
    const base = plan([], version ?? "v0.22.0");
    const r = plan(extra, version);
    expect(r.config.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.recordChanges).toEqual([]);
    expect(r.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(r.blocked!.length).toBeGreaterThan(0);
    for (const b of r.blocked!) expect(b.blockedBy).toEqual([expect.objectContaining({ code: "unmodelled-config", subject })]);
    if (extra.length === 0) expect(heldNames(r)).toEqual(heldNames({ ...base, blocked: base.recordChanges.map((c) => ({ ...c, blockedBy: [] })) }));
    const doc = explainHostname(r, "web.example.com");
    expect(doc.changes).toEqual([]);
    expect(doc.reasons).toContainEqual(expect.objectContaining({ code: "unmodelled-config", message: expect.stringMatching(/no change here is offered/) }));
  });

  it("a configuration external-dns refuses to start with changes nothing: every change withheld, config-error", () => {
    const r = plan(["--min-ttl=1m"], "v0.20.0");
    expect(r.recordChanges).toEqual([]);
    expect(r.blocked!.every((b) => b.blockedBy.some((w) => w.code === "config-error" && w.subject === "--min-ttl"))).toBe(true);
  });

  it("creates and updates elsewhere are still planned", () => {
    const r = plan(["--source=istio-gateway"]);
    expect(r.summary).toEqual({ create: 2, update: 1, delete: 0 });
  });

  it("a content replacement is withheld whole: the create does not go without its delete", () => {
    const base = plan([]);
    const replaced = { ...base, recordChanges: [...base.recordChanges, { ...base.recordChanges.find((c) => c.name === "old.example.com")!, action: "create" as const, content: "other.example.com" }] };
    const r = withholdUncertain(replaced, [{ code: "unmodelled-source", subject: "--source=x", message: "x", scope: "deletes" }]);
    expect(r.recordChanges.filter((c) => (c.ownershipOf ?? c.name) === "old.example.com")).toEqual([]);
    expect(heldNames(r)).toEqual(["create CNAME old.example.com", "delete CNAME old.example.com", "delete TXT k8s.cname-old.example.com"]);
  });

  it("an ownership TXT deleted alone (its record is gone) is withheld and explained under the name it claims", () => {
    const base = plan([]);
    const txt = { action: "delete" as const, zone: "example.com", name: "k8s.cname-gone.example.com", type: "TXT", content: '"heritage=external-dns"', ownershipOf: "gone.example.com" };
    const r = withholdUncertain({ ...base, recordChanges: [txt] }, [{ code: "unmodelled-source", subject: "--source=x", message: "x", scope: "deletes" }]);
    expect(r.recordChanges).toEqual([]);
    expect(explainHostname(r, "gone.example.com").reasons).toContainEqual(expect.objectContaining({ code: "unmodelled-source", message: expect.stringContaining("delete TXT k8s.cname-gone.example.com") }));
  });

  it("withholding again (partial data on top) adds its reason to what is already blocked", () => {
    const once = plan(["--source=istio-gateway"]);
    const twice = withholdUncertain(once, [{ code: "partial-data", subject: "cluster", message: "cluster is stale", scope: "deletes" }]);
    expect(twice.blocked!.map((b) => b.blockedBy.map((w) => w.code))).toEqual([
      ["unmodelled-source", "partial-data"],
      ["unmodelled-source", "partial-data"],
    ]);
    expect(explainHostname(twice, "old.example.com").reasons.map((x) => x.code)).toEqual(expect.arrayContaining(["unmodelled-source", "partial-data"]));
  });

  it("nothing to withhold leaves the result as it is", () => {
    const r = plan([]);
    expect(withholdUncertain(r, [])).toBe(r);
  });
});
