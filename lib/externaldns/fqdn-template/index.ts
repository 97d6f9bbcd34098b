// --fqdn-template as external-dns evaluates it, per release (v0.20: source/fqdn/fqdn.go; v0.21
// and v0.22: source/template/engine.go). Pure: any Kubernetes object in, hostnames out.
//
// - The flag's templates are joined with "," and parsed as one template named "endpoint"; the
//   output is split on "," again, each name trimmed of spaces and of one trailing dot.
//   v0.20 keeps empty and repeated names in order; from v0.21 they are dropped and the rest
//   sorted. From v0.22 each flag value is checked on its own first, so errors name its index.
// - A parse error stops external-dns at start; an execution error fails the source's whole
//   Endpoints() call every loop, so nothing is planned at all.
// - .Kind/.APIVersion: v0.20 sees what the source's lister left (empty for Ingress and Service,
//   set by the gateway sources); from v0.21 an empty Kind is filled in from the Go scheme.

import { atLeast } from "../annotations";
import { byteOrder } from "../endpoint";
import type { KubeObject, Version } from "../types";
import { execute, ExecError } from "./exec";
import { functionNames, templateFunctions } from "./functions";
import { objectType } from "./kube-types";
import { type Parsed, parseTemplate, TemplateParseError } from "./parse";
import { UnsupportedError } from "./values";

export { KNOWN_SOURCES } from "./functions";

/** The apiVersion the Go scheme gives a kind whose object came without one. */
const SCHEME_API_VERSION: Record<string, string> = {
  Ingress: "networking.k8s.io/v1",
  Service: "v1",
  Node: "v1",
  Pod: "v1",
};

export interface TemplateOptions {
  /** The --source running the template (isSource, v0.22). */
  source?: string;
  /**
   * The TypeMeta the source's lister sets. The gateway sources set their own (HTTPRoute at
   * gateway.networking.k8s.io/v1beta1 in v0.20, …); leave it out for informer objects.
   */
  typeMeta?: { kind: string; apiVersion: string };
}

export type TemplateOutcome =
  | { ok: true; hostnames: string[] }
  /** external-dns fails on this: a parse error (at start) or an execution error (every loop). */
  | { ok: false; kind: "parse" | "exec"; error: string }
  /** The template reads something dnsdrift does not reproduce exactly; no names are guessed. */
  | { ok: false; kind: "unsupported"; error: string };

/** What one parse of the flag gives: the template, or external-dns's start-up error. */
export type CompiledTemplates = { ok: true; parsed: Parsed | undefined; text: string } | { ok: false; error: string };

const NAME = "endpoint";

/**
 * Parses the --fqdn-template values (or those of --target-template / --fqdn-target-template,
 * which the same engine parses the same way) as the given release does (undefined parsed = not configured).
 */
export function compileFqdnTemplates(templates: string[], version: Version, flag = "--fqdn-template"): CompiledTemplates {
  const funcs = functionNames(version);
  if (atLeast(version, 22)) {
    // validateTemplates: each value parsed cumulatively, so errors carry its index.
    for (let i = 0; i < templates.length; i++) {
      try {
        parseTemplate(templates.slice(0, i + 1).join(","), NAME, funcs);
      } catch (e) {
        if (e instanceof TemplateParseError) return { ok: false, error: `${flag}[${i}] ${JSON.stringify(templates[i])}: ${e.message}` };
        throw e;
      }
    }
  }
  const text = templates.join(",");
  const unset = atLeast(version, 21) ? text.trim() === "" : text === "";
  if (unset) return { ok: true, parsed: undefined, text };
  try {
    return { ok: true, parsed: parseTemplate(text, NAME, funcs), text };
  } catch (e) {
    if (e instanceof TemplateParseError) return { ok: false, error: `parse ${flag}: ${atLeast(version, 21) ? `${JSON.stringify(text)}: ` : ""}${e.message}` };
    throw e;
  }
}

/** The object as the template sees it: kind and apiVersion per the release's rules. */
function dataFor(obj: KubeObject, version: Version, opts: TemplateOptions) {
  let kind = opts.typeMeta?.kind ?? "";
  let apiVersion = opts.typeMeta?.apiVersion ?? "";
  if (!opts.typeMeta && atLeast(version, 21)) {
    kind = obj.kind ?? "";
    apiVersion = obj.apiVersion ?? SCHEME_API_VERSION[kind] ?? "";
  }
  const root = { ...obj, kind, apiVersion };
  const typeKind = opts.typeMeta?.kind ?? obj.kind ?? "";
  const typeVersion = opts.typeMeta?.apiVersion ?? obj.apiVersion ?? "";
  return { t: objectType(typeKind, typeVersion), v: root, kind: typeKind };
}

/** Runs a compiled template on one object; hostnames as the release post-processes them. */
export function executeFqdnTemplate(compiled: Parsed, obj: KubeObject, version: Version, opts: TemplateOptions = {}): TemplateOutcome {
  const data = dataFor(obj, version, opts);
  let text: string;
  try {
    text = execute(compiled, { t: data.t, v: data.v }, templateFunctions(version, opts.source ?? ""));
  } catch (e) {
    const where = `${data.kind || "object"} ${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
    if (e instanceof ExecError) return { ok: false, kind: "exec", error: `failed to apply template on ${where}: ${e.message}` };
    if (e instanceof UnsupportedError) return { ok: false, kind: "unsupported", error: `on ${where}: ${e.message}` };
    throw e;
  }
  const names = text.split(",").map((n) => {
    const t = n.replace(/^[\s\u0085]+|[\s\u0085]+$/g, "");
    return t.endsWith(".") ? t.slice(0, -1) : t;
  });
  if (!atLeast(version, 21)) return { ok: true, hostnames: names };
  return { ok: true, hostnames: [...new Set(names.filter((n) => n !== ""))].sort(byteOrder) };
}

/**
 * The one-call form: compile and run. `templates` are the --fqdn-template values (one string
 * before v0.22, possibly holding several comma-separated templates).
 */
export function evaluateFqdnTemplates(templates: string[], obj: KubeObject, version: Version, opts: TemplateOptions = {}): TemplateOutcome {
  const c = compileFqdnTemplates(templates, version);
  if (!c.ok) return { ok: false, kind: "parse", error: c.error };
  if (!c.parsed) return { ok: true, hostnames: [] };
  return executeFqdnTemplate(c.parsed, obj, version, opts);
}

/** A per-run cache so thousands of objects share one parse. */
export function templateRunner(templates: string[], version: Version, flag?: string) {
  const compiled = compileFqdnTemplates(templates, version, flag);
  return {
    compiled,
    configured: compiled.ok ? compiled.parsed !== undefined : true,
    run(obj: KubeObject, opts: TemplateOptions = {}): TemplateOutcome {
      if (!compiled.ok) return { ok: false, kind: "parse", error: compiled.error };
      if (!compiled.parsed) return { ok: true, hostnames: [] };
      return executeFqdnTemplate(compiled.parsed, obj, version, opts);
    },
  };
}
