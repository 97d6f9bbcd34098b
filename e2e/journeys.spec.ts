// The journeys a platform engineer makes in the dashboard, against the built-in demo (both
// emulators, the DoH endpoint, the real server) in Debian's chromium. Each starts from the
// seed's Cloudflare zone with its drift; screenshots of every page are kept as artifacts.

import { expect, test } from "@playwright/test";
import { cloudflareFault, demoInfo, resetDemo, snap } from "./support";

const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const DEMO_EDIT_TOKEN = "demo-edit-token-0000000000000000000000";

test.beforeEach(async () => {
  await resetDemo();
});

test("find out why grafana.example.com is not published", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("hostname-search").fill("grafana.example.com");
  await page.getByTestId("hostname-search").press("Enter");
  await expect(page).toHaveURL(/\/hostnames\/grafana\.example\.com$/);
  await expect(page.getByTestId("hostname-verdict")).toContainText(/not published/i);
  await expect(page.getByTestId("explain-reason").first()).toContainText("gateway-label-filter");
  await expect(page.getByTestId("explain-reason").first()).toContainText("networking/envoy-internal");
  // The fix is a change to the cluster object, shown as a YAML patch on the Gateway.
  await expect(page.getByTestId("fix").first()).toContainText("envoy-internal");
  await expect(page.getByTestId("fix-patch").first()).toContainText('external-dns.alpha.kubernetes.io/enabled: "true"');
  await snap(page, "hostname-grafana");
});

test("app.example.com is drifted on proxied; approve the fix and see it in sync", async ({ page }) => {
  await page.goto("/hostnames/app.example.com");
  await expect(page.getByTestId("hostname-verdict")).toContainText(/updated/i);
  await expect(page.getByText(/proxied false → true/).first()).toBeVisible();
  await snap(page, "hostname-app-drifted");

  await page.goto("/plan");
  await page.getByRole("button", { name: "Select none" }).click();
  await page.getByRole("checkbox", { name: "Include update CNAME app.example.com" }).check();
  await expect(page.getByTestId("approve-button")).toBeEnabled();
  await snap(page, "plan-selected");
  await page.getByTestId("approve-button").click();
  await expect(page.getByTestId("apply-results")).toBeVisible({ timeout: 30_000 });
  const results = page.getByTestId("apply-result");
  await expect(results).toHaveCount(1);
  await expect(results.first()).toHaveAttribute("data-status", "applied");
  await snap(page, "plan-applied");

  await page.goto("/hostnames/app.example.com");
  await expect(page.getByTestId("hostname-verdict")).toContainText(/in sync/i);
  await page.goto("/records?q=app.example.com");
  const row = page.locator('[data-testid="records-row"]', { hasText: "CNAME" }).first();
  await expect(row).toHaveAttribute("data-state", "in-sync");
  await snap(page, "records-app-in-sync");
});

test("a delete needs the typed confirmation", async ({ page }) => {
  await page.goto("/plan");
  await page.getByRole("button", { name: "Select none" }).click();
  await page.getByRole("checkbox", { name: "Include delete CNAME old.example.com" }).check();
  await expect(page.getByTestId("approve-button")).toBeDisabled();
  await expect(page.getByTestId("approve-disabled-reason")).toContainText('Type "example.com"');
  await page.getByTestId("confirm-input").fill("example.co");
  await expect(page.getByTestId("approve-button")).toBeDisabled();
  await page.getByTestId("confirm-input").fill("example.com");
  await expect(page.getByTestId("approve-button")).toBeEnabled();
  await snap(page, "plan-confirm");
  await page.getByTestId("approve-button").click();
  await expect(page.getByTestId("apply-results")).toBeVisible({ timeout: 30_000 });
  // The record and its ownership TXT, both deleted.
  await expect(page.getByTestId("apply-result")).toHaveCount(2);
  for (const r of await page.getByTestId("apply-result").all()) await expect(r).toHaveAttribute("data-status", "applied");
});

