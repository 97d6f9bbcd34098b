// How a plain (unquoted) YAML scalar reads in a manifest: YAML 1.2's core schema, as `yaml`
// reads it by default — null, booleans, numbers, else the string. No timestamps (a date stays
// the string the API server sent) and no YAML 1.1 words (`yes` is a string). js-yaml is given
// the same number rules (manifest-js-yaml.ts): its own core schema also takes 0b101 as a number
// and -.5 as a string, which `yaml` does not.

const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

// Every plain scalar, keys included, is offered to each type; most are words, which the first
// character already rules out before a regular expression runs.
const numberStart = (s: string, dot: boolean) => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || (dot && c === 46); // 0-9 + - .
};

export const isInt = (s: string): boolean => numberStart(s, false) && INT.test(s);
export const toInt = (s: string): number => (s.startsWith("0o") ? parseInt(s.slice(2), 8) : s.startsWith("0x") ? parseInt(s.slice(2), 16) : Number(s));

export const isFloat = (s: string): boolean => numberStart(s, true) && FLOAT.test(s);
export function toFloat(s: string): number {
  const lower = s.toLowerCase();
  if (lower.endsWith(".nan")) return NaN;
  if (lower.endsWith(".inf")) return s.startsWith("-") ? -Infinity : Infinity;
  return Number(s);
}

// Only these first characters can start anything but a string (~, null, the booleans,
// numbers); every key and most values are words, which skip the checks below.
const TYPED_START = new Set([..."~nNtTfF+-.0123456789"].map((c) => c.charCodeAt(0)));

/** A plain scalar's value, in the order of the schema's types: null, boolean, int, float. */
export function resolvePlain(text: string): unknown {
  if (!TYPED_START.has(text.charCodeAt(0))) return text;
  switch (text) {
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
  }
  if (isInt(text)) return toInt(text);
  if (isFloat(text)) return toFloat(text);
  return text;
}
