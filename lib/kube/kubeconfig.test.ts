import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../externaldns/errors";
import { loadKubeConfig } from "./kubeconfig";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-kubeconfig-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function kubeconfigFile(name: string, contexts: string[], current: string): string {
  const file = path.join(dir, name);
  const yaml = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    ...contexts.flatMap((c) => [`- name: ${c}`, "  cluster:", `    server: https://${c}.example.com:6443`]),
    "users:",
    "- name: u",
    "  user:",
    "    token: t",
    "contexts:",
    ...contexts.flatMap((c) => [`- name: ${c}`, "  context:", `    cluster: ${c}`, "    user: u"]),
    `current-context: ${current}`,
  ].join("\n");
  fs.writeFileSync(file, yaml);
  return file;
}

const prodStaging = kubeconfigFile("a.yaml", ["prod", "staging"], "prod");
const other = kubeconfigFile("b.yaml", ["lab"], "lab");
const home = path.join(dir, "home");
fs.mkdirSync(path.join(home, ".kube"), { recursive: true });
kubeconfigFile(path.join("home", ".kube", "config"), ["homectx"], "homectx");
const saRoot = path.join(dir, "sa");
fs.mkdirSync(path.join(saRoot, "var/run/secrets/kubernetes.io/serviceaccount"), { recursive: true });
for (const [f, v] of [["token", "sa-token"], ["namespace", "dnsdrift"], ["ca.crt", ""]]) {
  fs.writeFileSync(path.join(saRoot, "var/run/secrets/kubernetes.io/serviceaccount", f), v);
}

const server = (opts: Parameters<typeof loadKubeConfig>[0], env: Record<string, string | undefined>) => loadKubeConfig(opts, env).getCurrentCluster()?.server;

describe("loadKubeConfig", () => {
  it.each<[string, Parameters<typeof loadKubeConfig>[0], Record<string, string | undefined>, string]>([
    ["an explicit file, its current context", { kubeconfigPath: prodStaging }, {}, "https://prod.example.com:6443"],
    ["an explicit file and context", { kubeconfigPath: prodStaging, context: "staging" }, {}, "https://staging.example.com:6443"],
    ["the context from DNSDRIFT_KUBE_CONTEXT", { kubeconfigPath: prodStaging }, { DNSDRIFT_KUBE_CONTEXT: "staging" }, "https://staging.example.com:6443"],
    ["KUBECONFIG", {}, { KUBECONFIG: other }, "https://lab.example.com:6443"],
    ["KUBECONFIG list: first file's current context, contexts merged", {}, { KUBECONFIG: [other, prodStaging].join(path.delimiter) }, "https://lab.example.com:6443"],
    ["KUBECONFIG list with a context from the second file", {}, { KUBECONFIG: [other, prodStaging].join(path.delimiter), DNSDRIFT_KUBE_CONTEXT: "staging" }, "https://staging.example.com:6443"],
    ["KUBECONFIG skips missing files", {}, { KUBECONFIG: [path.join(dir, "nope.yaml"), other].join(path.delimiter) }, "https://lab.example.com:6443"],
    ["KUBECONFIG wins over the in-cluster account", {}, { KUBECONFIG: other, KUBERNETES_SERVICE_HOST: "10.0.0.1" }, "https://lab.example.com:6443"],
    ["~/.kube/config", {}, { HOME: home }, "https://homectx.example.com:6443"],
  ])("%s", (_, opts, env, want) => {
    expect(server(opts, env)).toBe(want);
  });

  it("uses the pod's ServiceAccount when running in a cluster", () => {
    const kc = loadKubeConfig({ serviceAccountRoot: saRoot }, { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443", HOME: home });
    expect(kc.getCurrentCluster()?.server).toBe("https://10.96.0.1:443");
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe("dnsdrift");
    expect(kc.getCurrentUser()?.authProvider?.config?.tokenFile).toBe(path.join(saRoot, "var/run/secrets/kubernetes.io/serviceaccount/token"));
    expect(process.env.KUBERNETES_SERVICE_HOST).not.toBe("10.96.0.1"); // process.env is left as it was
  });

  it.each<[string, Parameters<typeof loadKubeConfig>[0], Record<string, string | undefined>, RegExp]>([
    ["an unknown context", { kubeconfigPath: prodStaging, context: "dev" }, {}, /context "dev" not found in the kubeconfig \(has: prod, staging\)/],
    ["a missing explicit file", { kubeconfigPath: path.join(dir, "none.yaml") }, {}, /none\.yaml: kubeconfig file does not exist/],
    ["KUBECONFIG naming no existing file", {}, { KUBECONFIG: path.join(dir, "none.yaml") }, /KUBECONFIG: none of/],
    ["no credentials anywhere", {}, { HOME: path.join(dir, "empty-home") }, /no Kubernetes credentials: not running in a pod/],
  ])("rejects %s", (_, opts, env, message) => {
    expect(() => loadKubeConfig(opts, env)).toThrow(InputError);
    expect(() => loadKubeConfig(opts, env)).toThrow(message);
  });
});
