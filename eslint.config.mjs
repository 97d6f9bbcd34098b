import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".tmp/**", "data/**"] },
  // The CLI entry point is CommonJS on purpose: it loads the built CLI, or registers tsx first.
  { files: ["bin/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
];
export default config;
