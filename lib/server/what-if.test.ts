// The server's what-if document on the seed: computed once per query and inputs (a refresh that
// changed nothing reuses it), and requests that arrive while it computes (the What-if page asks
// for its outline and its lists at once) wait for that one computation instead of starting their
// own.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRecordsFile } from "../cloudflare/records-file";
import { runPipeline } from "../drift/pipeline";
import { currentConfig } from "../drift/what-if/config-source";
import { loadManifests } from "../kube/snapshot";
import type { DohService } from "./doh";
import { whatIfResponse, WhatIfRequestError } from "./what-if";
import type { Computed, InstanceResult } from "./world";

const seed = path.join(__dirname, "../../examples/seed");
const source = { kind: "text" as const, text: fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), file: "values.yaml" };
const objects = loadManifests([path.join(seed, "manifests")]).objects;
const zones = loadRecordsFile(path.join(seed, "records.json"));
const config = currentConfig(source);
const result = runPipeline({ config, objects, zones });
const doh = { lastLookup: () => undefined } as unknown as DohService;

function computed(generatedAt: string, withZones = zones, withObjects = objects): { c: Computed; ir: InstanceResult } {
  const ir: InstanceResult = { instance: { id: "seed", origin: "config-file", config, source }, result };
  return { c: { generatedAt, complete: true, sources: [], instances: [ir], cloudflareCalls: 0, zones: withZones, objects: withObjects }, ir };
}

describe("whatIfResponse", () => {
  it("shares one computation between requests that arrive while it runs, and keeps its result", async () => {
    const { c, ir } = computed("2026-12-06T01:00:00.000Z");
    const q = { toVersion: "v0.22.0", args: [] };
    const [a, b, d] = await Promise.all([whatIfResponse(c, ir, q, doh), whatIfResponse(c, ir, q, doh), whatIfResponse(c, ir, q, doh)]);
    expect(b).toBe(a);
    expect(d).toBe(a);
    expect(await whatIfResponse(c, ir, q, doh)).toBe(a);
    expect(a.summary.differences).toBeGreaterThan(0);
  });

  it("computes again for another query, and for a later computation only when its inputs changed", async () => {
    const { c, ir } = computed("2026-12-06T02:00:00.000Z");
    const q = { toVersion: "v0.22.0", args: [] };
    const [a, pinned] = await Promise.all([whatIfResponse(c, ir, q, doh), whatIfResponse(c, ir, { ...q, args: ["--annotation-prefix=external-dns.alpha.kubernetes.io/"] }, doh)]);
    expect(pinned).not.toBe(a);
    expect(pinned.differences).toEqual([]);
    // A refresh lists the zones again: new arrays, same records. Nothing to compute again.
    const relisted = computed("2026-12-06T02:00:30.000Z", zones.map((z) => ({ ...z, records: z.records.map((r) => ({ ...r })) })));
    expect(await whatIfResponse(relisted.c, relisted.ir, q, doh)).toBe(a);
    // A record gone from Cloudflare, or a cluster snapshot of its own: computed again.
    const fewer = computed("2026-12-06T02:01:00.000Z", zones.map((z) => ({ ...z, records: z.records.slice(1) })));
    expect(await whatIfResponse(fewer.c, fewer.ir, q, doh)).not.toBe(a);
    const resnapped = computed("2026-12-06T02:01:30.000Z", zones, { ...objects });
    expect(await whatIfResponse(resnapped.c, resnapped.ir, q, doh)).not.toBe(a);
  });

  it("gives every waiter the refusal of a bad query, and tries again on the next request", async () => {
    const { c, ir } = computed("2026-12-06T03:00:00.000Z");
    const q = { toVersion: "v0.19.0", args: [] };
    const all = await Promise.allSettled([whatIfResponse(c, ir, q, doh), whatIfResponse(c, ir, q, doh)]);
    for (const r of all) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WhatIfRequestError);
    }
    await expect(whatIfResponse(c, ir, q, doh)).rejects.toThrow(/v0\.19\.0 is not a version dnsdrift models/);
  });
});
