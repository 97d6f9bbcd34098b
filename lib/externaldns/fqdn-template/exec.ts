// Executes a parsed template against a Go value the way text/template's exec.go does: dot and
// variables, field chains, pipelines (the previous value is the last argument), Go's truth for
// if/with/range, the builtins (and, or, not, len, index, print, printf, println, eq, ne, lt, le,
// gt, ge) and the caller's functions. Errors read like Go's "executing … at <…>: …".

import type { Arg, Cmd, Node, Parsed, Pipe } from "./parse";
import { concrete, elemValue, fieldOf, type GoType, type GoValue, INVALID, isTrue, jsonValue, printValue, str, typeName, UnsupportedError } from "./values";

/** A function the template may call: gets Go values, returns a Go value or throws ExecError. */
export type TemplateFunc = (args: GoValue[]) => GoValue;

export class ExecError extends Error {}

/** An argument of the wrong type: Go rejects it before the call, so no "error calling" prefix. */
export class ArgTypeError extends ExecError {}

const BREAK = Symbol("break");
const CONTINUE = Symbol("continue");

interface State {
  parsed: Parsed;
  funcs: Map<string, TemplateFunc>;
  vars: Array<{ name: string; value: GoValue }>;
  out: string[];
  at: string;
  line: number;
  depth: number;
}

function fail(s: State, message: string): never {
  throw new ExecError(`template: ${s.parsed.name}:${s.line}: executing "${s.parsed.name}" at <${s.at}>: ${message}`);
}

export function execute(parsed: Parsed, dot: GoValue, funcs: Map<string, TemplateFunc>): string {
  const s: State = { parsed, funcs, vars: [{ name: "$", value: dot }], out: [], at: "", line: 1, depth: 0 };
  walkList(s, parsed.root, dot);
  return s.out.join("");
}

function walkList(s: State, list: Node[], dot: GoValue): void {
  for (const n of list) walk(s, n, dot);
}

function walk(s: State, n: Node, dot: GoValue): void {
  switch (n.t) {
    case "text":
      s.out.push(n.text);
      return;
    case "action": {
      s.line = n.line;
      s.at = n.src;
      const v = evalPipe(s, n.pipe, dot);
      if (n.pipe.decl.length === 0) s.out.push(printable(s, v));
      return;
    }
    case "if":
    case "with": {
      s.line = n.line;
      const mark = s.vars.length;
      const v = evalPipe(s, n.pipe, dot);
      if (isTrue(v)) walkList(s, n.list, n.t === "with" ? v : dot);
      else if (n.elseList) walkList(s, n.elseList, dot);
      s.vars.length = mark;
      return;
    }
    case "range":
      return walkRange(s, n, dot);
    case "break":
      throw BREAK;
    case "continue":
      throw CONTINUE;
    case "template": {
      const body = s.parsed.defines.get(n.name);
      s.line = n.line;
      if (!body) fail(s, `no such template "${n.name}"`);
      if (++s.depth > 100) fail(s, "exceeded maximum template depth (100000)");
      const data = n.pipe ? evalPipe(s, n.pipe, dot) : INVALID;
      const saved = s.vars;
      s.vars = [{ name: "$", value: data }];
      walkList(s, body!, data);
      s.vars = saved;
      s.depth--;
    }
  }
}

