// A reader for the plain block YAML that `kubectl get -o yaml` and YAML serialisers write:
// block mappings and sequences (sequences also at their key's indent), one-line plain and quoted
// scalars, `{}` and `[]`, anchors and aliases. Nine tenths of a manifest stream's reading time
// went to js-yaml's general machinery for this one shape; read line by line it costs a third.
//
// It only ever answers when it is sure: anything else — a block scalar, a multi-line or
// commented scalar, a tag, a flow collection with content, a tab, a duplicate key, a key that is
// not a string, an unknown alias — returns undefined and the caller hands the text to js-yaml,
// which gives the answer or the error. Plain scalars are resolved by the caller's schema (the
// same types js-yaml is given), so on what it accepts it gives exactly what js-yaml gives.

/** Resolves one plain scalar as the YAML schema does (null, booleans, numbers, else the string). */
export type PlainResolver = (text: string) => unknown;

// Refused outright: tabs, CR, characters js-yaml treats as non-printable or as line breaks, a
// byte-order mark, surrogates (js-yaml checks their pairing; rare in manifests).
const UNUSUAL = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

class Refused extends Error {}
const REFUSED = new Refused();
function refuse(): never {
  throw REFUSED;
}

/** One value per document (null for an empty one), or undefined when js-yaml must read it. */
export function readBlockYaml(text: string, resolve: PlainResolver): unknown[] | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new BlockReader(text, resolve).documents();
  } catch (e) {
    if (e === REFUSED) return undefined;
    throw e;
  }
}

const SPACE = 32;
const DASH = 45;

class BlockReader {
  // The current line, read from the text one at a time (an array of every line would be one
  // more large thing for the collector to copy while the objects are built).
  private line = "";
  private next = 0;
  private done = false;
  private anchors = new Map<string, unknown>();

  constructor(
    private readonly text: string,
    private readonly resolve: PlainResolver,
  ) {
    this.advance();
  }

  /** Moves to the next line (as `text.split("\n")` would give them). */
  private advance(): void {
    const { text } = this;
    const start = this.next;
    if (start > text.length) {
      this.done = true;
      this.line = "";
      return;
    }
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    this.line = text.slice(start, end);
    this.next = end + 1;
  }

  documents(): unknown[] {
    const docs: unknown[] = [];
    let explicit = false;
    // What comes before the first `---` is a document only if it has content.
    if (this.contentIndent() >= 0) docs.push(this.document());
    while (!this.done) {
      if (!isDocumentStart(this.line)) refuse();
      explicit = true;
      this.advance();
      docs.push(this.contentIndent() >= 0 ? this.document() : null);
    }
    // A text without content or `---` (comments only) is left to js-yaml's own rule.
    if (!explicit && docs.length === 0) refuse();
    return docs;
  }

  private document(): unknown {
    this.anchors = new Map();
    if (this.contentIndent() !== 0) refuse();
    const value = this.node(-1, false);
    if (this.contentIndent() >= 0) refuse();
    return value;
  }

  /**
   * The indent of the next line with content (skipping blank and comment lines), -1 at the end
   * of the document. Other lines starting with `---` or `...` are refused.
   */
  private contentIndent(): number {
    for (; !this.done; this.advance()) {
      const { line } = this;
      let n = 0;
      while (line.charCodeAt(n) === SPACE) n++;
      if (n === line.length || line.charCodeAt(n) === 35 /* # */) continue;
      if (n === 0 && (line.startsWith("---") || line.startsWith("..."))) {
        if (isDocumentStart(line)) return -1;
        refuse(); // js-yaml takes `---` as a marker whatever follows
      }
      return n;
    }
    return -1;
  }

