// Compiles what a user runs — the `dnsdrift` CLI, the server entry (`npm start`) and the demo
// launcher — to plain CommonJS in dist/bin, once, so that none of them compiles TypeScript when
// it starts. Runs from `prepare` (so `npm ci` and `npm install` leave the commands ready) and
// from `npm run build`. Packages stay external: node_modules is there at run time.
//
//   node scripts/build-bin.mjs
//
// It steps aside (exit 0, one line) where there is nothing to build: the image's dependency
// stage installs before the sources are copied, and `npm ci --omit=dev` has no esbuild.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entries = { cli: "bin/main.ts", "sources-worker": "bin/sources-worker.ts", serve: "bin/serve.ts", demo: "bin/demo.ts" };

if (!Object.values(entries).every((src) => fs.existsSync(path.join(root, src)))) {
  console.log("build-bin: the bin/ sources are not here; nothing to build");
  process.exit(0);
}
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.log("build-bin: esbuild is not installed (dev dependencies omitted); the CLI will run from the TypeScript sources");
  process.exit(0);
}

const started = Date.now();
await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: "dist/bin",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  legalComments: "none",
  logLevel: "warning",
});
console.log(`build-bin: wrote dist/bin/{${Object.keys(entries).join(",")}}.cjs in ${Date.now() - started} ms`);
