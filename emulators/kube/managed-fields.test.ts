// managedFields as kube-apiserver keeps them, checked with the real kubectl binary (label,
// annotate, merge patch, server-side apply with its conflicts) and with client-node (create,
// update, status, strategic merge patch on a built-in kind).

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flatten, fromFieldsV1, toFieldsV1, trackManagedFields, type ManagedFieldsEntry } from "./managed-fields";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { GW, kubeConfigFor } from "./test-helpers";

const run = promisify(execFile);
let emu: KubeEmulator;
let dir: string;

async function kubectl(...args: string[]): Promise<string> {
  return kubectlWith({}, ...args);
}

async function kubectlWith(env: Record<string, string>, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run("kubectl", ["--kubeconfig", path.join(dir, "kubeconfig"), ...args], { encoding: "utf8", env: { ...process.env, ...env } });
    return stdout;
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === "ENOENT") throw new Error("these tests need the kubectl binary (v1.27 or newer) on PATH");
    throw new Error(`kubectl ${args.join(" ")} failed: ${err.stderr ?? err.message}`);
  }
}

const managers = (name: string, ns = "networking") =>
  (emu.get(`${GW}/v1`, "Gateway", ns, name)?.metadata.managedFields ?? []) as ManagedFieldsEntry[];
const entry = (name: string, manager: string) => managers(name).find((m) => m.manager === manager);

const gateway = (name: string) => ({
  apiVersion: `${GW}/v1`,
  kind: "Gateway",
  metadata: { name, namespace: "networking" },
  spec: { gatewayClassName: "envoy", listeners: [{ name: "http", protocol: "HTTP", port: 80 }] },
});

