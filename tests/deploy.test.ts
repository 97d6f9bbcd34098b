// The Kustomize manifests under deploy/, rendered with `kubectl kustomize` and checked offline:
// every object against the Kubernetes schemas (no unknown fields), RBAC equal to what lib/kube
// reads, probes on real routes, a hardened pod, secrets only by reference, and an environment the
// server's own settings parser accepts. The docs' example overlay is rendered too.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { afterAll, describe, expect, it } from "vitest";
import { deploymentKind, KINDS } from "../lib/kube/kinds";
import { loadDiscoveryOptionsFromEnv } from "../lib/kube/discovery";
import { settingsFromEnv } from "../lib/server/settings";
import { checkListenAddress } from "../lib/server/auth/config";
import { parseDockerfile, stageEnv } from "./support/dockerfile";
import { isBuiltin, validateBuiltin, type KubeObject } from "./support/kube-schema";
import { helmTemplate, kustomize } from "./support/render";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-deploy-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The docs' example overlay, written next to a checkout named dnsdrift as the docs lay it out. */
function docsExample(): string {
  const docs = fs.readFileSync(path.join(root, "docs/install.md"), "utf8");
  const block = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith("# my-dnsdrift/kustomization.yaml"));
  if (!block) throw new Error("docs/install.md has no ```yaml block starting with # my-dnsdrift/kustomization.yaml");
  fs.symlinkSync(root, path.join(tmp, "dnsdrift"));
  fs.mkdirSync(path.join(tmp, "my-dnsdrift"));
  fs.writeFileSync(path.join(tmp, "my-dnsdrift", "kustomization.yaml"), block);
  return path.join(tmp, "my-dnsdrift");
}

interface Case {
  name: string;
  render: () => KubeObject[];
  namespace: string;
  writes: boolean;
  accessReview: boolean;
  oauth2Proxy: boolean;
  serviceMonitor: boolean;
}

const cases: Case[] = [
  { name: "base", render: () => kustomize("deploy/base"), namespace: "external-dns", writes: false, accessReview: false, oauth2Proxy: false, serviceMonitor: false },
  { name: "overlays/readonly", render: () => kustomize("deploy/overlays/readonly"), namespace: "external-dns", writes: false, accessReview: false, oauth2Proxy: false, serviceMonitor: false },
  { name: "overlays/writes", render: () => kustomize("deploy/overlays/writes"), namespace: "external-dns", writes: true, accessReview: false, oauth2Proxy: false, serviceMonitor: false },
  { name: "docs example", render: () => kustomize(docsExample()), namespace: "networking", writes: true, accessReview: true, oauth2Proxy: true, serviceMonitor: true },
  // The Helm chart goes through the same checks, with its switches on and off.
  { name: "helm defaults", render: () => helmTemplate({}), namespace: "external-dns", writes: false, accessReview: false, oauth2Proxy: false, serviceMonitor: false },
  {
    name: "helm everything on",
    render: () => helmTemplate({ writes: { enabled: true }, accessReview: { enabled: true }, oauth2Proxy: { enabled: true }, serviceMonitor: { enabled: true } }, { namespace: "networking" }),
    namespace: "networking",
    writes: true,
    accessReview: true,
    oauth2Proxy: true,
    serviceMonitor: true,
  },
];

const dockerRuntime = parseDockerfile(fs.readFileSync(path.join(root, "Dockerfile"), "utf8")).at(-1)!;
const dockerUid = Number(dockerRuntime.instructions.find((i) => i.op === "USER")!.args.split(":")[0]);
const CLUSTER_SCOPED = new Set(["ClusterRole", "ClusterRoleBinding", "Namespace"]);
const READ_VERBS = ["get", "list", "watch"];

type Container = {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; fieldRef?: { fieldPath: string } } }[];
  securityContext?: unknown;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
};

