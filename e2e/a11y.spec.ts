// Accessibility: axe-core on every page of the dashboard, in the light and the dark theme, with
// no serious or critical violation. The pages come from app/**/page.tsx, so a page added without
// an entry in VISITS fails the first test until it is checked here too.

import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { resetDemo } from "./support";

/**
 * What to open for each route (its path under app/), with the states worth checking: a hostname
 * that is not published (fixes, trace), one drifted (side by side), the what-if with differences.
 */
const VISITS: Record<string, string[]> = {
  "/": ["/"],
  "/activity": ["/activity"],
  "/audit": ["/audit"],
  "/dnsendpoints": ["/dnsendpoints"],
  "/gateways": ["/gateways"],
  "/hostnames/[fqdn]": ["/hostnames/grafana.example.com", "/hostnames/app.example.com", "/hostnames/status.example.com"],
  "/ingresses": ["/ingresses"],
  "/login": ["/login"],
  "/plan": ["/plan"],
  "/records": ["/records"],
  "/services": ["/services"],
  "/what-if": ["/what-if?toVersion=v0.22.0"],
};

function routesOnDisk(dir = "app", prefix = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      // Route groups "(x)" and private folders "_x" add nothing to the URL / are no routes.
      if (e.name.startsWith("_")) continue;
      const seg = /^\(.*\)$/.test(e.name) ? "" : `/${e.name}`;
      out.push(...routesOnDisk(path.join(dir, e.name), prefix + seg));
    } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(e.name)) {
      out.push(prefix || "/");
    }
  }
  return out.sort();
}

/**
 * Serious and critical violations on the page as it is now, one readable block per rule. The
 * rules are WCAG 2.1 A/AA and axe's best practices (WCAG 2.2's target size is not held yet).
 */
async function axeReport(page: Page, where: string): Promise<{ ids: string[]; text: string }> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const text = bad
    .map((v) => {
      const nodes = v.nodes.slice(0, 8).map((n) => `    - ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`);
      const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
      return [`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"})`, `    ${v.helpUrl}`, ...nodes, ...more].join("\n");
    })
    .join("\n");
  return { ids: bad.map((v) => `${where}: ${v.id}`), text: text && `${where}\n${text}` };
}

async function settled(page: Page, scheme: "light" | "dark"): Promise<void> {
  await expect(page.locator("main")).toBeVisible();
  await expect(page.getByTestId("loading")).toHaveCount(0, { timeout: 30_000 });
  // The theme follows the system setting unless a choice was saved: make sure this run really
  // looks at the theme it is named after.
  await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
}

/** Checks each state `visit` brings the page to; reports every page's violations together. */
async function checkAll(page: Page, scheme: "light" | "dark", states: [string, () => Promise<void>][]): Promise<void> {
  const ids: string[] = [];
  const texts: string[] = [];
  for (const [where, visit] of states) {
    await visit();
    await settled(page, scheme);
    const r = await axeReport(page, `${where} (${scheme})`);
    ids.push(...r.ids);
    if (r.text) texts.push(r.text);
  }
  expect(ids, `serious or critical axe violations:\n${texts.join("\n")}`).toEqual([]);
}

test("every page of the app is checked", () => {
  expect(Object.keys(VISITS).sort()).toEqual(routesOnDisk());
});

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test.beforeAll(async () => {
      await resetDemo();
    });

    for (const [route, urls] of Object.entries(VISITS)) {
      test(`${route} has no serious or critical axe violations`, async ({ page }) => {
        await checkAll(page, scheme, urls.map((url) => [url, async () => void (await page.goto(url))]));
      });
    }

    test("the plan's review states and the pages after an approval have none either", async ({ page }) => {
      await resetDemo();
      await checkAll(page, scheme, [
        [
          "/plan with a delete ticked (typed confirmation)",
          async () => {
            await page.goto("/plan");
            await page.getByRole("button", { name: "Select none" }).click();
            await page.getByRole("checkbox", { name: "Include delete CNAME old.example.com" }).check();
            await expect(page.getByTestId("confirm-input")).toBeVisible();
          },
        ],
        [
          "/plan after approving",
          async () => {
            await page.getByRole("button", { name: "Select none" }).click();
            await page.getByRole("checkbox", { name: "Include update CNAME app.example.com" }).check();
            await page.getByTestId("approve-button").click();
            await expect(page.getByTestId("apply-results")).toBeVisible({ timeout: 30_000 });
          },
        ],
        ["/audit with an entry", async () => void (await page.goto("/audit"))],
        ["/activity with an entry", async () => void (await page.goto("/activity"))],
      ]);
    });
  });
}
