// Kubernetes label selectors (k8s.io/apimachinery/pkg/labels): the string syntax external-dns
// accepts in --label-filter, --gateway-label-filter and --annotation-filter (the latter is
// evaluated against annotations), and metav1.LabelSelector objects (allowedRoutes, ListenerSets).
// No maintained npm package parses the string form, so this follows the apimachinery grammar:
// same tokens, same validation of keys and values, same "missing key matches !=/notin" rule.

export type Operator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface Requirement {
  key: string;
  operator: Operator;
  /** Sorted and de-duplicated, as apimachinery keeps them. */
  values: string[];
}

export interface Selector {
  matches(labels: Record<string, string> | undefined): boolean;
  /** Canonical form, e.g. "app in (a,b),!legacy,tier=web"; "" selects everything. */
  toString(): string;
  requirements: Requirement[];
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Parses the string form; throws an Error that quotes the selector and says what is wrong. */
export function parseSelector(s: string): Selector {
  try {
    return makeSelector(new Parser(s).parse());
  } catch (e) {
    throw new Error(`invalid label selector "${s}": ${(e as Error).message}`);
  }
}

/** metav1.LabelSelectorAsSelector: matchLabels are equalities, expressions use In/NotIn/Exists/DoesNotExist. */
export function selectorFromLabelSelector(o: LabelSelectorObject): Selector {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(o.matchLabels ?? {})) reqs.push(requirement(key, "=", [value]));
  for (const expr of o.matchExpressions ?? []) {
    const op = EXPRESSION_OPERATORS[expr.operator];
    if (!op) throw new Error(`"${expr.operator}" is not a valid label selector operator`);
    reqs.push(requirement(expr.key, op, expr.values ?? []));
  }
  return makeSelector(reqs);
}

const EXPRESSION_OPERATORS: Record<string, Operator> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

function makeSelector(reqs: Requirement[]): Selector {
  const sorted = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const text = sorted.map(requirementString).join(",");
  return {
    requirements: sorted,
    matches: (labels) => sorted.every((r) => requirementMatches(r, labels ?? {})),
    toString: () => text,
  };
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  switch (r.operator) {
    case "=":
    case "==":
    case "in":
      return has && r.values.includes(value);
    case "!=":
    case "notin":
      return !has || !r.values.includes(value);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || !/^[+-]?\d+$/.test(value)) return false;
      const actual = BigInt(value);
      const bound = BigInt(r.values[0]);
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case "!":
      return "!" + r.key;
    case "exists":
      return r.key;
    case "in":
    case "notin":
      return `${r.key} ${r.operator} (${r.values.join(",")})`;
    case "gt":
      return `${r.key}>${r.values[0]}`;
    case "lt":
      return `${r.key}<${r.values[0]}`;
    default:
      return r.key + r.operator + r.values[0];
  }
}

// ---- validation (apimachinery validation.IsQualifiedName / IsValidLabelValue) ----

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateKey(key: string): void {
  const slash = key.lastIndexOf("/");
  const parts = key.split("/");
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (parts.length > 2) throw new Error(`key "${key}": a qualified name has at most one "/"`);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix === "" || prefix.length > 253 || !DNS1123_SUBDOMAIN_RE.test(prefix)) {
      throw new Error(`key "${key}": prefix "${prefix}" must be a lower-case DNS subdomain`);
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME_RE.test(name)) {
    throw new Error(
      `key "${key}": name part must be 1-63 characters of [A-Za-z0-9-_.], starting and ending with an alphanumeric`,
    );
  }
}

function validateValue(key: string, value: string): void {
  if (value.length > 63 || (value !== "" && !NAME_RE.test(value))) {
    throw new Error(
      `value "${value}" for key "${key}": must be at most 63 characters of [A-Za-z0-9-_.], starting and ending with an alphanumeric`,
    );
  }
}

function requirement(key: string, operator: Operator, rawValues: string[]): Requirement {
  validateKey(key);
  const values = [...new Set(rawValues)].sort();
  if ((operator === "in" || operator === "notin") && values.length === 0) {
    throw new Error(`for 'in', 'notin' operators, values set can't be empty`);
  }
  if ((operator === "=" || operator === "==" || operator === "!=") && values.length !== 1) {
    throw new Error(`exact-match compatibility requires one single value`);
  }
  if ((operator === "exists" || operator === "!") && values.length !== 0) {
    throw new Error(`values set must be empty for exists and does not exist`);
  }
  if (operator === "gt" || operator === "lt") {
    if (values.length !== 1 || !/^[+-]?\d+$/.test(values[0])) {
      throw new Error(`for 'Gt', 'Lt' operators, the value must be an integer`);
    }
  }
  for (const v of values) validateValue(key, v);
  return { key, operator, values };
}