test("a stale plan is refused and the new plan is shown", async ({ page }) => {
  await page.goto("/plan");
  await page.getByRole("button", { name: "Select none" }).click();
  await page.getByRole("checkbox", { name: "Include create CNAME web.example.com" }).check();
  // Someone fixes app.example.com by hand at Cloudflare while the plan is being reviewed.
  const { cloudflareAdmin } = demoInfo();
  const api = cloudflareAdmin.replace(/\/__admin$/, "/client/v4");
  const records = await (await fetch(`${api}/zones/${ZONE_ID}/dns_records?name=app.example.com&type=CNAME`, { headers: { authorization: `Bearer ${DEMO_EDIT_TOKEN}` } })).json();
  const id = records.result[0].id;
  const patched = await fetch(`${api}/zones/${ZONE_ID}/dns_records/${id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${DEMO_EDIT_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ proxied: true }),
  });
  expect(patched.status).toBe(200);
  await page.getByTestId("approve-button").click();
  await expect(page.getByTestId("plan-stale")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("apply-results")).toHaveCount(0);
  await snap(page, "plan-stale");
  // The new plan no longer holds the app.example.com update.
  await expect(page.locator('[data-testid="plan-change"][data-name="app.example.com"]')).toHaveCount(0, { timeout: 30_000 });
});

test("the records table filters to unowned", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("count-unowned").click();
  await expect(page).toHaveURL(/\/records\?.*state=unowned/);
  const rows = page.getByTestId("records-row");
  await expect(rows.first()).toBeVisible();
  const states = await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.state));
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(["unowned"]));
  await expect(page.locator('[data-testid="records-row"]', { hasText: "blog.example.com" })).toHaveCount(0);
  await snap(page, "records-unowned");
});

test("a Cloudflare outage shows a stale zone and disables Approve", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator('[data-testid="source-row"][data-source-id="zone/example.com"]')).toHaveAttribute("data-status", "ok");
  await cloudflareFault({ kind: "serverError", status: 503 });
  await page.getByTestId("refresh-button").click();
  await expect(page.locator('[data-testid="source-row"][data-source-id="zone/example.com"]')).toHaveAttribute("data-status", "stale", { timeout: 30_000 });
  await expect(page.getByTestId("data-banner")).toBeVisible();
  await snap(page, "overview-outage");
  await page.goto("/plan");
  await expect(page.getByTestId("approve-button")).toBeDisabled();
  await expect(page.getByTestId("approve-disabled-reason")).toContainText(/partial|stale/i);
  await snap(page, "plan-outage");
});

test("why status.example.com is not published: its Service's load balancer is pending", async ({ page }) => {
  await page.goto("/services");
  const row = page.locator('[data-testid="service-row"][data-resource="service/default/status"]');
  await expect(row).toContainText("LoadBalancer");
  await expect(row).toContainText("status.example.com");
  await expect(row).toContainText("no records");
  await expect(row).toContainText("no-targets");
  // The Gateway's own Service asks for no name, so the demo's --fqdn-template names it; its A record is in sync.
  const templated = page.locator('[data-testid="service-row"][data-resource="service/networking/envoy-external"]');
  await expect(templated.locator('[data-testid="record-ref"][data-state="in-sync"]', { hasText: "envoy-external.lb.example.com" })).toBeVisible();
  await expect(templated).toContainText("fqdn-template");
  await snap(page, "services");
  await row.getByRole("link", { name: "status.example.com" }).click();
  await expect(page).toHaveURL(/\/hostnames\/status\.example\.com$/);
  await expect(page.getByTestId("explain-reason").first()).toContainText("no-targets");
  await expect(page.getByTestId("explain-reason").first()).toContainText("service/default/status");
  await snap(page, "hostname-status");
});

test("every page renders (screenshots for review)", async ({ page }) => {
  for (const [path, name] of [
    ["/", "overview"],
    ["/gateways", "gateways"],
    ["/ingresses", "ingresses"],
    ["/dnsendpoints", "dnsendpoints"],
    ["/services", "services"],
    ["/records", "records"],
    ["/hostnames/blog.example.com", "hostname-blog"],
    ["/plan", "plan"],
    ["/audit", "audit"],
  ] as const) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    // Every page shows its data, not a spinner, once the state has loaded.
    await expect(page.getByTestId("loading")).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByText(/something went wrong|application error/i)).toHaveCount(0);
    await snap(page, name);
  }
});