const HARDENED = {
  runAsNonRoot: true,
  runAsUser: 65532,
  runAsGroup: 65532,
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

const serviceMonitor = z
  .object({
    apiVersion: z.literal("monitoring.coreos.com/v1"),
    kind: z.literal("ServiceMonitor"),
    metadata: z.object({ name: z.string(), namespace: z.string(), labels: z.record(z.string(), z.string()) }).strict(),
    spec: z
      .object({
        selector: z.object({ matchLabels: z.record(z.string(), z.string()) }).strict(),
        endpoints: z.array(z.object({ port: z.string(), path: z.string(), interval: z.string(), scrapeTimeout: z.string() }).strict()).min(1),
      })
      .strict(),
  })
  .strict();

/** "group/resource:verb" for every permission the rules grant. */
function grants(rules: { apiGroups?: string[]; resources?: string[]; verbs: string[]; resourceNames?: string[]; nonResourceURLs?: string[] }[]): string[] {
  return rules.flatMap((r) => {
    expect(r.resourceNames ?? [], "resourceNames").toEqual([]);
    expect(r.nonResourceURLs ?? [], "nonResourceURLs").toEqual([]);
    return (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).flatMap((res) => r.verbs.map((v) => `${g}/${res}:${v}`)));
  });
}

function expectedReads(): string[] {
  const kinds = [...KINDS, deploymentKind("")];
  return kinds.flatMap((k) => READ_VERBS.map((v) => `${k.group}/${k.plural}:${v}`));
}

/** The container's environment as Kubernetes would hand it over ($(VAR) expanded from earlier entries). */
function resolvedEnv(c: Container, namespace: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value.replace(/\$\((\w+)\)/g, (m, v: string) => env[v] ?? m);
    else if (e.valueFrom?.secretKeyRef) env[e.name] = "secret-from-a-kubernetes-secret-0123456789";
    else if (e.valueFrom?.fieldRef) env[e.name] = { "metadata.name": "dnsdrift-7d9f-abcde", "metadata.namespace": namespace }[e.valueFrom.fieldRef.fieldPath]!;
  }
  return env;
}

