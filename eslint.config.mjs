import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";

// The layering of docs/architecture.md, as import rules. no-restricted-imports matches the import
// text, not the resolved file, so each rule is written per folder depth: from lib/drift/a.ts the
// folder lib/server is "../server", from lib/drift/what-if/a.ts it is "../../server". Tests are
// exempt (they compose the layers); testkits are not. tests/layering.test.ts lints wrong-way
// imports and expects these errors, so a rule cannot silently stop matching.

const MAX_DEPTH = 4;
const up = (n) => `(?:\\.\\./){${n}}`;
const alt = (names) => `(?:${names.join("|")})`;

/**
 * Import texts that reach these lib/ folders from a file `rootUp` folders below the repository
 * root: through the root ("../../lib/server"), through lib/ ("../server", for files in lib/), or
 * by the "@/" alias.
 */
function libTargets(names, rootUp) {
  return `^(?:${up(rootUp)}lib/${alt(names)}|${up(rootUp - 1)}${alt(names)}|@/lib/${alt(names)})(?:/|$)`;
}
/** …and these top-level folders (app, components, …). */
function topTargets(names, rootUp) {
  return `^(?:${up(rootUp)}${alt(names)}|@/${alt(names)})(?:/|$)`;
}

const NOT_UP = ["app", "components", "bin", "emulators", "tests", "e2e", "bench"];
const IO_BUILTINS =
  "^(?:node:)?(?:fs|fs/promises|path|os|http|https|http2|net|tls|dns|dns/promises|dgram|child_process|worker_threads|cluster|readline|process|perf_hooks)$";
const SDKS = "^(?:@kubernetes/client-node|cloudflare|better-sqlite3|dns-packet|next|react|react-dom|prom-client|lru-cache|@tanstack/[^/]+)(?:/|$)";

/**
 * One flat-config block per depth below `dir`, each with the full rule for that folder (a later
 * block would replace, not extend, an earlier one's options).
 */
function layer(dir, patternsAt) {
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    files: [`${dir}/${"*/".repeat(depth)}*.{ts,tsx}`],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    // How many "../" lead from such a file to the repository root.
    rules: { "no-restricted-imports": ["error", { patterns: patternsAt(dir.split("/").length + depth) }] },
  }));
}

const rule = (regex, message, extra = {}) => ({ regex, message, ...extra });

const layering = [
  // The engine: a port of external-dns's behaviour, nothing else. No other folder, no I/O, no SDK.
  ...layer("lib/externaldns", (r) => [
    rule(`^(?:${up(r - 1)}|@/(?!lib/externaldns(?:/|$)))`, "lib/externaldns imports nothing outside itself (docs/architecture.md)."),
    rule(IO_BUILTINS, "lib/externaldns does no I/O: no file system, network, process or clock modules (docs/architecture.md)."),
    rule(SDKS, "lib/externaldns uses no SDK or UI library (docs/architecture.md)."),
  ]),
  // The drift layer joins engine results; adapters hand it their data, it never calls them.
  ...layer("lib/drift", (r) => [
    rule(libTargets(["cloudflare", "kube", "server"], r), "lib/drift does not import adapters (lib/cloudflare, lib/kube) or lib/server (docs/architecture.md)."),
    rule(libTargets(["doh"], r), "lib/drift takes only types from lib/doh (docs/architecture.md).", { allowTypeImports: true }),
    rule(topTargets(NOT_UP, r), "lib/ never imports app, components, bin, emulators or tests."),
  ]),
  // Adapters implement the ports lib/server defines and report in lib/api's and lib/drift's
  // shapes: types only from there, and nothing from each other's callers.
  ...["lib/cloudflare", "lib/kube", "lib/doh"].flatMap((dir) =>
    layer(dir, (r) => [
      rule(libTargets(["server", "drift", "api"], r), `${dir} takes only types from lib/server, lib/drift and lib/api (docs/architecture.md).`, { allowTypeImports: true }),
      rule(topTargets(NOT_UP, r), "lib/ never imports app, components, bin, emulators or tests."),
    ]),
  ),
  ...layer("lib/api", (r) => [
    rule(`^(?:${up(r - 1)}|@/)`, "lib/api is types only: it may import types, nothing else (docs/architecture.md).", { allowTypeImports: true }),
  ]),
  ...layer("lib/server", (r) => [rule(topTargets(NOT_UP, r), "lib/ never imports app, components, bin, emulators or tests.")]),
  // The browser's code: no server modules, no secrets, no Node.
  ...layer("components", (r) => [
    rule(`^(?:${up(r)}|@/)lib/${alt(["server", "cloudflare", "kube"])}(?:/|$)`, "components never import server code (lib/server, lib/cloudflare, lib/kube) (docs/architecture.md)."),
    rule(IO_BUILTINS, "components run in the browser: no Node modules."),
  ]),
  // The emulators stand in for Cloudflare, Kubernetes and resolvers: they share types with the
  // product, and the published Cloudflare edge ranges they serve, nothing else.
  ...layer("emulators", (r) => [
    rule(`^(?:${up(r)}|@/)lib/(?!doh/cloudflare-edge$)`, "emulators take only types from lib/ (docs/architecture.md).", { allowTypeImports: true }),
  ]),
];

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".tmp/**", "data/**"] },
  // The CLI entry point is CommonJS on purpose: it loads the built CLI, or registers tsx first.
  { files: ["bin/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  ...layering,
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
