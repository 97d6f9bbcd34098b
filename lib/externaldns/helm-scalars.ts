// go-yaml v2's reading of one plain scalar, and Go's printing of a float64: what Helm makes of a
// values file's scalars (helm-yaml.ts) and prints back in a template (helm-tpl.ts). Apart from
// helm-yaml.ts so that the argument-list path of a --config file does not load the `yaml` package.

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"]);
const FALSES = new Set(["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"]);
const SPECIAL_FLOATS = new Set([".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt/ParseUint with base 0 (sign only for ParseInt), as a BigInt. */
function parseGoInt(s: string, signed: boolean): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m || (!signed && m[1] !== "")) return undefined;
  const body = m[2];
  const digits = /^0[oO]/.test(body) ? "0o" + body.slice(2) : /^0[0-7]+$/.test(body) ? "0o" + body.slice(1) : body;
  const n = BigInt(digits) * (m[1] === "-" ? -1n : 1n);
  if (signed ? n < -INT64_MAX - 1n || n > INT64_MAX : n > UINT64_MAX) return undefined;
  return n;
}

/** A plain scalar's value per go-yaml v2's resolve(); "special" marks .inf/.nan. */
export function resolvePlain(text: string): null | boolean | number | string | { special: string } {
  if (NULLS.has(text)) return null;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  if (SPECIAL_FLOATS.has(text)) return { special: text };
  const c = text[0];
  if (c === ".") return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : text;
  if (!/[0-9+-]/.test(c)) return text;
  const plain = text.replace(/_/g, "");
  const n = parseGoInt(plain, true) ?? parseGoInt(plain, false);
  if (n !== undefined) return Number(n);
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return text;
}

/** Go's %v of a float64 (JSON numbers), which Helm prints: shortest digits, exponent form from 1e6 and below 1e-4. */
export function goFloat(v: number): string {
  if (v === 0) return "0";
  const [mantissa, expText] = v.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(v);
}
