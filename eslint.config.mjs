import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".tmp/**", "data/**"] },
  // The CLI entry point is CommonJS on purpose: it loads the built CLI, or registers tsx first.
  { files: ["bin/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  // Query keys are built in one place (components/api/query-keys.ts): a key spelt inline drifts
  // from the one another view caches or invalidates under.
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["components/api/query-keys.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Property[key.name=/^(queryKey|mutationKey)$/] > ArrayExpression", message: "Build query keys with queryKeys from components/api/query-keys.ts." },
      ],
    },
  },
];
export default config;