describe.each(cases)("deploy: $name", (c) => {
  const objects = c.render();
  const all = (kind: string) => objects.filter((o) => o.kind === kind);
  const one = <T = Record<string, unknown>>(kind: string, name?: string): KubeObject & T => {
    const found = all(kind).filter((o) => !name || o.metadata.name === name);
    expect(found.map((o) => o.metadata.name), `${kind} ${name ?? ""}`).toHaveLength(1);
    return found[0] as KubeObject & T;
  };
  const deployment = one<{ spec: { replicas: number; strategy: { type: string }; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> & { containers: Container[]; volumes: Record<string, unknown>[] } } } }>("Deployment", "dnsdrift");
  const pod = deployment.spec.template.spec;
  const podLabels = deployment.spec.template.metadata.labels;
  const app = pod.containers.find((x) => x.name === "dnsdrift")!;
  const env = resolvedEnv(app, c.namespace);
  const matches = (selector: Record<string, string>) => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels[k] === v);

  it("renders only objects that pass the Kubernetes schemas, with no unknown field", () => {
    for (const o of objects) {
      if (isBuiltin(o)) expect(validateBuiltin(o), `${o.kind} ${o.metadata.name}`).toEqual([]);
      else expect(serviceMonitor.safeParse(o).error?.issues ?? [], `${o.kind} ${o.metadata.name}`).toEqual([]);
    }
    expect(all("ServiceMonitor").length).toBe(c.serviceMonitor ? 1 : 0);
    for (const o of objects) expect(o.metadata.labels?.["app.kubernetes.io/part-of"], `${o.kind} ${o.metadata.name}`).toBe("dnsdrift");
  });

  it(`puts every namespaced object, and every ServiceAccount subject, in ${c.namespace}`, () => {
    for (const o of objects) {
      expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe(CLUSTER_SCOPED.has(o.kind) ? undefined : c.namespace);
      for (const s of (o.subjects as { kind: string; namespace?: string }[] | undefined) ?? []) {
        if (s.kind === "ServiceAccount") expect(s.namespace).toBe(c.namespace);
      }
    }
  });

  it("grants exactly the reads lib/kube makes, plus Events, Leases and access reviews only where used", () => {
    const sa = one("ServiceAccount", "dnsdrift");
    const boundTo = (b: KubeObject) => (b.subjects as { kind: string; name: string; namespace: string }[]).some((s) => s.kind === "ServiceAccount" && s.name === sa.metadata.name && s.namespace === c.namespace);
    const rulesOf = (kind: string, name: string) => (one<{ rules: Parameters<typeof grants>[0] }>(kind, name).rules);
    const cluster = all("ClusterRoleBinding").filter(boundTo).flatMap((b) => grants(rulesOf("ClusterRole", (b.roleRef as { name: string }).name)));
    const expected = [...expectedReads()];
    if (c.writes) expected.push("/events:create", "events.k8s.io/events:create");
    if (c.accessReview) expected.push("authorization.k8s.io/subjectaccessreviews:create");
    expect(cluster.sort()).toEqual(expected.sort());

    const namespaced = all("RoleBinding").filter(boundTo).flatMap((b) => grants(rulesOf((b.roleRef as { kind: string }).kind, (b.roleRef as { name: string }).name)));
    expect(namespaced.sort()).toEqual(c.writes ? ["coordination.k8s.io/leases:create", "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:update"] : []);

    const unbound = all("ClusterRole").filter((r) => !all("ClusterRoleBinding").some((b) => (b.roleRef as { name: string }).name === r.metadata.name && boundTo(b)));
    expect(unbound.map((r) => r.metadata.name)).toEqual(c.accessReview ? ["dnsdrift-approver"] : []);
    expect(JSON.stringify(objects.filter((o) => /Role$/.test(o.kind)))).not.toContain('"*"');
  });

  it("probes real routes on the port the server listens on", () => {
    const http = app.ports!.find((p) => p.name === "http")!;
    expect(http.containerPort).toBe(Number(env.PORT));
    expect(String(http.containerPort)).toBe(stageEnv(dockerRuntime).PORT);
    const probes = { startupProbe: "/healthz", livenessProbe: "/healthz", readinessProbe: "/readyz" } as const;
    for (const [probe, route] of Object.entries(probes) as [keyof typeof probes, string][]) {
      expect(app[probe]?.httpGet).toEqual({ path: route, port: "http" });
      expect(fs.existsSync(path.join(root, "app", route, "route.ts")), `app${route}/route.ts`).toBe(true);
    }
  });

  it("runs every container non-root, read-only, without capabilities or privilege escalation", () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: dockerUid, fsGroup: dockerUid, seccompProfile: { type: "RuntimeDefault" } });
    for (const flag of ["hostNetwork", "hostPID", "hostIPC"]) expect(pod[flag]).toBeUndefined();
    for (const container of pod.containers) expect(container.securityContext, container.name).toEqual(HARDENED);
    expect(pod.containers.map((x) => x.name).sort()).toEqual(c.oauth2Proxy ? ["dnsdrift", "oauth2-proxy"] : ["dnsdrift"]);
    expect((deployment.spec.template.metadata as { annotations?: Record<string, string> }).annotations?.["kubectl.kubernetes.io/default-container"]).toBe("dnsdrift");
  });

  it("gives the server writable volumes for exactly /tmp, Next's cache and the audit database", () => {
    const mounts = Object.fromEntries((app.volumeMounts ?? []).map((m) => [m.mountPath, m.name]));
    const workdir = dockerRuntime.instructions.find((i) => i.op === "WORKDIR")!.args;
    expect(Object.keys(mounts).sort()).toEqual(["/tmp", `${workdir}/.next/cache`, path.posix.dirname(env.DNSDRIFT_AUDIT_DB)].sort());
    const volumes = Object.fromEntries(pod.volumes.map((v) => [v.name as string, v]));
    for (const name of Object.values(mounts)) expect(volumes[name], name).toBeDefined();
    const data = volumes[mounts["/data"]];
    if (c.writes) {
      expect(data).toEqual({ name: "data", persistentVolumeClaim: { claimName: "dnsdrift-data" } });
      expect(one<{ spec: { accessModes: string[] } }>("PersistentVolumeClaim", "dnsdrift-data").spec.accessModes).toEqual(["ReadWriteOnce"]);
      // A ReadWriteOnce volume and one SQLite file: one pod at a time, old one gone first.
      expect([deployment.spec.replicas, deployment.spec.strategy.type]).toEqual([1, "Recreate"]);
    } else {
      expect(Object.keys(data).sort()).toEqual(["emptyDir", "name"]);
      expect(all("PersistentVolumeClaim")).toEqual([]);
    }
  });

  it("takes secrets only by reference: external-dns's token to read, a separate optional one to write", () => {
    expect(all("Secret")).toEqual([]);
    expect(all("ConfigMap")).toEqual([]);
    for (const container of pod.containers) {
      for (const e of container.env ?? []) {
        if (/TOKEN|SECRET|PASSWORD|KEY|CLIENT_ID/i.test(e.name)) expect(e.valueFrom?.secretKeyRef, `${container.name} ${e.name}`).toBeDefined();
      }
    }
    const ref = (name: string) => app.env!.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
    expect(ref("CF_API_TOKEN")).toEqual({ name: "external-dns-secret", key: "api-token" });
    expect(ref("CF_API_WRITE_TOKEN")).toEqual(c.writes ? { name: "dnsdrift-cloudflare-write", key: "api-token", optional: true } : undefined);
    for (const container of pod.containers) expect(container.image).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
  });

  it("hands the server an environment its own settings accept: live, proxy auth on loopback, writes as intended", () => {
    for (const container of pod.containers) {
      const names = (container.env ?? []).map((e) => e.name);
      expect(names, `${container.name}: duplicate env`).toEqual([...new Set(names)]);
    }
    for (const [k, v] of Object.entries(env)) expect(v, `${k} has an unexpanded variable`).not.toMatch(/\$\(\w+\)/);
    const settings = settingsFromEnv(env as unknown as NodeJS.ProcessEnv);
    expect(settings.mode).toBe("live");
    expect(settings.auth.mode).toBe("proxy");
    expect(env.DNSDRIFT_TRUSTED_PROXIES.split(",").sort()).toEqual(["127.0.0.1/32", "::1/128"]);
    expect(() => checkListenAddress(settings.auth, env.HOST)).not.toThrow();
    expect(env.HOST).toBe("0.0.0.0");
    expect(settings.writesEnabled).toBe(c.writes);
    expect(Boolean(settings.cloudflare?.writeToken)).toBe(c.writes);
    expect(Boolean(settings.auth.approverReview)).toBe(c.accessReview);
    if (c.accessReview) expect(env.DNSDRIFT_APPROVER_SAR).toContain(`namespace=${c.namespace}`);
    expect(() => loadDiscoveryOptionsFromEnv(env)).not.toThrow();
    expect([env.POD_NAME, env.POD_NAMESPACE]).toEqual(["dnsdrift-7d9f-abcde", c.namespace]);
  });

  it("routes the Service and the NetworkPolicy to the pod's named ports", () => {
    const service = one<{ spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] } }>("Service", "dnsdrift");
    expect(matches(service.spec.selector)).toBe(true);
    expect(matches(deployment.spec.selector.matchLabels)).toBe(true);
    const portNames = pod.containers.flatMap((x) => (x.ports ?? []).map((p) => p.name));
    for (const p of service.spec.ports) expect(portNames).toContain(p.targetPort);
    expect(service.spec.ports.map((p) => p.name)).toEqual(c.oauth2Proxy ? ["http", "web"] : ["http"]);

    type Peer = { namespaceSelector?: { matchLabels: Record<string, string> }; podSelector?: { matchLabels?: Record<string, string> }; ipBlock?: { cidr: string } };
    type Rule = { ports: { port: string | number; protocol: string }[]; from?: Peer[]; to?: Peer[] };
    const np = one<{ spec: { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress: Rule[]; egress: Rule[] } }>("NetworkPolicy", "dnsdrift");
    expect(matches(np.spec.podSelector.matchLabels)).toBe(true);
    expect(np.spec.policyTypes.sort()).toEqual(["Egress", "Ingress"]);
    for (const r of np.spec.ingress) for (const p of r.ports) expect(portNames).toContain(p.port);
    const fromNs = (port: string) => np.spec.ingress.filter((r) => r.ports.some((p) => p.port === port)).flatMap((r) => r.from ?? []).map((f) => f.namespaceSelector?.matchLabels["kubernetes.io/metadata.name"]);
    expect(fromNs("http")).toEqual(expect.arrayContaining(["monitoring", "ingress-nginx"]));
    if (c.oauth2Proxy) expect(fromNs("oauth2")).toEqual(["ingress-nginx"]);
    const egressTo = (port: number, protocol: string) => np.spec.egress.filter((r) => r.ports.some((p) => p.port === port && p.protocol === protocol)).flatMap((r) => r.to ?? []);
    expect(egressTo(53, "UDP")).toEqual([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }]);
    expect(egressTo(53, "TCP")).toEqual(egressTo(53, "UDP"));
    expect(egressTo(443, "TCP").map((p) => p.ipBlock?.cidr)).toEqual(["0.0.0.0/0", "::/0"]);
    expect(egressTo(6443, "TCP").length).toBeGreaterThan(0);
  });

  it(c.serviceMonitor ? "scrapes /metrics through the Service's http port" : "has no ServiceMonitor (the component adds it)", () => {
    if (!c.serviceMonitor) {
      expect(all("ServiceMonitor")).toEqual([]);
      return;
    }
    const sm = one<{ spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string }[] } }>("ServiceMonitor", "dnsdrift");
    const service = one<{ spec: { ports: { name: string }[] } }>("Service", "dnsdrift");
    for (const [k, v] of Object.entries(sm.spec.selector.matchLabels)) expect(service.metadata.labels?.[k]).toBe(v);
    expect(sm.spec.endpoints).toEqual([expect.objectContaining({ port: "http", path: "/metrics" })]);
    expect(service.spec.ports.map((p) => p.name)).toContain("http");
    expect(fs.existsSync(path.join(root, "app/metrics/route.ts"))).toBe(true);
  });
});

describe("the schema checks themselves", () => {
  const [base] = [kustomize("deploy/base")];
  const deployment = base.find((o) => o.kind === "Deployment")!;

  type Fields = Record<string, Record<string, unknown>>;
  const first = (d: KubeObject) => (d as unknown as { spec: { template: { spec: { containers: Fields[] } } } }).spec.template.spec.containers[0];
  it.each<[string, (d: KubeObject) => void, RegExp]>([
    ["a misspelt securityContext field", (d) => (first(d).securityContext.readOnlyRootFileSystem = true), /unknown field .*readOnlyRootFileSystem/],
    ["a wrong type", (d) => (first(d).securityContext.runAsNonRoot = "true"), /runAsNonRoot must be boolean/],
    ["an unknown probe field", (d) => ((first(d).livenessProbe.httpGet as Record<string, unknown>).url = "/healthz"), /unknown field .*httpGet\.url/],
  ])("reject %s", (_, mutate, message) => {
    const copy = structuredClone(deployment);
    mutate(copy);
    expect(validateBuiltin(copy).join("\n")).toMatch(message);
  });
});
