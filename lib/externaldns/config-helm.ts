// The external-dns Helm chart (kubernetes-sigs/external-dns, charts/external-dns) rendered the way
// `helm template` renders it: the values merged over the chart's defaults, checked against the
// chart's values.schema.json, and the container's args and env written by its deployment
// template. Two chart lines matter: 1.20.0 (appVersion 0.20.0) and 1.21.x (appVersion 0.21.0, also
// what a v0.22 image is deployed with). Expected outputs are pinned from the real helm binary in
// config-helm.test.ts. A value the chart refuses is an InputError naming the file and the key.

import { InputError } from "./errors";
import { unmodelledConfig } from "./config-flags";
import { renderTpl, goPrint, truthy, type TplResult } from "./helm-tpl";
import type { ConfigIssue, Version } from "./types";
import { parseVersion } from "./version";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Values = { [k: string]: Json };
export type ChartLine = "1.20" | "1.21";

export interface HelmArgs {
  args: string[];
  /** EXTERNAL_DNS_* variables of the container (`null`: from a Secret or ConfigMap). */
  env: Record<string, string | null>;
  /** The version image.tag names, when it is one. */
  imageVersion?: Version;
  chart: ChartLine;
  /** What rendering the values noticed, in the order it noticed it. */
  issues: ConfigIssue[];
}

/** The chart's values.yaml, for the keys its deployment template reads. */
const DEFAULTS: Values = {
  image: { repository: "registry.k8s.io/external-dns/external-dns", tag: null, pullPolicy: "IfNotPresent" },
  env: [],
  logLevel: "info",
  logFormat: "text",
  interval: "1m",
  triggerLoopOnEvent: false,
  namespaced: false,
  enableGatewayListenerSets: false,
  sources: ["service", "ingress"],
  policy: "upsert-only",
  registry: "txt",
  domainFilters: [],
  excludeDomains: [],
  managedRecordTypes: [],
  provider: { name: "aws" },
  extraArgs: {},
};

type SchemaType = "string" | "null" | "boolean" | "array" | "object";
interface Rule {
  types: SchemaType[];
  enum?: string[];
  items?: "string";
  unique?: boolean;
  /** Chart line that has the key in its schema (both when absent). */
  only?: ChartLine;
}
const S_OR_NULL: Rule = { types: ["string", "null"] };
/** values.schema.json of charts 1.20.0 and 1.21.x (the same but for the keys marked `only`). */
const SCHEMA: Record<string, Rule> = {
  annotationFilter: S_OR_NULL,
  annotationPrefix: S_OR_NULL,
  labelFilter: S_OR_NULL,
  gatewayNamespace: S_OR_NULL,
  txtOwnerId: S_OR_NULL,
  txtPrefix: S_OR_NULL,
  txtSuffix: S_OR_NULL,
  fullnameOverride: S_OR_NULL,
  nameOverride: S_OR_NULL,
  namespaceOverride: { types: ["string", "null"], only: "1.21" },
  sourceNamespace: { types: ["string", "null"], only: "1.21" },
  enableGatewayListenerSets: { types: ["boolean"], only: "1.21" },
  namespaced: { types: ["boolean"] },
  triggerLoopOnEvent: { types: ["boolean"] },
  interval: { types: ["string"] },
  logFormat: { types: ["string"], enum: ["text", "json"] },
  logLevel: { types: ["string"], enum: ["panic", "debug", "info", "warning", "error", "fatal"] },
  policy: { types: ["string"], enum: ["create-only", "sync", "upsert-only"] },
  registry: { types: [], enum: ["txt", "aws-sd", "dynamodb", "noop"] },
  sources: { types: ["array"], items: "string" },
  domainFilters: { types: ["array"] },
  excludeDomains: { types: ["array"] },
  env: { types: ["array"] },
  managedRecordTypes: { types: ["array", "null"], items: "string", unique: true },
  extraArgs: { types: ["array", "null", "object"], items: "string", unique: true },
  provider: { types: ["object", "string"] },
  image: { types: ["object"] },
};
const IMAGE_SCHEMA: Record<string, Rule> = {
  pullPolicy: { types: ["string"], enum: ["IfNotPresent", "Always"] },
  repository: { types: ["string"] },
  tag: S_OR_NULL,
};

function jsonType(v: Json): SchemaType | "number" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as SchemaType | "number";
}

/** A YAML value's kind as input-error messages name it ("a mapping", "a list", …). */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v === "number" ? "a number" : typeof v === "boolean" ? "a boolean" : "a string";
}

const NAMES: Record<string, string> = { string: "a string", null: "nothing", boolean: "a boolean", array: "a list", object: "a mapping" };
const refuse = (file: string, key: string, what: string) => new InputError(file, `${what} (the chart's values.schema.json refuses it)`, key);