beforeAll(async () => {
  emu = await startKubeEmulator({ objects: [gateway("internal"), { apiVersion: "v1", kind: "Namespace", metadata: { name: "networking" } }] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kube-mf-"));
  fs.writeFileSync(path.join(dir, "kubeconfig"), emu.kubeconfig());
});

afterAll(async () => {
  await emu?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("managedFields with the real kubectl", () => {
  it("seeded objects are managed as if `kubectl apply` had created them", () => {
    expect(entry("internal", "kubectl-client-side-apply")).toMatchObject({ operation: "Update", apiVersion: `${GW}/v1`, fieldsType: "FieldsV1" });
  });

  it("kubectl label: manager kubectl-label, operation Update, owning exactly the label", async () => {
    await kubectl("label", "gateway", "internal", "-n", "networking", "external-dns.alpha.kubernetes.io/enabled=true");
    const e = entry("internal", "kubectl-label")!;
    expect(e.operation).toBe("Update");
    expect(e.fieldsV1).toEqual({ "f:metadata": { "f:labels": { ".": {}, "f:external-dns.alpha.kubernetes.io/enabled": {} } } });
    expect(Date.now() - Date.parse(e.time)).toBeLessThan(60_000);
  });

  it("kubectl annotate and a merge patch each get their own entry", async () => {
    await kubectl("annotate", "gateway", "internal", "-n", "networking", "note=x");
    await kubectl("patch", "gateway", "internal", "-n", "networking", "--type", "merge", "-p", '{"spec":{"gatewayClassName":"cilium"}}');
    expect(entry("internal", "kubectl-annotate")?.fieldsV1).toEqual({ "f:metadata": { "f:annotations": { ".": {}, "f:note": {} } } });
    expect(entry("internal", "kubectl-patch")?.fieldsV1).toEqual({ "f:spec": { "f:gatewayClassName": {} } });
    // The field moved to its new manager.
    expect(fromFieldsV1(entry("internal", "kubectl-client-side-apply")!.fieldsV1).has(JSON.stringify(["f:spec", "f:gatewayClassName"]))).toBe(false);
  });

  it("kubectl edit: manager kubectl-edit", async () => {
    await kubectlWith({ KUBE_EDITOR: "sed -i s/gatewayClassName:.*/gatewayClassName:\\ edited/" }, "edit", "gateway", "internal", "-n", "networking");
    expect(emu.get(`${GW}/v1`, "Gateway", "networking", "internal")?.spec).toMatchObject({ gatewayClassName: "edited" });
    expect(entry("internal", "kubectl-edit")?.fieldsV1).toEqual({ "f:spec": { "f:gatewayClassName": {} } });
    expect(entry("internal", "kubectl-patch")).toBeUndefined();
  });

  it("kubectl apply --server-side: operation Apply, then a conflict with another manager unless forced", async () => {
    const file = path.join(dir, "gw.yaml");
    fs.writeFileSync(file, `apiVersion: ${GW}/v1\nkind: Gateway\nmetadata:\n  name: ssa\n  namespace: networking\n  labels: {team: web}\nspec:\n  gatewayClassName: envoy\n  listeners:\n  - {name: http, protocol: HTTP, port: 80}\n`);
    await kubectl("apply", "--server-side", "-f", file);
    expect(entry("ssa", "kubectl")).toMatchObject({ operation: "Apply" });
    expect(entry("ssa", "kubectl")!.fieldsV1).toMatchObject({ "f:spec": { "f:listeners": { 'k:{"name":"http"}': { ".": {}, "f:port": {} } } } });

    fs.writeFileSync(file, `apiVersion: ${GW}/v1\nkind: Gateway\nmetadata:\n  name: ssa\n  namespace: networking\n  labels: {team: ops}\n`);
    await expect(kubectl("apply", "--server-side", "--field-manager=helm", "-f", file)).rejects.toThrow(/conflict with "kubectl": \.metadata\.labels\.team/);
    await kubectl("apply", "--server-side", "--field-manager=helm", "--force-conflicts", "-f", file);
    expect(emu.get(`${GW}/v1`, "Gateway", "networking", "ssa")?.metadata.labels).toEqual({ team: "ops" });
    expect(entry("ssa", "helm")?.fieldsV1).toEqual({ "f:metadata": { "f:labels": { ".": {}, "f:team": {} } } });
    expect(fromFieldsV1(entry("ssa", "kubectl")!.fieldsV1).has(JSON.stringify(["f:metadata", "f:labels", "f:team"]))).toBe(false);
  });

  it("an apply that stops setting a field it alone owned removes it", async () => {
    const file = path.join(dir, "gw2.yaml");
    fs.writeFileSync(file, `apiVersion: ${GW}/v1\nkind: Gateway\nmetadata:\n  name: ssa2\n  namespace: networking\n  labels: {a: "1", b: "2"}\n`);
    await kubectl("apply", "--server-side", "--field-manager=argocd-controller", "-f", file);
    fs.writeFileSync(file, `apiVersion: ${GW}/v1\nkind: Gateway\nmetadata:\n  name: ssa2\n  namespace: networking\n  labels: {a: "1"}\n`);
    await kubectl("apply", "--server-side", "--field-manager=argocd-controller", "-f", file);
    expect(emu.get(`${GW}/v1`, "Gateway", "networking", "ssa2")?.metadata.labels).toEqual({ a: "1" });
  });
});

describe("managedFields through client-node", () => {
  it("create takes the manager from the user agent; status updates are their own subresource entry", async () => {
    const api = kubeConfigFor(emu).makeApiClient(k8s.CustomObjectsApi);
    const body = { ...gateway("made"), status: undefined };
    await api.createNamespacedCustomObject({ group: GW, version: "v1", namespace: "networking", plural: "gateways", body });
    const created = managers("made");
    expect(created).toHaveLength(1);
    // No fieldManager: the user agent up to its first "/" (client-node sends its own).
    expect(created[0].manager).not.toContain("/");
    expect(created[0].operation).toBe("Update");

    const obj = emu.get(`${GW}/v1`, "Gateway", "networking", "made")!;
    await api.replaceNamespacedCustomObjectStatus({
      group: GW, version: "v1", namespace: "networking", plural: "gateways", name: "made",
      body: { ...obj, status: { addresses: [{ type: "IPAddress", value: "10.0.0.1" }] } },
    });
    const status = managers("made").find((m) => m.subresource === "status");
    expect(status?.fieldsV1).toEqual({ "f:status": { ".": {}, "f:addresses": {} } });
  });

  it("strategic merge on a built-in kind merges keyed lists (containers by name)", async () => {
    emu.apply({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "networking" },
      spec: { template: { spec: { containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:1" }] } } },
    });
    const res = await fetch(`${emu.url}/apis/apps/v1/namespaces/networking/deployments/d?fieldManager=kubectl-set`, {
      method: "PATCH",
      headers: { "Content-Type": "application/strategic-merge-patch+json" },
      body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: "b", image: "b:2" }] } } } }),
    });
    expect(res.status).toBe(200);
    const d = emu.get("apps/v1", "Deployment", "networking", "d")!;
    expect((d.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers).toEqual([{ name: "a", image: "a:1" }, { name: "b", image: "b:2" }]);
    const set = (d.metadata.managedFields as ManagedFieldsEntry[]).find((m) => m.manager === "kubectl-set")!;
    expect(set.fieldsV1).toEqual({ "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"b"}': { "f:image": {} } } } } } });
  });
});

describe("FieldsV1", () => {
  it("round-trips a set of paths", () => {
    const obj = { metadata: { name: "x", labels: { a: "1" } }, spec: { hostnames: ["h"], listeners: [{ name: "l", port: 1 }] } };
    const values = flatten(obj);
    const doc = toFieldsV1(values.keys(), values, false);
    expect(doc).toEqual({
      "f:metadata": { "f:labels": { ".": {}, "f:a": {} } },
      "f:spec": { ".": {}, "f:hostnames": {}, "f:listeners": { ".": {}, 'k:{"name":"l"}': { ".": {}, "f:name": {}, "f:port": {} } } },
    });
    expect(fromFieldsV1(doc)).toEqual(new Set(values.keys()));
  });

  it("an update that changes nothing keeps the entry as it was", () => {
    const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { a: "1" } } };
    const first = trackManagedFields({ old: undefined, next: obj, manager: "m", operation: "Update", apiVersion: "v1", time: "t1", builtin: true });
    const again = trackManagedFields({ old: { ...obj, metadata: { ...obj.metadata, managedFields: first } }, next: obj, manager: "m", operation: "Update", apiVersion: "v1", time: "t2", builtin: true });
    expect(again).toEqual(first);
  });
});
