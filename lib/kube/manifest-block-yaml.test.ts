// The line reader for block YAML must give exactly what js-yaml gives (with the manifest
// schema) wherever it answers, and leave everything else to js-yaml.

import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { readBlockYaml } from "./manifest-block-yaml";
import { withJsYaml } from "./manifest-js-yaml";
import { resolvePlain } from "./manifest-scalars";

const jsYaml = (text: string) =>
  withJsYaml(() => {
    throw new Error("js-yaml refused the text");
  })(text, "x.yaml");
const reference = (text: string) => parseAllDocuments(text).map((d) => d.toJS() ?? null);
const block = (text: string) => readBlockYaml(text, resolvePlain);

describe("readBlockYaml answers as js-yaml and `yaml` do", () => {
  it.each([
    // what `kubectl get -o yaml` writes: a List whose items sit at their key's indent
    "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: a\n- kind: Service\n  spec:\n    ports:\n    - port: 80\n      targetPort: 8080\nkind: List\n",
    "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: dns\n---\nkind: Gateway\nmetadata:\n  annotations: {}\n  labels:\n    dnsdrift.example/expose: 'true'\n",
    "a: 0o14\nb: 0x1F\nc: 1e3\nd: +12\ne: 1.0\nf: .inf\ng: -.INF\nh: .nan\ni: 0b101\nj: 0755\nk: 1_000\nl: -0\nm: -.5\n",
    "a: ~\nb: Null\nc: NULL\nd: null\ne:\nf: TRUE\ng: false\nh: yes\ni: 2024-01-01\nj: 12:30\n",
    "a: 'it''s'\nb: ''\nc: '#x: y'\n'd e': 1\n\"f\": \"g\"\nh: \"q\\\"uote\\\\ \\/ \\n \\u00e9\"\n",
    "args:\n  - --source=service\n  - --domain-filter=example.com\n  - --fqdn-template={{.Name}}.example.com\n  - ?x\n  - -1\n",
    "value: 2001:db8::1\nurl: http://a.example.com:80/x#y\nhash: a#b\nkey:with:colons: v\nspaced words: and more words  \nunicode: é\n",
    "parentRefs:\n  - &ref_0\n    name: gw\n    sectionName: https\nstatus:\n  parents:\n    - parentRef: *ref_0\n      conditions: []\nscalar: &s 5\nagain: *s\nempty: &e {}\nsame: *e\n",
    "# a comment\n\na: 1   \n  # indented comment\n\nb:\n  # before\n  c: 2\n",
    "list:\n-\n- x\n-\n  - nested\n  -   y\n-   k: v\n    l: w\n",
    "a: 1\n---\n---\n# only a comment\n---\nb: 2\n---\n",
    "- a\n- b: c\n",
  ])("%j", (text) => {
    const read = block(text);
    expect(read).toBeDefined();
    expect(read).toEqual(jsYaml(text));
    expect(read).toEqual(reference(text));
  });

  it("resolves a plain scalar starting with any character as js-yaml does", () => {
    for (let c = 33; c < 127; c++) {
      for (const rest of ["", "rue", "RUE", "alse", "ALSE", "ull", "ULL", "1", "0", ".5", "e3", "x1F", "o7", "inf", "nan", "NaN", "AN", "nf", "NF"]) {
        const text = `a: ${String.fromCharCode(c)}${rest}\n`;
        const read = block(text);
        if (read !== undefined) expect(read).toEqual(jsYaml(text));
      }
    }
  });

  it("gives an alias the very object of its anchor, as js-yaml does", () => {
    const [doc] = block("a: &x\n  b: 1\nc: *x\nd: &y []\ne: *y\n") as [Record<string, unknown>];
    expect(doc.c).toBe(doc.a);
    expect(doc.e).toBe(doc.d);
    const [viaJsYaml] = jsYaml("a: &x\n  b: 1\nc: *x\n") as [Record<string, unknown>];
    expect(viaJsYaml.c).toBe(viaJsYaml.a);
  });

  it("reads the example manifests it answers for as js-yaml does", () => {
    const dir = path.resolve(__dirname, "../../examples/seed/manifests");
    let answered = 0;
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      const read = block(text);
      if (read === undefined) continue;
      answered++;
      expect(read).toEqual(jsYaml(text));
    }
    expect(answered).toBeGreaterThan(0);
  });
});

