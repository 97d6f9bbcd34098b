// Listing through the real @kubernetes/client-node 1.4: paths, paging, selectors, versions.

import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { apiError, GW, kubeConfigFor, namespace, route } from "./test-helpers";

const SEED = `
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Namespace, metadata: {name: apps, labels: {team: a}}}
  - {apiVersion: v1, kind: Namespace, metadata: {name: web}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site, namespace: web, annotations: {external-dns.alpha.kubernetes.io/hostname: site.example.com}}
spec: {rules: [{host: site.example.com}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: external-dns, namespace: kube-system, labels: {app.kubernetes.io/name: external-dns}}
spec:
  template:
    spec:
      containers: [{name: external-dns, image: registry.k8s.io/external-dns/external-dns:v0.21.0, args: [--source=gateway-httproute, --provider=cloudflare]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: other, namespace: kube-system, labels: {app.kubernetes.io/name: other}}
spec: {}
`;

const ROUTES = [
  route("r1", "apps", { labels: { tier: "front" } }),
  route("r2", "apps", { labels: { tier: "back" } }),
  route("r3", "apps"),
  route("r4", "web", { labels: { tier: "front" } }),
  route("r5", "web"),
];

let emu: KubeEmulator;
let custom: k8s.CustomObjectsApi;

type RawList = { kind: string; apiVersion: string; metadata: { resourceVersion: string; continue?: string }; items: { metadata: { name: string; namespace: string } }[] };

beforeAll(async () => {
  emu = await startKubeEmulator({ objects: SEED });
  emu.apply(ROUTES);
  custom = kubeConfigFor(emu).makeApiClient(k8s.CustomObjectsApi);
});
afterAll(() => emu.close());

