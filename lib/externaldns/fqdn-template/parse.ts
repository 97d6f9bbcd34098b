// A parser for the part of Go's text/template that --fqdn-template users write: text, actions
// with trim markers, comments, pipelines, field chains, variables, literals, parenthesised
// pipelines, if/else if/with/range/break/continue and define/template/block. Errors read like
// Go's ("template: endpoint:1: …") because external-dns prints Go's message when it stops.

export type Node =
  | { t: "text"; text: string }
  | { t: "action"; pipe: Pipe; line: number; src: string }
  | { t: "if" | "with"; pipe: Pipe; list: Node[]; elseList?: Node[]; line: number }
  | { t: "range"; pipe: Pipe; list: Node[]; elseList?: Node[]; line: number }
  | { t: "break" | "continue" }
  | { t: "template"; name: string; pipe?: Pipe; line: number };

export interface Pipe {
  decl: string[];
  /** true for `$x = …` (assignment), false for `$x := …` (declaration). */
  assign: boolean;
  cmds: Cmd[];
}

export type Arg =
  | { t: "field"; base: "dot" | { variable: string } | { pipe: Pipe }; chain: string[] }
  | { t: "ident"; name: string; chain: string[] }
  | { t: "string"; value: string }
  | { t: "number"; value: number; isInt: boolean; text: string }
  | { t: "bool"; value: boolean }
  | { t: "nil" };

export interface Cmd {
  args: Arg[];
}

export interface Parsed {
  name: string;
  root: Node[];
  defines: Map<string, Node[]>;
}

export class TemplateParseError extends Error {}

type Tok =
  | { k: "text"; v: string }
  | { k: "open"; trim: boolean; line: number }
  | { k: "close"; trim: boolean }
  | { k: "comment" }
  | { k: "word"; v: string }
  | { k: "field"; v: string } // ".A" or "." or ".A.B" split later
  | { k: "var"; v: string } // "$" or "$x", may carry ".A.B"
  | { k: "str"; v: string }
  | { k: "num"; v: string }
  | { k: "char"; v: string }
  | { k: "punct"; v: "|" | "(" | ")" | ":=" | "=" | "," };

const SPACE = /[ \t\r\n]/;

