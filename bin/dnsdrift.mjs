#!/usr/bin/env node
// Entry point for `npx dnsdrift`: the CLI is TypeScript, loaded through tsx so that a fresh
// clone works right after `npm ci` without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
