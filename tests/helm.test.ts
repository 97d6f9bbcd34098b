// The Helm chart (deploy/helm/dnsdrift) with the real helm v4: it lints and renders valid objects
// for every combination of its switches, it renders the same objects as the Kustomize base,
// overlays and components for the same settings, and its values schema refuses what it should.
// tests/deploy.test.ts runs its per-object checks (RBAC, probes, hardening) on the chart as well.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { safetySettingsFromEnv, settingsFromEnv } from "../lib/server/settings";
import { isBuiltin, validateBuiltin, type KubeObject } from "./support/kube-schema";
import { CHART, helmRaw, helmTemplate, kustomize } from "./support/render";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-helm-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SWITCHES = ["writes", "accessReview", "oauth2Proxy", "serviceMonitor"] as const;
const combinations = Array.from({ length: 1 << SWITCHES.length }, (_, bits) =>
  Object.fromEntries(SWITCHES.map((s, i) => [s, { enabled: (bits & (1 << i)) !== 0 }])),
);
const label = (values: Record<string, { enabled: boolean }>) => SWITCHES.filter((s) => values[s].enabled).join("+") || "defaults";

describe("helm lint and template, every combination of switches", () => {
  it.each(combinations.map((v) => [label(v), v] as const))("%s", (_name, values) => {
    expect(helmRaw(["lint", CHART, "--strict", "--values", "-"], values)).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    const objects = helmTemplate(values);
    for (const o of objects) {
      if (isBuiltin(o)) expect(validateBuiltin(o), `${o.kind} ${o.metadata.name}`).toEqual([]);
      else expect(`${o.apiVersion}/${o.kind}`).toBe("monitoring.coreos.com/v1/ServiceMonitor");
    }
    const kinds = objects.map((o) => o.kind);
    expect(kinds.includes("PersistentVolumeClaim")).toBe(values.writes.enabled);
    expect(kinds.includes("ServiceMonitor")).toBe(values.serviceMonitor.enabled);
    expect(kinds.filter((k) => k === "Role").length).toBe(values.writes.enabled ? 1 : 0);
  });
});

// Labels only Helm adds; everything else must be identical.
const HELM_LABELS = ["app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart"];

function normalise(o: KubeObject): unknown {
  const copy = structuredClone(o) as KubeObject & { spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { env?: { name: string }[] }[] } } } };
  const strip = (labels?: Record<string, string>) => {
    for (const k of HELM_LABELS) delete labels?.[k];
  };
  strip(copy.metadata.labels);
  strip(copy.spec?.template?.metadata?.labels);
  // Kustomize's strategic merge puts patched list entries first. Volume order means nothing, and
  // env order only matters for $(VAR) references, which tests/deploy.test.ts resolves on both.
  const pod = copy.spec?.template?.spec as { containers?: { name: string; env?: { name: string }[] }[]; volumes?: { name: string }[] } | undefined;
  for (const c of pod?.containers ?? []) c.env?.sort((a, b) => a.name.localeCompare(b.name));
  pod?.containers?.sort((a, b) => a.name.localeCompare(b.name)); // the annotation names the default
  pod?.volumes?.sort((a, b) => a.name.localeCompare(b.name));
  return copy;
}

const byKey = (objects: KubeObject[]) => new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, normalise(o)]));

function docsExampleDir(): string {
  const docs = fs.readFileSync(path.join(root, "docs/install.md"), "utf8");
  const block = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith("# my-dnsdrift/kustomization.yaml"))!;
  fs.symlinkSync(root, path.join(tmp, "dnsdrift"));
  fs.mkdirSync(path.join(tmp, "my-dnsdrift"));
  fs.writeFileSync(path.join(tmp, "my-dnsdrift", "kustomization.yaml"), block);
  return path.join(tmp, "my-dnsdrift");
}

describe("the chart renders what Kustomize renders for the same settings", () => {
  it.each([
    { title: "base ↔ defaults", kustomize: () => "deploy/base", values: {}, namespace: "external-dns" },
    { title: "overlays/readonly ↔ defaults", kustomize: () => "deploy/overlays/readonly", values: {}, namespace: "external-dns" },
    { title: "overlays/writes ↔ writes.enabled", kustomize: () => "deploy/overlays/writes", values: { writes: { enabled: true } }, namespace: "external-dns" },
    {
      title: "docs example (writes, oauth2-proxy, ServiceMonitor, access review, own image and issuer) ↔ the same values",
      kustomize: docsExampleDir,
      values: {
        image: { repository: "registry.example.com/dnsdrift", tag: "0.1.0" },
        writes: { enabled: true },
        accessReview: { enabled: true },
        oauth2Proxy: { enabled: true, issuerUrl: "https://dex.example.com" },
        serviceMonitor: { enabled: true },
      },
      namespace: "networking",
    },
  ])("$title", ({ kustomize: dir, values, namespace }) => {
    const want = byKey(kustomize(dir()));
    const got = byKey(helmTemplate(values, { namespace }));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [key, obj] of want) expect(got.get(key), key).toEqual(obj);
  });
});