function unquote(raw: string, fail: (m: string) => never): string {
  if (raw.startsWith("`")) return raw.slice(1, -1);
  try {
    // Go and JSON agree on \" \\ \n \t \r \b \f \uXXXX; the rest are rewritten first.
    const body = raw
      .slice(1, -1)
      .replace(/\\x([0-9a-fA-F]{2})/g, (_m, h) => `\\u00${h}`)
      .replace(/\\a/g, "\\u0007")
      .replace(/\\v/g, "\\u000b")
      .replace(/\\'/g, "'")
      .replace(/\\U([0-9a-fA-F]{8})/g, (_m, h) => String.fromCodePoint(parseInt(h, 16)));
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return fail(`bad string syntax: ${raw}`);
  }
}

function lex(src: string, name: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  const fail = (m: string): never => {
    throw new TemplateParseError(`template: ${name}:${line}: ${m}`);
  };
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    if (open < 0) {
      out.push({ k: "text", v: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    const trimLeft = src.startsWith("{{- ", open) || src.startsWith("{{-\t", open) || src.startsWith("{{-\n", open) || src.startsWith("{{-\r", open);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, "");
    if (text) out.push({ k: "text", v: text });
    line += (src.slice(i, open).match(/\n/g) ?? []).length;
    i = open + (trimLeft ? 3 : 2);
    out.push({ k: "open", trim: trimLeft, line });
    // Inside the action.
    for (;;) {
      while (i < src.length && SPACE.test(src[i])) {
        if (src[i] === "\n") line++;
        i++;
      }
      if (i >= src.length) fail("unclosed action");
      if (src.startsWith("-}}", i) && SPACE.test(src[i - 1] ?? "")) {
        i += 3;
        out.push({ k: "close", trim: true });
        const m = /^[ \t\r\n]*/.exec(src.slice(i))![0];
        line += (m.match(/\n/g) ?? []).length;
        i += m.length;
        break;
      }
      if (src.startsWith("}}", i)) {
        i += 2;
        out.push({ k: "close", trim: false });
        break;
      }
      const c = src[i];
      if (src.startsWith("/*", i)) {
        const end = src.indexOf("*/", i + 2);
        if (end < 0) fail("unclosed comment");
        line += (src.slice(i, end).match(/\n/g) ?? []).length;
        i = end + 2;
        out.push({ k: "comment" });
        continue;
      }
      if (c === '"' || c === "`") {
        let j = i + 1;
        while (j < src.length && src[j] !== c) {
          if (c === '"' && src[j] === "\\") j++;
          if (c === '"' && src[j] === "\n") fail("unterminated quoted string");
          j++;
        }
        if (j >= src.length) fail(c === '"' ? "unterminated quoted string" : "unterminated raw quoted string");
        out.push({ k: "str", v: unquote(src.slice(i, j + 1), fail) });
        i = j + 1;
        continue;
      }
      if (c === "'") {
        const m = /^'(\\.|[^'\\])'/.exec(src.slice(i));
        if (!m) fail("unterminated character constant");
        out.push({ k: "char", v: m![1].startsWith("\\") ? unquote(`"${m![1]}"`, fail) : m![1] });
        i += m![0].length;
        continue;
      }
      if (src.startsWith(":=", i)) {
        out.push({ k: "punct", v: ":=" });
        i += 2;
        continue;
      }
      if ("|()=,".includes(c)) {
        out.push({ k: "punct", v: c as "|" });
        i++;
        continue;
      }
      const m =
        /^\.(?:[A-Za-z_][A-Za-z0-9_]*)?(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i)) ??
        null;
      if (c === "." && m) {
        out.push({ k: "field", v: m[0] });
        i += m[0].length;
        continue;
      }
      const v = /^\$[A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
      if (v) {
        out.push({ k: "var", v: v[0] });
        i += v[0].length;
        continue;
      }
      const n = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[oObB][0-7_]+|(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(src.slice(i));
      if (n && /[\d]/.test(n[0])) {
        out.push({ k: "num", v: n[0] });
        i += n[0].length;
        continue;
      }
      const w = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
      if (w) {
        out.push({ k: "word", v: w[0] });
        i += w[0].length;
        continue;
      }
      fail(`unexpected ${JSON.stringify(c)} in command`);
    }
  }
  return out;
}

const KEYWORDS = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]);

