// The object filters the sources apply before reading an object, in external-dns's order:
// --namespace, then --label-filter, then --annotation-filter (the Gateway sources add
// --gateway-label-filter for parents). A selector flag that does not parse stops external-dns at
// startup, so a source then reads nothing; each source words that in its own reason.

import { parseSelector, type Selector } from "../label-selector";
import type { Config, KubeObject, Reason } from "../types";

export type SelectorFlag = "label-filter" | "annotation-filter" | "gateway-label-filter";

const FLAG_VALUE: Record<SelectorFlag, (cfg: Config) => string> = {
  "label-filter": (cfg) => cfg.labelFilter,
  "annotation-filter": (cfg) => cfg.annotationFilter,
  "gateway-label-filter": (cfg) => cfg.gatewayLabelFilter,
};

export interface InvalidSelector {
  flag: SelectorFlag;
  value: string;
  /** The parser's message. */
  problem: string;
}

export type CompiledSelectors<F extends SelectorFlag> =
  | { ok: true; selectors: Record<F, Selector> }
  | { ok: false; invalid: InvalidSelector[] };

/** Parses the given selector flags: all of them, or every one that does not parse (in `flags` order). */
export function compileSelectorFlags<F extends SelectorFlag>(cfg: Config, flags: readonly F[]): CompiledSelectors<F> {
  const selectors = {} as Record<F, Selector>;
  const invalid: InvalidSelector[] = [];
  for (const flag of flags) {
    const value = FLAG_VALUE[flag](cfg);
    try {
      selectors[flag] = parseSelector(value);
    } catch (e) {
      invalid.push({ flag, value, problem: (e as Error).message });
    }
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, selectors };
}

export interface ObjectFilters {
  labels: Selector;
  annotations: Selector;
}

/**
 * --label-filter and --annotation-filter for a source of `kind` objects (Ingress, DNSEndpoint);
 * a bad selector adds one error reason per bad flag and voids the source (undefined).
 */
export function compileObjectFilters(cfg: Config, kind: string, reasons: Reason[]): ObjectFilters | undefined {
  const compiled = compileSelectorFlags(cfg, ["label-filter", "annotation-filter"]);
  if (compiled.ok) return { labels: compiled.selectors["label-filter"], annotations: compiled.selectors["annotation-filter"] };
  for (const { flag, value, problem } of compiled.invalid) {
    reasons.push({
      code: flag,
      resource: "config",
      message: `--${flag}="${value}" is not a valid selector (${problem}); external-dns refuses to start, so no ${kind} is read`,
      severity: "error",
      hostnames: [],
    });
  }
  return undefined;
}

export type ObjectFilterCode = "namespace-filter" | "label-filter" | "annotation-filter";

/** The first of --namespace, --label-filter and --annotation-filter that keeps the object out. */
export function objectFilterExclusion(obj: KubeObject, cfg: Config, filters: ObjectFilters): ObjectFilterCode | undefined {
  const ns = obj.metadata.namespace ?? "";
  if (cfg.namespace !== "" && ns !== cfg.namespace) return "namespace-filter";
  if (!filters.labels.matches(obj.metadata.labels)) return "label-filter";
  if (!filters.annotations.matches(obj.metadata.annotations)) return "annotation-filter";
  return undefined;
}

/** The Ingress and CRD sources' wording of an object-filter exclusion (the Gateway sources name the route). */
export function objectFilterMessage(code: ObjectFilterCode, obj: KubeObject, cfg: Config): string {
  switch (code) {
    case "namespace-filter":
      return `namespace "${obj.metadata.namespace ?? ""}" is outside --namespace=${cfg.namespace}`;
    case "label-filter":
      return `labels do not match --label-filter=${cfg.labelFilter}`;
    case "annotation-filter":
      return `annotations do not match --annotation-filter=${cfg.annotationFilter}`;
  }
}
