// Reads a text file as UTF-8, as fs.readFileSync(file, "utf8") does. Manifest streams and
// records files run to tens of megabytes on large estates and are almost always plain ASCII:
// for those, one vectorised check and a byte-for-byte copy into a string take a fraction of the
// UTF-8 decoder's time (ASCII reads the same in both encodings).

import { isAscii } from "node:buffer";
import fs from "node:fs";

export function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}
