// The live cluster reader against the in-process Kubernetes API emulator, with the real
// client-node 1.4: initial lists, watch updates, API version fallback, missing and forbidden
// kinds, an unreachable API server, dropped watches and 410 relists.

import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator, type KubeEmulatorOptions } from "../../emulators/kube/server";
import { runSources } from "../externaldns/source-chain";
import type { ClusterReader, ClusterSnapshot } from "../server/ports";
import { deployment, healthOf, httpRoute, names, readerFor, waitFor, waitForSnapshot } from "../../tests/support/kube-reader";

const SEED_DIR = path.resolve(__dirname, "../../examples/seed/manifests");
const SEED = fs
  .readdirSync(SEED_DIR)
  .sort()
  .map((f) => fs.readFileSync(path.join(SEED_DIR, f), "utf8"))
  .join("\n---\n");

let emu: KubeEmulator | undefined;
let reader: ClusterReader | undefined;
afterEach(async () => {
  await reader?.stop();
  reader = undefined;
  await emu?.close();
  emu = undefined;
});

async function setup(opts: KubeEmulatorOptions = {}, logs: string[] = []) {
  emu = await startKubeEmulator({ objects: SEED, ...opts });
  emu.apply(deployment());
  reader = readerFor(emu, { mode: "discover" }, logs);
  return { emu, reader };
}

const SEED_ROUTES = ["default/api", "default/app", "default/blog", "default/shop", "default/web", "networking/envoy-external", "observability/grafana"];
const routeNames = (s: ClusterSnapshot) => names(s.objects.routes);
const openWatches = () => emu!.stats().watches.open;

