// The manifest reader's fast path (js-yaml) must read every text exactly as `yaml` does, and
// every bad file must still end in one line naming the file.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseManifestDocuments } from "./manifest-text";
import { withJsYaml } from "./manifest-js-yaml";
import { parseWithYaml as yamlOnly } from "./manifest-yaml";
import { loadManifestsLazily } from "./manifest-load";
import { loadManifests } from "./snapshot";

const parseWithYaml = withJsYaml(yamlOnly);
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
    expect(parseManifestDocuments(text, "x.yaml", parseWithYaml)).toEqual(reference(text));
  });

  it("reads the example manifests identically", () => {
    const dir = path.join(root, "examples/seed/manifests");
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      expect(parseManifestDocuments(text, f, parseWithYaml)).toEqual(reference(text));
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
    expect(() => parseManifestDocuments(text, file, parseWithYaml)).toThrow(message);
  });

  it("reads .json with JSON.parse, as one document", () => {
    expect(parseManifestDocuments('{"kind":"List","items":[{"a":"2024-01-01"}]}', "c.JSON", parseWithYaml)).toEqual([{ kind: "List", items: [{ a: "2024-01-01" }] }]);
  });
});

describe("loadManifestsLazily: the `yaml` reader only when js-yaml refuses a file", () => {
  const write = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-manifests-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

  it.each([
    ["well-formed files", { "a.yaml": ns("a"), "b.yaml": `${ns("b")}---\n${ns("c")}` }],
    ["a file only `yaml` reads (a local tag js-yaml refuses)", { "a.yaml": ns("a"), "b.yaml": `${ns("b")}  labels: {x: !custom y}\n` }],
  ])("%s: what loadManifests gives", async (_, files) => {
    const dir = write(files);
    expect(await loadManifestsLazily([dir])).toEqual(loadManifests([dir]));
  });

  it.each([
    ["broken.yaml", `${ns("a")}---\nkind: [\n`, /^.*broken\.yaml: invalid YAML in document 2: /],
    ["dup.yaml", `${ns("a")}kind: Namespace\n`, /^.*dup\.yaml: invalid YAML in document 1: .*[Uu]nique/],
    ["noname.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {}\n", /^.*noname\.yaml: document 1: Namespace has no metadata\.name/],
  ])("%s: the same error as loadManifests", async (file, text, message) => {
    const dir = write({ [file]: text });
    expect(() => loadManifests([dir])).toThrow(message);
    await expect(loadManifestsLazily([dir])).rejects.toThrow(message);
  });
});
