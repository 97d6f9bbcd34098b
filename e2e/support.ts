// Test-side controls of the demo: the emulators' admin endpoints, to reset the world between
// journeys and to switch faults on, exactly as a person would flip them from a terminal.

import fs from "node:fs";
import { expect, type Page } from "@playwright/test";

interface DemoInfo {
  url: string;
  cloudflareAdmin: string;
  kube: string;
  doh: string;
}

export function demoInfo(): DemoInfo {
  return JSON.parse(fs.readFileSync(".tmp/demo-e2e.json", "utf8")) as DemoInfo;
}

async function post(url: string, body?: unknown): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
}

/** Back to the seed's Cloudflare zone with its drift, and no faults. The cluster is never changed by the journeys. */
export async function resetDemo(): Promise<void> {
  const info = demoInfo();
  await fetch(`${info.cloudflareAdmin}/faults`, { method: "DELETE" });
  await post(`${info.cloudflareAdmin}/reset`);
  const res = await fetch(`${info.url}/api/state?refresh=1`);
  expect(res.ok).toBe(true);
}

export async function cloudflareFault(fault: Record<string, unknown>): Promise<void> {
  await post(`${demoInfo().cloudflareAdmin}/faults`, fault);
}

export async function applyToCluster(object: unknown): Promise<void> {
  await post(`${demoInfo().kube}/__admin/objects`, object);
}

export async function snap(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId("loading")).toHaveCount(0, { timeout: 30_000 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
