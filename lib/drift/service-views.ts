// Services as the dashboard shows them: type, the names their annotations ask for, the targets of
// the records they produce, whether external-dns skips them and why, proxied and its source, and
// the state of each record they own.

import { annotationValue, parseTTL, splitHostnames } from "../externaldns/annotations";
import type { ServiceView } from "../api/types";
import { type Context, NOT_PROXIABLE, reasonJSON, reasonsOf, recordsOf } from "./object-views";
import { proxiedOf } from "./plan-json";
import { normalizeHostname } from "../externaldns/hostname";

/** Reasons that mean the service source never reads the Service at all. */
const EXCLUDING = new Set(["namespace-filter", "label-filter", "annotation-filter", "service-type-filter", "controller-annotation"]);

export function serviceViews(ctx: Context): ServiceView[] {
  const { config } = ctx.result;
  const P = config.annotationPrefix;
  return (ctx.result.objects.services ?? []).map((svc) => {
    const namespace = svc.metadata.namespace ?? "";
    const resource = `service/${namespace}/${svc.metadata.name}`;
    const a = svc.metadata.annotations;
    const names = (key: string) => {
      const v = annotationValue(a, P, key);
      return v === undefined ? [] : splitHostnames(v).map(normalizeHostname).filter(Boolean);
    };
    const desired = ctx.desiredByResource.get(resource) ?? [];
    const reasons = ctx.reasonsByResource.get(resource) ?? [];
    const exclusion = reasons.find((r) => EXCLUDING.has(r.code));
    const ttlRaw = annotationValue(a, P, "ttl");
    const proxiable = desired.some((e) => !NOT_PROXIABLE.has(e.recordType));
    const hasProxiedAnnotation = annotationValue(a, P, "cloudflare-proxied") !== undefined;
    return {
      kind: "Service",
      namespace,
      name: svc.metadata.name,
      resource,
      type: typeof svc.spec?.type === "string" && svc.spec.type !== "" ? svc.spec.type : "ClusterIP",
      headless: svc.spec?.clusterIP === "None",
      labels: svc.metadata.labels ?? {},
      hostnames: names("hostname"),
      internalHostnames: names("internal-hostname"),
      targets: [...new Set(desired.flatMap((e) => e.targets))],
      ...(exclusion ? { exclusion: reasonJSON(exclusion) } : {}),
      ttl: ttlRaw === undefined ? 0 : parseTTL(ttlRaw).ttl,
      proxied: desired.length ? proxiedOf(desired.find((e) => !NOT_PROXIABLE.has(e.recordType)) ?? desired[0], config) : null,
      proxiedSource: desired.length === 0 ? null : !proxiable ? "not-proxiable" : hasProxiedAnnotation ? "annotation" : "flag-default",
      records: recordsOf(ctx, resource),
      reasons: reasonsOf(ctx, resource),
    };
  });
}
