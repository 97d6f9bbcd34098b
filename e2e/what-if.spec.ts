// What-if in the demo: the overview warns that the newest external-dns would delete and repoint
// records; the What-if page shows the deletions of the v0.22.0 upgrade with their causes, and the
// fix (pinning the annotation prefix) is copied to the clipboard.

import { expect, test } from "@playwright/test";
import { resetDemo, snap } from "./support";

test.beforeEach(async () => {
  await resetDemo();
});

test("see what upgrading external-dns to v0.22.0 would do, and copy the fix", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  await page.goto("/");
  const warning = page.getByTestId("upgrade-warning");
  await expect(warning).toContainText("Upgrading external-dns to v0.22.0 would");
  // grpc.example.com is the demo's GRPCRoute, behind the same Gateway target annotation as api and app.
  await expect(warning).toContainText("repoint 4 (api.example.com, app.example.com, grpc.example.com, legacy.example.com)");

  await page.getByRole("link", { name: "What-if", exact: true }).click();
  await expect(page).toHaveURL(/\/what-if$/);
  await expect(page.getByTestId("what-if-counts")).toContainText("No differences");

  await page.getByTestId("what-if-version").selectOption("v0.22.0");
  await page.getByTestId("what-if-compare").click();
  await expect(page).toHaveURL(/toVersion=v0\.22\.0/);
  await expect(page.getByTestId("what-if-counts")).toContainText("20 differences: 12 to create, 0 to update, 8 to delete");

  const differences = page.getByTestId("what-if-differences");
  for (const name of ["api.example.com", "app.example.com", "grpc.example.com", "legacy.example.com"]) {
    await expect(differences.locator(`[data-testid="what-if-change"][data-action="delete"][data-type="CNAME"][data-name="${name}"]`).first()).toBeVisible();
  }
  const legacyCause = differences.locator('[data-testid="what-if-cause"][data-resource="ingress/default/legacy"]');
  await expect(legacyCause).toContainText("external-dns.alpha.kubernetes.io/target is no longer read");
  const wildcard = differences.locator('[data-testid="what-if-change"][data-action="create"][data-name="*.example.com"]').first();
  await expect(wildcard.locator('[data-testid="what-if-consequence"][data-code="wildcard-appears"]')).toBeVisible();
  await expect(wildcard.locator('[data-testid="what-if-consequence"][data-code="private-address"]')).toContainText("192.168.0.239");
  await expect(page.getByTestId("what-if-safe-order").first()).toContainText("Pin the prefix, then upgrade");
  await snap(page, "what-if-v0.22");

  const pin = page.getByTestId("what-if-fix").first();
  await expect(pin).toContainText("Pin --annotation-prefix=external-dns.alpha.kubernetes.io/");
  await pin.getByRole("button", { name: "Copy patch" }).click();
  await expect(pin.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("annotationPrefix: external-dns.alpha.kubernetes.io/\n");

  // Pinned, the upgrade changes nothing.
  await page.getByTestId("what-if-annotation-prefix").fill("external-dns.alpha.kubernetes.io/");
  await page.getByTestId("what-if-compare").click();
  await expect(page.getByTestId("what-if-counts")).toContainText("No differences");
});
