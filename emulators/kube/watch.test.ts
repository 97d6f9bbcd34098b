// Watch streams as client-node's Watch sees them: replay, live events, bookmarks, selectors,
// 410 for an expired resourceVersion, timeouts, and streams that stay open.

import * as k8s from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator, type KubeEmulatorOptions } from "./server";
import { GW, kubeConfigFor, namespace, route, waitFor } from "./test-helpers";

interface Seen {
  type: string;
  name?: string;
  rv?: string;
  apiVersion?: string;
  object: { metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; code?: number; reason?: string; apiVersion?: string };
}

let emu: KubeEmulator | undefined;
let controller: AbortController | undefined;
afterEach(async () => {
  controller?.abort();
  controller = undefined;
  await emu?.close();
  emu = undefined;
});

async function watch(e: KubeEmulator, path: string, query: Record<string, string | number | boolean | undefined>) {
  const events: Seen[] = [];
  const done: { err?: unknown; called: boolean } = { called: false };
  controller = await new k8s.Watch(kubeConfigFor(e)).watch(
    path,
    query,
    (type, object: Seen["object"]) => events.push({ type, name: object.metadata?.name, rv: object.metadata?.resourceVersion, apiVersion: object.apiVersion, object }),
    (err) => Object.assign(done, { err, called: true }),
  );
  return { events, done };
}

async function start(opts: KubeEmulatorOptions = {}) {
  emu = await startKubeEmulator({ objects: [namespace("apps"), route("r1", "apps")], ...opts });
  return emu;
}

const PATH = `/apis/${GW}/v1/namespaces/apps/httproutes`;

describe("watch", () => {
  it("replays changes after the given resourceVersion, then streams live changes in order", async () => {
    const e = await start();
    const from = String(e.resourceVersion);
    e.apply(route("r2", "apps"));
    e.apply(route("other", "elsewhere")); // another namespace: not on this watch
    const w = await watch(e, PATH, { resourceVersion: from });
    await waitFor(() => w.events.length === 1, "replayed event");
    e.apply(route("r2", "apps", { hostnames: ["changed.example.com"] }));
    e.remove(`${GW}/v1`, "HTTPRoute", "apps", "r1");
    await waitFor(() => w.events.length === 3, "live events");
    expect(w.events.map((ev) => `${ev.type} ${ev.name}`)).toEqual(["ADDED r2", "MODIFIED r2", "DELETED r1"]);
    const rvs = w.events.map((ev) => Number(ev.rv));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(rvs[2]).toBe(e.resourceVersion); // a DELETED event carries the deletion's resourceVersion
    expect(w.done.called).toBe(false);
  });

  it("without a resourceVersion starts with ADDED for the current state", async () => {
    const e = await start();
    const w = await watch(e, `/apis/${GW}/v1beta1/httproutes`, {});
    await waitFor(() => w.events.length === 1, "initial state");
    expect(w.events[0]).toMatchObject({ type: "ADDED", name: "r1", apiVersion: `${GW}/v1beta1` });
  });

  it("keeps the stream open without traffic and sends BOOKMARKs only when allowed", async () => {
    const e = await start({ bookmarkIntervalMs: 40 });
    const rv = String(e.resourceVersion);
    const quiet = await watch(e, PATH, { resourceVersion: rv });
    const marked = await watch(e, PATH, { resourceVersion: rv, allowWatchBookmarks: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(quiet.done.called).toBe(false);
    expect(quiet.events).toEqual([]);
    expect(marked.done.called).toBe(false);
    expect(marked.events.length).toBeGreaterThanOrEqual(3);
    expect(marked.events.every((ev) => ev.type === "BOOKMARK" && ev.rv === rv)).toBe(true);
    expect(e.stats().watches.open).toBe(2);
  });

  it("ends the stream when timeoutSeconds elapses", async () => {
    const e = await start();
    const w = await watch(e, PATH, { resourceVersion: String(e.resourceVersion), timeoutSeconds: 1 });
    await waitFor(() => w.done.called, "timeout", 3000);
    expect(w.done.err).toBeNull();
  });

  it("answers an expired resourceVersion with an ERROR event carrying a 410 Status, then ends", async () => {
    const e = await start();
    const old = String(e.resourceVersion);
    e.apply(route("r2", "apps"));
    e.expireHistory();
    const w = await watch(e, PATH, { resourceVersion: old });
    await waitFor(() => w.done.called, "stream end");
    expect(w.done.err).toBeNull();
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe("ERROR");
    expect(w.events[0].object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
    expect(e.stats().watches.expired).toBe(1);
  });

  it("answers 410 once the bounded history has dropped the requested range", async () => {
    const e = await start({ historyLimit: 3 });
    const old = String(e.resourceVersion);
    for (let i = 0; i < 5; i++) e.apply(route(`x${i}`, "apps"));
    const w = await watch(e, PATH, { resourceVersion: old });
    await waitFor(() => w.done.called, "stream end");
    expect(w.events.map((ev) => ev.type)).toEqual(["ERROR"]);
  });

  it("reports objects entering and leaving a label selection as ADDED and DELETED", async () => {
    const e = await start();
    const w = await watch(e, PATH, { resourceVersion: String(e.resourceVersion), labelSelector: "pick=yes" });
    e.apply(route("r1", "apps", { labels: { pick: "yes" } }));
    e.apply(route("r1", "apps", { labels: { pick: "yes" }, hostnames: ["x.example.com"] }));
    e.apply(route("r1", "apps", { labels: { pick: "no" } }));
    e.apply(route("r9", "apps"));
    await waitFor(() => w.events.length === 3, "selection events");
    await new Promise((r) => setTimeout(r, 50));
    expect(w.events.map((ev) => `${ev.type} ${ev.name}`)).toEqual(["ADDED r1", "MODIFIED r1", "DELETED r1"]);
  });

  it.each([{ abrupt: false }, { abrupt: true }])("dropWatches(abrupt: $abrupt) ends open streams", async ({ abrupt }) => {
    const e = await start();
    const w = await watch(e, PATH, { resourceVersion: String(e.resourceVersion) });
    await waitFor(() => e.stats().watches.open === 1, "watch registered");
    expect(e.dropWatches({ abrupt })).toBe(1);
    await waitFor(() => w.done.called, "done");
    if (abrupt) expect(w.done.err).toBeInstanceOf(Error);
    else expect(w.done.err).toBeNull();
    expect(e.stats().watches).toMatchObject({ open: 0, dropped: 1 });
  });

  it("sends the initial-events-end bookmark for sendInitialEvents", async () => {
    const e = await start();
    const w = await watch(e, PATH, { sendInitialEvents: true, allowWatchBookmarks: true, resourceVersionMatch: "NotOlderThan" });
    await waitFor(() => w.events.length === 2, "initial events");
    expect(w.events[0]).toMatchObject({ type: "ADDED", name: "r1" });
    expect(w.events[1].type).toBe("BOOKMARK");
    expect(w.events[1].object.metadata?.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
  });
});
