// The next external-dns configuration of a what-if: the argument list the running instance was
// configured with, edited (`--arg`, `--to-version`) or replaced (`--next-config`), and read again
// by the same public parser that read today's configuration. Nothing here interprets a flag's
// meaning; that stays with the parser.

import YAML from "yaml";
import { configFromArgs, parseConfigText } from "../../externaldns/config";
import { FLAG_TABLE } from "../../externaldns/flag-table";
import { FLAGS } from "../../externaldns/config-flags";
import { helmArgs } from "../../externaldns/config-helm";
import { argsFromText } from "../../externaldns/config-text";
import { InputError } from "../../externaldns/errors";
import type { Config, ConfigIssue } from "../../externaldns/types";
import { parseVersion } from "../../externaldns/version";

/** Where an instance's configuration came from, kept so a what-if can re-read it with changes. */
export type ConfigSource =
  | { kind: "args"; args: string[]; version?: string; annotationPrefix?: string; file?: string }
  | { kind: "text"; text: string; file: string; version?: string; annotationPrefix?: string }
  | { kind: "helm"; values: unknown; file?: string; version?: string; annotationPrefix?: string };

import { MODELLED_VERSIONS } from "./versions";

export { MODELLED_VERSIONS };

export interface NextConfigEdits {
  /** The external-dns release to move to (default: the current one). */
  toVersion?: string;
  /** `--flag=value`, `--flag` or `--no-flag`: added, or replacing every occurrence of that flag. */
  args?: string[];
  /** A whole new configuration instead of today's (its image tag gives the version unless toVersion). */
  nextSource?: ConfigSource;
}

interface Resolved {
  args: string[];
  /** The version the source itself names (image tag), if any. */
  imageVersion?: string;
  issues: ConfigIssue[];
}

function resolve(source: ConfigSource): Resolved {
  const file = source.file ?? "configuration";
  if (source.kind === "args") return { args: source.args, issues: [] };
  if (source.kind === "helm") return fromHelm(source.values, file);
  parseConfigText(source.text, file); // throws an InputError naming the file for malformed input
  const first = source.text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("#")) ?? "";
  if (first.startsWith("--") || /^external-dns(\s|$)/.test(first)) return { args: argsFromText(source.text), issues: [] };
  const data: unknown = YAML.parse(source.text);
  if (Array.isArray(data)) return { args: data as string[], issues: [] };
  return fromHelm(data, file);
}

function fromHelm(values: unknown, file: string): Resolved {
  const h = helmArgs(values, file);
  return { args: h.args, imageVersion: h.imageVersion?.raw, issues: h.issues };
}

/** Today's configuration, read from its source exactly as the next one will be. */
export function currentConfig(source: ConfigSource): Config {
  const r = resolve(source);
  return build(r.args, source.version ?? r.imageVersion, source.annotationPrefix, r.issues);
}

/** The configuration after the edits, read by the same parser. Bad edits throw an InputError. */
export function nextConfig(source: ConfigSource, current: Config, edits: NextConfigEdits): Config {
  if (edits.toVersion !== undefined) checkVersion(edits.toVersion);
  const base = edits.nextSource ?? source;
  const r = resolve(base);
  const argEdits = (edits.args ?? []).map(parseArgEdit);
  const args = applyArgEdits(r.args, argEdits);
  const version = edits.toVersion ?? (edits.nextSource ? (edits.nextSource.version ?? r.imageVersion ?? current.version.raw) : (source.version ?? r.imageVersion ?? current.version.raw));
  // An --annotation-prefix given outside the arguments (CLI or environment override) keeps
  // describing the instance, unless the edits set the flag themselves.
  const prefixEdited = argEdits.some((e) => e.name === "annotation-prefix");
  const prefixOverride = prefixEdited ? undefined : base.annotationPrefix;
  return build(args, version, prefixOverride, r.issues);
}

function build(args: string[], version: string | undefined, annotationPrefix: string | undefined, issues: ConfigIssue[]): Config {
  const cfg = configFromArgs(args, { version, annotationPrefix });
  cfg.issues.unshift(...issues);
  return cfg;
}

/** A version a what-if may move to: one of the modelled releases (any patch of them). */
export function checkVersion(raw: string): void {
  let v;
  try {
    v = parseVersion(raw);
  } catch (e) {
    throw new InputError("--to-version", (e as Error).message);
  }
  const known = MODELLED_VERSIONS.map((m) => parseVersion(m));
  if (!known.some((k) => k.major === v.major && k.minor === v.minor)) {
    throw new InputError("--to-version", `${raw} is not a version dnsdrift models (${MODELLED_VERSIONS.map((m) => m.replace(/\.0$/, ".x")).join(", ")})`);
  }
}

export interface ArgEdit {
  name: string;
  /** The argument(s) to write; empty never (a bare boolean flag is one argument). */
  arg: string;
}

/** A flag some release of external-dns has (the per-release table says which). */
const KNOWN = (name: string) => name in FLAG_TABLE;

/** `--policy=upsert-only`, `--cloudflare-proxied`, `--no-cloudflare-proxied`: checked against external-dns's flags. */
export function parseArgEdit(spec: string): ArgEdit {
  const m = /^--([a-z0-9][a-z0-9-]*)(=(.*))?$/s.exec(spec.trim());
  if (!m) throw new InputError("--arg", `"${spec}" is not an external-dns flag (write it as --flag=value)`);
  let name = m[1];
  const hasValue = m[2] !== undefined;
  if (!KNOWN(name) && name.startsWith("no-") && FLAGS[name.slice(3)]?.[0] === "bool" && !hasValue) name = name.slice(3);
  if (!KNOWN(name)) throw new InputError("--arg", `--${name} is not an external-dns flag dnsdrift knows`);
  const kind = FLAGS[name]?.[0];
  if (!hasValue && kind !== undefined && kind !== "bool") throw new InputError("--arg", `--${name} needs a value (--${name}=…)`);
  if (/[\r\n]/.test(m[3] ?? "")) throw new InputError("--arg", `the value of --${name} contains a line break`);
  return { name, arg: spec.trim() };
}

/** The name of the flag an argument sets, and how many list elements it spans (1 or 2). */
function flagAt(args: string[], i: number): { name: string; span: number } | undefined {
  const a = args[i];
  if (!a.startsWith("--") || a === "--") return undefined;
  const eq = a.indexOf("=");
  let name = eq < 0 ? a.slice(2) : a.slice(2, eq);
  if (!KNOWN(name) && name.startsWith("no-") && KNOWN(name.slice(3))) name = name.slice(3);
  const kind = FLAGS[name]?.[0];
  const isBool = kind === "bool" || (FLAG_TABLE[name]?.[0].includes("b") ?? false);
  const next = args[i + 1];
  const span = eq < 0 && !isBool && next !== undefined && !next.startsWith("--") ? 2 : 1;
  return { name, span };
}

/** Removes every occurrence of each edited flag, then appends the edits in their order. */
export function applyArgEdits(args: string[], edits: ArgEdit[]): string[] {
  if (edits.length === 0) return args;
  const names = new Set(edits.map((e) => e.name));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const f = flagAt(args, i);
    if (f && names.has(f.name)) {
      i += f.span - 1;
      continue;
    }
    out.push(args[i]);
  }
  return [...out, ...edits.map((e) => e.arg)];
}
