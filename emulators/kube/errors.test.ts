// Failure answers as the real client sees them: missing CRDs, RBAC, auth, injected faults.

import * as k8s from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator, type KubeEmulatorOptions } from "./server";
import { apiError, GW, kubeConfigFor, namespace, route } from "./test-helpers";

let emu: KubeEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(opts: KubeEmulatorOptions = {}) {
  emu = await startKubeEmulator({ objects: [namespace("apps"), route("r1", "apps")], ...opts });
  return { emu, custom: kubeConfigFor(emu).makeApiClient(k8s.CustomObjectsApi) };
}

const DNSENDPOINTS = { group: "externaldns.k8s.io", version: "v1alpha1", plural: "dnsendpoints" };

describe("a CRD that is not installed", () => {
  it("answers list with 404 and a NotFound Status, surfacing as ApiException code 404", async () => {
    const { custom } = await start({ crds: { dnsendpoints: false } });
    const err = await apiError(custom.listClusterCustomObject(DNSENDPOINTS));
    expect(err.code).toBe(404);
    expect(err.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server could not find the requested resource",
      reason: "NotFound",
      details: {},
      code: 404,
    });
  });

  it("is absent from discovery while the rest of its peers stay", async () => {
    const { emu } = await start({ crds: { dnsendpoints: false, listenersets: false } });
    const groups = (await (await fetch(`${emu.url}/apis`)).json()) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).not.toContain("externaldns.k8s.io");
    expect((await fetch(`${emu.url}/apis/externaldns.k8s.io/v1alpha1`)).status).toBe(404);
    const gw = (await (await fetch(`${emu.url}/apis/${GW}/v1`)).json()) as { resources: { name: string }[] };
    const served = gw.resources.map((r) => r.name);
    expect(served).toContain("httproutes");
    expect(served).not.toContain("listenersets");
  });

  it("fails a watch with a non-200 status the Watch reports as statusCode 404", async () => {
    const { emu } = await start({ crds: { dnsendpoints: false } });
    const err = await new Promise<{ statusCode?: number }>((resolve) => {
      void new k8s.Watch(kubeConfigFor(emu)).watch("/apis/externaldns.k8s.io/v1alpha1/dnsendpoints", {}, () => {}, resolve);
    });
    expect(err.statusCode).toBe(404);
  });

  it.each<{ crds: Record<string, boolean | string[]>; version: string; code: number }>([
    { crds: { tlsroutes: ["v1alpha2"] }, version: "v1", code: 404 },
    { crds: { tlsroutes: ["v1alpha2"] }, version: "v1alpha2", code: 200 },
    { crds: { [GW]: false }, version: "v1", code: 404 },
  ])("per-version install switch $crds at $version → $code", async ({ crds, version, code }) => {
    const { emu } = await start({ crds });
    expect((await fetch(`${emu.url}/apis/${GW}/${version}/tlsroutes`)).status).toBe(code);
  });
});

describe("RBAC denial", () => {
  it("answers 403 with a Forbidden Status naming the user, verb and scope", async () => {
    const { custom } = await start({ forbidden: ["httproutes"], token: "t" });
    const err = await apiError(custom.listNamespacedCustomObject({ group: GW, version: "v1", namespace: "apps", plural: "httproutes" }));
    expect(err.code).toBe(403);
    expect(err.body).toMatchObject({
      reason: "Forbidden",
      code: 403,
      details: { group: GW, kind: "httproutes" },
      message: `httproutes.${GW} is forbidden: User "system:serviceaccount:dnsdrift:dnsdrift" cannot list resource "httproutes" in API group "${GW}" in the namespace "apps"`,
    });
  });

  it.each([
    { rule: "watch:httproutes", verb: "list", code: 200 },
    { rule: "watch:httproutes", verb: "watch", code: 403 },
    { rule: "HTTPRoute", verb: "list", code: 403 },
    { rule: `list:httproutes.${GW}`, verb: "list", code: 403 },
    { rule: "list:gateways", verb: "list", code: 200 },
  ])("rule $rule on $verb → $code", async ({ rule, verb, code }) => {
    const { emu } = await start({ forbidden: [rule] });
    const res = await fetch(`${emu.url}/apis/${GW}/v1/httproutes${verb === "watch" ? "?watch=true&timeoutSeconds=1" : ""}`);
    expect(res.status).toBe(code);
    await res.body?.cancel();
  });
});

describe("bearer token", () => {
  it("rejects a wrong token with 401 and accepts the right one", async () => {
    emu = await startKubeEmulator({ token: "right", objects: [namespace("apps")] });
    const wrong = kubeConfigFor(emu, "wrong").makeApiClient(k8s.CoreV1Api);
    expect((await apiError(wrong.listNamespace())).code).toBe(401);
    const right = kubeConfigFor(emu).makeApiClient(k8s.CoreV1Api);
    expect((await right.listNamespace()).items).toHaveLength(1);
    const anonymous = await fetch(`${emu.url}/api/v1/namespaces`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });
});

describe("injected faults", () => {
  it("fails one kind with 500 for the next N requests only", async () => {
    const { emu, custom } = await start();
    await emu.setFault({ type: "error", resource: "httproutes", verbs: ["list"], code: 500, times: 2 });
    const args = { group: GW, version: "v1", plural: "httproutes" };
    expect((await apiError(custom.listClusterCustomObject(args))).code).toBe(500);
    expect((await apiError(custom.listClusterCustomObject(args))).body).toMatchObject({ reason: "InternalError", code: 500 });
    await expect(custom.listClusterCustomObject(args)).resolves.toMatchObject({ kind: "HTTPRouteList" });
  });

  it("leaves other kinds alone and clears on request", async () => {
    const { emu, custom } = await start();
    await emu.setFault({ type: "error", resource: "httproutes", code: 503 });
    await expect(custom.listClusterCustomObject({ group: GW, version: "v1", plural: "gateways" })).resolves.toBeTruthy();
    expect((await apiError(custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes" }))).code).toBe(503);
    emu.clearFaults();
    await expect(custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes" })).resolves.toBeTruthy();
  });

  it("adds latency", async () => {
    const { emu } = await start();
    await emu.setFault({ type: "latency", ms: 150, resource: "httproutes" });
    const t0 = Date.now();
    await fetch(`${emu.url}/apis/${GW}/v1/httproutes`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("expires continue tokens with history: the next page is 410 Expired", async () => {
    const { emu, custom } = await start({ objects: [namespace("apps"), route("a", "apps"), route("b", "apps")] });
    const first = (await custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes", limit: 1 })) as { metadata: { continue: string } };
    emu.expireHistory();
    const err = await apiError(custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes", limit: 1, _continue: first.metadata.continue }));
    expect(err.code).toBe(410);
    expect(err.body).toMatchObject({ reason: "Expired" });
  });

  it("refuses connections while stopped and serves again afterwards, on the same port", async () => {
    const { emu, custom } = await start();
    const port = emu.port;
    await emu.setFault({ type: "refuseConnections" });
    await expect(custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes" })).rejects.toThrow(/ECONNREFUSED/);
    await emu.setFault({ type: "acceptConnections" });
    expect(emu.port).toBe(port);
    await expect(custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes" })).resolves.toBeTruthy();
  });
});
