// Like external-dns's informer transforms (source/service_test.go, TestPodTransformerInServiceSource
// and TestNodeTransformerInServiceSource): Pods and Nodes keep what the service source reads.

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../externaldns/types";
import { slimForEngine } from "./slim";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

describe("slimForEngine", () => {
  it("keeps a Pod's name, labels, annotations, deletion time, hostname, node, host IP, phase and conditions", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "db-0", namespace: "data", uid: "u1", labels: { app: "db" }, annotations: { "external-dns.alpha.kubernetes.io/target": "1.2.3.4", [LAST_APPLIED]: "{…}" }, deletionTimestamp: "2025-01-01T00:00:00Z", managedFields: [{ manager: "kubectl" }] },
      spec: { hostname: "db-0", nodeName: "node-a", containers: [{ name: "db", image: "postgres" }], volumes: [] },
      status: { phase: "Running", hostIP: "10.0.0.1", podIP: "10.1.0.5", conditions: [{ type: "Ready", status: "True" }], containerStatuses: [] },
    } as unknown as KubeObject;
    slimForEngine(pod);
    expect(pod).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "db-0", namespace: "data", uid: "u1", labels: { app: "db" }, annotations: { "external-dns.alpha.kubernetes.io/target": "1.2.3.4" }, deletionTimestamp: "2025-01-01T00:00:00Z" },
      spec: { hostname: "db-0", nodeName: "node-a" },
      status: { phase: "Running", hostIP: "10.0.0.1", conditions: [{ type: "Ready", status: "True" }] },
    });
  });

  it("keeps a Node's labels, unschedulable flag and addresses", () => {
    const n = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "node-a", labels: { "node-role.kubernetes.io/node": "" }, managedFields: [] },
      spec: { unschedulable: true, podCIDR: "10.1.0.0/24", taints: [] },
      status: { addresses: [{ type: "ExternalIP", address: "198.51.100.1" }], images: [{ names: ["x"] }], conditions: [] },
    } as unknown as KubeObject;
    slimForEngine(n);
    expect(n).toEqual({ apiVersion: "v1", kind: "Node", metadata: { name: "node-a", labels: { "node-role.kubernetes.io/node": "" } }, spec: { unschedulable: true }, status: { addresses: [{ type: "ExternalIP", address: "198.51.100.1" }] } });
  });

  it("leaves other kinds alone", () => {
    const route = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", managedFields: [] }, spec: { rules: [] } } as unknown as KubeObject;
    const before = structuredClone(route);
    slimForEngine(route);
    expect(route).toEqual(before);
  });
});
