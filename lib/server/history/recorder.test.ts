import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRecordsFile } from "../../cloudflare/records-file";
import { parseConfigText } from "../../externaldns/config";
import { loadManifests } from "../../kube/snapshot";
import { staticCloudflareReader, staticClusterReader } from "../static-readers";
import { World, type Computed } from "../world";
import { HistoryRecorder, snapshotDigest } from "./recorder";
import { HistoryStore } from "./store";

const seed = path.resolve(__dirname, "../../../examples/seed");
let computed: Computed;

beforeAll(async () => {
  const config = parseConfigText(fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), "values.yaml");
  const { objects } = loadManifests([path.join(seed, "manifests")]);
  const cluster = staticClusterReader(objects, [{ id: "networking/external-dns", origin: "config-file", config }]);
  const world = new World({ cluster, cloudflare: staticCloudflareReader(loadRecordsFile(path.join(seed, "records.json"))) });
  computed = await world.current();
});

const open = () => HistoryStore.open(":memory:", { days: 3650, rows: 10_000 });

describe("HistoryRecorder", () => {
  it("records the first refresh's drift from unknown, then nothing while nothing changes", async () => {
    const store = open();
    const rec = new HistoryRecorder({ store });
    await rec.observe(computed);
    const first = store.count();
    expect(store.list({ hostname: "web.example.com", limit: 10 }).filter((e) => !e.type)).toMatchObject([{ from: "unknown", to: "missing" }]);
    await rec.observe({ ...computed, generatedAt: new Date(Date.parse(computed.generatedAt) + 30_000).toISOString() });
    expect(store.count()).toBe(first);
  });

  it("ignores refreshes from partial or stale data", async () => {
    const store = open();
    const rec = new HistoryRecorder({ store });
    await rec.observe({ ...computed, complete: false });
    expect(store.count()).toBe(0);
    expect(store.lastSnapshot("networking/external-dns")).toBeUndefined();
  });

  it("hands the stored entries on, and keeps going when attribution sources fail", async () => {
    const store = open();
    const seen: string[] = [];
    const rec = new HistoryRecorder({
      store,
      sources: () => ({ recordActor: () => Promise.reject(new Error("boom")) }),
      onEntries: (entries) => {
        seen.push(...entries.map((e) => e.hostname));
      },
    });
    await rec.observe(computed);
    expect(seen).toContain("app.example.com");
    const app = store.list({ hostname: "app.example.com", limit: 10 }).find((e) => e.type === "CNAME")!;
    expect(app.causes.find((c) => c.code === "record-seen")?.actor).toBe("actor unknown: Error");
  });

  it("starts a computation's pass only when settle lets it, and records the computation's time", async () => {
    const store = open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const rec = new HistoryRecorder({ store, settle: () => gate });
    const done = rec.observe(computed);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(store.count()).toBe(0);
    release();
    await done;
    expect(store.count()).toBeGreaterThan(0);
    expect(store.lastSnapshot("networking/external-dns")?.at).toBe(computed.generatedAt);
  });

  it("takes the pass a step at a time, each step when pause lets it", async () => {
    const store = open();
    let pauses = 0;
    let gate: (() => void) | undefined;
    const rec = new HistoryRecorder({
      store,
      settle: () => Promise.resolve(),
      pause: () => {
        pauses++;
        return new Promise<void>((r) => (gate = r));
      },
    });
    const done = rec.observe(computed);
    // The pass waits at each pause: nothing is stored while the loop is never idle.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect([pauses, store.count()]).toEqual([1, 0]);
    for (let i = 0; i < 200 && store.count() === 0; i++) {
      gate?.();
      await new Promise((r) => setImmediate(r));
    }
    await done;
    expect(store.count()).toBeGreaterThan(0);
    // The snapshot's steps, the serialisation and the diff each waited for their turn.
    expect(pauses).toBeGreaterThan(8);
  });

  it("stores the snapshot again only when it changed, also against the stored one after a restart", async () => {
    const store = open();
    await new HistoryRecorder({ store }).observe(computed);
    const id = "networking/external-dns";
    const firstAt = store.lastSnapshot(id)!.at;
    const later = (s: number) => ({ ...computed, generatedAt: new Date(Date.parse(computed.generatedAt) + s * 1000).toISOString() });
    // A new recorder has no snapshot in memory: it compares with the stored one.
    const restarted = new HistoryRecorder({ store });
    await restarted.observe(later(30));
    expect(store.lastSnapshot(id)!.at).toBe(firstAt);
    // A public-DNS verdict is a facet: the snapshot differs, with or without a transition.
    const withDoh = new HistoryRecorder({ store, doh: (_i, host) => (host === "web.example.com" ? "missing" : undefined) });
    await withDoh.observe(later(60));
    expect(store.lastSnapshot(id)!.at).toBe(later(60).generatedAt);
    await withDoh.observe(later(90));
    expect(store.lastSnapshot(id)!.at).toBe(later(60).generatedAt);
  });
});

