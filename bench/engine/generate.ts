// A synthetic, deterministic world for benchmarking and property-testing the engine: Gateways,
// HTTPRoutes, Ingresses, DNSEndpoints and Services of one cluster, plus the Cloudflare zones external-dns
// would have written for them — with drift. The generator decides on its own (not by running the
// engine) which records each object should yield, so the zone is an independent guess of the
// in-sync state; where the guess is off, the plan simply shows a little more drift.

import { configFromArgs } from "../../lib/externaldns/config";
import type { ClusterObjects, CloudflareZone, Config, KubeObject, Policy } from "../../lib/externaldns/types";
import { seededRandom, type Random } from "./random";
import { buildZones, type Wanted } from "./generate-zone";
import { generateServices } from "./generate-services";

export interface WorldOptions {
  /** HTTPRoutes to generate. */
  routes: number;
  /** Cloudflare records across all zones: padded with manual records, or trimmed by dropping in-sync ones (a budget smaller than the drift itself is exceeded). */
  records: number;
  seed: number;
  /** external-dns version; default v0.21.0. */
  version?: string;
  policy?: Policy;
  /** --txt-prefix; default "k8s." ("" for none). */
  txtPrefix?: string;
  /** --txt-suffix; default none. Setting it clears the default prefix. */
  txtSuffix?: string;
  ownerId?: string;
}

export interface World {
  config: Config;
  objects: ClusterObjects;
  zones: CloudflareZone[];
}

export const GATEWAY_LABEL = "dnsdrift.example/expose";
const DOMAIN = "example.com";
const CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";

type ListenerKind = "wildcard" | "open" | "apps";

interface GatewayPlan {
  obj: KubeObject;
  labelled: boolean;
  kind: ListenerKind;
  targets: string[];
}

/** The external-dns arguments of the world (those of a typical Helm install). */
export function worldArgs(opts: WorldOptions): string[] {
  const suffix = opts.txtSuffix ?? "";
  const prefix = suffix !== "" ? "" : (opts.txtPrefix ?? "k8s.");
  return [
    "--provider=cloudflare",
    "--source=gateway-httproute",
    "--source=ingress",
    "--source=crd",
    "--source=service",
    `--policy=${opts.policy ?? "sync"}`,
    "--registry=txt",
    `--txt-owner-id=${opts.ownerId ?? "default"}`,
    ...(prefix !== "" ? [`--txt-prefix=${prefix}`] : []),
    ...(suffix !== "" ? [`--txt-suffix=${suffix}`] : []),
    `--domain-filter=${DOMAIN}`,
    `--gateway-label-filter=${GATEWAY_LABEL}=true`,
    "--ingress-class=external",
    "--cloudflare-proxied",
  ];
}

/**
 * Gateways follow a fixed pattern of five, so that small and large worlds have the same mix:
 * one in five is not labelled for --gateway-label-filter, two in five name their target in an
 * annotation, the others publish their status addresses (one in ten with two IPv4s, one in ten with IPv6 too).
 */
function gateway(g: number, prefix: string): GatewayPlan {
  const kind: ListenerKind = (["wildcard", "open", "apps"] as const)[g % 3];
  const labelled = g % 5 !== 3;
  const addresses = [`10.${g % 250}.${Math.floor(g / 250)}.10`];
  if (g % 10 === 1) addresses.push(`10.${g % 250}.${Math.floor(g / 250)}.11`);
  if (g % 5 === 3 || g % 10 === 0) addresses.push(`2001:db8::${(g + 1).toString(16)}`);
  const annotated = g % 5 === 2 || g % 5 === 4;
  const targets = annotated ? [`lb-${g}.example.net`] : addresses;
  const httpsHost = kind === "wildcard" ? `*.${DOMAIN}` : kind === "apps" ? `*.apps.${DOMAIN}` : undefined;
  const obj: KubeObject = {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: {
      name: `gw-${g}`,
      namespace: "gateways",
      labels: labelled ? { [GATEWAY_LABEL]: "true" } : { team: "internal" },
      annotations: annotated ? { [`${prefix}target`]: targets[0] } : {},
    },
    spec: {
      gatewayClassName: "envoy",
      listeners: [
        { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } },
        {
          name: "https",
          protocol: "HTTPS",
          port: 443,
          ...(httpsHost ? { hostname: httpsHost } : {}),
          allowedRoutes: { namespaces: { from: "All" } },
        },
      ],
    },
    status: {
      addresses: addresses.map((value) => ({ type: "IPAddress", value })),
      conditions: [{ type: "Programmed", status: "True" }],
    },
  };
  return { obj, labelled, kind, targets };
}