const names = (l: RawList) => l.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`);

describe("CustomObjectsApi", () => {
  it("lists cluster-wide with server metadata and the list resourceVersion", async () => {
    const list = (await custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes" })) as RawList;
    expect(list.kind).toBe("HTTPRouteList");
    expect(names(list)).toEqual(["apps/r1", "apps/r2", "apps/r3", "web/r4", "web/r5"]);
    expect(list.metadata.resourceVersion).toBe(String(emu.resourceVersion));
    const meta = list.items[0].metadata as Record<string, unknown>;
    expect(meta).toMatchObject({ generation: 1 });
    expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(meta.resourceVersion)).toBeGreaterThan(0);
  });

  it.each([
    { scope: "cluster-wide", ns: undefined, want: ["apps/r1", "apps/r2", "apps/r3", "web/r4", "web/r5"] },
    { scope: "namespaced", ns: "apps", want: ["apps/r1", "apps/r2", "apps/r3"] },
  ])("pages $scope with limit/continue and a stable resourceVersion", async ({ ns, want }) => {
    const seen: string[] = [];
    const rvs = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const args = { group: GW, version: "v1", plural: "httproutes", limit: 2, _continue: token };
      const page = (ns
        ? await custom.listNamespacedCustomObject({ ...args, namespace: ns })
        : await custom.listClusterCustomObject(args)) as RawList;
      seen.push(...names(page));
      rvs.add(page.metadata.resourceVersion);
      token = page.metadata.continue;
      pages++;
      if (pages === 1) emu.apply(route("r0", "apps")); // a change mid-paging must not leak into later pages
    } while (token);
    expect(seen).toEqual(want);
    expect(pages).toBe(Math.ceil(want.length / 2));
    expect(rvs.size).toBe(1);
    emu.remove(`${GW}/v1`, "HTTPRoute", "apps", "r0");
  });

  it.each([
    { selector: "tier=front", want: ["apps/r1", "web/r4"] },
    { selector: "tier!=front", want: ["apps/r2", "apps/r3", "web/r5"] },
    { selector: "tier in (front,back)", want: ["apps/r1", "apps/r2", "web/r4"] },
    { selector: "!tier", want: ["apps/r3", "web/r5"] },
  ])("filters by labelSelector $selector", async ({ selector, want }) => {
    const list = (await custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes", labelSelector: selector })) as RawList;
    expect(names(list)).toEqual(want);
  });

  it.each([
    { selector: "metadata.name=r2", want: ["apps/r2"] },
    { selector: "metadata.namespace=web", want: ["web/r4", "web/r5"] },
    { selector: "metadata.namespace!=web,metadata.name!=r1", want: ["apps/r2", "apps/r3"] },
  ])("filters by fieldSelector $selector", async ({ selector, want }) => {
    const list = (await custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes", fieldSelector: selector })) as RawList;
    expect(names(list)).toEqual(want);
  });

  it("rejects an unsupported field selector with 400", async () => {
    const err = await apiError(custom.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes", fieldSelector: "spec.x=1" }));
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ kind: "Status", reason: "BadRequest", message: "field label not supported: spec.x" });
  });

  it("serves the same objects at v1beta1 with the apiVersion rewritten", async () => {
    const list = (await custom.listNamespacedCustomObject({ group: GW, version: "v1beta1", namespace: "web", plural: "httproutes" })) as { apiVersion: string; items: { apiVersion: string }[] };
    expect(list.apiVersion).toBe(`${GW}/v1beta1`);
    expect(list.items.map((i) => i.apiVersion)).toEqual([`${GW}/v1beta1`, `${GW}/v1beta1`]);
  });

  it("gets one object by namespaced path and 404s a missing one with a Status body", async () => {
    const obj = (await custom.getNamespacedCustomObject({ group: GW, version: "v1", namespace: "apps", plural: "httproutes", name: "r2" })) as { metadata: { labels: object } };
    expect(obj.metadata.labels).toEqual({ tier: "back" });
    const err = await apiError(custom.getNamespacedCustomObject({ group: GW, version: "v1", namespace: "apps", plural: "httproutes", name: "nope" }));
    expect(err.code).toBe(404);
    expect(err.body).toMatchObject({ reason: "NotFound", message: `httproutes.${GW} "nope" not found`, details: { name: "nope", group: GW, kind: "httproutes" } });
  });
});

describe("typed APIs", () => {
  it("NetworkingV1Api.listIngressForAllNamespaces returns typed ingresses", async () => {
    const api = kubeConfigFor(emu).makeApiClient(k8s.NetworkingV1Api);
    const list = await api.listIngressForAllNamespaces();
    expect(list.items.map((i) => i.metadata?.name)).toEqual(["site"]);
    expect(list.items[0].spec?.rules?.[0].host).toBe("site.example.com");
    expect(list.metadata?.resourceVersion).toBe(String(emu.resourceVersion));
  });

  it("typed paging exposes the token as metadata._continue", async () => {
    const api = kubeConfigFor(emu).makeApiClient(k8s.CoreV1Api);
    const first = await api.listNamespace({ limit: 1 });
    expect(first.items.map((n) => n.metadata?.name)).toEqual(["apps"]);
    expect(first.metadata?._continue).toBeTruthy();
    const second = await api.listNamespace({ limit: 1, _continue: first.metadata?._continue });
    expect(second.items.map((n) => n.metadata?.name)).toEqual(["web"]);
    expect(second.metadata?._continue).toBeUndefined();
  });

  it("built-in list items carry no kind/apiVersion, like a real server", async () => {
    const res = await fetch(`${emu.url}/apis/apps/v1/deployments`);
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    expect(body.items[0]).not.toHaveProperty("kind");
    expect(body.items[0]).not.toHaveProperty("apiVersion");
  });

  it("AppsV1Api.listDeploymentForAllNamespaces honours labelSelector", async () => {
    const api = kubeConfigFor(emu).makeApiClient(k8s.AppsV1Api);
    const list = await api.listDeploymentForAllNamespaces({ labelSelector: "app.kubernetes.io/name=external-dns" });
    expect(list.items.map((d) => d.metadata?.name)).toEqual(["external-dns"]);
    expect(list.items[0].spec?.template.spec?.containers[0].args).toEqual(["--source=gateway-httproute", "--provider=cloudflare"]);
  });
});

describe("serving configuration", () => {
  it("serves only v1beta1 when configured, so a reader can fall back", async () => {
    const old = await startKubeEmulator({ gatewayApiVersions: ["v1beta1"], objects: [namespace("a"), route("r", "a")] });
    try {
      const c = kubeConfigFor(old).makeApiClient(k8s.CustomObjectsApi);
      expect((await apiError(c.listClusterCustomObject({ group: GW, version: "v1", plural: "httproutes" }))).code).toBe(404);
      const list = (await c.listClusterCustomObject({ group: GW, version: "v1beta1", plural: "httproutes" })) as RawList;
      expect(names(list)).toEqual(["a/r"]);
    } finally {
      await old.close();
    }
  });

  it("KubernetesObjectApi resolves kinds through discovery", async () => {
    const api = k8s.KubernetesObjectApi.makeApiClient(kubeConfigFor(emu));
    const list = await api.list(`${GW}/v1`, "HTTPRoute", "web");
    expect(list.items.map((i) => i.metadata?.name)).toEqual(["r4", "r5"]);
    const ns = await api.read({ apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } });
    expect(ns.metadata?.labels).toEqual({ team: "a" });
  });
});
