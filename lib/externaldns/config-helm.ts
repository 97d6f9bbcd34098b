// The external-dns Helm chart's values (kubernetes-sigs/external-dns chart), rendered into the
// argument list its deployment template writes, so that one parser (config-flags) reads both.
// Values of the wrong shape are input errors naming the file and the value's path.

import { z } from "zod";
import { configWarning } from "./config-flags";
import { InputError } from "./errors";
import type { ConfigIssue, Version } from "./types";
import { parseVersion } from "./version";

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const HelmValues = z
  .object({
    image: z.object({ tag: z.string().nullish() }).loose().nullish(),
    provider: z.union([z.string(), z.object({ name: z.string().nullish() }).loose()]).nullish(),
    policy: z.string().nullish(),
    registry: z.string().nullish(),
    sources: z.array(z.string()).nullish(),
    txtOwnerId: scalar.nullish(),
    txtPrefix: scalar.nullish(),
    txtSuffix: scalar.nullish(),
    domainFilters: z.array(scalar).nullish(),
    excludeDomains: z.array(scalar).nullish(),
    managedRecordTypes: z.array(z.string()).nullish(),
    labelFilter: z.string().nullish(),
    annotationFilter: z.string().nullish(),
    annotationPrefix: z.string().nullish(),
    namespaced: z.boolean().nullish(),
    namespaceOverride: z.string().nullish(),
    gatewayNamespace: z.string().nullish(),
    enableGatewayListenerSets: z.boolean().nullish(),
    fqdnTemplates: z.array(z.string()).nullish(),
    interval: scalar.nullish(),
    logLevel: scalar.nullish(),
    logFormat: scalar.nullish(),
    triggerLoopOnEvent: z.boolean().nullish(),
    extraArgs: z.unknown().optional(),
  })
  .loose();
type HelmValues = z.infer<typeof HelmValues>;

export interface HelmArgs {
  args: string[];
  /** EXTERNAL_DNS_* variables of the container (`null`: from a Secret or ConfigMap). */
  env: Record<string, string | null>;
  /** The version image.tag names, when it is one. */
  imageVersion?: Version;
  /** What rendering the values noticed, in the order it noticed it. */
  issues: ConfigIssue[];
}

/** The chart's values → the arguments its deployment template writes (chart defaults included). */
export function helmArgs(raw: unknown, file: string): HelmArgs {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InputError(file, `expected Helm values (a mapping), got ${typeName(raw)}`);
  }
  const parsed = HelmValues.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const expected = issue.code === "invalid_type" ? article(issue.expected) : "a string";
    throw new InputError(file, `expected ${expected}, got ${typeName(valueAt(raw, issue.path))}`, formatPath(issue.path));
  }
  const v = parsed.data;
  const issues: ConfigIssue[] = [];
  let imageVersion: Version | undefined;
  const tag = v.image?.tag;
  if (tag) {
    try {
      imageVersion = parseVersion(tag);
    } catch {
      issues.push(configWarning("image.tag", `image tag "${tag}" is not a version`));
    }
  }
  const args = [...chartArgs(v, issues), ...extraArgs(v.extraArgs, file)];
  if (args.some((a) => a.includes("{{"))) {
    issues.push(configWarning("extraArgs", "Helm template expressions ({{ … }}) are used verbatim, not rendered"));
  }
  return { args, env: {}, imageVersion, issues };
}

function chartArgs(v: HelmValues, issues: ConfigIssue[]): string[] {
  const args = [`--log-level=${v.logLevel ?? "info"}`, `--log-format=${v.logFormat ?? "text"}`, `--interval=${v.interval ?? "1m"}`];
  if (v.triggerLoopOnEvent) args.push("--events");
  for (const s of v.sources ?? ["service", "ingress"]) args.push(`--source=${s}`);
  args.push(`--policy=${v.policy ?? "upsert-only"}`);
  const registry = v.registry ?? "txt";
  args.push(`--registry=${registry}`);
  if (registry === "txt") {
    if (v.txtOwnerId) args.push(`--txt-owner-id=${v.txtOwnerId}`);
    if (v.txtPrefix) args.push(`--txt-prefix=${v.txtPrefix}`);
    if (v.txtSuffix) args.push(`--txt-suffix=${v.txtSuffix}`);
  }
  if (v.namespaced) {
    if (v.namespaceOverride) args.push(`--namespace=${v.namespaceOverride}`);
    else issues.push(configWarning("namespaced", "namespaced: true limits external-dns to the release namespace, which the values do not name; no namespace filter applied"));
  }
  if (v.gatewayNamespace) args.push(`--gateway-namespace=${v.gatewayNamespace}`);
  for (const d of v.domainFilters ?? []) args.push(`--domain-filter=${d}`);
  for (const d of v.excludeDomains ?? []) args.push(`--exclude-domains=${d}`);
  if (v.labelFilter) args.push(`--label-filter=${v.labelFilter}`);
  if (v.annotationFilter) args.push(`--annotation-filter=${v.annotationFilter}`);
  for (const t of v.managedRecordTypes ?? []) args.push(`--managed-record-types=${t}`);
  if (v.annotationPrefix) args.push(`--annotation-prefix=${v.annotationPrefix}`);
  if (v.enableGatewayListenerSets) args.push("--gateway-listener-sets");
  if (v.fqdnTemplates?.length) args.push(`--fqdn-template=${v.fqdnTemplates.join(",")}`);
  const provider = typeof v.provider === "string" ? v.provider : (v.provider?.name ?? "aws");
  args.push(`--provider=${provider}`);
  return args;
}

/** A list of argument strings, or (newer charts) a map rendered in key order: true/null → --k, false → --no-k. */
function extraArgs(raw: unknown, file: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) {
    return raw.map((a, i) => {
      if (typeof a !== "string") throw new InputError(file, `expected a string, got ${typeName(a)}`, `extraArgs[${i}]`);
      return a;
    });
  }
  if (typeof raw !== "object") throw new InputError(file, `expected a list or a mapping, got ${typeName(raw)}`, "extraArgs");
  const out: string[] = [];
  for (const key of Object.keys(raw).sort()) {
    const value = (raw as Record<string, unknown>)[key];
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      const where = Array.isArray(value) ? `extraArgs.${key}[${i}]` : `extraArgs.${key}`;
      if (item === null && !Array.isArray(value)) out.push(`--${key}`);
      else if (typeof item === "boolean" && !Array.isArray(value)) out.push(item ? `--${key}` : `--no-${key}`);
      else if (["string", "number", "boolean"].includes(typeof item)) out.push(`--${key}=${String(item)}`);
      else throw new InputError(file, `expected a string, number or boolean, got ${typeName(item)}`, where);
    });
  }
  return out;
}

/** A YAML value's kind as input-error messages name it ("a mapping", "a list", …). */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v === "number" ? "a number" : typeof v === "boolean" ? "a boolean" : "a string";
}

function article(expected: string): string {
  return ({ string: "a string", array: "a list", object: "a mapping", boolean: "a boolean", number: "a number" } as Record<string, string>)[expected] ?? expected;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);
}

function formatPath(path: PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}