function walkRange(s: State, n: Extract<Node, { t: "range" }>, dot: GoValue): void {
  s.line = n.line;
  const mark = s.vars.length;
  const decl = n.pipe.decl;
  const v = concrete(evalPipe(s, { ...n.pipe, decl: [] }, dot));
  const items: Array<[GoValue, GoValue]> = [];
  const t = v.t;
  if (t?.k === "slice") {
    ((v.v ?? []) as unknown[]).forEach((x, i) => items.push([{ t: { k: "int" }, v: i }, elemValue(t.elem, x)]));
  } else if (t?.k === "map") {
    const m = (v.v ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(m).sort()) items.push([{ t: str(), v: k }, elemValue(t.elem, m[k])]);
  } else if (t?.k === "int") {
    for (let i = 0; i < Number(v.v); i++) items.push([{ t: { k: "int" }, v: i }, { t: { k: "int" }, v: i }]);
  } else if (t && !(t.k === "ptr" && v.v === null) && !(t.k === "iface" && v.v === null)) {
    fail(s, `range can't iterate over ${printValue(v)}`);
  }
  if (items.length === 0) {
    if (n.elseList) walkList(s, n.elseList, dot);
    s.vars.length = mark;
    return;
  }
  for (const [k, e] of items) {
    s.vars.length = mark;
    if (decl.length === 1) s.vars.push({ name: decl[0], value: e });
    if (decl.length === 2) s.vars.push({ name: decl[0], value: k }, { name: decl[1], value: e });
    try {
      walkList(s, n.list, e);
    } catch (x) {
      if (x === BREAK) break;
      if (x === CONTINUE) continue;
      throw x;
    }
  }
  s.vars.length = mark;
}

function printable(s: State, v: GoValue): string {
  try {
    return printValue(v);
  } catch (e) {
    if (e instanceof UnsupportedError) throw new UnsupportedError(`${e.message} (at <${s.at}>)`);
    throw e;
  }
}

function lookupVar(s: State, name: string): GoValue {
  for (let i = s.vars.length - 1; i >= 0; i--) if (s.vars[i].name === name) return s.vars[i].value;
  return fail(s, `undefined variable: ${name}`);
}

function evalPipe(s: State, pipe: Pipe, dot: GoValue): GoValue {
  let value: GoValue | undefined;
  for (const cmd of pipe.cmds) value = evalCmd(s, cmd, dot, value);
  const v = value ?? INVALID;
  if (pipe.decl.length > 0) {
    if (pipe.assign) {
      const name = pipe.decl[0];
      const slot = [...s.vars].reverse().find((x) => x.name === name);
      if (!slot) fail(s, `undefined variable: ${name}`);
      slot!.value = v;
    } else s.vars.push({ name: pipe.decl[0], value: v });
  }
  return v;
}

function chain(s: State, base: GoValue, names: string[]): GoValue {
  let cur = base;
  for (const name of names) {
    const r = fieldOf(cur, name);
    if ("error" in r) fail(s, r.error);
    cur = r as GoValue;
  }
  return cur;
}

function evalArg(s: State, a: Arg, dot: GoValue): GoValue {
  switch (a.t) {
    case "field": {
      const base = a.base === "dot" ? dot : "variable" in a.base ? lookupVar(s, a.base.variable) : evalPipe(s, a.base.pipe, dot);
      return chain(s, base, a.chain);
    }
    case "ident": {
      const v = callFunc(s, a.name, [], dot, undefined);
      return chain(s, v, a.chain);
    }
    case "string":
      return { t: str(), v: a.value };
    case "number":
      return a.isInt ? { t: { k: "int" }, v: a.value } : { t: { k: "float" }, v: a.value };
    case "bool":
      return { t: { k: "bool" }, v: a.value };
    case "nil":
      return fail(s, "nil is not a command");
  }
}

function evalCmd(s: State, cmd: Cmd, dot: GoValue, final: GoValue | undefined): GoValue {
  const [first, ...rest] = cmd.args;
  if (first.t === "ident" && first.chain.length === 0) return callFunc(s, first.name, rest, dot, final);
  if (rest.length > 0 || final !== undefined) {
    if (first.t === "field") fail(s, `can't give argument to non-function ${printValue(evalArg(s, first, dot))}`);
    fail(s, `can't give argument to non-function ${first.t}`);
  }
  return evalArg(s, first, dot);
}