describe("cluster reader: initial load", () => {
  it("lists every kind cluster-wide, sets kind/apiVersion on built-in items, and reports ok", async () => {
    const { reader } = await setup();
    await reader.start();
    const s = reader.snapshot();
    expect(s.complete).toBe(true);
    expect(names(s.objects.gateways)).toEqual(["networking/envoy-external", "networking/envoy-internal"]);
    expect(routeNames(s)).toEqual(SEED_ROUTES);
    expect(names(s.objects.ingresses)).toEqual(["default/admin", "default/legacy"]);
    expect(names(s.objects.dnsEndpoints)).toEqual(["networking/cloudflared"]);
    expect(names(s.objects.namespaces)).toEqual(["default", "networking", "observability"]);
    // The API leaves kind/apiVersion out of built-in list items; the engine classifies by them.
    expect(s.objects.ingresses.map((o) => [o.kind, o.apiVersion])).toEqual([
      ["Ingress", "networking.k8s.io/v1"],
      ["Ingress", "networking.k8s.io/v1"],
    ]);
    expect(s.objects.namespaces[0]).toMatchObject({ kind: "Namespace", apiVersion: "v1" });
    expect(s.objects.routes[0]).toMatchObject({ kind: "HTTPRoute", apiVersion: "gateway.networking.k8s.io/v1" });
    expect(s.health.map((h) => [h.id, h.status])).toEqual([
      ["cluster", "ok"],
      ["cluster/gateways", "ok"],
      ["cluster/httproutes", "ok"],
      ["cluster/ingresses", "ok"],
      ["cluster/dnsendpoints", "ok"],
      ["cluster/namespaces", "ok"],
      ["cluster/deployments", "ok"],
    ]);
    expect(healthOf(s, "cluster/httproutes").label).toBe("HTTPRoutes (gateway.networking.k8s.io/v1)");
    expect(healthOf(s, "cluster").fetchedAt).not.toBeNull();
    expect(s.instances.map((i) => i.id)).toEqual(["networking/external-dns"]);
  });

  it("reads pages of a large list through the continue token", async () => {
    emu = await startKubeEmulator({ objects: SEED });
    for (let i = 0; i < 7; i++) emu.apply(httpRoute(`r${i}`, "paged"));
    const { kubeConfigFor } = await import("../../emulators/kube/test-helpers");
    const { createClusterReader } = await import("./reader");
    reader = createClusterReader({ kubeConfig: kubeConfigFor(emu), discovery: { mode: "discover" }, pageSize: 2, debounceMs: 20 });
    await reader.start();
    expect(routeNames(reader.snapshot()).filter((n) => n.startsWith("paged/"))).toHaveLength(7);
    expect(emu.stats().requests.recent.some((r) => r.verb === "list" && /continue=/.test(r.query ?? ""))).toBe(true);
  });

  it("falls back to v1beta1 when the Gateway API serves no v1", async () => {
    const logs: string[] = [];
    const { reader } = await setup({ gatewayApiVersions: ["v1beta1"] }, logs);
    await reader.start();
    const s = reader.snapshot();
    expect(healthOf(s, "cluster/gateways")).toMatchObject({ status: "ok", label: "Gateways (gateway.networking.k8s.io/v1beta1)" });
    expect(healthOf(s, "cluster/httproutes")).toMatchObject({ status: "ok", label: "HTTPRoutes (gateway.networking.k8s.io/v1beta1)" });
    expect(s.objects.gateways.map((g) => g.apiVersion)).toEqual(["gateway.networking.k8s.io/v1beta1", "gateway.networking.k8s.io/v1beta1"]);
    expect(routeNames(s)).toHaveLength(SEED_ROUTES.length);
    expect(logs.some((l) => l.includes("v1 is not served, reading gateway.networking.k8s.io/v1beta1"))).toBe(true);
    // And watches run at v1beta1 too.
    emu!.apply(httpRoute("late", "default"));
    await waitForSnapshot(reader, (x) => routeNames(x).includes("default/late"), "v1beta1 watch event");
  });

  it("reports a CRD that is not installed as missing with no objects, the others loaded, and the snapshot incomplete", async () => {
    const { reader } = await setup({ crds: { dnsendpoints: false } });
    await reader.start();
    const s = reader.snapshot();
    expect(healthOf(s, "cluster/dnsendpoints")).toMatchObject({ status: "missing", error: { code: "crd-missing" } });
    expect(healthOf(s, "cluster/dnsendpoints").error?.message).toMatch(/CRD is not installed/);
    expect(s.objects.dnsEndpoints).toEqual([]);
    expect(healthOf(s, "cluster/httproutes").status).toBe("ok");
    expect(routeNames(s)).toHaveLength(SEED_ROUTES.length);
    expect(healthOf(s, "cluster").status).toBe("missing");
    expect(s.complete).toBe(false);
  });

  it("records which versions a route CRD serves: a release that lists TLSRoutes at another one cannot start the source", async () => {
    // A Gateway API install whose TLSRoute CRD serves v1alpha2 only (before Gateway API v1.5).
    emu = await startKubeEmulator({ objects: SEED, crds: { tlsroutes: ["v1alpha2"] } });
    const args = ["--source=gateway-tlsroute", "--provider=cloudflare", "--policy=sync", "--registry=txt", "--txt-owner-id=default"];
    emu.apply(deployment({ name: "edns-v22", image: "registry.k8s.io/external-dns/external-dns:v0.22.0", args }));
    emu.apply(deployment({ name: "edns-v21", image: "registry.k8s.io/external-dns/external-dns:v0.21.0", args }));
    emu.apply({
      apiVersion: "gateway.networking.k8s.io/v1alpha2",
      kind: "TLSRoute",
      metadata: { name: "db", namespace: "default" },
      spec: { parentRefs: [{ name: "envoy-external", namespace: "networking" }], hostnames: ["db.example.com"] },
    });
    reader = readerFor(emu);
    await reader.start();
    const s = await waitForSnapshot(reader, (x) => x.instances.length === 2 && x.objects.routes.some((r) => r.kind === "TLSRoute"), "TLSRoute read");
    expect(healthOf(s, "cluster/tlsroutes")).toMatchObject({ status: "ok", label: "TLSRoutes (gateway.networking.k8s.io/v1alpha2)" });
    expect(s.objects.servedVersions?.TLSRoute).toEqual(["v1alpha2"]);
    expect(s.objects.servedVersions?.Gateway).toEqual(["v1", "v1beta1"]);
    const byVersion = Object.fromEntries(s.instances.map((i) => [i.config.version.raw, runSources(s.objects, i.config)]));
    // v0.22.0 lists v1: its informer never syncs and external-dns exits.
    expect(byVersion["v0.22.0"].error).toContain("failed to sync *v1.TLSRoute after 1m0s");
    expect(byVersion["v0.22.0"].reasons.map((r) => r.code)).toContain("route-version-not-served");
    // v0.21.0 lists v1alpha2, which is served.
    expect(byVersion["v0.21.0"].error).toBeUndefined();
    expect(byVersion["v0.21.0"].reasons.map((r) => r.code)).not.toContain("route-version-not-served");
  });

  it("reports a forbidden kind as an error and the snapshot as incomplete, other kinds still loaded", async () => {
    const { reader } = await setup({ forbidden: ["httproutes"] });
    await reader.start();
    const s = reader.snapshot();
    expect(healthOf(s, "cluster/httproutes")).toMatchObject({ status: "error", error: { code: "forbidden" } });
    expect(healthOf(s, "cluster/httproutes").error?.message).toMatch(/forbidden/i);
    expect(s.objects.routes).toEqual([]);
    expect(names(s.objects.gateways)).toHaveLength(2);
    expect(healthOf(s, "cluster/gateways").status).toBe("ok");
    expect(healthOf(s, "cluster")).toMatchObject({ status: "error", error: { code: "forbidden" } });
    expect(s.complete).toBe(false);
    // RBAC fixed: the retry picks it up without a restart.
    emu!.setForbidden([]);
    const fixed = await waitForSnapshot(reader, (x) => x.complete, "forbidden kind recovers");
    expect(routeNames(fixed)).toHaveLength(SEED_ROUTES.length);
  });
});

