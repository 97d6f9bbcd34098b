// Turns the text of one manifest file into its documents' plain values. `.json` files go
// through JSON.parse; YAML of the plain block shape `kubectl get -o yaml` writes through a
// line reader (manifest-block-yaml.ts), anything else through js-yaml, an order of magnitude
// faster than `yaml` on large multi-document streams (100,000 routes are ~60 MB), with the same
// types, so both give the same values. Errors come from `yaml`, which says more:
// when js-yaml refuses a text, `yaml` parses it again (manifest-yaml.ts, passed in by the caller,
// so that a run whose files js-yaml reads never loads `yaml`) and either reports the error its
// own way or, where the two readers disagree on an edge of the spec, its result is used.

import { CORE_SCHEMA, Type, loadAll } from "js-yaml";
import { InputError } from "../externaldns/errors";
import { readBlockYaml } from "./manifest-block-yaml";

// YAML 1.2's core schema, as `yaml` reads it by default: no timestamps and no merge keys (a date
// stays the string the API server sent). js-yaml's own core schema also takes 0b101 as a number
// and -.5 as a string; these two types resolve numbers exactly as `yaml` does instead.
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// Every plain scalar, keys included, is offered to each implicit type; most are words, which the
// first character already rules out before a regular expression runs.
const numberStart = (s: string, dot: boolean) => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || (dot && c === 46); // 0-9 + - .
};
const intType = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && numberStart(s, false) && INT.test(s),
  construct: (s: string) => (s.startsWith("0o") ? parseInt(s.slice(2), 8) : s.startsWith("0x") ? parseInt(s.slice(2), 16) : Number(s)),
});
const floatType = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && numberStart(s, true) && FLOAT.test(s),
  construct: (s: string) => {
    const lower = s.toLowerCase();
    if (lower.endsWith(".nan")) return NaN;
    if (lower.endsWith(".inf")) return s.startsWith("-") ? -Infinity : Infinity;
    return Number(s);
  },
});
const SCHEMA = CORE_SCHEMA.extend({ implicit: [intType, floatType] });

// A plain scalar as js-yaml resolves it with SCHEMA: the first implicit type that takes it.
// Only these first characters can make anything but a string (~, null, the booleans, numbers);
// every key and most values are words, which skip the four resolvers.
const implicitTypes = (SCHEMA as unknown as { compiledImplicit: Type[] }).compiledImplicit;
const TYPED_START = new Set([..."~nNtTfF+-.0123456789"].map((c) => c.charCodeAt(0)));
export function resolvePlain(text: string): unknown {
  if (!TYPED_START.has(text.charCodeAt(0))) return text;
  for (const type of implicitTypes) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** Reads a YAML text js-yaml refused: one value per document, or an InputError naming the file. */
export type SlowYamlReader = (text: string, file: string) => unknown[];

/** One value per document, in order; empty documents are null. */
export function parseManifestDocuments(text: string, file: string, slow: SlowYamlReader): unknown[] {
  if (file.toLowerCase().endsWith(".json")) return [parseJson(text, file)];
  return readBlockYaml(text, resolvePlain) ?? readAnyYaml(text, file, slow);
}

/** What js-yaml reads (the same as the line reader, where that answers), else what the slow reader says. */
export function readAnyYaml(text: string, file: string, slow: SlowYamlReader): unknown[] {
  try {
    return loadAll(text, undefined, { schema: SCHEMA, filename: file });
  } catch {
    return slow(text, file);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `invalid JSON: ${(e as Error).message}`);
  }
}
