// Properties of the whole pipeline over synthetic worlds (bench/engine/generate.ts; with
// Services of every type, one per ten routes, next to the routes, Ingresses and DNSEndpoints):
// (a) convergence — once the record changes of a plan are applied to the zone, planning again
//     changes nothing (external-dns reaches a fixed point after one loop);
// (b) determinism — the same input always gives the same plan JSON, and planning leaves the
//     input untouched.
// Worlds carry realistic drift: missing records, proxied flipped, stale targets, records owned by
// another cluster or by nobody, orphans, legacy-format ownership TXTs.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateWorld, type WorldOptions } from "../bench/engine/generate";
import { NARRATION_CODES, runPipeline } from "../lib/drift/pipeline";
import { planDocument } from "../lib/drift/plan-json";
import { renderPlanText, plainStyle } from "../lib/drift/plan-text";
import type { CloudflareRecord, CloudflareZone, Policy, RecordChange } from "../lib/externaldns/types";

const VERSIONS = ["v0.20.0", "v0.21.0", "v0.22.0"];
const AFFIXES: Array<[string, Pick<WorldOptions, "txtPrefix" | "txtSuffix">]> = [
  ["no affix", { txtPrefix: "" }],
  ["prefix k8s.", { txtPrefix: "k8s." }],
  ["suffix -own", { txtSuffix: "-own" }],
  ["prefix %{record_type}-own.", { txtPrefix: "%{record_type}-own." }],
  ["suffix -%{record_type}", { txtSuffix: "-%{record_type}" }],
];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);

/** A world small enough to plan in a few milliseconds, sized and seeded by fast-check. */
const worldShape = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  routes: fc.integer({ min: 0, max: 40 }),
  extraRecords: fc.integer({ min: 0, max: 30 }),
});

function world(shape: { seed: number; routes: number; extraRecords: number }, opts: Partial<WorldOptions>) {
  // About two records per route (data + TXT), trimmed or padded by the generator.
  return generateWorld({ routes: shape.routes, records: shape.routes * 2 + shape.extraRecords, seed: shape.seed, ...opts });
}

const sameName = (a: string, b: string) => a.toLowerCase().replace(/\.$/, "") === b.toLowerCase().replace(/\.$/, "");

/**
 * Cloudflare after the changes: a create adds a record with a fresh id, an update rewrites the
 * record it names, a delete removes the record with that name, type and content.
 */
function applyRecordChanges(zones: CloudflareZone[], changes: RecordChange[]): CloudflareZone[] {
  const out = zones.map((z) => ({ ...z, records: z.records.map((r) => ({ ...r })) }));
  let next = 0;
  for (const c of changes) {
    const zone = out.find((z) => z.id === c.zoneId || z.name === c.zone);
    if (!zone) throw new Error(`change for unknown zone ${c.zone}`);
    const priority = (c as { priority?: number }).priority;
    if (c.action === "create") {
      // Cloudflare refuses a record identical to an existing one (error 81058).
      if (zone.records.some((r) => r.type === c.type && r.content === c.content && sameName(r.name, c.name))) {
        throw new Error(`create of an existing record ${c.type} ${c.name} ${c.content}`);
      }
      const rec: CloudflareRecord = { id: `applied-${++next}`, type: c.type, name: c.name, content: c.content, proxied: c.proxied ?? false, ttl: c.ttl ?? 1 };
      if (c.comment !== undefined) rec.comment = c.comment;
      if (c.tags !== undefined) rec.tags = [...c.tags];
      if (priority !== undefined) rec.priority = priority;
      zone.records.push(rec);
    } else if (c.action === "update") {
      const rec = zone.records.find((r) => r.id === c.recordId);
      if (!rec) throw new Error(`update of unknown record ${c.recordId}`);
      Object.assign(rec, { content: c.content, proxied: c.proxied ?? false, ttl: c.ttl ?? 1, comment: c.comment ?? null, tags: c.tags ?? [] });
      if (priority !== undefined) rec.priority = priority;
    } else {
      const i = zone.records.findIndex((r) => r.type === c.type && r.content === c.content && sameName(r.name, c.name));
      if (i < 0) throw new Error(`delete of unknown record ${c.type} ${c.name} ${c.content}`);
      zone.records.splice(i, 1);
    }
  }
  return out;
}

