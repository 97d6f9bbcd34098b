// Puts dnsdrift's own server entry (bin/serve.ts) into Next's standalone output as one CommonJS
// file, bin/serve.js. The container runs it instead of the standalone server.js because only
// that entry stamps each request with the socket's peer address, which proxy auth needs to tell
// the trusted auth proxy from anyone else; it also refuses unsafe auth settings before listening.
//
//   node deploy/docker/bundle-server.mjs [STANDALONE_DIR]   (default .next/standalone)
//
// `next` stays external: the standalone output carries it. Next is told to use the config the
// build recorded (as the standalone server.js does) instead of looking for next.config.js.

import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const standalone = path.resolve(process.argv[2] ?? ".next/standalone");
if (!fs.existsSync(path.join(standalone, ".next", "required-server-files.json"))) {
  console.error(`bundle-server: ${standalone} is not a Next standalone output (run \`next build\` first)`);
  process.exit(1);
}

const banner = [
  "process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??=",
  '  JSON.stringify(require(require("path").join(__dirname, "..", ".next", "required-server-files.json")).config);',
].join("\n");

await build({
  entryPoints: ["bin/serve.ts"],
  outfile: path.join(standalone, "bin", "serve.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["next", "next/*", "better-sqlite3"],
  banner: { js: banner },
  legalComments: "none",
  logLevel: "warning",
});
console.log(`bundle-server: wrote ${path.relative(process.cwd(), path.join(standalone, "bin", "serve.js"))}`);
