// The manifest reader's fast path (js-yaml) must read every text exactly as `yaml` does, and
// every bad file must still end in one line naming the file.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseManifestDocuments } from "./manifest-text";

const reference = (text: string) => parseAllDocuments(text).map((d) => d.toJS() ?? null);
const root = path.resolve(__dirname, "../..");

describe("parseManifestDocuments reads YAML as `yaml` does", () => {
  it.each([
    "a: 2024-01-01",
    "a: 2024-01-01T10:00:00Z",
    "a: yes",
    "a: 0755",
    "a: 0o14",
    "a: 0x1F",
    "a: 0b101",
    "a: 1e3",
    "a: -.5",
    "a: +12",
    "a: 1.0",
    "a: .inf",
    "a: -.INF",
    "a: ~",
    "a: Null",
    "a: TRUE",
    "a: 1_000",
    "a: 12:30",
    'a: "80"',
    "a: !!str 1",
    "<<: {b: 1}",
    "a: &x {b: 1}\nc: *x",
    "---\na: 1\n---\n---\nb: [1, two]\n",
  ])("%j", (text) => {
    expect(parseManifestDocuments(text, "x.yaml")).toEqual(reference(text));
  });

  it("reads the example manifests identically", () => {
    const dir = path.join(root, "examples/seed/manifests");
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      expect(parseManifestDocuments(text, f)).toEqual(reference(text));
    }
  });
});

describe("parseManifestDocuments errors", () => {
  it.each([
    ["broken.yaml", "a: [1, 2\n", /^broken\.yaml: invalid YAML in document 1: /],
    ["dup.yaml", "a: 1\na: 2\n", /^dup\.yaml: invalid YAML in document 1: .*[Uu]nique/],
    ["second.yaml", "a: 1\n---\nb: {\n", /^second\.yaml: invalid YAML in document 2: /],
    ["list.json", '{"kind": "List", "items": [}', /^list\.json: invalid JSON: /],
  ])("%s", (file, text, message) => {
    expect(() => parseManifestDocuments(text, file)).toThrow(message);
  });

  it("reads .json with JSON.parse, as one document", () => {
    expect(parseManifestDocuments('{"kind":"List","items":[{"a":"2024-01-01"}]}', "c.JSON")).toEqual([{ kind: "List", items: [{ a: "2024-01-01" }] }]);
  });
});