/** Hand edits on top of the generated drift, so the zone also holds shapes the generator never writes. */
const editArb = fc.record({
  kind: fc.constantFrom("drop", "proxied", "ttl", "duplicate", "content", "add", "retype", "owner", "txt-variant"),
  at: fc.nat(),
  pick: fc.nat(),
});
type Edit = { kind: string; at: number; pick: number };

const NAMES = ["example.com", "*.example.com", "svc-0.example.com", "svc-1.example.com", "svc-2.apps.example.com", "www-1.example.com", "ing-0.example.com", "crd-0.example.com", "old-0.example.com"];
const CONTENTS: Record<string, string[]> = {
  A: ["10.0.0.10", "10.1.0.10", "172.16.0.0", "192.0.2.1", "203.0.113.9"],
  AAAA: ["2001:db8::1", "2001:db8::2"],
  CNAME: ["lb-2.example.net", "external.example.com", "old-lb.example.net"],
  TXT: ['"v=spf1 -all"', '"heritage=external-dns,external-dns/owner=default"', '"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=httproute/x/y"'],
};
const TYPES = Object.keys(CONTENTS);

/**
 * The zone after the edits. Edits that would leave two identical records (same name, type and
 * content) are skipped: Cloudflare refuses those, so no real zone holds them.
 */