describe("readBlockYaml leaves to js-yaml what it does not read", () => {
  it.each([
    ["a block scalar", "a: |\n  text\n"],
    ["a folded scalar", "a: >-\n  text\n"],
    ["a multi-line plain scalar", "a: one\n  two\n"],
    ["a multi-line quoted scalar", "a: 'one\n  two'\n"],
    ["a trailing comment", "a: b # c\n"],
    ["a tag", "a: !!str 1\n"],
    ["a flow mapping with content", "a: {b: 1}\n"],
    ["a flow sequence with content", "a: [1]\n"],
    ["a tab", "a:\tb\n"],
    ["CRLF line ends", "a: b\r\nc: d\r\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["an explicit key", "? a\n: b\n"],
    ["a number as key", "1: a\n"],
    ["null as key", "~: a\n"],
    ["an unknown alias", "a: *x\n"],
    ["an alias inside its own anchor", "a: &x\n  b: *x\n"],
    ["content after ---", "--- a: 1\n"],
    ["a key starting with ---", "---a: 1\n"],
    ["a document end marker", "a: 1\n...\n"],
    ["a compact nested sequence", "- - a\n"],
    ["a YAML-only escape", 'a: "\\x41"\n'],
    ["a value at an odd indent", "a:\n  b: 1\n c: 2\n"],
    ["an entry inside a mapping", "a: 1\n- b\n"],
    ["a scalar document", "just text\n"],
    ["a mapping in a value", "a: b: c\n"],
    ["a key ending in a space", "a : b\n"],
    ["__proto__", "__proto__: a\n"],
    ["a byte-order mark", "\uFEFFa: 1\n"],
    ["only comments", "# nothing\n"],
    ["an empty text", ""],
    ["a merge key's flow", "<<: {b: 1}\n"],
  ])("%s", (_, text) => {
    expect(block(text)).toBeUndefined();
  });
});

// Values shaped like Kubernetes objects, with scalars chosen to hit the resolution and quoting
// rules (words YAML reads as other types, indicators, colons, hashes, quotes, spaces).
const tricky = fc.constantFrom("true", "False", "null", "~", "", "1e3", "0x1F", "0o7", "-0", "+1", ".5", ".inf", "1_0", "12:30", "a: b", "a #b", "a#b", "#a", "- a", "-a", "?a", ":a", "a:", "'", '"', "\\", "it's", "&a", "*a", "!a", "|", ">", "%a", "@a", "`a", "{}", "[]", "{a}", " lead", "trail ", "é", "---", "...", "a,b", "2001:db8::1");
const word = fc.string({ unit: fc.constantFrom("a", "b", "-", ".", "/", "1", ":", " ", "#", "'", '"', "\\", "é", "{", "[", ",", "&", "*", "!", "?", "\t", "\n"), maxLength: 6 });
const scalar = fc.oneof(tricky, word, fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom("name", "namespace", "kind", "metadata", "spec", "a.b/c", "x-y"), word);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
}));
const document = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });
const writers: ((doc: unknown) => string)[] = [
  (doc) => stringify(doc),
  (doc) => stringify(doc, { indentSeq: false }),
  (doc) => stringify(doc, { defaultStringType: "QUOTE_SINGLE" }),
  (doc) => dump(doc),
  (doc) => dump(doc, { noArrayIndent: true, flowLevel: 2 }),
];
const stream = fc.tuple(fc.array(document, { minLength: 1, maxLength: 3 }), fc.nat(writers.length - 1)).map(([docs, w]) => docs.map((d) => `---\n${writers[w](d)}`).join(""));

describe("readBlockYaml, property: wherever it answers, js-yaml gives the same", () => {
  it("on what YAML writers produce", () => {
    let answered = 0;
    fc.assert(
      fc.property(stream, (text) => {
        const read = block(text);
        if (read === undefined) return;
        answered++;
        expect(read).toEqual(jsYaml(text));
        expect(read).toEqual(reference(text));
      }),
      { numRuns: 400 },
    );
    expect(answered).toBeGreaterThan(40);
  });

  // Broken by hand: lines re-indented, duplicated, dropped or given a stray character.
  const edit = fc.tuple(fc.nat(), fc.constantFrom("indent", "dedent", "duplicate", "drop", "insert"), fc.nat(), fc.constantFrom(" ", ":", "#", "-", "'", '"', "&a ", "*a", "{", "|", "a", "\n", "--- "));
  const editLines = (text: string, edits: [number, string, number, string][]) => {
    const lines = text.split("\n");
    for (const [at, op, col, char] of edits) {
      const i = at % lines.length;
      const line = lines[i];
      if (op === "indent") lines[i] = ` ${line}`;
      else if (op === "dedent") lines[i] = line.replace(/^ /, "");
      else if (op === "duplicate") lines.splice(i, 0, line);
      else if (op === "drop") lines.splice(i, 1);
      else lines[i] = line.slice(0, col % (line.length + 1)) + char + line.slice(col % (line.length + 1));
    }
    return lines.join("\n");
  };

  it("on texts broken by hand", () => {
    fc.assert(
      fc.property(stream, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        const broken = editLines(text, edits);
        const read = block(broken);
        if (read === undefined) return;
        expect(read).toEqual(jsYaml(broken));
      }),
      { numRuns: 3000 },
    );
  });
});