/** Parses one template source; `funcs` are the names the template may call (Go checks at parse time). */
export function parseTemplate(src: string, name: string, funcs: Set<string>): Parsed {
  const toks = lex(src, name);
  let p = 0;
  let line = 1;
  const defines = new Map<string, Node[]>();
  const vars: string[][] = [["$"]];
  let rangeDepth = 0;
  const fail = (m: string): never => {
    throw new TemplateParseError(`template: ${name}:${line}: ${m}`);
  };
  const peek = () => toks[p];
  const next = () => toks[p++];

  function knownVar(v: string) {
    const base = v.split(".")[0];
    if (!vars.some((scope) => scope.includes(base))) fail(`undefined variable "${base}"`);
  }

  function parseOperand(): Arg | undefined {
    const tok = peek();
    if (!tok) return undefined;
    let arg: Arg;
    if (tok.k === "field") {
      next();
      arg = { t: "field", base: "dot", chain: tok.v === "." ? [] : tok.v.slice(1).split(".") };
    } else if (tok.k === "var") {
      next();
      knownVar(tok.v);
      const [v, ...chain] = tok.v.split(".");
      arg = { t: "field", base: { variable: v }, chain };
    } else if (tok.k === "str") {
      next();
      arg = { t: "string", value: tok.v };
    } else if (tok.k === "char") {
      next();
      arg = { t: "number", value: tok.v.codePointAt(0)!, isInt: true, text: `'${tok.v}'` };
    } else if (tok.k === "num") {
      next();
      const text = tok.v.replace(/_/g, "");
      const isInt = !/[.eE]/.test(text) || /^[+-]?0[xX]/.test(text);
      const sign = text.startsWith("-") ? -1 : 1;
      const body = text.replace(/^[+-]/, "");
      const value = /^0[oO]/.test(body) ? parseInt(body.slice(2), 8) : /^0[bB]/.test(body) ? parseInt(body.slice(2), 2) : /^0\d/.test(body) ? parseInt(body, 8) : Number(body);
      if (Number.isNaN(value)) fail(`bad number syntax: "${tok.v}"`);
      arg = { t: "number", value: sign * value, isInt, text: tok.v };
    } else if (tok.k === "word") {
      if (KEYWORDS.has(tok.v)) return undefined;
      next();
      const [w, ...chain] = tok.v.split(".");
      if (w === "true" || w === "false") arg = { t: "bool", value: w === "true" };
      else if (w === "nil") arg = { t: "nil" };
      else {
        if (!funcs.has(w)) fail(`function "${w}" not defined`);
        arg = { t: "ident", name: w, chain };
      }
    } else if (tok.k === "punct" && tok.v === "(") {
      next();
      const pipe = parsePipe(")");
      const close = next();
      if (!close || close.k !== "punct" || close.v !== ")") fail("unclosed left paren");
      // A field chain may follow the closing paren directly: (index . "a").B
      const after = peek();
      if (after && after.k === "field" && after.v !== ".") {
        next();
        arg = { t: "field", base: { pipe }, chain: after.v.slice(1).split(".") };
      } else arg = { t: "field", base: { pipe }, chain: [] };
    } else return undefined;
    return arg;
  }

  function parsePipe(end: "close" | ")"): Pipe {
    const pipe: Pipe = { decl: [], assign: false, cmds: [] };
    // Variable declarations: $x := / $x, $y := / $x =
    const save = p;
    const names: string[] = [];
    for (let t = peek(); t?.k === "var" && !t.v.includes("."); t = peek()) {
      names.push((next() as { v: string }).v);
      const t = peek();
      if (t?.k === "punct" && t.v === ",") {
        next();
        continue;
      }
      break;
    }
    const op = peek();
    if (names.length > 0 && op?.k === "punct" && (op.v === ":=" || op.v === "=")) {
      next();
      pipe.decl = names;
      pipe.assign = op.v === "=";
      if (pipe.assign) names.forEach(knownVar);
      if (names.length > 2) fail("too many declarations in command");
    } else p = save;
    for (;;) {
      const cmd: Cmd = { args: [] };
      for (;;) {
        const a = parseOperand();
        if (!a) break;
        cmd.args.push(a);
      }
      const t = peek();
      if (cmd.args.length === 0) fail(t && t.k === "punct" ? `unexpected "${t.v}" in command` : "missing value for command");
      pipe.cmds.push(cmd);
      if (t?.k === "punct" && t.v === "|") {
        next();
        continue;
      }
      break;
    }
    const t = peek();
    if (end === "close" && t?.k !== "close") fail(`unexpected ${describe(t)} in command`);
    if (!pipe.assign && pipe.decl.length > 0) vars[vars.length - 1].push(...pipe.decl);
    return pipe;
  }

  function describe(t: Tok | undefined): string {
    if (!t) return "EOF";
    if ("v" in t) return JSON.stringify(t.v);
    return `<${t.k}>`;
  }

  function expectClose() {
    const t = next();
    if (!t || t.k !== "close") fail(`unexpected ${describe(t)} in end`);
  }

  /** Parses nodes until {{end}}/{{else…}}; returns the terminator keyword. */
  function parseList(stopAt: boolean): { list: Node[]; stop?: "end" | "else" } {
    const list: Node[] = [];
    while (p < toks.length) {
      const tok = next();
      if (tok.k === "text") {
        list.push({ t: "text", text: tok.v });
        continue;
      }
      if (tok.k !== "open") fail(`unexpected ${describe(tok)}`);
      line = (tok as { line: number }).line;
      const head = peek();
      if (head?.k === "comment") {
        next();
        expectClose();
        continue;
      }
      if (head?.k === "word" && KEYWORDS.has(head.v)) {
        next();
        switch (head.v) {
          case "end":
            if (!stopAt) fail("unexpected {{end}}");
            expectClose();
            return { list, stop: "end" };
          case "else":
            if (!stopAt) fail("unexpected {{else}}");
            return { list, stop: "else" };
          case "if":
          case "with":
            list.push(parseControl(head.v));
            continue;
          case "range": {
            rangeDepth++;
            list.push(parseControl("range"));
            rangeDepth--;
            continue;
          }
          case "break":
          case "continue":
            if (rangeDepth === 0) fail(`{{${head.v}}} outside {{range}}`);
            expectClose();
            list.push({ t: head.v });
            continue;
          case "define": {
            const n = next();
            if (n?.k !== "str") fail("define: expected template name");
            expectClose();
            const saved = rangeDepth;
            rangeDepth = 0;
            vars.push(["$"]);
            const body = parseList(true);
            vars.pop();
            rangeDepth = saved;
            if (body.stop !== "end") fail("unexpected {{else}} in define");
            addDefine((n as { v: string }).v, body.list);
            continue;
          }
          case "template":
          case "block": {
            const n = next();
            if (n?.k !== "str") fail(`unexpected ${describe(n)} in template clause`);
            const pipe = peek()?.k === "close" ? undefined : parsePipe("close");
            expectClose();
            const tname = (n as { v: string }).v;
            if (head.v === "block") {
              vars.push(["$"]);
              const body = parseList(true);
              vars.pop();
              addDefine(tname, body.list);
            }
            list.push({ t: "template", name: tname, pipe, line });
            continue;
          }
        }
      }
      const start = p;
      const pipe = parsePipe("close");
      const srcText = toks.slice(start, p).map((t) => ("v" in t ? t.v : "")).join(" ");
      expectClose();
      list.push({ t: "action", pipe, line, src: srcText });
    }
    if (stopAt) fail("unexpected EOF");
    return { list };
  }

  function addDefine(n: string, body: Node[]) {
    const empty = body.every((x) => x.t === "text" && x.text.trim() === "");
    const prev = defines.get(n);
    if (prev && !prev.every((x) => x.t === "text" && x.text.trim() === "") && !empty) fail(`template: multiple definition of template "${n}"`);
    if (!prev || !empty) defines.set(n, body);
  }

  function parseControl(kind: "if" | "with" | "range"): Node {
    const startLine = line;
    vars.push([]);
    const pipe = parsePipe("close");
    expectClose();
    const body = parseList(true);
    let elseList: Node[] | undefined;
    if (body.stop === "else") {
      // `{{else if …}}` / `{{else with …}}` chain into a nested control in the else branch.
      const t = peek();
      if ((kind === "if" || kind === "with") && t?.k === "word" && t.v === kind) {
        next();
        vars.pop();
        vars.push([]);
        elseList = [parseControl(kind)];
        vars.pop();
        return kind === "with" ? { t: "with", pipe, list: body.list, elseList, line: startLine } : { t: "if", pipe, list: body.list, elseList, line: startLine };
      }
      expectClose();
      vars.pop();
      vars.push([]);
      const rest = parseList(true);
      if (rest.stop !== "end") fail(`expected end; found {{else}}`);
      elseList = rest.list;
    }
    vars.pop();
    if (kind === "range") return { t: "range", pipe, list: body.list, elseList, line: startLine };
    return { t: kind, pipe, list: body.list, elseList, line: startLine };
  }

  const { list } = parseList(false);
  const root = list;
  return { name, root, defines };
}
