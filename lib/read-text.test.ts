import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readText } from "./read-text";

describe("readText reads a file as readFileSync(file, 'utf8') does", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-read-text-"));
  it.each([
    ["ASCII", Buffer.from("apiVersion: v1\nkind: Namespace\n~\x7f\x00")],
    ["empty", Buffer.alloc(0)],
    ["UTF-8 letters and an emoji", Buffer.from("name: café-☃ 🚀\n")],
    ["a byte-order mark", Buffer.from("\uFEFFa: 1\n")],
    ["Latin-1 bytes that are not UTF-8", Buffer.from([0x61, 0xe9, 0x0a, 0xff])],
  ])("%s", (_, bytes) => {
    const file = path.join(dir, "f");
    fs.writeFileSync(file, bytes);
    expect(readText(file)).toBe(fs.readFileSync(file, "utf8"));
  });

  it("throws as readFileSync does for a missing file", () => {
    expect(() => readText(path.join(dir, "missing"))).toThrow(/ENOENT/);
  });
});