describe("cluster reader: watch updates", () => {
  it("applies add, modify and delete to the snapshot and calls onChange (debounced)", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    let calls = 0;
    reader.onChange(() => calls++);
    const before = reader.snapshot();

    emu.apply(httpRoute("new", "default", ["new.example.com"]));
    await waitFor(() => calls > 0, "onChange after add");
    const added = reader.snapshot();
    expect(added).not.toBe(before);
    expect(added.objects.routes.find((r) => r.metadata.name === "new")?.spec.hostnames).toEqual(["new.example.com"]);

    emu.apply(httpRoute("new", "default", ["changed.example.com"]));
    await waitForSnapshot(reader, (s) => s.objects.routes.find((r) => r.metadata.name === "new")?.spec.hostnames[0] === "changed.example.com", "modify");

    const callsBefore = calls;
    emu.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "new");
    await waitFor(() => calls > callsBefore, "onChange after delete");
    expect(routeNames(reader.snapshot())).not.toContain("default/new");
  });

  it("coalesces a burst of events into few onChange calls", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    let calls = 0;
    reader.onChange(() => calls++);
    for (let i = 0; i < 20; i++) emu.apply(httpRoute(`burst${i}`, "default"));
    await waitForSnapshot(reader, (s) => routeNames(s).filter((n) => n.includes("burst")).length === 20, "burst");
    await new Promise((r) => setTimeout(r, 60));
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(20);
  });

  it("watches cluster-wide, including namespaces created after start", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    emu.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team-b", labels: { team: "b" } } });
    emu.apply({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "b", namespace: "team-b" },
      spec: { rules: [{ host: "b.example.com" }] },
    });
    const s = await waitForSnapshot(reader, (x) => names(x.objects.ingresses).includes("team-b/b") && names(x.objects.namespaces).includes("team-b"), "new namespace");
    expect(s.objects.namespaces.find((n) => n.metadata.name === "team-b")).toMatchObject({ kind: "Namespace", metadata: { labels: { team: "b" } } });
  });

  it("stops every watch on stop()", async () => {
    const { reader } = await setup();
    await reader.start();
    expect(openWatches()).toBe(6); // 5 kinds + deployments
    await reader.stop();
    await waitFor(() => openWatches() === 0, "watches closed");
  });
});