function check(file: string, key: string, v: Json, rule: Rule): void {
  const t = jsonType(v);
  if (rule.types.length && !rule.types.includes(t as SchemaType)) {
    throw refuse(file, key, `got ${typeName(v)}, the chart wants ${rule.types.map((x) => NAMES[x]).join(" or ")}`);
  }
  if (rule.enum && !rule.enum.includes(v as string)) throw refuse(file, key, `${JSON.stringify(v)} is not one of ${rule.enum.join(", ")}`);
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (rule.items === "string" && typeof item !== "string") throw refuse(file, `${key}[${i}]`, `got ${typeName(item)}, the chart wants a string`);
      if (rule.unique && v.findIndex((o) => JSON.stringify(o) === JSON.stringify(item)) < i) throw refuse(file, `${key}[${i}]`, `repeats an earlier item`);
    });
  }
}

/** Helm's coalescing: user values over the chart's, maps merged deeply, null deleting a chart key. */
function coalesce(user: Values, chart: Values): Values {
  const out: Values = { ...chart };
  for (const [k, v] of Object.entries(user)) {
    if (v === null && k in chart) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = coalesce(v, out[k] as Values);
    else out[k] = v;
  }
  return out;
}

const isMap = (v: Json | undefined): v is Values => v !== null && typeof v === "object" && !Array.isArray(v);

/** The chart line a version is deployed with: 1.20.0 for v0.20, 1.21.x from v0.21 (and when unknown). */
export function chartLineFor(version: Version | undefined): ChartLine {
  return version && version.major === 0 && version.minor <= 20 ? "1.20" : "1.21";
}

/** The chart's values → the container's args and env, as `helm template` writes them. */
export function helmArgs(raw: unknown, file: string, versionOverride?: string, releaseNamespace?: string): HelmArgs {
  if (!isMap(raw as Json)) throw new InputError(file, `expected Helm values (a mapping), got ${typeName(raw)}`);
  const user = raw as Values;
  const issues: ConfigIssue[] = [];
  const tag = isMap(user.image) && typeof user.image.tag === "string" ? user.image.tag : undefined;
  let imageVersion: Version | undefined;
  if (tag) {
    try {
      imageVersion = parseVersion(tag);
    } catch {
      issues.push({ severity: "warning", flag: "image.tag", message: `image tag "${tag}" is not a version` });
    }
  }
  let known: Version | undefined = imageVersion;
  if (versionOverride !== undefined) known = parseVersion(versionOverride);
  const chart = chartLineFor(known);

  for (const [key, rule] of Object.entries(SCHEMA)) {
    if (rule.only && rule.only !== chart) continue;
    if (key in user && user[key] !== null) check(file, key, user[key], rule);
  }
  if (isMap(user.image)) {
    for (const [k, v] of Object.entries(user.image)) {
      if (!IMAGE_SCHEMA[k]) throw refuse(file, `image.${k}`, `image has no key ${k}`);
      if (v !== null) check(file, `image.${k}`, v, IMAGE_SCHEMA[k]);
    }
  }
  if (isMap(user.provider) && "name" in user.provider && user.provider.name !== null) check(file, "provider.name", user.provider.name, { types: ["string"] });

  const v = coalesce(user, DEFAULTS);
  const tpl = (text: string, key: string): string | undefined => {
    const r: TplResult = renderTpl(text, v, releaseNamespace);
    if (r.ok) return r.text;
    if ("error" in r) throw new InputError(file, `Helm cannot render it: ${r.error}`, key);
    issues.push(unmodelledConfig(key, `the Helm template "{{ ${r.unknown} }}" is not evaluated by dnsdrift, so this argument is unknown`));
    return undefined;
  };
  return { args: renderArgs(v, chart, file, issues, tpl, releaseNamespace), env: renderEnv(v.env, file), imageVersion, chart, issues };
}

type Tpl = (text: string, key: string) => string | undefined;

