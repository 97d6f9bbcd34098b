// Approve-to-sync with the keyboard alone: Tab, Shift+Tab, Enter, Space and typing, never the
// mouse and never element.click(). Every element the focus lands on on the way must show that
// it has the focus. Writes are on in the demo, as in the other approve journeys.

import { expect, test, type Locator, type Page } from "@playwright/test";
import { resetDemo, snap } from "./support";

test.beforeEach(async () => {
  await resetDemo();
});

interface FocusStop {
  label: string;
  /** :focus-visible matches and an outline or ring is drawn. */
  shown: boolean;
  /** The element has a box on screen (not a hidden or zero-size element taking the focus). */
  onScreen: boolean;
}

async function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { label: "body", shown: true, onScreen: true };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
    const ring = cs.boxShadow !== "none";
    const r = el.getBoundingClientRect();
    const label = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60)}"`;
    return { label, shown: el.matches(":focus-visible") && (outline || ring), onScreen: r.width > 0 && r.height > 0 };
  });
}

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/**
 * Presses `key` until `target` has the focus, checking at every stop on the way that the focus
 * is visible. The number of stops is bounded: an unreachable target fails the test.
 */
async function moveFocusTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab", maxStops = 250): Promise<void> {
  for (let n = 0; n < maxStops; n++) {
    if (await isFocused(target)) {
      const stop = await focusStop(page);
      expect(stop.shown, `focus on ${stop.label} is not visible`).toBe(true);
      return;
    }
    await page.keyboard.press(key);
    const stop = await focusStop(page);
    if (stop.label === "body") continue; // between the end of the page and its start
    expect(stop.onScreen, `the focus went to ${stop.label}, which has no box on screen`).toBe(true);
    expect(stop.shown, `focus on ${stop.label} is not visible`).toBe(true);
  }
  throw new Error(`${String(target)} not reached with ${key} in ${maxStops} stops`);
}

test("approve the app.example.com fix and see it in sync, with the keyboard only", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("loading")).toHaveCount(0, { timeout: 30_000 });

  // The first stop is the skip link, shown once it has the focus.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeInViewport();

  // Overview → the hostname, through the header's search box.
  const search = page.getByTestId("hostname-search");
  await moveFocusTo(page, search);
  await page.keyboard.type("app.example.com");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/hostnames\/app\.example\.com$/);
  await expect(page.getByTestId("hostname-verdict")).toContainText(/updated/i);

  // The hostname → the fix it suggests: approve the pending change on the Plan page.
  const toPlan = page.getByRole("link", { name: /Review and approve on the Plan page/ }).first();
  await moveFocusTo(page, toPlan);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/plan$/);
  await expect(page.getByTestId("plan-change").first()).toBeVisible({ timeout: 30_000 });

  // Select none, then tick only the app.example.com update, with Space.
  const none = page.getByRole("button", { name: "Select none" });
  await moveFocusTo(page, none);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("approve-disabled-reason")).toContainText("Select at least one change");
  const box = page.getByRole("checkbox", { name: "Include update CNAME app.example.com" });
  await moveFocusTo(page, box);
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  // Only that record (and its ownership TXT, if it has a change) is selected.
  const selected = await page.locator('[data-testid="plan-change"][data-selected="true"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name ?? ""));
  expect(selected.length).toBeGreaterThan(0);
  for (const name of selected) expect(name).toMatch(/(^|[.-])app\.example\.com$/);
  await snap(page, "keyboard-plan-selected");

  // Approve with Enter; the outcome takes the focus.
  const approve = page.getByTestId("approve-button");
  await moveFocusTo(page, approve);
  await expect(approve).toBeEnabled();
  await page.keyboard.press("Enter");
  const results = page.getByTestId("apply-results");
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("apply-result").first()).toHaveAttribute("data-status", "applied");
  await expect(page.getByRole("region", { name: "Apply results" })).toBeFocused();
  expect((await focusStop(page)).shown).toBe(true);
  await snap(page, "keyboard-plan-applied");

  // Into the outcome: its link to the hostname; then back up to the search box with Shift+Tab.
  const appLink = results.getByRole("link", { name: "app.example.com" });
  await moveFocusTo(page, appLink);
  await moveFocusTo(page, search, "Shift+Tab");
  await page.keyboard.type("app.example.com");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/hostnames\/app\.example\.com$/);
  await expect(page.getByTestId("hostname-verdict")).toContainText(/in sync/i, { timeout: 30_000 });
  await snap(page, "keyboard-hostname-in-sync");
});
