// client-node's makeInformer against the emulator: events after apply/remove, and an informer
// that ends up consistent after its watch was dropped (replay) or its history expired (410 → relist).

import * as k8s from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { GW, kubeConfigFor, namespace, route, waitFor } from "./test-helpers";

type Obj = k8s.KubernetesObject & { spec?: { hostnames?: string[] } };

let emu: KubeEmulator | undefined;
type CachingInformer = k8s.Informer<Obj> & k8s.ObjectCache<Obj>;
let informer: CachingInformer | undefined;
afterEach(async () => {
  await informer?.stop();
  informer = undefined;
  await emu?.close();
  emu = undefined;
});

async function startInformer(e: KubeEmulator) {
  const kc = kubeConfigFor(e);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const path = `/apis/${GW}/v1/httproutes`;
  const inf = k8s.makeInformer<Obj>(kc, path, () => custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes" }));
  const log: string[] = [];
  const errors: unknown[] = [];
  inf.on("add", (o) => log.push(`add ${o.metadata?.namespace}/${o.metadata?.name}`));
  inf.on("update", (o) => log.push(`update ${o.metadata?.namespace}/${o.metadata?.name}`));
  inf.on("delete", (o) => log.push(`delete ${o.metadata?.namespace}/${o.metadata?.name}`));
  inf.on("error", (err) => errors.push(err));
  informer = inf;
  await inf.start();
  await waitFor(() => e.stats().watches.open === 1, "informer watch open");
  return { inf, log, errors };
}

/** namespace/name → first hostname, from the informer's cache. */
function cache(inf: CachingInformer): Record<string, string | undefined> {
  return Object.fromEntries(
    inf
      .list()
      .map((o) => [`${o.metadata?.namespace}/${o.metadata?.name}`, o.spec?.hostnames?.[0]] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const requests = (e: KubeEmulator, verb: string) => e.stats().requests.byResource[`${verb} httproutes.${GW}`] ?? 0;

describe("makeInformer", () => {
  it("receives ADDED/MODIFIED/DELETED for apply and remove", async () => {
    emu = await startKubeEmulator({ objects: [namespace("apps"), route("r1", "apps")] });
    const { inf, log } = await startInformer(emu);
    expect(log).toEqual(["add apps/r1"]);
    emu.apply(route("r2", "apps"));
    emu.apply(route("r1", "apps", { hostnames: ["new.example.com"] }));
    emu.remove(`${GW}/v1`, "HTTPRoute", "apps", "r2");
    await waitFor(() => log.length === 4, "informer events");
    expect(log).toEqual(["add apps/r1", "add apps/r2", "update apps/r1", "delete apps/r2"]);
    expect(cache(inf)).toEqual({ "apps/r1": "new.example.com" });
  });

  it("does not spin: one watch stays open while nothing happens", async () => {
    emu = await startKubeEmulator({ objects: [route("r1", "apps")] });
    await startInformer(emu);
    await new Promise((r) => setTimeout(r, 400));
    expect(requests(emu, "watch")).toBe(1);
    expect(requests(emu, "list")).toBe(1);
  });

  it("survives dropWatches: re-watches from its resourceVersion and catches up without a relist", async () => {
    emu = await startKubeEmulator({ objects: [route("r1", "apps"), route("r2", "apps")] });
    const { inf, log, errors } = await startInformer(emu);
    emu.dropWatches();
    // These happen while no watch is connected; only the history can deliver them.
    emu.apply(route("r3", "apps"));
    emu.apply(route("r1", "apps", { hostnames: ["moved.example.com"] }));
    emu.remove(`${GW}/v1`, "HTTPRoute", "apps", "r2");
    await waitFor(() => log.length === 5, "replayed events");
    expect(cache(inf)).toEqual({ "apps/r1": "moved.example.com", "apps/r3": "r3.example.com" });
    expect(log.slice(2)).toEqual(["add apps/r3", "update apps/r1", "delete apps/r2"]);
    expect(errors).toEqual([]);
    expect(requests(emu, "list")).toBe(1);
    await waitFor(() => emu!.stats().watches.open === 1, "re-watch");
    const watches = emu.stats().requests.recent.filter((r) => r.verb === "watch");
    expect(watches[1].query).toMatch(/resourceVersion=\d+/);
  });

  it("relists after a 410 and ends up consistent with changes made while the watch was down", async () => {
    emu = await startKubeEmulator({ objects: [route("r1", "apps"), route("r2", "apps"), route("r3", "web")] });
    const { inf, log, errors } = await startInformer(emu);
    emu.dropWatches();
    emu.apply(route("r4", "web"));
    emu.apply(route("r1", "apps", { hostnames: ["moved.example.com"] }));
    emu.remove(`${GW}/v1`, "HTTPRoute", "apps", "r2");
    emu.remove(`${GW}/v1`, "HTTPRoute", "web", "r3");
    emu.expireHistory();
    await waitFor(() => requests(emu!, "list") === 2, "relist");
    await waitFor(() => emu!.stats().watches.open === 1, "watch after relist");
    expect(emu.stats().watches.expired).toBe(1);
    expect(cache(inf)).toEqual({ "apps/r1": "moved.example.com", "web/r4": "r4.example.com" });
    expect(log.slice(3).sort()).toEqual(["add web/r4", "delete apps/r2", "delete web/r3", "update apps/r1"]);
    expect(errors).toEqual([]);
    // And it keeps working after the relist.
    emu.apply(route("r5", "apps"));
    await waitFor(() => cache(inf)["apps/r5"] !== undefined, "post-relist event");
  });

  it("stops on an abrupt disconnect (error callback) and is consistent again after start()", async () => {
    emu = await startKubeEmulator({ objects: [route("r1", "apps")] });
    const { inf, errors } = await startInformer(emu);
    emu.dropWatches({ abrupt: true });
    await waitFor(() => errors.length === 1, "error callback");
    emu.apply(route("r2", "apps"));
    await new Promise((r) => setTimeout(r, 100));
    expect(emu.stats().watches.open).toBe(0); // the informer does not restart by itself
    await inf.start();
    await waitFor(() => Object.keys(cache(inf)).length === 2, "resync");
    expect(cache(inf)).toEqual({ "apps/r1": "r1.example.com", "apps/r2": "r2.example.com" });
  });
});
