// The world's cache: one computation shared by every reader; once it is old, readers get the last
// one at once while a single refresh runs behind them; forced reads wait for fresh data.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRecordsFile } from "../cloudflare/records-file";
import { parseConfigText } from "../externaldns/config";
import { loadManifests } from "../kube/snapshot";
import type { CloudflareReader, ClusterReader, ClusterSnapshot } from "./ports";
import { staticCloudflareReader, staticClusterReader } from "./static-readers";
import { World } from "./world";

const seed = path.resolve(__dirname, "../../examples/seed");

function setup() {
  const config = parseConfigText(fs.readFileSync(path.join(seed, "values.yaml"), "utf8"), "values.yaml");
  const { objects } = loadManifests([path.join(seed, "manifests")]);
  const inner = staticCloudflareReader(loadRecordsFile(path.join(seed, "records.json")));
  let loads = 0;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const cloudflare: CloudflareReader = {
    ...inner,
    load: async () => {
      loads++;
      if (gate) await gate;
      return inner.load();
    },
  };
  // A cluster reader like the live one: it hands out the same snapshot until something changes,
  // and tells listeners about a change later than it happened (its notices are debounced).
  let snap: ClusterSnapshot = staticClusterReader(objects, [{ id: "external-dns", origin: "config-file", config }]).snapshot();
  const listeners = new Set<() => void>();
  const cluster: ClusterReader = {
    start: async () => {},
    snapshot: () => snap,
    onChange: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    stop: async () => {},
  };
  let clock = 1_000_000;
  const world = new World({
    cluster,
    cloudflare,
    maxAgeMs: 30_000,
    now: () => clock,
  });
  return {
    world,
    loads: () => loads,
    advance: (ms: number) => (clock += ms),
    /** A change notice; `changed` also gives the reader a new snapshot (a real change). */
    notify: (changed: boolean) => {
      if (changed) snap = { ...snap, objects: { ...snap.objects } };
      for (const fn of listeners) fn();
    },
    hold: () => (gate = new Promise<void>((r) => (release = r))),
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

describe("World.current", () => {
  it("answers from the last computation while one refresh runs, then from the new one", async () => {
    const t = setup();
    const first = await t.world.current();
    expect(t.loads()).toBe(1);
    expect(await t.world.current()).toBe(first);

    t.advance(31_000);
    t.hold();
    const during = await Promise.all(Array.from({ length: 50 }, () => t.world.current()));
    expect(during.every((c) => c === first)).toBe(true);
    expect(t.loads()).toBe(2);

    t.release();
    await new Promise((r) => setTimeout(r, 20));
    const next = await t.world.current();
    expect(next).not.toBe(first);
    expect(t.loads()).toBe(2);
  });

  it("makes a forced read wait for fresh data", async () => {
    const t = setup();
    const first = await t.world.current();
    const forced = await t.world.current({ force: true });
    expect(forced).not.toBe(first);
    expect(t.loads()).toBe(2);
  });

  it("waits for the very first computation", async () => {
    const t = setup();
    t.hold();
    const pending = t.world.current();
    let done = false;
    void pending.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    t.release();
    expect((await pending).instances).toHaveLength(1);
  });

  it("does not compute again for a change notice about data the last computation already read", async () => {
    const t = setup();
    const first = await t.world.current();
    t.notify(false);
    expect(await t.world.current()).toBe(first);
    await new Promise((r) => setTimeout(r, 20));
    expect(await t.world.current()).toBe(first);

    t.notify(true);
    expect(await t.world.current()).toBe(first); // answered from the last one while the next runs
    await new Promise((r) => setTimeout(r, 50));
    const next = await t.world.current();
    expect(next).not.toBe(first);
    expect(await t.world.current()).toBe(next);
  });

  it("counts a change noticed while Cloudflare is listed as part of the snapshot taken after it", async () => {
    // At start-up the informers' initial lists are noticed (debounced) while the first refresh
    // lists Cloudflare; the snapshot taken after that already holds them.
    const t = setup();
    t.hold();
    const pending = t.world.current();
    await new Promise((r) => setTimeout(r, 10));
    t.notify(true);
    t.release();
    const first = await pending;
    expect(await t.world.current()).toBe(first);
    await new Promise((r) => setTimeout(r, 20));
    expect(await t.world.current()).toBe(first);
    expect(t.loads()).toBe(1);
  });
});
