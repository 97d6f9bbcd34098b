// The What-if page with a long group: 300 more HTTPRoutes behind the demo's envoy-external
// Gateway, whose target annotation v0.22.0 no longer reads, make one cause with hundreds of
// changes. The page reads the outline and then the changes a page at a time as the table scrolls
// (never the whole document), keeps only the rows near the view in the DOM, and filters by
// action on the server.

import { expect, test, type Page } from "@playwright/test";
import { demoInfo, resetDemo } from "./support";

const ROUTES = 300;
const name = (i: number) => `bulk-${String(i).padStart(3, "0")}`;

async function post(url: string, body?: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
}

/** Records the plan would create: a route counts once the stand-in for Envoy Gateway has accepted it. */
async function creates(): Promise<number> {
  const res = await fetch(`${demoInfo().url}/api/summary`);
  const body = (await res.json()) as { instances: { plan: { summary: { create: number } } }[] };
  return body.instances[0].plan.summary.create;
}

test.beforeAll(async () => {
  await resetDemo();
  const before = await creates();
  const items = Array.from({ length: ROUTES }, (_, i) => ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: name(i), namespace: "default" },
    spec: {
      parentRefs: [{ name: "envoy-external", namespace: "networking", sectionName: "https" }],
      hostnames: [`${name(i)}.example.com`],
      rules: [{ backendRefs: [{ name: "app", port: 80 }] }],
    },
  }));
  await post(`${demoInfo().kube}/__admin/objects`, { apiVersion: "v1", kind: "List", items });
  await expect
    .poll(async () => {
      await fetch(`${demoInfo().url}/api/state?refresh=1`);
      return creates();
    }, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(before + ROUTES);
});

test.afterAll(async () => {
  // The other journeys expect the seed's cluster.
  await post(`${demoInfo().kube}/__admin/reset`);
  await resetDemo();
});

/**
 * Scrolls the table to its end, two and a half screenfuls at a time (less than the rows kept
 * rendered beyond the view, so no row is skipped); the names of every change row seen on the way.
 */
async function scrollThrough(page: Page, testId: string): Promise<{ names: Set<string>; mostRows: number }> {
  const box = page.getByTestId(`${testId}-scroll`);
  const names = new Set<string>();
  let mostRows = 0;
  for (let step = 0; step < 300; step++) {
    const { before, after, atEnd } = await box.evaluate(async (el) => {
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const rows = () => [...el.querySelectorAll('[data-testid="what-if-change"]')].map((r) => (r as HTMLElement).dataset.name ?? "");
      const before = rows();
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1 && !el.querySelector("[aria-live]");
      el.scrollTop += Math.floor(el.clientHeight * 2.5);
      await frame();
      await frame();
      return { before, after: rows(), atEnd: end };
    });
    [...before, ...after].forEach((n) => names.add(n));
    mostRows = Math.max(mostRows, before.length, after.length);
    if (atEnd) break;
    // A page of changes is loading: let it land.
    if (await box.locator("[aria-live]", { hasText: "…" }).count()) await page.waitForTimeout(100);
  }
  return { names, mostRows };
}

test("a cause with hundreds of changes loads as it scrolls, and filters by action", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/api/what-if")) asked.push(`${u.pathname}${u.search}`);
  });
  await page.goto("/what-if?toVersion=v0.22.0");
  await expect(page.getByTestId("what-if-counts")).toContainText("differences");

  const differences = page.getByTestId("what-if-differences");
  const gateway = differences.locator('[data-testid="what-if-cause"][data-resource="gateway/networking/envoy-external"]');
  // Each new route's record becomes an A (with its ownership TXT records), so the group holds more than a page of 200.
  await expect(gateway).toContainText(/\d+ changes/);
  const count = Number(/([\d,]+) changes/.exec((await gateway.textContent()) ?? "")![1].replace(/,/g, ""));
  expect(count).toBeGreaterThan(ROUTES);

  const { names, mostRows } = await scrollThrough(page, "what-if-differences-table");
  for (let i = 0; i < ROUTES; i++) expect(names, `${name(i)}.example.com was never shown`).toContain(`${name(i)}.example.com`);
  // Virtualised: a few screenfuls of rows in the DOM at any time, not the hundreds of the list.
  expect(mostRows).toBeLessThan(150);
  // Pages of changes, never the whole document.
  expect(asked.filter((u) => u.startsWith("/api/what-if/changes")).length).toBeGreaterThan(1);
  expect(asked.filter((u) => !u.startsWith("/api/what-if/outline") && !u.startsWith("/api/what-if/changes"))).toEqual([]);

  const deletes = differences.getByTestId("what-if-differences-action-delete");
  const wanted = Number(/([\d,]+)/.exec((await deletes.textContent()) ?? "")![1].replace(/,/g, ""));
  await deletes.click();
  await expect(deletes).toHaveAttribute("aria-pressed", "true");
  await expect(differences.locator('[data-testid="what-if-change"]').first()).toBeVisible();
  const filtered = await scrollThrough(page, "what-if-differences-table");
  const actions = await differences.locator('[data-testid="what-if-change"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.action));
  expect(new Set(actions)).toEqual(new Set(["delete"]));
  expect(filtered.names.size).toBeGreaterThan(0);
  expect(asked.some((u) => u.includes("action=delete"))).toBe(true);
  expect(wanted).toBeGreaterThan(0);
});
