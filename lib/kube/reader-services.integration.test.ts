// The live cluster reader with an external-dns instance that runs --source=service: it lists and
// watches Services, EndpointSlices, Pods and Nodes through the real client-node against the
// Kubernetes API emulator, slims Pods and Nodes to what the engine reads, and leaves those kinds
// alone when no instance needs them.

import { afterEach, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator } from "../../emulators/kube/server";
import type { ClusterReader } from "../server/ports";
import { deployment, names, readerFor, SEED_ARGS, waitForSnapshot } from "../../tests/support/kube-reader";

let emu: KubeEmulator | undefined;
let reader: ClusterReader | undefined;
afterEach(async () => {
  await reader?.stop();
  reader = undefined;
  await emu?.close();
  emu = undefined;
});

const OBJECTS = `
apiVersion: v1
kind: Namespace
metadata: {name: web}
---
apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: web
  annotations: {external-dns.alpha.kubernetes.io/hostname: shop.example.com}
spec: {type: LoadBalancer, clusterIP: 10.0.0.9, ports: [{port: 443, nodePort: 31443}]}
status: {loadBalancer: {ingress: [{ip: 203.0.113.9}]}}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-abc, namespace: web, labels: {kubernetes.io/service-name: db}}
addressType: IPv4
endpoints: [{addresses: [10.1.0.5], conditions: {ready: true}, targetRef: {kind: Pod, name: db-0}}]
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: web, labels: {app: db}}
spec: {hostname: db-0, nodeName: node-a, containers: [{name: db, image: postgres:16}]}
status: {phase: Running, hostIP: 192.168.0.10, podIP: 10.1.0.5, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
spec: {podCIDR: 10.1.0.0/24}
status: {addresses: [{type: ExternalIP, address: 198.51.100.1}], nodeInfo: {kubeletVersion: v1.33.0}}
`;

describe("cluster reader: the service source's kinds", () => {
  it("lists and watches Services, EndpointSlices, Pods and Nodes when an instance runs --source=service", async () => {
    emu = await startKubeEmulator({ objects: OBJECTS });
    emu.apply(deployment({ args: [...SEED_ARGS, "--source=service"] }));
    reader = readerFor(emu);
    await reader.start();
    const s = await waitForSnapshot(reader, (x) => (x.objects.services ?? []).length === 1, "services listed");
    expect(s.complete).toBe(true);
    expect(names(s.objects.services ?? [])).toEqual(["web/shop"]);
    expect(names(s.objects.endpointSlices ?? [])).toEqual(["web/db-abc"]);
    expect(s.objects.services?.[0]).toMatchObject({ kind: "Service", apiVersion: "v1", spec: { clusterIP: "10.0.0.9" }, status: { loadBalancer: { ingress: [{ ip: "203.0.113.9" }] } } });
    expect(s.objects.endpointSlices?.[0]).toMatchObject({ kind: "EndpointSlice", addressType: "IPv4" });
    // Only what the service source reads is kept of Pods and Nodes.
    expect(s.objects.pods?.[0]).toMatchObject({ kind: "Pod", metadata: { name: "db-0", labels: { app: "db" } }, spec: { hostname: "db-0", nodeName: "node-a" }, status: { hostIP: "192.168.0.10", phase: "Running" } });
    expect(s.objects.pods?.[0].spec.containers).toBeUndefined();
    expect(s.objects.nodes?.[0]).toMatchObject({ kind: "Node", metadata: { name: "node-a" }, status: { addresses: [{ type: "ExternalIP", address: "198.51.100.1" }] } });
    expect(s.objects.nodes?.[0].status.nodeInfo).toBeUndefined();
    expect(s.health.map((h) => h.id)).toEqual(expect.arrayContaining(["cluster/services", "cluster/endpointslices", "cluster/pods", "cluster/nodes"]));

    emu.apply(`
apiVersion: v1
kind: Service
metadata: {name: api, namespace: web}
spec: {type: ClusterIP, clusterIP: 10.0.0.10}
`);
    const next = await waitForSnapshot(reader, (x) => (x.objects.services ?? []).length === 2, "a new Service is watched");
    expect(names(next.objects.services ?? [])).toEqual(["web/api", "web/shop"]);
  });

  it("an install whose RBAC predates the service source (Pods forbidden) leaves the snapshot incomplete, so no deletes are planned from it", async () => {
    emu = await startKubeEmulator({ objects: OBJECTS, forbidden: ["pods"] });
    emu.apply(deployment({ args: [...SEED_ARGS, "--source=service"] }));
    reader = readerFor(emu);
    await reader.start();
    const s = await waitForSnapshot(reader, (x) => x.health.some((h) => h.id === "cluster/pods" && h.status === "error"), "pods forbidden");
    expect(s.health.find((h) => h.id === "cluster/pods")).toMatchObject({ status: "error", error: { code: "forbidden" } });
    expect(s.complete).toBe(false);
    emu.setForbidden([]);
    const fixed = await waitForSnapshot(reader, (x) => x.complete && (x.objects.pods ?? []).length === 1, "pods readable again");
    expect(names(fixed.objects.pods ?? [])).toEqual(["web/db-0"]);
  });

  it("does not watch them when no instance runs the service source", async () => {
    emu = await startKubeEmulator({ objects: OBJECTS });
    emu.apply(deployment());
    reader = readerFor(emu);
    await reader.start();
    const s = await waitForSnapshot(reader, (x) => x.instances.length === 1, "instance discovered");
    expect(s.objects.services ?? []).toEqual([]);
    expect(s.health.map((h) => h.id)).not.toContain("cluster/pods");
  });
});