function renderArgs(v: Values, chart: ChartLine, file: string, issues: ConfigIssue[], tpl: Tpl, releaseNamespace?: string): string[] {
  const p = (x: Json | undefined) => goPrint(x);
  const list = (x: Json | undefined) => (Array.isArray(x) ? x : []);
  const args = [`--log-level=${p(v.logLevel)}`, `--log-format=${p(v.logFormat)}`, `--interval=${p(v.interval)}`];
  if (truthy(v.triggerLoopOnEvent)) args.push("--events");
  for (const s of list(v.sources)) args.push(`--source=${p(s)}`);
  args.push(`--policy=${p(v.policy)}`, `--registry=${p(v.registry)}`);
  if (truthy(v.txtOwnerId)) args.push(`--txt-owner-id=${p(v.txtOwnerId)}`);
  if (truthy(v.txtPrefix) && truthy(v.txtSuffix)) throw new InputError(file, "'txtPrefix' and 'txtSuffix' are mutually exclusive (the chart fails to render)", "txtPrefix");
  if (truthy(v.txtPrefix)) args.push(`--txt-prefix=${p(v.txtPrefix)}`);
  else if (truthy(v.txtSuffix)) args.push(`--txt-suffix=${p(v.txtSuffix)}`);
  if (truthy(v.namespaced)) {
    // 1.20 writes the release namespace; 1.21 prefers sourceNamespace, then namespaceOverride.
    const named = chart === "1.21" ? [v.sourceNamespace, v.namespaceOverride].find(truthy) : undefined;
    if (named !== undefined) args.push(`--namespace=${p(named)}`);
    else if (releaseNamespace !== undefined) args.push(`--namespace=${releaseNamespace}`);
    else issues.push(unmodelledConfig("namespaced", "namespaced: true limits external-dns to the Helm release's namespace, which the values do not name (pass --release-namespace, or set namespaceOverride or sourceNamespace)"));
  }
  if (truthy(v.gatewayNamespace)) args.push(`--gateway-namespace=${p(v.gatewayNamespace)}`);
  if (chart === "1.21" && truthy(v.enableGatewayListenerSets)) args.push("--gateway-listener-sets");
  for (const d of list(v.domainFilters)) args.push(`--domain-filter=${p(d)}`);
  for (const d of list(v.excludeDomains)) args.push(`--exclude-domains=${p(d)}`);
  if (truthy(v.labelFilter)) args.push(`--label-filter=${p(v.labelFilter)}`);
  if (truthy(v.annotationFilter)) args.push(`--annotation-filter=${p(v.annotationFilter)}`);
  if (truthy(v.annotationPrefix)) args.push(`--annotation-prefix=${p(v.annotationPrefix)}`);
  for (const t of list(v.managedRecordTypes)) args.push(`--managed-record-types=${p(t)}`);
  const providerName = typeof v.provider === "string" ? v.provider : isMap(v.provider) ? p(v.provider.name) : p(v.provider);
  const provider = tpl(providerName, "provider");
  if (provider !== undefined) args.push(`--provider=${provider}`);
  args.push(...renderExtraArgs(v.extraArgs, chart, file, tpl));
  return args;
}

/** extraArgs as a map (keys sorted, as Go ranges over maps) or a list, each value through `tpl`. */
function renderExtraArgs(extra: Json | undefined, chart: ChartLine, file: string, tpl: Tpl): string[] {
  const out: string[] = [];
  // Chart 1.20 writes these unquoted, so the rendered line is read as YAML again.
  const emit = (arg: string | undefined, key: string) => {
    if (arg === undefined) return;
    if (chart === "1.20" && !plainYamlString(arg)) {
      throw new InputError(file, `chart 1.20 writes "${arg}" unquoted, so Kubernetes would not read it as one argument (quote-safe values only, or use chart 1.21)`, key);
    }
    out.push(arg);
  };
  if (Array.isArray(extra)) {
    extra.forEach((item, i) => emit(tpl(String(item), `extraArgs[${i}]`), `extraArgs[${i}]`));
  } else if (isMap(extra)) {
    for (const key of Object.keys(extra).sort(byteOrder)) {
      const value = extra[key];
      const where = `extraArgs.${key}`;
      if (value === null) emit(`--${key}`, where);
      else if (Array.isArray(value)) value.forEach((item, i) => emit(withValue(key, tpl(goPrint(item), `${where}[${i}]`)), `${where}[${i}]`));
      else if (typeof value === "boolean" && chart === "1.21") emit(value ? `--${key}` : `--no-${key}`, where);
      else emit(withValue(key, tpl(goPrint(value), where)), where);
    }
  }
  return out;
}

const withValue = (key: string, value: string | undefined) => (value === undefined ? undefined : `--${key}=${value}`);
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether an unquoted YAML list item reads back as exactly this string. */
function plainYamlString(s: string): boolean {
  if (s === "" || /^[\s]|[\s]$/.test(s) || /: |:$| #|^[[\]{}#&*!|>'"%@`,]|^[-?:](\s|$)/.test(s)) return false;
  return !/^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s) && !/^[-+.]?[0-9]/.test(s);
}

/** The container's env: EXTERNAL_DNS_* variables with Kubernetes' $(VAR) expansion. */
function renderEnv(env: Json | undefined, file: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const vars = new Map<string, string>();
  (Array.isArray(env) ? env : []).forEach((e, i) => {
    const where = `env[${i}]`;
    if (!isMap(e) || typeof e.name !== "string") throw new InputError(file, "expected an environment variable with a name (Kubernetes refuses it)", where);
    if (e.valueFrom !== undefined && e.valueFrom !== null) {
      vars.delete(e.name);
      out[e.name] = null;
      return;
    }
    if (e.value !== undefined && e.value !== null && typeof e.value !== "string") {
      throw new InputError(file, `got ${typeName(e.value)}, Kubernetes wants a string (quote it)`, `${where}.value`);
    }
    const value = expandVars(e.value ?? "", vars);
    vars.set(e.name, value);
    out[e.name] = value;
  });
  // A value from a Secret (null) is reported by the flag reader, for the variables that name a flag.
  return Object.fromEntries(Object.entries(out).filter(([k]) => k.startsWith("EXTERNAL_DNS_")));
}

/** Kubernetes' $(VAR) expansion: a defined variable is replaced, "$$" is "$", others stay. */
export function expandVars(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) => (m === "$$" ? "$" : vars.has(name!) ? vars.get(name!)! : m));
}
