// Builders for the service source's tests, shaped like upstream's fixtures (source/service_test.go):
// a Service from type, annotations and load-balancer entries; Nodes, Pods and EndpointSlices; and a
// runner that returns endpoints in a compact, order-independent form.

import { expect } from "vitest";
import { testConfig } from "../config.testkit";
import type { ClusterObjects, Config, Endpoint, KubeObject } from "../types";
import { serviceSource, type ServiceSourceOptions } from "./service";

export interface SvcInit {
  name?: string;
  namespace?: string;
  type?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  clusterIP?: string;
  externalIPs?: string[];
  /** Load-balancer status entries: an IP literal becomes `ip`, anything else `hostname` (as upstream's fixtures). */
  lbs?: string[];
  externalName?: string;
  selector?: Record<string, string>;
  ports?: Array<{ nodePort?: number; protocol?: string }>;
  externalTrafficPolicy?: string;
  publishNotReadyAddresses?: boolean;
}

const IP = /^[0-9.]+$|:/;

export function svc(init: SvcInit): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: init.name ?? "foo", namespace: init.namespace ?? "testing", annotations: init.annotations ?? {}, labels: init.labels ?? {} },
    spec: {
      type: init.type ?? "LoadBalancer",
      clusterIP: init.clusterIP ?? "",
      externalIPs: init.externalIPs ?? [],
      externalName: init.externalName,
      selector: init.selector,
      ports: init.ports,
      externalTrafficPolicy: init.externalTrafficPolicy,
      publishNotReadyAddresses: init.publishNotReadyAddresses,
    },
    status: { loadBalancer: { ingress: (init.lbs ?? []).map((lb) => (IP.test(lb) ? { ip: lb } : { hostname: lb })) } },
  };
}

export function node(name: string, addresses: Array<[string, string]>, unschedulable = false): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name },
    spec: { unschedulable },
    status: { addresses: addresses.map(([type, address]) => ({ type, address })) },
  };
}

export interface PodInit {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  hostname?: string;
  nodeName?: string;
  hostIP?: string;
  phase?: string;
  ready?: boolean;
  terminating?: boolean;
}

export function pod(init: PodInit): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: init.name,
      namespace: init.namespace ?? "testing",
      labels: init.labels ?? {},
      annotations: init.annotations ?? {},
      ...(init.terminating ? { deletionTimestamp: "2025-01-01T00:00:00Z" } : {}),
    } as KubeObject["metadata"],
    spec: { hostname: init.hostname ?? "", nodeName: init.nodeName ?? "" },
    status: {
      hostIP: init.hostIP ?? "",
      phase: init.phase ?? "Running",
      conditions: init.ready === undefined ? [] : [{ type: "Ready", status: init.ready ? "True" : "False" }],
    },
  };
}

export interface SliceEndpointInit {
  addresses: string[];
  ready?: boolean;
  /** Pod name; null = no targetRef. */
  pod: string | null;
  kind?: string;
}

export function slice(service: string, endpoints: SliceEndpointInit[], addressType = "IPv4", namespace = "testing", name = `${service}-x`): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name, namespace, labels: { "kubernetes.io/service-name": service } },
    addressType,
    endpoints: endpoints.map((e) => ({
      addresses: e.addresses,
      ...(e.ready === undefined ? {} : { conditions: { ready: e.ready } }),
      ...(e.pod === null ? {} : { targetRef: { kind: e.kind ?? "Pod", name: e.pod } }),
    })),
  } as unknown as KubeObject;
}

export function objects(init: Partial<ClusterObjects>): ClusterObjects {
  return { gateways: [], routes: [], listenerSets: [], ingresses: [], dnsEndpoints: [], namespaces: [], services: [], endpointSlices: [], pods: [], nodes: [], ...init };
}

/** [name, type, targets, ttl?, setIdentifier?] — the fields upstream's ValidateEndpoints compares. */
export type Row = [string, string, string[], number?, string?];

export function rows(endpoints: Endpoint[]): Row[] {
  return endpoints
    .map((e): Row => {
      const row: Row = [e.dnsName, e.recordType, [...e.targets].sort()];
      if (e.recordTTL !== 0 || e.setIdentifier !== "") row.push(e.recordTTL);
      if (e.setIdentifier !== "") row.push(e.setIdentifier);
      return row;
    })
    .sort((a, b) => (a[0] + a[1] + a[2].join() + (a[4] ?? "")).localeCompare(b[0] + b[1] + b[2].join() + (b[4] ?? "")));
}

export function serviceConfig(over: Partial<Config> = {}): Config {
  return testConfig({ sources: ["service"], ...over });
}

export function runServices(init: Partial<ClusterObjects>, over: Partial<Config> = {}, options?: ServiceSourceOptions) {
  return serviceSource(objects(init), serviceConfig(over), options);
}

export function expectRows(endpoints: Endpoint[], expected: Row[]): void {
  expect(rows(endpoints)).toEqual(rows(expected.map(([dnsName, recordType, targets, ttl, setIdentifier]) => ({
    dnsName,
    recordType,
    targets,
    recordTTL: ttl ?? 0,
    setIdentifier: setIdentifier ?? "",
    labels: {},
    providerSpecific: [],
  }))));
}

/** A stand-in for the --fqdn-template evaluator seam: replaces {{.Name}} and {{.Namespace}} only. */
export function nameTemplate(template: string) {
  return (obj: KubeObject): string[] => {
    if (/\{\{\s*\.(?!Name\b|Namespace\b)/.test(template)) throw new Error(`template: can't evaluate field in ${template}`);
    return template
      .replace(/\{\{\s*\.Name\s*\}\}/g, obj.metadata.name)
      .replace(/\{\{\s*\.Namespace\s*\}\}/g, obj.metadata.namespace ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter((h) => h !== "");
  };
}
