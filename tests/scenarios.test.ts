// Whole-pipeline scenarios, one folder each under tests/scenarios/: an external-dns config,
// cluster manifests and Cloudflare records in, the expected plan and explain verdicts out
// (`case.yaml`). The expectations are written by hand from external-dns's documented
// behaviour, never generated from dnsdrift's own output.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfigText } from "../lib/externaldns/config";
import { loadManifests } from "../lib/kube/snapshot";
import { loadRecordsFile } from "../lib/cloudflare/records-file";
import { runPipeline } from "../lib/drift/pipeline";
import { explainHostname, planDocument } from "../lib/drift/plan-json";
import type { RecordChange } from "../lib/externaldns/types";

interface CaseFile {
  description: string;
  config: string;
  manifests: string[];
  records: string;
  overrides?: { version?: string; annotationPrefix?: string };
  expect: {
    summary: { create: number; update: number; delete: number };
    changes?: Array<Partial<RecordChange>>;
    desired?: Array<{ name: string; type: string; targets: string[]; ttl: number; proxied: boolean; resource: string }>;
    explain?: Record<string, { verdict: string; codes?: string[]; absentCodes?: string[] }>;
    /** Changes withheld because the desired state may be incomplete, with the codes saying why. */
    blocked?: Array<{ action: string; name: string; type: string; codes: string[] }>;
  };
}

const root = path.join(__dirname, "scenarios");
const cases = fs
  .readdirSync(root)
  .filter((d) => fs.existsSync(path.join(root, d, "case.yaml")))
  .sort();

const CHANGE_FIELDS = ["action", "zone", "name", "type", "content", "proxied", "ttl", "previous"] as const;

function comparable(c: Partial<RecordChange>) {
  const out: Record<string, unknown> = {};
  for (const f of CHANGE_FIELDS) {
    // A delete is identified by name, type and content; what it had does not matter.
    if (c[f] === undefined || (c.action === "delete" && (f === "proxied" || f === "ttl"))) continue;
    out[f] = f === "previous" ? { content: c.previous!.content, proxied: c.previous!.proxied, ttl: c.previous!.ttl } : c[f];
  }
  return out;
}

const key = (v: unknown) => JSON.stringify(v);
const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

/** Phase order of the Cloudflare batch API (v0.21+): deletes, then updates, then creates, per zone. */
function phaseOrderHolds(changes: RecordChange[], batch: boolean): boolean {
  const rank = batch ? { delete: 0, update: 1, create: 2 } : { create: 0, update: 1, delete: 2 };
  const byZone = new Map<string, number[]>();
  for (const c of changes) byZone.set(c.zone, [...(byZone.get(c.zone) ?? []), rank[c.action]]);
  return [...byZone.values()].every((ranks) => ranks.every((r, i) => i === 0 || ranks[i - 1] <= r));
}

describe.each(cases)("scenario %s", (name) => {
  const dir = path.join(root, name);
  const spec = parse(fs.readFileSync(path.join(dir, "case.yaml"), "utf8")) as CaseFile;
  const resolve = (p: string) => path.resolve(dir, p);
  const config = parseConfigText(fs.readFileSync(resolve(spec.config), "utf8"), spec.config, spec.overrides);
  const { objects } = loadManifests(spec.manifests.map(resolve));
  const zones = loadRecordsFile(resolve(spec.records));
  const result = runPipeline({ config, objects, zones });
  const plan = planDocument(result);

  it(`plans ${spec.expect.summary.create} creates, ${spec.expect.summary.update} updates, ${spec.expect.summary.delete} deletes`, () => {
    expect(plan.summary).toEqual(spec.expect.summary);
  });

  if (spec.expect.changes) {
    it("plans exactly the expected record changes", () => {
      expect(sorted(plan.changes.map(comparable))).toEqual(sorted(spec.expect.changes!.map(comparable)));
    });
  }

  it("withholds exactly the expected changes", () => {
    const blocked = (plan.blocked ?? []).map((b) => ({ action: b.action, name: b.name, type: b.type, codes: b.blockedBy.map((w) => w.code) }));
    expect(sorted(blocked)).toEqual(sorted(spec.expect.blocked ?? []));
  });

  it("orders changes the way the Cloudflare provider sends them", () => {
    const batch = config.version.major > 0 || config.version.minor >= 21;
    expect(phaseOrderHolds(plan.changes, batch)).toBe(true);
  });

  if (spec.expect.desired) {
    it("computes the expected desired records", () => {
      expect(sorted(plan.desired.map((d) => ({ ...d, targets: [...d.targets].sort() })))).toEqual(
        sorted(spec.expect.desired!.map((d) => ({ ...d, targets: [...d.targets].sort() }))),
      );
    });
  }

  for (const [host, want] of Object.entries(spec.expect.explain ?? {})) {
    it(`explains ${host} as ${want.verdict}`, () => {
      const doc = explainHostname(result, host);
      const codes = doc.reasons.map((r) => r.code);
      expect({ verdict: doc.verdict, codes }).toEqual({
        verdict: want.verdict,
        codes: expect.arrayContaining(want.codes ?? []),
      });
      for (const absent of want.absentCodes ?? []) expect(codes).not.toContain(absent);
    });
  }
});
