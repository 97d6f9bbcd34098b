// The package's root folder, found from wherever this code runs: bin/*.ts from the sources,
// dist/bin/*.cjs once built, bin/serve.js inside Next's standalone output. Each of those has the
// package.json of the app above it.

import fs from "node:fs";
import path from "node:path";

export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..");
  }
}
