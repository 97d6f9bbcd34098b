import { describe, expect, it } from "vitest";
import type { KubeObject } from "../externaldns/types";
import { classifyObject, emptyClusterObjects } from "./classify";
import { parseManifestText } from "./snapshot";

const MANIFESTS = `
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: apps, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints: []
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: apps}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Service, metadata: {name: api, namespace: apps}}
`;

describe("classifyObject: the service source's kinds", () => {
  it("sorts Services, EndpointSlices, Pods and Nodes into their buckets; Nodes stay cluster-scoped", () => {
    const into = emptyClusterObjects();
    for (const obj of parseManifestText(MANIFESTS, "cluster.yaml")) expect(classifyObject(obj, into)).toBeUndefined();
    const ids = (objs: KubeObject[] | undefined) => (objs ?? []).map((o) => `${o.metadata.namespace ?? "-"}/${o.metadata.name}`);
    expect(ids(into.services)).toEqual(["default/web", "apps/api"]);
    expect(ids(into.endpointSlices)).toEqual(["apps/web-1"]);
    expect(ids(into.pods)).toEqual(["apps/web-0"]);
    expect(ids(into.nodes)).toEqual(["-/node-a"]);
  });

  it.each([
    [{ apiVersion: "v1", kind: "Service", metadata: { name: "x", annotations: { ttl: 60 } } }, /metadata.annotations\["ttl"\] must be a string/],
    [{ apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, spec: ["not", "a", "mapping"] }, /spec must be a mapping/],
  ])("reports a malformed object by what is wrong (%#)", (obj, message) => {
    expect(classifyObject(obj as unknown as KubeObject, emptyClusterObjects())).toMatch(message);
  });

  it("ignores a Service of another API group", () => {
    expect(classifyObject({ apiVersion: "serving.knative.dev/v1", kind: "Service", metadata: { name: "k" } }, emptyClusterObjects())).toBe("ignored");
  });
});
