// A newcomer's fix for grafana.example.com, for real: the hostname page shows a kubectl
// command; it is run as shown with the kubectl on PATH against the demo cluster (the kubeconfig
// the demo writes), the hostname turns "will be created", the plan is approved, and it is in
// sync. And a new HTTPRoute applied with kubectl is accepted by the demo's stand-in for Envoy
// Gateway and planned. The cluster is put back afterwards, as the other journeys expect the seed's.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoInfo, resetDemo, snap } from "./support";

const kubeconfig = () => (demoInfo() as ReturnType<typeof demoInfo> & { kubeconfig?: string }).kubeconfig;

/** Runs a command line the way a person pastes it into a shell, with the demo's KUBECONFIG. */
function shell(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", command], { env: { ...process.env, KUBECONFIG: kubeconfig() }, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

test.beforeEach(async () => {
  await resetDemo();
});

test.afterEach(async () => {
  await shell("kubectl label gateway envoy-internal -n networking external-dns.alpha.kubernetes.io/enabled-").catch(() => undefined);
  await shell("kubectl delete httproute newapp -n default --ignore-not-found").catch(() => undefined);
  await resetDemo();
});

test("grafana.example.com: run the shown kubectl command, approve, in sync", async ({ page }) => {
  expect(kubeconfig(), "the demo writes its kubeconfig path into the demo info").toBeTruthy();
  await page.goto("/hostnames/grafana.example.com");
  await expect(page.getByTestId("hostname-verdict")).toContainText(/not published/i);
  const command = (await page.getByTestId("fix-command").first().innerText()).trim();
  expect(command).toBe("kubectl label gateway -n networking envoy-internal external-dns.alpha.kubernetes.io/enabled=true");
  await snap(page, "kubectl-grafana-fix");

  expect(await shell(command)).toContain("gateway.gateway.networking.k8s.io/envoy-internal labeled");
  // What a newcomer checks next: the Gateway as kubectl prints it, and the route accepted.
  const gateways = await shell("kubectl get gateways -n networking --show-labels");
  expect(gateways).toMatch(/NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE\s+LABELS/);
  expect(gateways).toMatch(/envoy-internal\s+envoy\s+192\.168\.0\.238\s+.*external-dns\.alpha\.kubernetes\.io\/enabled=true/);
  const accepted = await shell(`kubectl get httproute grafana -n observability -o jsonpath='{.status.parents[0].conditions[?(@.type=="Accepted")].status}'`);
  expect(accepted).toBe("True");

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("hostname-verdict")).toContainText(/will be created/i, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await snap(page, "kubectl-grafana-will-create");

  await page.goto("/plan");
  await page.getByRole("button", { name: "Select none" }).click();
  await page.getByRole("checkbox", { name: "Include create CNAME grafana.example.com" }).check();
  await expect(page.getByTestId("approve-button")).toBeEnabled();
  await page.getByTestId("approve-button").click();
  await expect(page.getByTestId("apply-results")).toBeVisible({ timeout: 30_000 });
  const results = page.getByTestId("apply-result");
  await expect(results.first()).toBeVisible();
  for (const r of await results.all()) await expect(r).toHaveAttribute("data-status", "applied");

  await page.goto("/hostnames/grafana.example.com");
  await expect(page.getByTestId("hostname-verdict")).toContainText(/in sync/i);
  await snap(page, "kubectl-grafana-in-sync");
});

test("a route applied with kubectl is accepted by the demo's Gateway controller and planned", async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-route-"));
  const file = path.join(dir, "newapp.yaml");
  fs.writeFileSync(
    file,
    [
      "apiVersion: gateway.networking.k8s.io/v1",
      "kind: HTTPRoute",
      "metadata: {name: newapp, namespace: default}",
      "spec:",
      "  parentRefs: [{name: envoy-external, namespace: networking, sectionName: https}]",
      "  hostnames: [newapp.example.com]",
      "  rules: [{backendRefs: [{name: newapp, port: 80}]}]",
      "",
    ].join("\n"),
  );
  expect(await shell(`kubectl apply -f ${file}`)).toContain("httproute.gateway.networking.k8s.io/newapp created");
  fs.rmSync(dir, { recursive: true, force: true });
  await expect(async () => {
    expect(await shell("kubectl get httproute newapp -n default -o jsonpath='{.status.parents[0].conditions[?(@.type==\"Accepted\")].status}'")).toBe("True");
  }).toPass({ timeout: 10_000 });
  expect(await shell("kubectl get httproute newapp -n default")).toMatch(/newapp\s+\["newapp\.example\.com"\]/);

  await expect(async () => {
    await page.goto("/hostnames/newapp.example.com");
    await expect(page.getByTestId("hostname-verdict")).toContainText(/will be created/i, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText("httproute/default/newapp").first()).toBeVisible();
  await snap(page, "kubectl-newapp-will-create");
});
