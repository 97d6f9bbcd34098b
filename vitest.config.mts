import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "emulators/**/*.test.ts", "bin/**/*.test.ts"],
    exclude: ["node_modules", ".next", "e2e"],
    testTimeout: 20000,
  },
});