function callFunc(s: State, name: string, args: Arg[], dot: GoValue, final: GoValue | undefined): GoValue {
  // and/or evaluate their arguments lazily (Go 1.18+).
  if (name === "and" || name === "or") {
    const all = args.map((a) => () => evalArg(s, a, dot));
    if (final !== undefined) all.push(() => final);
    if (all.length === 0) fail(s, `wrong number of args for ${name}: want at least 1 got 0`);
    let v: GoValue = INVALID;
    for (const get of all) {
      v = get();
      if (isTrue(v) !== (name === "and")) return v;
    }
    return v;
  }
  const values = args.map((a) => evalArg(s, a, dot));
  if (final !== undefined) values.push(final);
  const fn = BUILTINS[name] ?? s.funcs.get(name);
  if (!fn) fail(s, `"${name}" is not a defined function`);
  try {
    return fn!(values);
  } catch (e) {
    if (e instanceof ArgTypeError) fail(s, e.message);
    if (e instanceof ExecError) fail(s, `error calling ${name}: ${e.message}`);
    throw e;
  }
}

// ---- builtins ----

function argErr(message: string): never {
  throw new ArgTypeError(message);
}

function want(n: number, name: string, args: GoValue[], atLeast = false): void {
  if (atLeast ? args.length < n : args.length !== n) argErr(`wrong number of args for ${name}: want ${atLeast ? "at least " : ""}${n} got ${args.length}`);
}

type Basic = "bool" | "int" | "float" | "string" | "invalid" | "other";
function basic(v: GoValue): Basic {
  const c = concrete(v);
  if (!c.t) return "invalid";
  if (c.t.k === "string" || c.t.k === "int" || c.t.k === "float" || c.t.k === "bool") return c.t.k;
  return "other";
}

function eqOne(a: GoValue, b: GoValue): boolean {
  const ka = basic(a);
  const kb = basic(b);
  const x = concrete(a);
  const y = concrete(b);
  if (ka !== kb) {
    if ((ka === "int" && kb === "float") || (ka === "float" && kb === "int")) argErr("incompatible types for comparison");
    if (ka !== "invalid" && kb !== "invalid") argErr("incompatible types for comparison");
    return false;
  }
  if (ka === "other") {
    const nilA = x.v === null || x.v === undefined;
    const nilB = y.v === null || y.v === undefined;
    if (nilA || nilB) return nilA === nilB;
    throw new UnsupportedError(`comparing values of type ${typeName(x.t)}`);
  }
  return x.v === y.v || (ka === "invalid" && kb === "invalid");
}

function order(name: string, args: GoValue[], test: (c: number) => boolean): GoValue {
  want(2, name, args);
  const [a, b] = args.map(concrete);
  const ka = basic(a);
  const kb = basic(b);
  if (ka === "invalid" || kb === "invalid" || ka === "other" || ka === "bool") argErr("invalid type for comparison");
  if (ka !== kb) argErr("incompatible types for comparison");
  const c = ka === "string" ? (String(a.v) < String(b.v) ? -1 : String(a.v) > String(b.v) ? 1 : 0) : Number(a.v) - Number(b.v);
  return { t: { k: "bool" }, v: test(c) };
}

function lengthOf(v: GoValue): GoValue {
  const c = concrete(v);
  if (!c.t) argErr("len of nil pointer");
  switch (c.t.k) {
    case "string":
      return { t: { k: "int" }, v: new TextEncoder().encode(String(c.v)).length };
    case "slice":
      return { t: { k: "int" }, v: ((c.v ?? []) as unknown[]).length };
    case "map":
      return { t: { k: "int" }, v: Object.keys((c.v ?? {}) as object).length };
    default:
      return argErr(`len of type ${typeName(c.t)}`);
  }
}

