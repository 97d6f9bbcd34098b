#!/usr/bin/env node
// Entry point for `npx dnsdrift`: the CLI is TypeScript, loaded through tsx so that a fresh
// clone works right after `npm ci` without a build step.
require("tsx/cjs/api").register();
const { main } = require("./main.ts");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`dnsdrift: internal error: ${err && err.message}\n`);
    process.exitCode = 1;
  },
);