describe("cluster reader: failures and recovery", () => {
  it("starts against an unreachable API server, reports it, and recovers when it comes back", async () => {
    const { emu, reader } = await setup();
    await emu.setFault({ type: "refuseConnections" });
    await reader.start(); // does not throw
    const down = reader.snapshot();
    expect(healthOf(down, "cluster/httproutes")).toMatchObject({ status: "error", error: { code: "unreachable" } });
    expect(healthOf(down, "cluster/deployments")).toMatchObject({ status: "error", error: { code: "unreachable" } });
    expect(healthOf(down, "cluster").status).toBe("error");
    expect(down.complete).toBe(false);

    await emu.setFault({ type: "acceptConnections" });
    const up = await waitForSnapshot(reader, (s) => s.complete && healthOf(s, "cluster").status === "ok", "recovery", 8000);
    expect(routeNames(up)).toHaveLength(SEED_ROUTES.length);
    expect(up.instances).toHaveLength(1);
  });

  it("survives the API server going away later and catches up with changes made meanwhile", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    await emu.setFault({ type: "refuseConnections" });
    await waitForSnapshot(reader, (s) => healthOf(s, "cluster/httproutes").status === "error", "unreachable after drop");
    const down = reader.snapshot();
    expect(healthOf(down, "cluster/httproutes").error?.code).toBe("unreachable");
    expect(down.complete).toBe(false);
    expect(routeNames(down)).toHaveLength(SEED_ROUTES.length); // last known objects are kept

    emu.apply(httpRoute("while-down", "default"));
    emu.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "blog");
    await emu.setFault({ type: "acceptConnections" });
    const up = await waitForSnapshot(reader, (s) => s.complete && routeNames(s).includes("default/while-down"), "caught up", 8000);
    expect(routeNames(up)).not.toContain("default/blog");
    expect(healthOf(up, "cluster/httproutes").status).toBe("ok");
  });

  it("restarts the informers after an abrupt watch disconnect (client-node stops them)", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    emu.dropWatches({ abrupt: true });
    const dropped = await waitForSnapshot(reader, (s) => healthOf(s, "cluster/httproutes").status === "stale", "stale");
    expect(healthOf(dropped, "cluster/httproutes").error?.code).toBe("watch-dropped");
    expect(dropped.complete).toBe(true); // stale data, not partial data
    emu.apply(httpRoute("after-drop", "default"));
    emu.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "web");
    const s = await waitForSnapshot(reader, (x) => routeNames(x).includes("default/after-drop") && healthOf(x, "cluster").status === "ok", "recovered");
    expect(routeNames(s)).not.toContain("default/web");
    await waitFor(() => openWatches() === 6, "all watches back");
  });

  it("resumes after a clean end of the watch streams without relisting", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    const lists = () => emu.stats().requests.byResource["list httproutes.gateway.networking.k8s.io"] ?? 0;
    const listsBefore = lists();
    emu.dropWatches();
    emu.apply(httpRoute("after-clean-drop", "default"));
    await waitForSnapshot(reader, (x) => routeNames(x).includes("default/after-clean-drop"), "replayed event");
    await waitForSnapshot(reader, (x) => healthOf(x, "cluster/httproutes").status === "ok", "ok again");
    expect(lists()).toBe(listsBefore);
  });

  it("relists after 410 Gone and ends up consistent", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    emu.dropWatches();
    emu.apply(httpRoute("after-410", "default"));
    emu.apply(httpRoute("app", "default", ["moved.example.com"]));
    emu.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "shop");
    emu.expireHistory();
    const s = await waitForSnapshot(
      reader,
      (x) => routeNames(x).includes("default/after-410") && !routeNames(x).includes("default/shop"),
      "relist after 410",
    );
    expect(s.objects.routes.find((r) => r.metadata.name === "app")?.spec.hostnames).toEqual(["moved.example.com"]);
    await waitForSnapshot(reader, (x) => healthOf(x, "cluster").status === "ok" && x.complete, "ok after relist");
    emu.apply(httpRoute("post-relist", "default"));
    await waitForSnapshot(reader, (x) => routeNames(x).includes("default/post-relist"), "events after relist");
  });

  it("asks discovery again when a CRD-backed kind answers 404, and re-lists it", async () => {
    const { emu, reader } = await setup();
    await reader.start();
    const discoveryCalls = () => emu.stats().requests.recent.filter((r) => r.path === "/apis/externaldns.k8s.io/v1alpha1").length;
    const before = discoveryCalls();
    await emu.setFault({ type: "error", resource: "dnsendpoints", verbs: ["watch"], code: 404, times: 1 });
    emu.dropWatches({ abrupt: true });
    await waitFor(() => discoveryCalls() > before, "discovery asked again");
    const s = await waitForSnapshot(reader, (x) => healthOf(x, "cluster/dnsendpoints").status === "ok" && x.objects.dnsEndpoints.length === 1, "dnsendpoints back");
    expect(names(s.objects.dnsEndpoints)).toEqual(["networking/cloudflared"]);
  });

  it("retries a failing list with backoff and recovers when the server answers again", async () => {
    const { emu, reader } = await setup();
    await emu.setFault({ type: "error", resource: "ingresses", verbs: ["list"], code: 500, times: 2 });
    await reader.start();
    expect(healthOf(reader.snapshot(), "cluster/ingresses")).toMatchObject({ status: "error", error: { code: "server-error" } });
    const s = await waitForSnapshot(reader, (x) => healthOf(x, "cluster/ingresses").status === "ok", "ingresses recover");
    expect(names(s.objects.ingresses)).toEqual(["default/admin", "default/legacy"]);
  });
});
