import { describe, expect, it } from "vitest";
import { testConfig } from "../../externaldns/config.testkit";
import type { ClusterObjects, KubeObject } from "../../externaldns/types";
import { deploymentOf, involvedObjectFor, parseResource } from "./involved-object";

const obj = (apiVersion: string, kind: string, namespace: string, name: string, uid?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace, ...(uid ? { uid } : {}) },
});

const objects: ClusterObjects = {
  gateways: [obj("gateway.networking.k8s.io/v1", "Gateway", "networking", "envoy", "uid-gw")],
  routes: [
    obj("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "app", "uid-app"),
    obj("gateway.networking.k8s.io/v1beta1", "HTTPRoute", "legacy", "old-api", "uid-legacy"),
    obj("gateway.networking.k8s.io/v1", "GRPCRoute", "default", "app", "uid-grpc"),
  ],
  listenerSets: [],
  ingresses: [{ metadata: { name: "shop", namespace: "web", uid: "uid-ing" } }],
  dnsEndpoints: [obj("example.io/v2", "Record", "default", "apex", "uid-crd")],
  namespaces: [],
  services: [{ metadata: { name: "shop", namespace: "web", uid: "uid-svc" } }],
};
const config = testConfig({ crdSourceApiVersion: "example.io/v2", crdSourceKind: "Record" });

describe("parseResource", () => {
  it.each([
    ["httproute/default/app", { kind: "httproute", namespace: "default", name: "app" }],
    ["HTTPRoute/default/app", { kind: "httproute", namespace: "default", name: "app" }],
    ["service//cluster-scoped", { kind: "service", namespace: "", name: "cluster-scoped" }],
    ["", undefined],
    [undefined, undefined],
    ["dnsdrift", undefined],
    ["a/b", undefined],
    ["a/b/c/d", undefined],
  ])("%s", (resource, expected) => expect(parseResource(resource)).toEqual(expected));
});

describe("involvedObjectFor", () => {
  it.each([
    ["httproute/default/app", { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "default", name: "app", uid: "uid-app" }],
    // The version the cluster serves, as the reader stamped it: that is what kubectl matches.
    ["httproute/legacy/old-api", { apiVersion: "gateway.networking.k8s.io/v1beta1", kind: "HTTPRoute", namespace: "legacy", name: "old-api", uid: "uid-legacy" }],
    ["grpcroute/default/app", { apiVersion: "gateway.networking.k8s.io/v1", kind: "GRPCRoute", namespace: "default", name: "app", uid: "uid-grpc" }],
    ["gateway/networking/envoy", { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", namespace: "networking", name: "envoy", uid: "uid-gw" }],
    // Built-in kinds come from lists without kind/apiVersion.
    ["ingress/web/shop", { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "web", name: "shop", uid: "uid-ing" }],
    ["crd/default/apex", { apiVersion: "example.io/v2", kind: "Record", namespace: "default", name: "apex", uid: "uid-crd" }],
    ["httproute/default/gone", undefined],
    ["httproute/other/app", undefined],
    ["service/web/shop", { apiVersion: "v1", kind: "Service", namespace: "web", name: "shop", uid: "uid-svc" }],
    ["service/default/app", undefined],
    ["", undefined],
  ])("%s", (resource, expected) => expect(involvedObjectFor(resource, objects, config)).toEqual(expected));
});

describe("deploymentOf", () => {
  it.each([
    [{ id: "networking/external-dns", origin: "deployment" }, { apiVersion: "apps/v1", kind: "Deployment", namespace: "networking", name: "external-dns" }],
    [{ id: "external-dns", origin: "config-file" }, undefined],
    [{ id: "networking/external-dns", origin: "environment" }, undefined],
    [{ id: "a/b/c", origin: "deployment" }, undefined],
  ])("%j", (instance, expected) => expect(deploymentOf(instance)).toEqual(expected));
});
