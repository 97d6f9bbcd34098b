// The part of Go's text/template that Helm's `tpl` needs for external-dns values: literal text,
// {{- / -}} trimming, comments, string and raw-string constants (how users escape a template meant
// for external-dns itself: {{ `{{ .Name }}.example.com` }}), .Values lookups and, when it is known,
// .Release.Namespace. Anything else (.Release.Name, .Chart, functions, pipelines) is reported as
// not evaluated rather than guessed.

import { goFloat } from "./helm-scalars";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** fmt's %v of a values tree, as a template prints it (Helm prints a missing value as ""). */
export function goPrint(v: Json | undefined, nested = false): string {
  if (v === null || v === undefined) return nested ? "<nil>" : "";
  if (typeof v === "number") return goFloat(v);
  if (typeof v === "boolean" || typeof v === "string") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goPrint(x, true)).join(" ")}]`;
  const keys = Object.keys(v).sort();
  return `map[${keys.map((k) => `${k}:${goPrint(v[k], true)}`).join(" ")}]`;
}

/** Go template truth: false, 0, nil and empty strings, lists and maps are false. */
export function truthy(v: Json | undefined): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

export type TplResult = { ok: true; text: string } | { ok: false; unknown: string } | { ok: false; error: string };

/** Finds the "}}" closing an action that starts at `from`, skipping string constants. */
function closeOf(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) return -1;
      i = j;
    } else if (c === "}" && text[i + 1] === "}") {
      return i;
    }
  }
  return -1;
}

function evalAction(body: string, values: Json, releaseNamespace?: string): TplResult {
  if (body === ".Release.Namespace" && releaseNamespace !== undefined) return { ok: true, text: releaseNamespace };
  if (/^\/\*[\s\S]*\*\/$/.test(body)) return { ok: true, text: "" };
  const raw = /^`([^`]*)`$/.exec(body);
  if (raw) return { ok: true, text: raw[1] };
  if (/^"(?:[^"\\]|\\.)*"$/.test(body)) {
    try {
      return { ok: true, text: JSON.parse(body) as string };
    } catch {
      return { ok: false, unknown: body };
    }
  }
  const path = /^\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(body);
  if (path) {
    let v: Json | undefined = values;
    for (const key of path[1].split(".").slice(1)) v = v !== null && typeof v === "object" && !Array.isArray(v) ? v[key] : undefined;
    return { ok: true, text: goPrint(v) };
  }
  return { ok: false, unknown: body };
}

/** Helm's `tpl text $`: the text rendered against the values, or what could not be evaluated. */
export function renderTpl(text: string, values: Json, releaseNamespace?: string): TplResult {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, open);
    let start = open + 2;
    if (text[start] === "-" && /\s/.test(text[start + 1] ?? "")) {
      out = out.replace(/\s+$/, "");
      start++;
    }
    const close = closeOf(text, start);
    if (close < 0) return { ok: false, error: `unclosed action in "${text}"` };
    let end = close;
    let trimAfter = false;
    if (text[close - 1] === "-" && /\s/.test(text[close - 2] ?? "")) {
      end = close - 1;
      trimAfter = true;
    }
    const r = evalAction(text.slice(start, end).trim(), values, releaseNamespace);
    if (!r.ok) return r;
    out += r.text;
    i = close + 2;
    if (trimAfter) while (i < text.length && /\s/.test(text[i])) i++;
  }
  return { ok: true, text: out };
}
