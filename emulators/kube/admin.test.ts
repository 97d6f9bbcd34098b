// The /__admin HTTP surface that a demo or e2e test in another process uses.

import * as k8s from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { GW, namespace, route, waitFor } from "./test-helpers";

let emu: KubeEmulator;
beforeEach(async () => {
  emu = await startKubeEmulator({ token: "t", objects: [namespace("apps"), route("seed", "apps")] });
});
afterEach(() => emu.close());

const admin = async (method: string, path: string, body?: string) => {
  const res = await fetch(`${emu.url}/__admin/${path}`, { method, body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
};
const api = async (path: string) => {
  const res = await fetch(`${emu.url}${path}`, { headers: { authorization: "Bearer t" } });
  return { status: res.status, body: JSON.parse(await res.text()) };
};
const routeNames = async () => (await api(`/apis/${GW}/v1/httproutes`)).body.items.map((i: { metadata: { name: string } }) => i.metadata.name);

const YAML = `
apiVersion: ${GW}/v1
kind: HTTPRoute
metadata: {name: a, namespace: apps}
spec: {hostnames: [a.example.com]}
---
apiVersion: v1
kind: List
items:
  - {apiVersion: ${GW}/v1, kind: HTTPRoute, metadata: {name: b, namespace: apps}, spec: {}}
  - {apiVersion: v1, kind: Namespace, metadata: {name: web}}
`;

describe("/__admin", () => {
  it("applies multi-document YAML, reporting what changed", async () => {
    const first = await admin("POST", "objects", YAML);
    expect(first.status).toBe(200);
    expect(first.json().applied.map((a: { kind: string; name: string; changed: boolean }) => `${a.kind}/${a.name}:${a.changed}`)).toEqual(["HTTPRoute/a:true", "HTTPRoute/b:true", "Namespace/web:true"]);
    const again = await admin("POST", "objects", YAML);
    expect(again.json().applied.every((a: { changed: boolean }) => a.changed === false)).toBe(true);
    expect(await routeNames()).toEqual(["a", "b", "seed"]);
  });

  it("accepts JSON bodies", async () => {
    await admin("POST", "objects", JSON.stringify(route("j", "apps")));
    expect(await routeNames()).toContain("j");
  });

  it("rejects malformed input with 400 and a message", async () => {
    const res = await admin("POST", "objects", "kind: HTTPRoute\nmetadata: {}\n");
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/apiVersion, kind and metadata.name/);
  });

  it.each([
    { path: `objects/${GW}/v1/HTTPRoute/apps/seed`, status: 200 },
    { path: "objects/v1/Namespace/_/apps", status: 200 },
    { path: `objects/${GW}/v1/HTTPRoute/apps/nope`, status: 404 },
    { path: "objects/v1/Nope/_/x", status: 404 },
    { path: "objects/too/short", status: 400 },
  ])("DELETE $path → $status", async ({ path, status }) => {
    expect((await admin("DELETE", path)).status).toBe(status);
  });

  it("resets to the seed, to given objects, or to nothing", async () => {
    await admin("POST", "objects", YAML);
    await admin("POST", "faults", JSON.stringify({ type: "error", resource: "namespaces" }));
    await admin("POST", "reset");
    expect(await routeNames()).toEqual(["seed"]);
    expect((await api("/api/v1/namespaces")).status).toBe(200);
    await admin("POST", "reset", JSON.stringify(route("only", "apps")));
    expect(await routeNames()).toEqual(["only"]);
    await admin("POST", "reset?empty=true");
    expect(await routeNames()).toEqual([]);
    expect(emu.objects()).toEqual([]);
  });

  it("injects faults: per-kind errors and forbidden lists", async () => {
    const res = await admin("POST", "faults", JSON.stringify([{ type: "error", resource: "httproutes", code: 500 }]));
    expect(res.json().faults.rules).toHaveLength(1);
    expect((await api(`/apis/${GW}/v1/httproutes`)).status).toBe(500);
    await admin("POST", "faults", JSON.stringify({ type: "clear" }));
    expect((await api(`/apis/${GW}/v1/httproutes`)).status).toBe(200);
    await admin("PUT", "forbidden", JSON.stringify(["list:namespaces"]));
    expect((await api("/api/v1/namespaces")).status).toBe(403);
  });

  it("drops watches and expires history so the next watch from an old resourceVersion gets 410", async () => {
    const rv = emu.resourceVersion;
    const res = await fetch(`${emu.url}/apis/${GW}/v1/httproutes?watch=true&resourceVersion=${rv}`, { headers: { authorization: "Bearer t" } });
    await waitFor(() => emu.stats().watches.open === 1, "watch open");
    await admin("POST", "faults", JSON.stringify({ type: "dropWatches" }));
    expect(await res.text()).toBe(""); // ended cleanly with no events
    await admin("POST", "objects", YAML); // changes while the watch is down…
    await admin("POST", "faults", JSON.stringify({ type: "expireHistory" })); // …that the history then forgets
    const again = await fetch(`${emu.url}/apis/${GW}/v1/httproutes?watch=true&resourceVersion=${rv}`, { headers: { authorization: "Bearer t" } });
    const line = JSON.parse((await again.text()).trim());
    expect(line).toMatchObject({ type: "ERROR", object: { code: 410 } });
  });

  it("refuses connections for a while, then serves again", async () => {
    await admin("POST", "faults", JSON.stringify({ type: "refuseConnections", forMs: 300 }));
    await waitFor(() => !emu.stats().listening, "listener closed");
    await expect(fetch(`${emu.url}/api`)).rejects.toThrow();
    await waitFor(() => emu.stats().listening, "listener reopened", 3000);
    expect((await api("/api")).status).toBe(200);
  });

  it("reports stats and a kubeconfig the real client accepts", async () => {
    await api(`/apis/${GW}/v1/httproutes`);
    await api(`/apis/${GW}/v1/httproutes`);
    const stats = (await admin("GET", "stats")).json();
    expect(stats.objects).toEqual({ namespaces: 1, [`httproutes.${GW}`]: 1 });
    expect(stats.requests.byResource[`list httproutes.${GW}`]).toBe(2);
    expect(stats.resourceVersion).toBe(emu.resourceVersion);
    const kc = new k8s.KubeConfig();
    kc.loadFromString((await admin("GET", "kubeconfig")).text);
    expect(kc.getCurrentCluster()).toMatchObject({ server: emu.url, skipTLSVerify: true });
    const list = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).toEqual(["apps"]);
  });
});
