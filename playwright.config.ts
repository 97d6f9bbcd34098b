import { defineConfig } from "@playwright/test";

// The browser journeys run in Debian's chromium (Playwright cannot download its own here)
// against the built-in demo: both emulators, the local DoH endpoint and the dashboard.
const PORT = Number(process.env.E2E_PORT ?? "3400");

export default defineConfig({
  testDir: "./e2e",
  reporter: "list",
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node --import tsx bin/demo.ts",
    url: `http://127.0.0.1:${PORT}/api/readyz`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      DNSDRIFT_DEMO_INFO: ".tmp/demo-e2e.json",
      DNSDRIFT_REFRESH_SECONDS: "2",
      // The journeys reset the emulators and expect the next forced refresh to list them again.
      DNSDRIFT_FORCE_REFRESH_SECONDS: "0",
    },
  },
});