/** Splits targets the way type inference does: IPv4 → A, IPv6 → AAAA, the rest → CNAME. */
function byType(targets: string[]): Array<["A" | "AAAA" | "CNAME", string[]]> {
  const out: Array<["A" | "AAAA" | "CNAME", string[]]> = [];
  const a = targets.filter((t) => /^\d+\.\d+\.\d+\.\d+$/.test(t));
  const aaaa = targets.filter((t) => t.includes(":"));
  const cname = targets.filter((t) => !a.includes(t) && !aaaa.includes(t));
  if (a.length) out.push(["A", [...a].sort()]);
  if (aaaa.length) out.push(["AAAA", [...aaaa].sort()]);
  if (cname.length) out.push(["CNAME", [...cname].sort()]);
  return out;
}

function listenerAccepts(kind: ListenerKind, host: string): boolean {
  if (kind === "open") return true;
  const base = kind === "apps" ? `.apps.${DOMAIN}` : `.${DOMAIN}`;
  return host.endsWith(base) && host.length > base.length;
}

interface RoutePlan {
  obj: KubeObject;
  wanted: Wanted[];
}

function route(i: number, gw: GatewayPlan, rng: Random, prefix: string, inherit: boolean): RoutePlan {
  const ns = `team-${i % 20}`;
  const name = `route-${i}`;
  const hostnames: string[] = [];
  if (!inherit) {
    hostnames.push(gw.kind === "apps" ? `svc-${i}.apps.${DOMAIN}` : `svc-${i}.${DOMAIN}`);
    if (rng.chance(0.1)) hostnames.push(`www-${i}.${DOMAIN}`);
  }
  const annotations: Record<string, string> = {};
  const controllerNone = rng.chance(0.03);
  if (controllerNone) annotations[`${prefix}controller`] = "none";
  const unproxied = rng.chance(0.08);
  let ttl = 0;
  if (unproxied) {
    annotations[`${prefix}cloudflare-proxied`] = "false";
    if (rng.chance(0.5)) annotations[`${prefix}ttl`] = String((ttl = 300));
  } else if (rng.chance(0.05)) {
    annotations[`${prefix}ttl`] = "10m"; // ignored: proxied records are always "auto"
  }
  const accepted = !rng.chance(0.03);
  const ref = { name: gw.obj.metadata.name, namespace: gw.obj.metadata.namespace, sectionName: "https" };
  const obj: KubeObject = {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name, namespace: ns, annotations, generation: 1 },
    spec: {
      parentRefs: [ref],
      ...(hostnames.length ? { hostnames } : {}),
      rules: [{ backendRefs: [{ name: `svc-${i}`, port: 80 }] }],
    },
    status: {
      parents: [
        {
          parentRef: ref,
          controllerName: CONTROLLER,
          conditions: [{ type: "Accepted", status: accepted ? "True" : "False", reason: accepted ? "Accepted" : "NotAllowedByListeners" }],
        },
      ],
    },
  };
  const wanted: Wanted[] = [];
  // Hosts inherited from a wildcard listener collide across Gateways: left for the plan to create.
  if (gw.labelled && accepted && !controllerNone && !inherit) {
    for (const host of hostnames.filter((h) => listenerAccepts(gw.kind, h))) {
      for (const [type, targets] of byType(gw.targets)) {
        wanted.push({ name: host, type, targets, proxied: !unproxied, ttl, resource: `httproute/${ns}/${name}` });
      }
    }
  }
  return { obj, wanted };
}

