// --fqdn-template inside a source run: one parse per run, one evaluation per object, and the
// outcomes external-dns has. An execution error makes the source's Endpoints() return that
// error, so the controller plans nothing at all that loop (not even creates); a parse error
// stops external-dns at start. Both become a blocking error, never a warning.
//
// Codes:
//   fqdn-template-error          error    the template fails on this object (or does not parse): external-dns stops
//   fqdn-template                info     the names the template gave this object
//   fqdn-template-not-evaluated  warning  the template reads something dnsdrift cannot reproduce; its names are missing here

import { atLeast } from "../annotations";
import { templateRunner, type TemplateOptions } from "../fqdn-template";
import type { Config, KubeObject, Reason } from "../types";

/** Informer transforms that change what a template sees (managedFields, last-applied annotation). */
export interface InformerTransforms {
  removeManagedFields?: boolean;
  removeLastAppliedConfig?: boolean;
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export interface SourceTemplates {
  /** external-dns's Engine.IsConfigured(): a non-blank template (any non-empty one in v0.20). */
  configured: boolean;
  /**
   * The object's template names, or undefined when the template failed on it or cannot be
   * reproduced (a reason says which). Results are cached per object.
   */
  hostnames(obj: KubeObject, resource: string, concerned: string[], opts?: { typeMeta?: TemplateOptions["typeMeta"]; record?: boolean }): string[] | undefined;
  /** The first failure, as external-dns reports it; set = the source returns an error. */
  error?: string;
}

function transformed(obj: KubeObject, t: InformerTransforms): KubeObject {
  if (!t.removeLastAppliedConfig && !t.removeManagedFields) return obj;
  const metadata = { ...obj.metadata } as KubeObject["metadata"] & { managedFields?: unknown };
  if (t.removeManagedFields) delete metadata.managedFields;
  if (t.removeLastAppliedConfig && metadata.annotations && LAST_APPLIED in metadata.annotations) {
    const rest = { ...metadata.annotations };
    delete rest[LAST_APPLIED];
    metadata.annotations = rest;
  }
  return { ...obj, metadata };
}

/** The template flags one engine evaluates; the reasons name the flag, under the same codes. */
export type TemplateFlag = "--fqdn-template" | "--fqdn-target-template";

export function sourceTemplates(
  cfg: Config,
  source: string,
  reasons: Reason[],
  transforms: InformerTransforms = {},
  flag: TemplateFlag = "--fqdn-template",
): SourceTemplates {
  const text = flag === "--fqdn-template" ? cfg.fqdnTemplate : cfg.fqdnTargetTemplate;
  const runner = templateRunner([text], cfg.version, flag);
  const cache = new Map<KubeObject, ReturnType<typeof runner.run>>();
  const recorded = new Set<KubeObject>();
  const out: SourceTemplates = {
    configured: runner.configured,
    hostnames(obj, resource, concerned, opts = {}) {
      let r = cache.get(obj);
      if (!r) {
        r = runner.run(transformed(obj, transforms), { source, typeMeta: opts.typeMeta });
        cache.set(obj, r);
      }
      const result = r.ok ? r.hostnames : undefined;
      if (opts.record === false || recorded.has(obj)) return result;
      recorded.add(obj);
      if (r.ok) {
        reasons.push({
          code: "fqdn-template",
          resource,
          severity: "info",
          message: `${flag} gives ${r.hostnames.length ? r.hostnames.map((h) => h || '""').join(", ") : "no names"} for this object`,
          // host:target pairs concern their host.
          hostnames: r.hostnames.map((h) => (flag === "--fqdn-template" ? h : h.split(":")[0].trim())).filter((h) => h !== ""),
        });
      } else if (r.kind === "unsupported") {
        reasons.push({
          code: "fqdn-template-not-evaluated",
          resource,
          severity: "warning",
          message: `${flag} could not be evaluated exactly ${r.error}; the names it gives are missing here`,
          hostnames: concerned,
        });
      } else {
        const first = out.error === undefined;
        out.error ??= r.error;
        const consequence =
          r.kind === "parse"
            ? "external-dns does not start with this template"
            : `external-dns's ${source} source returns this error every loop, so external-dns changes no DNS records at all until it is fixed`;
        if (first || r.kind === "exec") {
          reasons.push({ code: "fqdn-template-error", resource: r.kind === "parse" ? "config" : resource, severity: "error", message: `${r.error}; ${consequence}`, hostnames: concerned });
        }
      }
      return result;
    },
  };
  return out;
}

/** Transforms the ingress informer applies before templates see the object (from v0.21). */
export function ingressTransforms(cfg: Config): InformerTransforms {
  return atLeast(cfg.version, 21) ? { removeManagedFields: true, removeLastAppliedConfig: true } : {};
}

/** Transforms the route informers apply (from v0.22). */
export function routeTransforms(cfg: Config): InformerTransforms {
  return atLeast(cfg.version, 22) ? { removeManagedFields: true, removeLastAppliedConfig: true } : {};
}
