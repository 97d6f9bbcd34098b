import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".tmp/**", "data/**"] },
  // The CLI's entry point is CommonJS on purpose: it registers tsx before loading TypeScript.
  { files: ["bin/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
];
export default config;
