// The Gateways page for the route kinds beyond HTTPRoute, against the built-in demo: its GRPCRoute
// (grpc.example.com, behind envoy-external's HTTPS listener, published and in sync) gets the same
// row as an HTTPRoute — kind, hostnames, parent and acceptance, proxied and where that comes from,
// the record's state, the why trail — and its hostname page traces the name back to it.

import { expect, test } from "@playwright/test";
import { resetDemo, snap } from "./support";

test.beforeEach(async () => {
  await resetDemo();
});

test("the GRPCRoute's row on the Gateways page, and its hostname page", async ({ page }) => {
  await page.goto("/gateways");
  const row = page.locator('[data-testid="route-row"][data-resource="grpcroute/default/grpc"]');
  await row.scrollIntoViewIfNeeded();
  await expect(row).toContainText("GRPCRoute");
  await expect(row).toContainText("default/grpc");
  await expect(row).toContainText("grpc.example.com");
  await expect(row).toContainText("networking/envoy-external/https");
  await expect(row).toContainText("accepted");
  // No cloudflare-proxied annotation on the route: the demo's --cloudflare-proxied decides.
  await expect(row).toContainText("proxied");
  await expect(row).toContainText("flag default");
  await expect(row.locator('[data-testid="record-ref"][data-state="in-sync"]', { hasText: "grpc.example.com" })).toBeVisible();
  await expect(row).toContainText("CNAME");
  await expect(row).toContainText("endpoint-produced");
  await snap(page, "gateways-grpcroute");

  await row.getByRole("link", { name: "grpc.example.com" }).first().click();
  await expect(page).toHaveURL(/\/hostnames\/grpc\.example\.com$/);
  await expect(page.getByTestId("hostname-verdict")).toContainText("in sync");
  const produced = page.locator('[data-testid="explain-reason"][data-code="endpoint-produced"]', { hasText: "grpcroute/default/grpc" });
  await expect(produced.first()).toContainText("via Gateway networking/envoy-external listener https");
  await expect(page.getByTestId("explain-path").first()).toContainText("GRPCRoute");
  await snap(page, "hostname-grpc");
});

test("a deep link to the GRPCRoute shows it first, highlighted", async ({ page }) => {
  await page.goto("/gateways#grpcroute/default/grpc");
  const linked = page.getByTestId("linked-route");
  await expect(linked).toContainText("attached to Gateway networking/envoy-external");
  await expect(linked.locator('[data-testid="route-row"][data-resource="grpcroute/default/grpc"]')).toContainText("grpc.example.com");
});