// ---- lexer and parser (labels/selector.go) ----

type Tok = "id" | "(" | ")" | "," | "!" | "=" | "==" | "!=" | ">" | "<" | "in" | "notin" | "end";
const SPECIAL_TOKENS = new Set(["(", ")", ",", "!", "=", "==", "!=", ">", "<"]);
const isSpace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isSpecial = (c: string) => "=!(),><".includes(c);

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (isSpace(c)) {
      i++;
    } else if (isSpecial(c)) {
      // Longest run of special characters that still forms a token ("!=" but "!" + "(").
      let j = i + 1;
      while (j < s.length && isSpecial(s[j]) && SPECIAL_TOKENS.has(s.slice(i, j + 1))) j++;
      const lit = s.slice(i, j);
      out.push({ tok: lit as Tok, lit });
      i = j;
    } else {
      let j = i;
      while (j < s.length && !isSpace(s[j]) && !isSpecial(s[j])) j++;
      const lit = s.slice(i, j);
      out.push({ tok: lit === "in" || lit === "notin" ? lit : "id", lit });
      i = j;
    }
  }
  out.push({ tok: "end", lit: "" });
  return out;
}

class Parser {
  private toks: { tok: Tok; lit: string }[];
  private pos = 0;
  constructor(s: string) {
    this.toks = lex(s);
  }

  /** In value position the keywords are ordinary identifiers ("env in (in)"). */
  private peek(values = false): { tok: Tok; lit: string } {
    const t = this.toks[this.pos];
    return values && (t.tok === "in" || t.tok === "notin") ? { tok: "id", lit: t.lit } : t;
  }
  private next(values = false): { tok: Tok; lit: string } {
    const t = this.peek(values);
    this.pos++;
    return t;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    if (this.peek().tok === "end") return reqs;
    for (;;) {
      const t = this.peek();
      if (t.tok !== "id" && t.tok !== "!") {
        throw new Error(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      }
      reqs.push(this.parseRequirement());
      const after = this.next();
      if (after.tok === "end") return reqs;
      if (after.tok !== ",") throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.tok !== "id" && following.tok !== "!") {
        throw new Error(`found '${following.lit}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    let op: Operator | undefined;
    if (this.peek().tok === "!") {
      this.next();
      op = "!";
    }
    const keyTok = this.next();
    if (keyTok.tok !== "id") throw new Error(`found '${keyTok.lit}', expected: identifier`);
    const key = keyTok.lit;
    const la = this.peek().tok;
    if (op === "!" || la === "end" || la === ",") return requirement(key, op ?? "exists", []);
    const opTok = this.next();
    const OPS: Partial<Record<Tok, Operator>> = { in: "in", notin: "notin", "=": "=", "==": "==", "!=": "!=", ">": "gt", "<": "lt" };
    op = OPS[opTok.tok];
    if (!op) throw new Error(`found '${opTok.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    const values = op === "in" || op === "notin" ? this.parseValues() : this.parseExactValue();
    return requirement(key, op, values);
  }

  private parseValues(): string[] {
    const open = this.next();
    if (open.tok !== "(") throw new Error(`found '${open.lit}' expected: '('`);
    const t = this.peek(true);
    if (t.tok === ")") {
      this.next();
      return [""];
    }
    if (t.tok !== "id" && t.tok !== ",") throw new Error(`found '${t.lit}', expected: ',', ')' or identifier`);
    const values = this.parseIdentifiers();
    const close = this.next();
    if (close.tok !== ")") throw new Error(`found '${close.lit}', expected: ')'`);
    return values;
  }

  /** Leaves the closing parenthesis for the caller; empty items ("a,,b", "(,a", "a,)") are "". */
  private parseIdentifiers(): string[] {
    const values: string[] = [];
    for (;;) {
      const t = this.next(true);
      if (t.tok === "id") {
        values.push(t.lit);
        const la = this.peek(true);
        if (la.tok === ",") continue;
        if (la.tok === ")") return values;
        throw new Error(`found '${la.lit}', expected: ',' or ')'`);
      } else if (t.tok === ",") {
        if (values.length === 0) values.push("");
        const la = this.peek(true);
        if (la.tok === ")") {
          values.push("");
          return values;
        }
        if (la.tok === ",") {
          this.next(true);
          values.push("");
        }
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const la = this.peek(true);
    if (la.tok === "end" || la.tok === ",") return [""];
    const t = this.next(true);
    if (t.tok !== "id") throw new Error(`found '${t.lit}', expected: identifier`);
    return [t.lit];
  }
}
