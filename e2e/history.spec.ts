// The history in the browser: a hostname's timeline says since when and who, and the Activity
// page lists every change with filters. Against the demo, whose Cloudflare audit log names the
// people behind the hand-made edits.

import { expect, test } from "@playwright/test";
import { snap } from "./support";

test("app.example.com's timeline names ops@example.com for the switch to DNS-only", async ({ page }) => {
  await page.goto("/hostnames/app.example.com");
  const history = page.getByTestId("hostname-history");
  await expect(history).toBeVisible();
  const entry = history.locator('[data-testid="history-entry"]', { hasText: "CNAME" }).filter({ hasText: "ops@example.com" }).first();
  await expect(entry).toBeVisible();
  await expect(entry.getByTestId("history-who").first()).toContainText("by ops@example.com via dashboard");
  await expect(page.getByTestId("history-since")).toContainText(/since/);
  await snap(page, "hostname-app-history");
});

test("the Activity page lists changes and filters them by hostname", async ({ page }) => {
  await page.goto("/activity");
  await expect(page.getByTestId("activity-entry").first()).toBeVisible();
  await page.getByTestId("activity-hostname").fill("blog.example.com");
  await expect(page).toHaveURL(/hostname=blog\.example\.com/);
  const rows = page.getByTestId("activity-entry");
  await expect(rows.first()).toContainText("blog.example.com");
  await expect(page.getByText("by alice@example.com via dashboard").first()).toBeVisible();
  await page.getByTestId("activity-scope").selectOption("records");
  await expect(rows.first()).toHaveAttribute("data-type", "A");
  await expect(rows.first()).toContainText("by alice@example.com via dashboard");
  await page.getByTestId("activity-scope").selectOption("hostnames");
  await expect(rows.first()).toHaveAttribute("data-type", "");
  await expect(rows.first()).toContainText("unknown");
  await expect(rows.first()).toContainText("blocked");
  await snap(page, "activity-blog");
});
