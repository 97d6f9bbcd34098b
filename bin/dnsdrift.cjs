#!/usr/bin/env node
// Entry point for `npx dnsdrift`. It runs the CLI compiled to JavaScript at install time
// (dist/bin/cli.cjs, from `npm ci`'s prepare step or `npm run build:bin`), so no TypeScript is
// compiled when it starts. Without that build (a clone where install scripts were skipped), it
// says so and falls back to loading the TypeScript sources through tsx, which is slower.
const fs = require("node:fs");
const path = require("node:path");

const built = path.join(__dirname, "..", "dist", "bin", "cli.cjs");
let main;
if (fs.existsSync(built) && !process.env.DNSDRIFT_FROM_SOURCE) {
  ({ main } = require(built));
} else {
  if (!process.env.DNSDRIFT_FROM_SOURCE) {
    process.stderr.write("dnsdrift: dist/bin/cli.cjs is missing (run `npm run build:bin`); running from the TypeScript sources, which starts slower\n");
  }
  // tsx's own entry (what `node --import tsx` loads) hooks both require() and import(): the
  // CLI loads some modules on demand with import(), which must find them by extensionless path.
  main = (argv, env) => import("tsx").then(() => require("./main.ts").main(argv, env));
}
main(process.argv.slice(2), { sourcesThread: process.env.DNSDRIFT_SOURCES_THREAD }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`dnsdrift: internal error: ${err && err.message}\n`);
    process.exitCode = 1;
  },
);
