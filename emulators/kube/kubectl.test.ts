// The emulator driven by the real kubectl, with every kubectl binary on the machine (v1.33 from
// scripts/tools.sh, the machine's v1.32): apply and edit (OpenAPI v3 for patch types, v2 refused
// in protobuf), explain (schemas of every kind), get (Tables with the CRDs' printer columns and
// the built-in printers' columns, short names, categories).

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSeedObjects } from "../demo/seed";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { GW, kubectlBinaries, kubectlRunner, waitFor, type Kubectl } from "./test-helpers";

let emu: KubeEmulator;
let dir: string;
const binaries = kubectlBinaries();

beforeAll(async () => {
  emu = await startKubeEmulator({ objects: demoSeedObjects() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kube-kubectl-"));
  fs.writeFileSync(path.join(dir, "kubeconfig"), emu.kubeconfig());
});

afterAll(async () => {
  await emu?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("finds at least one kubectl binary (the tests below need one)", () => {
  expect(binaries.length).toBeGreaterThan(0);
});

/** Table output → rows of cells split on runs of 2+ spaces (a header included). */
const rows = (out: string) => out.trim().split("\n").map((l) => l.trim().split(/\s{2,}/));

describe.each(binaries.map((b, i) => [b, i] as const))("kubectl %s", (binary, i) => {
  let kubectl: Kubectl;
  const suffix = `k${i}`;
  const file = (name: string, text: string) => {
    const f = path.join(dir, `${name}-${suffix}.yaml`);
    fs.writeFileSync(f, text);
    return f;
  };

  beforeAll(() => {
    kubectl = kubectlRunner(binary, path.join(dir, "kubeconfig"));
  });

  it("apply creates, then updates a custom resource and a Service (keyed ports merge)", async () => {
    const route = (host: string) =>
      `apiVersion: ${GW}/v1\nkind: HTTPRoute\nmetadata: {name: r-${suffix}, namespace: default}\nspec:\n  hostnames: [${host}]\n  parentRefs: [{name: envoy-external, namespace: networking}]\n`;
    expect(await kubectl("apply", "-f", file("route", route("a.example.com")))).toContain(`httproute.gateway.networking.k8s.io/r-${suffix} created`);
    expect(await kubectl("apply", "-f", file("route", route("b.example.com")))).toContain("configured");
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "default", `r-${suffix}`)?.spec).toMatchObject({ hostnames: ["b.example.com"] });

    const svc = (ports: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s-${suffix}, namespace: default}\nspec:\n  ports: [${ports}]\n`;
    await kubectl("apply", "-f", file("svc", svc("{name: http, port: 80}")));
    await kubectl("apply", "-f", file("svc", svc("{name: http, port: 80}, {name: https, port: 443}")));
    expect(emu.get("v1", "Service", "default", `s-${suffix}`)?.spec).toMatchObject({ ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }] });
  });

  it("edit changes a custom resource and a built-in (a strategic merge patch with a delete directive)", async () => {
    await kubectl.with({ KUBE_EDITOR: "sed -i s/b.example.com/c.example.com/" }, ["edit", "httproute", `r-${suffix}`, "-n", "default"]);
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "default", `r-${suffix}`)?.spec).toMatchObject({ hostnames: ["c.example.com"] });
    await kubectl.with({ KUBE_EDITOR: "sed -i s/port:\\ 443/port:\\ 8443/" }, ["edit", "svc", `s-${suffix}`, "-n", "default"]);
    const ports = (emu.get("v1", "Service", "default", `s-${suffix}`)?.spec as { ports: { port: number }[] }).ports.map((p) => p.port);
    expect(ports).toEqual([80, 8443]);
  });

  it.each([
    ["httproute.spec.hostnames", /FIELD: hostnames <\[\]string>/],
    ["httproute.status.parents.conditions", /FIELD: conditions <\[\]Object>/],
    ["gateway.spec.listeners", /FIELD: listeners <\[\]Object>[\s\S]*protocol\s+<string> -required-/],
    ["gatewayclass.spec.controllerName", /FIELD: controllerName <string>/],
    ["grpcroute.spec.hostnames", /FIELD: hostnames/],
    ["dnsendpoint.spec.endpoints", /FIELD: endpoints <\[\]Object>[\s\S]*recordTTL\s+<integer>/],
    ["service.spec.ports", /FIELD: ports <\[\]ServicePort>/],
    ["endpointslice.endpoints", /FIELD: endpoints <\[\]Endpoint>/],
    ["pod.spec.containers", /FIELD: containers <\[\]Container>/],
    ["node.status.addresses", /FIELD: addresses <\[\]NodeAddress>/],
    ["ingress.spec.rules", /FIELD: rules <\[\]IngressRule>/],
    ["events.involvedObject", /FIELD: involvedObject <ObjectReference>/],
    ["events.regarding --api-version=events.k8s.io/v1", /FIELD: regarding <ObjectReference>/],
    ["lease.spec.holderIdentity", /FIELD: holderIdentity <string>/],
    ["deployment.spec.template.spec", /FIELD: spec <PodSpec>/],
    ["httproute.metadata.labels", /FIELD: labels <map\[string\]string>/],
  ])("explain %s", async (what, shape) => {
    expect(await kubectl("explain", ...what.split(" "))).toMatch(shape);
  });

  it("get gateways: the CRD's CLASS, ADDRESS and PROGRAMMED columns, by short name", async () => {
    const [header, ...body] = rows(await kubectl("get", "gtw", "-n", "networking"));
    expect(header).toEqual(["NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE"]);
    expect(body.find((r) => r[0] === "envoy-external")?.slice(0, 4)).toEqual(["envoy-external", "envoy", "192.168.0.239", "True"]);
  });

  it("get httproutes: HOSTNAMES as the real CRD prints it", async () => {
    const [header, row] = rows(await kubectl("get", "httproute", "grafana", "-n", "observability"));
    expect(header).toEqual(["NAME", "HOSTNAMES", "AGE"]);
    expect(row.slice(0, 2)).toEqual(["grafana", '["grafana.example.com"]']);
    expect(row[2]).toMatch(/^\d+[smhd]/);
  });

  it("get svc,ingress: the built-in printers' columns", async () => {
    const out = await kubectl("get", "svc,ingress", "-A");
    const [svcPart, ingPart] = out.trim().split(/\n\s*\n/);
    const svc = rows(svcPart);
    expect(svc[0]).toEqual(["NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]);
    expect(svc.find((r) => r[1] === "service/status")?.slice(2, 6)).toEqual(["LoadBalancer", "10.96.0.40", "<pending>", "443:31443/TCP"]);
    expect(svc.find((r) => r[1] === "service/envoy-external")?.slice(4, 5)).toEqual(["203.0.113.50"]);
    const ing = rows(ingPart);
    expect(ing[0]).toEqual(["NAMESPACE", "NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]);
    expect(ing.find((r) => r[1].endsWith("/admin"))?.slice(2, 6)).toEqual(["internal", "admin.example.com", "192.168.0.240", "80"]);
  });

  it("get -o wide adds the priority-1 columns", async () => {
    const [header] = rows(await kubectl("get", "svc", "status", "-o", "wide"));
    expect(header).toEqual(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"]);
  });

  it("get gateway-api: the category the Gateway API CRDs declare", async () => {
    const out = await kubectl("get", "gateway-api", "-A", "-o", "name");
    expect(out).toContain("gateway.gateway.networking.k8s.io/envoy-external");
    expect(out).toContain("httproute.gateway.networking.k8s.io/grafana");
    expect(out).not.toContain("service/");
  });

  it("get -w: the watch's events are Table rows with the same columns", async () => {
    const child = spawn(binary, ["--kubeconfig", path.join(dir, "kubeconfig"), "get", "httproute", "-n", "observability", "-w"]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => out.includes("grafana"), "the first row", 10_000);
      await kubectl("label", "httproute", "grafana", "-n", "observability", `seen-${suffix}=yes`);
      await waitFor(() => out.trim().split("\n").length >= 3, "the watch event", 10_000);
    } finally {
      child.kill();
    }
    const [header, first, event] = rows(out);
    expect(header).toEqual(["NAME", "HOSTNAMES", "AGE"]);
    expect(first.slice(0, 2)).toEqual(["grafana", '["grafana.example.com"]']);
    expect(event.slice(0, 2)).toEqual(["grafana", '["grafana.example.com"]']);
  });

  it("--dry-run=server: apply and delete answer as if and change nothing", async () => {
    const f = file("dry", `apiVersion: ${GW}/v1\nkind: HTTPRoute\nmetadata: {name: dry-${suffix}, namespace: default}\nspec:\n  hostnames: [dry.example.com]\n`);
    const rv = emu.resourceVersion;
    expect(await kubectl("apply", "--dry-run=server", "-f", f)).toContain("created (server dry run)");
    expect(await kubectl("delete", "--dry-run=server", "httproute", "grafana", "-n", "observability")).toContain("deleted (server dry run)");
    expect(emu.resourceVersion).toBe(rv);
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "default", `dry-${suffix}`)).toBeUndefined();
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "observability", "grafana")).toBeDefined();
  });

  it("get -o yaml still returns the object itself", async () => {
    const out = await kubectl("get", "gtw", "envoy-internal", "-n", "networking", "-o", "jsonpath={.spec.gatewayClassName}");
    expect(out).toBe("envoy");
  });
});