describe("values the chart refuses", () => {
  it.each([
    { title: "an unknown key (a typo)", values: { writs: { enabled: true } }, error: /writs/ },
    { title: "a switch given as a string", values: { writes: { enabled: "true" } }, error: /writes\.enabled|enabled/ },
    { title: "an auth mode dnsdrift does not have", values: { auth: { mode: "basic" } }, error: /auth\.mode|mode/ },
    { title: "an issuer that is not a URL", values: { oauth2Proxy: { enabled: true, issuerUrl: "dex" } }, error: /issuerUrl/ },
    { title: "a scrape interval without a unit", values: { serviceMonitor: { enabled: true, interval: "30" } }, error: /interval/ },
    { title: "an extra env entry without a name", values: { extraEnv: [{ value: "x" }] }, error: /name/ },
    { title: "a change percentage over 100", values: { safety: { confirmChangePercent: 150 } }, error: /confirmChangePercent/ },
    { title: "a fractional owned-record minimum", values: { safety: { confirmMinOwned: 2.5 } }, error: /confirmMinOwned/ },
    { title: "a Cloudflare budget under 10 calls", values: { safety: { cloudflareBudget: 5 } }, error: /cloudflareBudget/ },
    { title: "two protected names in one entry", values: { safety: { protectedNames: ["a.example.com,b.example.com"] } }, error: /protectedNames/ },
    { title: "a heap ceiling under 128 MB", values: { heapMaxMB: 64 }, error: /heapMaxMB/ },
    { title: "a heap ceiling with a unit", values: { heapMaxMB: "512Mi" }, error: /heapMaxMB/ },
    { title: "an empty Secret name for the token", values: { cloudflare: { readToken: { secretName: "", secretKey: "api-token" } } }, error: /secretName/ },
  ])("$title", ({ values, error }) => {
    let message = "";
    try {
      helmTemplate(values);
    } catch (e) {
      message = (e as { stderr?: string }).stderr ?? String(e);
    }
    expect(message, "helm template should fail").toMatch(/values don't meet the specifications of the schema|schema/i);
    expect(message).toMatch(error);
  });

  it("release names are honoured: objects and references follow the release", () => {
    const objects = helmTemplate({ writes: { enabled: true } }, { release: "edge", namespace: "dns" });
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toContain("Deployment/edge-dnsdrift");
    const deployment = objects.find((o) => o.kind === "Deployment") as KubeObject & { spec: { template: { spec: { serviceAccountName: string; volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } } } };
    expect(deployment.spec.template.spec.serviceAccountName).toBe("edge-dnsdrift");
    expect(deployment.spec.template.spec.volumes.find((v) => v.name === "data")?.persistentVolumeClaim?.claimName).toBe("edge-dnsdrift-data");
    for (const b of objects.filter((o) => /Binding$/.test(o.kind))) {
      expect(b.subjects).toEqual([{ kind: "ServiceAccount", name: "edge-dnsdrift", namespace: "dns" }]);
    }
  });
});

describe("safety values become the settings dnsdrift reads", () => {
  const envOf = (values: Record<string, unknown>) => {
    const deployment = helmTemplate(values).find((o) => o.kind === "Deployment") as KubeObject & { spec: { template: { spec: { containers: { name: string; env: { name: string; value?: string }[] }[] } } } };
    const env = deployment.spec.template.spec.containers.find((c) => c.name === "dnsdrift")!.env;
    return Object.fromEntries(env.filter((e) => e.value !== undefined && e.name.startsWith("DNSDRIFT_")).map((e) => [e.name, e.value]));
  };

  it("defaults render none of them, so dnsdrift's own defaults apply", () => {
    const env = envOf({});
    expect(Object.keys(env).filter((k) => /CONFIRM|PROTECTED|BUDGET/.test(k))).toEqual([]);
  });

  it("set values reach the container and parse as dnsdrift parses them", () => {
    const env = envOf({ safety: { confirmChangePercent: 12.5, confirmMinOwned: 0, protectedNames: ["example.com", "*.prod.example.com"], cloudflareBudget: 300 } });
    expect(env).toMatchObject({ DNSDRIFT_CONFIRM_CHANGE_PERCENT: "12.5", DNSDRIFT_CONFIRM_MIN_OWNED: "0", DNSDRIFT_PROTECTED_NAMES: "example.com,*.prod.example.com", DNSDRIFT_CLOUDFLARE_BUDGET: "300" });
    const safety = safetySettingsFromEnv(env);
    expect(safety.changeShare).toBeCloseTo(0.125);
    expect(safety.minOwned).toBe(0);
    expect(settingsFromEnv({ ...env, DNSDRIFT_MODE: "live" }).cloudflareBudget).toEqual({ limit: 300, softLimit: 150 });
  });
});

describe("the heap ceiling", () => {
  const nodeOptions = (values: Record<string, unknown>) => {
    const deployment = helmTemplate(values).find((o) => o.kind === "Deployment") as KubeObject & { spec: { template: { spec: { containers: { name: string; env: { name: string; value?: string }[] }[] } } } };
    return deployment.spec.template.spec.containers.find((c) => c.name === "dnsdrift")!.env.find((e) => e.name === "NODE_OPTIONS")?.value;
  };

  it.each([
    [{}, 512],
    [{ heapMaxMB: 1024 }, 1024],
  ])("%o: Node started with the rendered NODE_OPTIONS gets a heap of that size", (values, mb) => {
    const options = nodeOptions(values);
    expect(options).toBe(`--max-old-space-size=${mb}`);
    // The ceiling V8 reports is the old space plus the young generation's reserve.
    const limit = Number(execFileSync(process.execPath, ["-p", "require('node:v8').getHeapStatistics().heap_size_limit"], { env: { ...process.env, NODE_OPTIONS: options }, encoding: "utf8" }));
    expect(limit / 2 ** 20).toBeGreaterThanOrEqual(mb);
    expect(limit / 2 ** 20).toBeLessThan(mb + 128);
  });
});
