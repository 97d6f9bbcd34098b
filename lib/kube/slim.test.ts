// Like external-dns's informer transforms (source/service_test.go, TestPodTransformerInServiceSource
// and TestNodeTransformerInServiceSource): Pods and Nodes keep what the service source reads.

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../externaldns/types";
import { fieldOwner } from "./field-owner";
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

  it("lets other kinds keep their managedFields, sharing one frozen copy of each distinct field set", () => {
    const route = (name: string, annotation: string) =>
      ({
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: {
          name,
          namespace: "team",
          managedFields: [
            { manager: "argocd", operation: "Apply", time: `2025-01-0${name.length}T00:00:00Z`, fieldsType: "FieldsV1", fieldsV1: { "f:metadata": { "f:annotations": { [`f:${annotation}`]: {} } }, "f:spec": { "f:hostnames": {} } } },
            { manager: "envoy-gateway", operation: "Update", subresource: "status", fieldsType: "FieldsV1", fieldsV1: { "f:status": { "f:parents": {} } } },
          ],
        },
        spec: { hostnames: ["a.example.com"] },
      }) as unknown as KubeObject;
    const fields = (o: KubeObject) => (o.metadata as unknown as { managedFields: { fieldsV1: object }[] }).managedFields.map((e) => e.fieldsV1);
    const a = route("a", "example.com/x");
    const b = route("bb", "example.com/x");
    const c = route("ccc", "example.com/y");
    const copyOfC = JSON.parse(JSON.stringify(c));
    for (const o of [a, b, c]) slimForEngine(o);
    expect(fields(b)[0]).toBe(fields(a)[0]);
    expect(fields(b)[1]).toBe(fields(a)[1]);
    expect(fields(c)[0]).not.toBe(fields(a)[0]);
    expect(fields(c)[1]).toBe(fields(a)[1]);
    // The same content as read, only shared (and frozen, so no object can change another's).
    expect(JSON.parse(JSON.stringify(c))).toEqual(copyOfC);
    expect(Object.isFrozen((fields(a)[0] as Record<string, Record<string, object>>)["f:metadata"]["f:annotations"])).toBe(true);
    // Who set a field is still told apart per object.
    expect(fieldOwner((b.metadata as { managedFields?: unknown }).managedFields, ["metadata", "annotations", "example.com/x"])).toMatchObject({ manager: "argocd", time: "2025-01-02T00:00:00Z" });
    expect(fieldOwner((c.metadata as { managedFields?: unknown }).managedFields, ["metadata", "annotations", "example.com/x"])?.inferred).toBe(true);
  });
});