describe("HistoryRecorder without the last snapshot in memory", () => {
  const id = "networking/external-dns";
  const later = (s: number) => ({ ...computed, generatedAt: new Date(Date.parse(computed.generatedAt) + s * 1000).toISOString() });
  const counting = (store: HistoryStore) => {
    let reads = 0;
    const lastSnapshot = store.lastSnapshot.bind(store);
    store.lastSnapshot = (instance: string) => {
      reads++;
      return lastSnapshot(instance);
    };
    return () => reads;
  };

  it("reads the previous snapshot from the database only when the new one differs", async () => {
    const store = open();
    const reads = counting(store);
    const lookup: { verdict?: string } = {};
    const rec = new HistoryRecorder({ store, doh: (_i, host) => (host === "web.example.com" ? lookup.verdict : undefined) });
    await rec.observe(computed);
    const afterFirst = reads();
    await rec.observe(later(30));
    expect(reads()).toBe(afterFirst);
    lookup.verdict = "missing";
    await rec.observe(later(60));
    expect(reads()).toBe(afterFirst + 1);
    expect(store.lastSnapshot(id)!.at).toBe(later(60).generatedAt);
  });

  it("finds a pass's transitions again when writing them failed", async () => {
    const store = open();
    let verdict = "missing";
    const rec = new HistoryRecorder({ store, log: () => {}, doh: (_i, host) => (host === "web.example.com" ? verdict : undefined) });
    await rec.observe(computed);
    const before = store.count();
    const record = store.record.bind(store);
    store.record = () => {
      throw new Error("disk full");
    };
    verdict = "in-sync";
    await rec.observe(later(30));
    expect(store.count()).toBe(before);
    store.record = record;
    await rec.observe(later(60));
    const web = store.list({ hostname: "web.example.com", limit: 10 }).filter((e) => !e.type);
    expect(web[0]).toMatchObject({ from: "missing (doh: missing)", to: "missing (doh: in-sync)", at: later(60).generatedAt });
    expect(store.lastSnapshot(id)!.at).toBe(later(60).generatedAt);
  });
});

describe("snapshotDigest", () => {
  const base = { items: { "a.example.com": { hostname: "a.example.com", state: "missing", facets: {}, reasons: [], objects: [] } }, objects: { "httproute/ns/a": { '["spec","hostnames"]': '["a.example.com"]' } } };
  it("is the same for equal content and differs when any item or object fact changes", () => {
    expect(snapshotDigest(JSON.parse(JSON.stringify(base)))).toBe(snapshotDigest(base));
    const cases = [
      { ...base, items: { "a.example.com": { ...base.items["a.example.com"], state: "in-sync" } } },
      { ...base, objects: { "httproute/ns/a": { '["spec","hostnames"]': '["b.example.com"]' } } },
      { ...base, objects: {} },
      // Where a key ends and the next begins matters: items and objects are not one bag.
      { items: {}, objects: { ...base.objects, ...base.items } },
    ];
    for (const c of cases) expect(snapshotDigest(c as typeof base)).not.toBe(snapshotDigest(base));
  });
});
