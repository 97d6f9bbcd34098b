import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "tests/**/*.test.ts", "emulators/**/*.test.ts", "bin/**/*.test.ts"],
    // Tests that need a production build (.next/standalone) run after `next build`, with DNSDRIFT_E2E=1.
    exclude: ["node_modules", ".next", "e2e", ...(process.env.DNSDRIFT_E2E ? [] : ["tests/**/*.e2e.test.ts"])],
    testTimeout: 20000,
  },
});