function ingress(j: number, rng: Random, prefix: string): RoutePlan {
  const ns = `web-${j % 10}`;
  const name = `ing-${j}`;
  const host = `ing-${j}.${DOMAIN}`;
  const external = rng.chance(0.9);
  const annotated = rng.chance(0.5);
  const ip = `172.16.${(j >> 8) & 255}.${j & 255}`;
  const obj: KubeObject = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: ns, annotations: annotated ? { [`${prefix}target`]: `external.${DOMAIN}` } : {} },
    spec: {
      ingressClassName: external ? "external" : "internal",
      rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name, port: { number: 80 } } } }] } }],
    },
    status: { loadBalancer: { ingress: [{ ip }] } },
  };
  const resource = `ingress/${ns}/${name}`;
  const wanted: Wanted[] = external
    ? [{ name: host, type: annotated ? "CNAME" : "A", targets: [annotated ? `external.${DOMAIN}` : ip], proxied: true, ttl: 0, resource }]
    : [];
  return { obj, wanted };
}

function dnsEndpoint(k: number, rng: Random, prefix: string): RoutePlan {
  const name = `dnsep-${k}`;
  const host = `crd-${k}.${DOMAIN}`;
  const cname = rng.chance(0.5);
  const targets = cname ? [`target-${k}.example.net`] : [`192.0.2.${(k % 250) + 1}`];
  const unproxied = rng.chance(0.2);
  const endpoint: Record<string, unknown> = { dnsName: host, recordType: cname ? "CNAME" : "A", targets };
  if (unproxied) {
    endpoint.recordTTL = 600;
    endpoint.providerSpecific = [{ name: `${prefix}cloudflare-proxied`, value: "false" }];
  }
  const obj: KubeObject = {
    apiVersion: "externaldns.k8s.io/v1alpha1",
    kind: "DNSEndpoint",
    metadata: { name, namespace: "dns", generation: 1 },
    spec: { endpoints: [endpoint] },
  };
  const wanted: Wanted[] = [
    { name: host, type: cname ? "CNAME" : "A", targets, proxied: !unproxied, ttl: unproxied ? 600 : 0, resource: `crd/dns/${name}` },
  ];
  return { obj, wanted };
}

function namespaces(names: string[]): KubeObject[] {
  return [...new Set(names)].sort().map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }));
}

/** A whole world — config, cluster objects and Cloudflare zones — as a pure function of the options. */
export function generateWorld(opts: WorldOptions): World {
  const config = configFromArgs(worldArgs(opts), { version: opts.version ?? "v0.21.0" });
  const prefix = config.annotationPrefix;
  const rng = seededRandom(opts.seed);
  const gateways = Array.from({ length: Math.max(5, Math.ceil(opts.routes / 200)) }, (_, g) => gateway(g, prefix));
  const wildcards = gateways.filter((g) => g.kind === "wildcard" && g.labelled).slice(0, 2);

  const plans: RoutePlan[] = [];
  for (let i = 0; i < opts.routes; i++) {
    const inherit = i < wildcards.length;
    plans.push(route(i, inherit ? wildcards[i] : rng.pick(gateways), rng, prefix, inherit));
  }
  const ingresses = Array.from({ length: Math.ceil(opts.routes / 20) }, (_, j) => ingress(j, rng, prefix));
  const crds = Array.from({ length: Math.ceil(opts.routes / 100) }, (_, k) => dnsEndpoint(k, rng, prefix));
  const svc = generateServices(Math.ceil(opts.routes / 10), rng, prefix);

  const objects: ClusterObjects = {
    gateways: gateways.map((g) => g.obj),
    routes: plans.map((p) => p.obj),
    listenerSets: [],
    ingresses: ingresses.map((p) => p.obj),
    dnsEndpoints: crds.map((p) => p.obj),
    namespaces: [],
    services: svc.services,
    endpointSlices: svc.endpointSlices,
    pods: svc.pods,
    nodes: svc.nodes,
  };
  objects.namespaces = namespaces(
    [...objects.gateways, ...objects.routes, ...objects.ingresses, ...objects.dnsEndpoints, ...svc.services].map((o) => o.metadata.namespace ?? "default"),
  );
  const wanted = [...[...plans, ...ingresses, ...crds].flatMap((p) => p.wanted), ...svc.wanted];
  const zones = buildZones(wanted, { config, routes: opts.routes, records: opts.records, rng });
  return { config, objects, zones };
}
