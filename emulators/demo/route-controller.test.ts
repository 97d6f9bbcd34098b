// The demo's stand-in for Envoy Gateway, driven by the real kubectl: a route applied or edited
// with kubectl gets Accepted and ResolvedRefs per parent with its observedGeneration, written
// through /status; the Gateway API attachment rules decide Accepted.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator } from "../kube/server";
import { kubectlBinaries, kubectlRunner, waitFor, type Kubectl } from "../kube/test-helpers";
import { ENVOY_CONTROLLER, hostnamesIntersect, startRouteController, type RouteController } from "./route-controller";
import { demoSeedObjects } from "./seed";

const GW = "gateway.networking.k8s.io";
let emu: KubeEmulator;
let controller: RouteController;
let dir: string;
let kubectl: Kubectl;

beforeAll(async () => {
  emu = await startKubeEmulator({ objects: demoSeedObjects() });
  controller = await startRouteController(emu);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-controller-"));
  fs.writeFileSync(path.join(dir, "kubeconfig"), emu.kubeconfig());
  kubectl = kubectlRunner(kubectlBinaries()[0], path.join(dir, "kubeconfig"));
});

afterAll(async () => {
  controller?.stop();
  await emu?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Parent {
  parentRef: { name: string };
  controllerName: string;
  conditions: { type: string; status: string; reason: string; observedGeneration: number }[];
}
const parents = (ns: string, name: string) => ((emu.get(`${GW}/v1`, "HTTPRoute", ns, name)?.status as { parents?: Parent[] } | undefined)?.parents ?? []);
const condition = (ns: string, name: string, type: string) => parents(ns, name).find((p) => p.controllerName === ENVOY_CONTROLLER)?.conditions.find((c) => c.type === type);

function routeYaml(name: string, ns: string, opts: { hostname?: string; gateway?: string; section?: string; backend?: string } = {}): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    file,
    [
      `apiVersion: ${GW}/v1`,
      "kind: HTTPRoute",
      `metadata: {name: ${name}, namespace: ${ns}}`,
      "spec:",
      `  parentRefs: [{name: ${opts.gateway ?? "envoy-external"}, namespace: networking, sectionName: ${opts.section ?? "https"}}]`,
      `  hostnames: [${opts.hostname ?? `${name}.example.com`}]`,
      `  rules: [{backendRefs: [{name: ${opts.backend ?? name}, port: 80}]}]`,
      "",
    ].join("\n"),
  );
  return file;
}

describe("route status", () => {
  it("the seed's routes are reconciled at start, with observedGeneration", () => {
    expect(condition("observability", "grafana", "Accepted")).toMatchObject({ status: "True", reason: "Accepted", observedGeneration: 1 });
  });

  it("a route applied with kubectl is accepted; ResolvedRefs follows its backend Service", async () => {
    await kubectl("apply", "-f", routeYaml("shiny", "default"));
    const accepted = await waitFor(() => condition("default", "shiny", "Accepted"), "Accepted on shiny");
    expect(accepted).toMatchObject({ status: "True", reason: "Accepted", observedGeneration: 1 });
    expect(condition("default", "shiny", "ResolvedRefs")).toMatchObject({ status: "False", reason: "BackendNotFound" });
    const svc = path.join(dir, "svc.yaml");
    fs.writeFileSync(svc, "apiVersion: v1\nkind: Service\nmetadata: {name: shiny, namespace: default}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n");
    await kubectl("apply", "-f", svc);
    await waitFor(() => condition("default", "shiny", "ResolvedRefs")?.status === "True", "ResolvedRefs True on shiny");
    const managers = (emu.get(`${GW}/v1`, "HTTPRoute", "default", "shiny")?.metadata.managedFields as { manager: string; subresource?: string }[]).map((m) => `${m.manager}:${m.subresource ?? ""}`);
    expect(managers).toContain("envoy-gateway:status");
  });

  it("an edit moves observedGeneration", async () => {
    await kubectl.with({ KUBE_EDITOR: "sed -i s/shiny.example.com/shinier.example.com/" }, ["edit", "httproute", "shiny", "-n", "default"]);
    await waitFor(() => condition("default", "shiny", "Accepted")?.observedGeneration === 2, "observedGeneration 2");
  });

  it.each([
    ["a hostname outside the listener's", { hostname: "shop.example.org" }, "NoMatchingListenerHostname"],
    ["a namespace the http listener does not allow (Same)", { section: "http" }, "NotAllowedByListeners"],
    ["a section the Gateway does not have", { section: "grpc" }, "NoMatchingParent"],
  ])("%s → Accepted False", async (_, opts, reason) => {
    const name = `r-${reason.toLowerCase()}`;
    await kubectl("apply", "-f", routeYaml(name, "default", opts));
    const c = await waitFor(() => condition("default", name, "Accepted"), `Accepted on ${name}`);
    expect(c).toMatchObject({ status: "False", reason });
  });

  it("a Gateway of another class gets no entry from this controller", async () => {
    emu.apply({ apiVersion: `${GW}/v1`, kind: "Gateway", metadata: { name: "other", namespace: "networking" }, spec: { gatewayClassName: "cilium", listeners: [{ name: "https", port: 443, protocol: "HTTPS" }] } });
    await kubectl("apply", "-f", routeYaml("elsewhere", "default", { gateway: "other" }));
    await controller.resync();
    expect(parents("default", "elsewhere")).toEqual([]);
  });
});

describe("hostname intersection", () => {
  it.each([
    [undefined, "a.example.com", true],
    ["*.example.com", "a.example.com", true],
    ["*.example.com", "a.b.example.com", true],
    ["*.example.com", "example.com", false],
    ["*.example.com", "a.example.org", false],
    ["a.example.com", "*.example.com", true],
    ["*.example.com", "*.a.example.com", true],
    ["A.Example.com", "a.example.com", true],
    ["a.example.com", "b.example.com", false],
  ])("listener %s, route %s → %s", (l, r, want) => {
    expect(hostnamesIntersect(l, r)).toBe(want);
  });
});
