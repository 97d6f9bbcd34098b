// Every page under the strict Content-Security-Policy in chromium: it renders and hydrates (a
// CSP that blocks Next's scripts fails silently, leaving a page that never becomes interactive),
// no CSP violation is reported, and no other site may frame it.

import { expect, test, type Page } from "@playwright/test";

const PAGES = ["/", "/plan", "/records", "/gateways", "/ingresses", "/dnsendpoints", "/audit", "/hostnames/app.example.com", "/login"];

/** Everything the browser says about the policy while the page is used. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(m.text())) seen.push(m.text());
  });
  // Any page error counts, React's hydration mismatch (#418) included.
  page.on("pageerror", (e) => seen.push(`page error: ${e.message}`));
  return seen;
}

for (const path of PAGES) {
  test(`${path} renders and hydrates under the CSP`, async ({ page }) => {
    const violations = watchViolations(page);
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(path);
    expect(res?.headers()["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(res?.headers()["content-security-policy"]).not.toMatch(/unsafe-eval/);
    expect(res?.headers()["x-frame-options"]).toBe("DENY");
    expect(res?.headers()["cache-control"]).toMatch(/no-store/);
    expect(res?.headers()["cache-control"]).not.toMatch(/s-maxage/);
    // Hydrated: the client-side data layer has fetched and rendered (the header's search box
    // only works once React runs).
    await expect(page.getByTestId("loading")).toHaveCount(0, { timeout: 30_000 });
    await page.getByTestId("hostname-search").fill("web.example.com");
    await page.getByTestId("hostname-search").press("Enter");
    await expect(page).toHaveURL(/\/hostnames\/web\.example\.com$/);
    expect(violations).toEqual([]);
  });
}

test("another site cannot frame the Plan page", async ({ page, baseURL }) => {
  const violations: string[] = [];
  page.on("console", (m) => violations.push(m.text()));
  // A page of another origin (about:blank's opaque one) that tries to frame the plan.
  await page.setContent(`<iframe id="f" src="${baseURL}/plan" width="800" height="600"></iframe>`);
  await page.waitForTimeout(3000);
  const frame = page.frames().find((f) => f.url().includes("/plan"));
  const approve = frame ? await frame.locator("[data-testid=approve-button]").count().catch(() => 0) : 0;
  expect(approve).toBe(0);
  expect(violations.join("\n")).toMatch(/frame-ancestors|X-Frame-Options|Refused to (display|frame)/i);
});