  /** A block node below a parent at `parentIndent`, or null when the next line is not deeper. */
  private node(parentIndent: number, sequenceAtParent: boolean): unknown {
    const indent = this.contentIndent();
    if (indent < 0 || indent < parentIndent) return null;
    const line = this.line;
    if (indent === parentIndent) return sequenceAtParent && isEntry(line, indent) ? this.sequence(indent) : null;
    return isEntry(line, indent) ? this.sequence(indent) : this.mapping(indent, indent);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.line;
      let p = indent + 1;
      while (line.charCodeAt(p) === SPACE) p++;
      if (p === line.length) {
        this.advance();
        out.push(this.node(indent, false));
      } else if (isEntry(line, p)) {
        refuse(); // `- - x`
      } else if (keyEnd(line, p) >= 0) {
        out.push(this.mapping(p, p));
      } else {
        out.push(this.inline(line, p, indent));
      }
      const next = this.contentIndent();
      if (next < indent) return out;
      if (next > indent || !isEntry(this.line, indent)) {
        if (next > indent) refuse();
        return out; // a key at the same indent: this was a sequence at its key's indent
      }
    }
  }

  /** A block mapping whose keys sit at column `indent`; the first starts at `col` of this line. */
  private mapping(indent: number, col: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.line;
      const colon = keyEnd(line, col);
      if (colon < 0) refuse();
      const key = this.key(line, col, colon);
      if (key === "__proto__" || Object.hasOwn(out, key)) refuse();
      let p = colon + 1;
      while (line.charCodeAt(p) === SPACE) p++;
      if (p === line.length) {
        this.advance();
        out[key] = this.node(indent, true);
      } else {
        out[key] = this.inline(line, p, indent);
      }
      const next = this.contentIndent();
      if (next < indent) return out;
      if (next > indent || isEntry(this.line, indent)) refuse();
      col = indent;
    }
  }

  private key(line: string, start: number, colon: number): string {
    const c = line.charCodeAt(start);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const [value, end] = quoted(line, start);
      if (end !== colon) refuse();
      return value;
    }
    const text = line.slice(start, colon);
    if (startsBadly(text) || text.includes(" #") || line.charCodeAt(colon - 1) === SPACE) refuse();
    if (typeof this.resolve(text) !== "string") refuse();
    return text;
  }

  /** The value that starts at column p of this line (and, after a lone anchor, the block below). */
  private inline(line: string, p: number, parentIndent: number): unknown {
    const c = line.charCodeAt(p);
    if (c === 38 /* & */) {
      let end = p + 1;
      while (end < line.length && line.charCodeAt(end) !== SPACE) end++;
      const name = line.slice(p + 1, end);
      if (name === "" || /[,[\]{}]/.test(name)) refuse();
      while (line.charCodeAt(end) === SPACE) end++;
      let value: unknown;
      if (end === line.length) {
        this.advance();
        value = this.node(parentIndent, false);
        if (value === null) refuse();
      } else {
        const d = line.charCodeAt(end);
        if (d === 38 || d === 42 || keyEnd(line, end) >= 0) refuse();
        value = this.inline(line, end, parentIndent);
      }
      this.anchors.set(name, value);
      return value;
    }
    this.advance();
    if (c === 42 /* * */) {
      const name = line.slice(p + 1).trimEnd();
      if (name.includes(" ") || !this.anchors.has(name)) refuse();
      return this.anchors.get(name);
    }
    if (c === 39 || c === 34) {
      const [value, end] = quoted(line, p);
      if (!onlySpaces(line, end)) refuse();
      return value;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (line.charCodeAt(p + 1) !== c + 2 || !onlySpaces(line, p + 2)) refuse(); // {} or []
      return c === 123 ? {} : [];
    }
    const text = line.slice(p).trimEnd();
    if (startsBadly(text) || text.includes(" #") || text.includes(": ") || text.endsWith(":")) refuse();
    return this.resolve(text);
  }
}

function isDocumentStart(line: string): boolean {
  return line.startsWith("---") && onlySpaces(line, 3);
}

/** `-` then a space or the end of the line, at column p. */
function isEntry(line: string, p: number): boolean {
  return line.charCodeAt(p) === DASH && (p + 1 === line.length || line.charCodeAt(p + 1) === SPACE);
}

function onlySpaces(line: string, from: number): boolean {
  for (let k = from; k < line.length; k++) if (line.charCodeAt(k) !== SPACE) return false;
  return true;
}

/** The column of the `:` that ends a mapping key starting at p, or -1 if this is no key. */
function keyEnd(line: string, p: number): number {
  const c = line.charCodeAt(p);
  if (c === 39 || c === 34) {
    const end = quotedEnd(line, p);
    return end > 0 && line.charCodeAt(end) === 58 /* : */ && (end + 1 === line.length || line.charCodeAt(end + 1) === SPACE) ? end : -1;
  }
  for (let k = line.indexOf(":", p); k >= 0; k = line.indexOf(":", k + 1)) {
    if (k + 1 === line.length || line.charCodeAt(k + 1) === SPACE) return k;
  }
  return -1;
}

// What a plain scalar may not start with (c-indicator). `-` and `?` start one when a non-space
// follows (`--source=service`); a leading `:` is rare enough to leave to js-yaml.
const INDICATORS = new Set(":,[]{}#&*!|>'\"%@`");
function startsBadly(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === DASH || c === 63 /* ? */) return text.length < 2 || text.charCodeAt(1) === SPACE;
  return text === "" || INDICATORS.has(text[0]);
}

/** The column just after a one-line quoted scalar starting at p, or -1. */
function quotedEnd(line: string, p: number): number {
  const q = line.charCodeAt(p);
  for (let k = p + 1; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (q === 34 && c === 92 /* \ */) k++;
    else if (c === q) {
      if (q === 39 && line.charCodeAt(k + 1) === 39) k++;
      else return k + 1;
    }
  }
  return -1;
}

/** A one-line quoted scalar starting at p: its value and the column after it. */
function quoted(line: string, p: number): [string, number] {
  const end = quotedEnd(line, p);
  if (end < 0) refuse();
  const body = line.slice(p + 1, end - 1);
  if (line.charCodeAt(p) === 39) return [body.includes("''") ? body.replaceAll("''", "'") : body, end];
  if (!body.includes("\\")) return [body, end];
  // The escapes JSON shares with YAML mean the same in both; any other (\x, \e, \N, \U, a
  // line-continuation, …) makes JSON.parse throw and the text goes to js-yaml.
  try {
    return [JSON.parse(`"${body}"`) as string, end];
  } catch {
    return refuse();
  }
}