function indexOf(args: GoValue[]): GoValue {
  want(1, "index", args, true);
  let item = concrete(args[0]);
  for (const idx of args.slice(1)) {
    if (!item.t || (item.t.k === "iface" && item.v === null)) argErr("index of untyped nil");
    const t: GoType = item.t.k === "ptr" ? argErr(`can't index item of type ${typeName(item.t)}`) : item.t;
    const key = concrete(idx);
    if (t.k === "map") {
      if (key.t?.k !== "string") argErr(`value has type ${typeName(key.t)}; should be string`);
      const m = (item.v ?? {}) as Record<string, unknown>;
      const has = Object.prototype.hasOwnProperty.call(m, String(key.v));
      item = has ? concrete(elemValue(t.elem, m[String(key.v)])) : concrete(elemValue(t.elem, undefined));
      if (!has && t.elem.k === "iface") item = { t: t.elem, v: null };
    } else if (t.k === "slice" || t.k === "string") {
      if (key.t?.k !== "int") argErr(`cannot index slice/array with type ${typeName(key.t)}`);
      const n = Number(key.v);
      const arr = t.k === "string" ? Array.from(new TextEncoder().encode(String(item.v))) : ((item.v ?? []) as unknown[]);
      if (n < 0 || n >= arr.length) argErr(`index out of range: ${n}`);
      item = t.k === "slice" ? concrete(elemValue(t.elem, arr[n])) : { t: { k: "int", name: "uint8" }, v: arr[n] };
    } else argErr(`can't index item of type ${typeName(t)}`);
  }
  return item;
}

/** fmt.Sprint: a space between operands when neither side is a string. */
function sprint(args: GoValue[]): string {
  let out = "";
  args.forEach((a, i) => {
    const isStr = basic(a) === "string";
    if (i > 0 && !isStr && basic(args[i - 1]) !== "string") out += " ";
    out += printValue(a);
  });
  return out;
}

function sprintf(args: GoValue[]): string {
  const format = String(concrete(args[0] ?? INVALID).v ?? "");
  let i = 1;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (m, flags: string, width: string | undefined, _prec, verb: string) => {
    if (verb === "%") return "%";
    const a = args[i++];
    if (!a) return `%!${verb}(MISSING)`;
    let s: string;
    switch (verb) {
      case "s":
      case "v":
        s = printValue(a);
        break;
      case "d": {
        const c = concrete(a);
        s = c.t?.k === "int" ? String(c.v) : `%!d(${typeName(c.t)}=${printValue(a)})`;
        break;
      }
      case "q":
        s = JSON.stringify(printValue(a));
        break;
      case "t":
        s = basic(a) === "bool" ? String(concrete(a).v) : `%!t(${typeName(concrete(a).t)}=${printValue(a)})`;
        break;
      default:
        throw new UnsupportedError(`printf verb %${verb}`);
    }
    if (width) s = flags.includes("-") ? s.padEnd(Number(width)) : s.padStart(Number(width), flags.includes("0") ? "0" : " ");
    return s;
  }) + (i < args.length ? `%!(EXTRA ${args.slice(i).map((a) => `${typeName(concrete(a).t)}=${printValue(a)}`).join(", ")})` : "");
}

const boolV = (b: boolean): GoValue => ({ t: { k: "bool" }, v: b });
const strV = (x: string): GoValue => ({ t: str(), v: x });

export const BUILTINS: Record<string, TemplateFunc> = {
  not: (a) => (want(1, "not", a), boolV(!isTrue(a[0]))),
  len: (a) => (want(1, "len", a), lengthOf(a[0])),
  index: indexOf,
  print: (a) => strV(sprint(a)),
  println: (a) => strV(a.map(printValue).join(" ") + "\n"),
  printf: (a) => (want(1, "printf", a, true), strV(sprintf(a))),
  eq: (a) => {
    want(1, "eq", a, true);
    if (a.length === 1) argErr("missing argument for comparison");
    return boolV(a.slice(1).some((b) => eqOne(a[0], b)));
  },
  ne: (a) => (want(2, "ne", a), boolV(!eqOne(a[0], a[1]))),
  lt: (a) => order("lt", a, (c) => c < 0),
  le: (a) => order("le", a, (c) => c <= 0),
  gt: (a) => order("gt", a, (c) => c > 0),
  ge: (a) => order("ge", a, (c) => c >= 0),
  html: () => {
    throw new UnsupportedError("the html function");
  },
  js: () => {
    throw new UnsupportedError("the js function");
  },
  urlquery: () => {
    throw new UnsupportedError("the urlquery function");
  },
  slice: () => {
    throw new UnsupportedError("the slice function");
  },
  call: (a) => argErr(`call of non-function ${a.length ? printValue(a[0]) : "nil"}`),
};

export { jsonValue };