function applyEdits(zones: CloudflareZone[], edits: Edit[], txtNames: string[]): CloudflareZone[] {
  const out = zones.map((z) => ({ ...z, records: z.records.map((r) => ({ ...r })) }));
  const zone = out[0];
  let n = 0;
  const taken = (x: { name: string; type: string; content: string }, self?: CloudflareRecord) =>
    zone.records.some((r) => r !== self && r.type === x.type && r.content === x.content && sameName(r.name, x.name));
  const push = (r: CloudflareRecord) => {
    if (!taken(r)) zone.records.push(r);
  };
  for (const e of edits) {
    const recs = zone.records;
    const r = recs.length > 0 ? recs[e.at % recs.length] : undefined;
    const of = <T,>(xs: T[]) => xs[e.pick % xs.length];
    switch (e.kind) {
      case "drop":
        if (r) recs.splice(recs.indexOf(r), 1);
        break;
      case "proxied":
        if (r && r.type !== "TXT") r.proxied = !r.proxied;
        break;
      case "ttl":
        if (r) r.ttl = of([1, 60, 300, 3600]);
        break;
      case "duplicate":
        // Another record at the same name and type: a second target, maybe proxied differently.
        if (r && CONTENTS[r.type]) push({ ...r, id: `dup-${++n}`, content: of(CONTENTS[r.type]), proxied: e.at % 2 === 0 ? r.proxied : !r.proxied });
        break;
      case "content":
        if (r && CONTENTS[r.type]) {
          const content = of(CONTENTS[r.type]);
          if (!taken({ ...r, content }, r)) r.content = content;
        }
        break;
      case "retype":
        if (r && r.type !== "TXT") {
          const type = of(["A", "AAAA", "CNAME"]);
          const content = of(CONTENTS[type]);
          if (!taken({ name: r.name, type, content }, r)) Object.assign(r, { type, content });
        }
        break;
      case "txt-variant": {
        // An ownership TXT rewritten by hand or by another tool: other owner, no quotes, extra label.
        const txts = recs.filter((x) => x.type === "TXT" && x.content.includes("heritage=external-dns"));
        const t = txts.length > 0 ? txts[e.at % txts.length] : undefined;
        if (!t) break;
        const variants = [
          t.content.replace(/owner=[^,"]*/, "owner=other-cluster"),
          t.content.replace(/^"|"$/g, ""),
          t.content.replace(/"$/, ',external-dns/team=web"'),
        ];
        const content = of(variants);
        if (!taken({ ...t, content }, t)) t.content = content;
        break;
      }
      case "owner":
        // An ownership TXT for some name, owned by us or another cluster.
        push({ id: `own-${++n}`, type: "TXT", name: of(txtNames.length ? txtNames : NAMES), content: of(CONTENTS.TXT.slice(1)), proxied: false, ttl: 1 });
        break;
      default: {
        const type = of(TYPES);
        push({ id: `add-${++n}`, type, name: NAMES[e.at % NAMES.length], content: of(CONTENTS[type]), proxied: e.at % 3 === 0, ttl: 1 });
      }
    }
  }
  return out;
}

function convergence(opts: Partial<WorldOptions>) {
  fc.assert(
    fc.property(worldShape, fc.array(editArb, { maxLength: 6 }), (shape, edits) => {
      const generated = world(shape, opts);
      expect(generated.config.issues.filter((i) => i.severity === "error")).toEqual([]);
      const txtNames = generated.zones[0].records.filter((r) => r.type === "TXT").map((r) => r.name);
      const w = { ...generated, zones: applyEdits(generated.zones, edits, txtNames) };
      const first = runPipeline(w);
      const zones = applyRecordChanges(w.zones, first.recordChanges);
      const second = runPipeline({ config: w.config, objects: w.objects, zones });
      expect(second.recordChanges).toEqual([]);
    }),
    { numRuns: RUNS },
  );
}

describe("planning the result of a plan changes nothing (policy sync)", () => {
  describe.each(VERSIONS)("external-dns %s", (version) => {
    it.each(AFFIXES)("%s", (_, affix) => convergence({ version, policy: "sync", ...affix }));
  });
});

/**
 * The generated world with template-named routes: every third route becomes a GRPCRoute, and
 * --fqdn-template adds a name per route (--combine-fqdn-annotation), so templates and the other
 * route kinds go through plan → apply → re-plan too.
 */
function withTemplates(w: ReturnType<typeof world>): ReturnType<typeof world> {
  const routes = w.objects.routes.map((r, i) => (i % 3 === 2 ? { ...r, kind: "GRPCRoute" } : r));
  const config = {
    ...w.config,
    sources: [...new Set([...w.config.sources, "gateway-grpcroute"])],
    fqdnTemplate: "{{ .Name }}.{{ toLower .Kind }}.example.com",
    combineFqdnAndAnnotation: true,
  };
  return { ...w, config, objects: { ...w.objects, routes } };
}

describe("planning the result of a plan changes nothing (fqdn templates, GRPCRoutes)", () => {
  it.each(VERSIONS)("external-dns %s", (version) => {
    fc.assert(
      fc.property(worldShape, (shape) => {
        const w = withTemplates(world(shape, { version }));
        const first = runPipeline(w);
        expect(first.stopped).toBeUndefined();
        if (w.objects.routes.length > 0) expect(first.reasons.some((r) => r.code === "fqdn-template")).toBe(true);
        const zones = applyRecordChanges(w.zones, first.recordChanges);
        expect(runPipeline({ ...w, zones }).recordChanges).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each<Policy>(["upsert-only", "create-only"])("planning the result of a plan changes nothing (policy %s)", (policy) => {
  it.each(VERSIONS)("external-dns %s", (version) => convergence({ version, policy }));
});

describe("the applied plan is what the first plan promised", () => {
  it("removes every pending change and keeps the records nobody asked to touch", () => {
    fc.assert(
      fc.property(worldShape, fc.constantFrom(...VERSIONS), (shape, version) => {
        const w = world(shape, { version });
        const first = runPipeline(w);
        const zones = applyRecordChanges(w.zones, first.recordChanges);
        const touched = new Set(first.recordChanges.filter((c) => c.recordId).map((c) => c.recordId));
        const after = new Map(zones.flatMap((z) => z.records).map((r) => [r.id, r]));
        for (const r of w.zones.flatMap((z) => z.records)) {
          if (!touched.has(r.id)) expect(after.get(r.id)).toEqual(r);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the worlds exercise the service source", () => {
  it.each(VERSIONS)("external-dns %s: every Service shape yields desired records, and they converge", (version) => {
    const w = world({ seed: 11, routes: 60, extraRecords: 0 }, { version });
    const types = new Set((w.objects.services ?? []).map((s) => (s.spec.clusterIP === "None" ? "Headless" : s.spec.type)));
    expect([...types].sort()).toEqual(["ClusterIP", "ExternalName", "Headless", "LoadBalancer", "NodePort"]);
    const first = runPipeline(w);
    const fromServices = first.desired.filter((d) => (d.labels.resource ?? "").startsWith("service/"));
    // NodePort SRV records are desired, then left alone by the planner (not a managed type by default).
    expect(new Set(fromServices.map((d) => d.recordType))).toEqual(new Set(["A", "CNAME", "SRV"]));
    // The twin LoadBalancer Services on s-0 merge into one record owned by the first.
    expect(fromServices.find((d) => d.dnsName === "s-0.example.com")).toMatchObject({ targets: ["172.20.0.0", "172.21.0.0"], labels: { resource: "service/svc-0/s-0" } });
    const zones = applyRecordChanges(w.zones, first.recordChanges);
    expect(runPipeline({ config: w.config, objects: w.objects, zones }).recordChanges).toEqual([]);
  });
});

describe("determinism", () => {
  it("the same input gives the same plan JSON, and planning does not modify its input", () => {
    fc.assert(
      fc.property(worldShape, fc.constantFrom(...VERSIONS), fc.constantFrom(...AFFIXES.map(([, a]) => a)), (shape, version, affix) => {
        const w = world(shape, { version, ...affix });
        const before = structuredClone(w);
        const a = JSON.stringify(planDocument(runPipeline(w)));
        expect(w).toEqual(before);
        const b = JSON.stringify(planDocument(runPipeline(structuredClone(w))));
        expect(b).toBe(a);
        expect(JSON.stringify(planDocument(runPipeline(world(shape, { version, ...affix }))))).toBe(a);
      }),
      { numRuns: RUNS },
    );
  });

  it("a run without narration (what `dnsdrift plan` asks for) differs only by the narration reasons", () => {
    fc.assert(
      fc.property(worldShape, fc.constantFrom(...VERSIONS), fc.constantFrom(...AFFIXES.map(([, a]) => a)), fc.array(editArb, { maxLength: 6 }), (shape, version, affix, edits) => {
        const generated = world(shape, { version, ...affix });
        const txtNames = generated.zones[0].records.filter((r) => r.type === "TXT").map((r) => r.name);
        const w = { ...generated, zones: applyEdits(generated.zones, edits, txtNames) };
        const full = runPipeline(w);
        const quiet = runPipeline({ ...w, narrate: false });
        expect(quiet.reasons).toEqual(full.reasons.filter((r) => !NARRATION_CODES.has(r.code)));
        expect({ ...quiet, reasons: [] }).toEqual({ ...full, reasons: [] });
        // Both plan outputs print the same.
        expect(JSON.stringify(planDocument(quiet))).toBe(JSON.stringify(planDocument(full)));
        const doc = planDocument(full);
        expect(renderPlanText(doc, quiet.reasons, quiet.config, plainStyle)).toBe(renderPlanText(doc, full.reasons, full.config, plainStyle));
      }),
      { numRuns: RUNS },
    );
  });

  it("the generator is a pure function of its options", () => {
    fc.assert(
      fc.property(worldShape, (shape) => {
        expect(world(shape, {})).toEqual(world(shape, {}));
      }),
      { numRuns: 10 },
    );
  });
});
