// The Services of a synthetic world (one per ten routes), with the EndpointSlices, Pods and Nodes
// they need, and the records the generator expects external-dns to want for them — decided here
// from the Service shapes, not by running the engine. Six shapes in turn: LoadBalancer with an IP,
// LoadBalancer with a hostname, NodePort, headless with two pods, ClusterIP named by the
// internal-hostname annotation, ExternalName; every other LoadBalancer-with-IP gets a twin Service on
// the same name, whose targets merge into the first one's record.

import type { KubeObject } from "../../lib/externaldns/types";
import type { Wanted } from "./generate-zone";
import type { Random } from "./random";

const DOMAIN = "example.com";
const NODE_IPS = ["198.51.100.1", "198.51.100.2", "198.51.100.3"];

export interface ServiceWorld {
  services: KubeObject[];
  endpointSlices: KubeObject[];
  pods: KubeObject[];
  nodes: KubeObject[];
  wanted: Wanted[];
}

function service(name: string, ns: string, annotations: Record<string, string>, spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns, annotations }, spec, status };
}

export function generateServices(count: number, rng: Random, prefix: string): ServiceWorld {
  const out: ServiceWorld = {
    services: [],
    endpointSlices: [],
    pods: [],
    nodes: NODE_IPS.map((ip, n) => ({ apiVersion: "v1", kind: "Node", metadata: { name: `node-${n}` }, spec: {}, status: { addresses: [{ type: "ExternalIP", address: ip }, { type: "InternalIP", address: `10.250.0.${n + 1}` }] } })),
    wanted: [],
  };
  for (let k = 0; k < count; k++) {
    const ns = `svc-${k % 10}`;
    const name = `s-${k}`;
    const host = `s-${k}.${DOMAIN}`;
    const resource = `service/${ns}/${name}`;
    const unproxied = rng.chance(0.1);
    const annotations: Record<string, string> = { [`${prefix}hostname`]: host };
    if (unproxied) annotations[`${prefix}cloudflare-proxied`] = "false";
    const want = (name: string, type: Wanted["type"], targets: string[]) => out.wanted.push({ name, type, targets: [...targets].sort(), proxied: !unproxied, ttl: 0, resource });
    const clusterIP = `10.96.${(k >> 8) & 255}.${k & 255}`;
    switch (k % 6) {
      case 0: {
        const ip = `172.20.${(k >> 8) & 255}.${k & 255}`;
        out.services.push(service(name, ns, annotations, { type: "LoadBalancer", clusterIP }, { loadBalancer: { ingress: [{ ip }] } }));
        const targets = [ip];
        if (k % 12 === 0) {
          const twin = `172.21.${(k >> 8) & 255}.${k & 255}`;
          out.services.push(service(`${name}-b`, ns, { [`${prefix}hostname`]: host }, { type: "LoadBalancer", clusterIP }, { loadBalancer: { ingress: [{ ip: twin }] } }));
          targets.push(twin);
        }
        want(host, "A", targets);
        break;
      }
      case 1:
        out.services.push(service(name, ns, annotations, { type: "LoadBalancer", clusterIP }, { loadBalancer: { ingress: [{ hostname: `elb-${k}.example.net` }] } }));
        want(host, "CNAME", [`elb-${k}.example.net`]);
        break;
      case 2:
        // Its SRV record is not a managed record type by default, so only the A record is wanted.
        out.services.push(service(name, ns, annotations, { type: "NodePort", clusterIP, ports: [{ port: 80, nodePort: 30000 + (k % 2000) }] }));
        want(host, "A", NODE_IPS);
        break;
      case 3: {
        const selector = { app: name };
        out.services.push(service(name, ns, annotations, { type: "ClusterIP", clusterIP: "None", selector }));
        const ips = [0, 1].map((p) => `10.128.${(k >> 8) & 255}.${(k & 127) * 2 + p}`);
        const endpoints = ips.map((ip, p) => ({ addresses: [ip], conditions: { ready: true }, targetRef: { kind: "Pod", name: `${name}-${p}`, namespace: ns } }));
        out.endpointSlices.push({ apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: `${name}-abc`, namespace: ns, labels: { "kubernetes.io/service-name": name } }, addressType: "IPv4", endpoints } as unknown as KubeObject);
        ips.forEach((ip, p) => {
          out.pods.push({ apiVersion: "v1", kind: "Pod", metadata: { name: `${name}-${p}`, namespace: ns, labels: selector }, spec: { hostname: `${name}-${p}`, nodeName: "node-0" }, status: { phase: "Running", hostIP: NODE_IPS[0], conditions: [{ type: "Ready", status: "True" }] } });
          want(`${name}-${p}.${host}`, "A", [ip]);
        });
        want(host, "A", ips);
        break;
      }
      case 4: {
        const { [`${prefix}hostname`]: _public, ...rest } = annotations; // eslint-disable-line @typescript-eslint/no-unused-vars
        out.services.push(service(name, ns, { ...rest, [`${prefix}internal-hostname`]: host }, { type: "ClusterIP", clusterIP }));
        want(host, "A", [clusterIP]);
        break;
      }
      default:
        out.services.push(service(name, ns, annotations, { type: "ExternalName", externalName: `ext-${k}.example.net` }));
        want(host, "CNAME", [`ext-${k}.example.net`]);
    }
  }
  return out;
}
