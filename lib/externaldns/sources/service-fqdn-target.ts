// --fqdn-target-template in the service source, v0.22.0 (source/service.go calls
// template.Engine.ApplyFQDNTargetTemplate before the --fqdn-template pass). The template gives
// "host:target" pairs; each becomes a record of its own, typed by its target (IPv4 → A, IPv6 →
// AAAA, else CNAME), with no TTL, no annotations and no resource label, merged per name and type.
// Like --fqdn-template it runs when the Service's own annotations gave nothing, or with
// --combine-fqdn-annotation; its records then keep the --fqdn-template pass from running unless
// combining. v0.21.0 parses the flag but only the unstructured source reads it.

import { atLeast } from "../annotations";
import { mergeEndpoints, newEndpoint, suitableType } from "../endpoint";
import type { Config, Endpoint, KubeObject, Reason } from "../types";
import { ingressTransforms, sourceTemplates, type SourceTemplates } from "./fqdn-templates";
import { describe } from "./service-endpoints";
import type { ServiceReasons } from "./service-objects";

export interface FqdnTargetStep {
  apply(svc: KubeObject, found: Endpoint[], out: ServiceReasons): Endpoint[];
  /** Set once the template failed on a Service: the source returns it, as external-dns does. */
  error(): string | undefined;
}

/** endpointsFromFQDNTargetTemplate: pairs → endpoints; malformed pairs are skipped (debug-logged upstream). */
function pairEndpoints(pairs: string[], cfg: Config, out: ServiceReasons): Endpoint[] {
  const eps: Endpoint[] = [];
  for (const pair of pairs) {
    const colon = pair.indexOf(":");
    const host = colon < 0 ? "" : pair.slice(0, colon).trim();
    const target = colon < 0 ? "" : pair.slice(colon + 1).trim();
    if (colon < 0 || host === "" || target === "") {
      const why = colon < 0 ? "it has no ':' between host and target" : "its host or target is empty (a field may not be populated yet)";
      out.add("fqdn-target-template", "info", `--fqdn-target-template pair "${pair}" is skipped: ${why}`, host ? [host] : []);
      continue;
    }
    const ep = newEndpoint({ dnsName: host, recordType: suitableType(target), targets: [target] }, cfg.version);
    if (ep) eps.push(ep);
  }
  const merged = mergeEndpoints(eps, cfg.version);
  for (const ep of merged) {
    out.add("endpoint-produced", "info", `${describe(ep)} (from --fqdn-target-template; external-dns records no resource for it)`, [ep.dnsName]);
  }
  return merged;
}

export function fqdnTargetStep(cfg: Config, reasons: Reason[]): FqdnTargetStep {
  const active = atLeast(cfg.version, 22) && cfg.fqdnTargetTemplate.trim() !== "";
  const templates: SourceTemplates | undefined = active
    ? sourceTemplates(cfg, "service", reasons, ingressTransforms(cfg), "--fqdn-target-template")
    : undefined;
  return {
    apply(svc, found, out) {
      if (!templates || (!cfg.combineFqdnAndAnnotation && found.length > 0)) return found;
      const pairs = templates.hostnames(svc, out.resource, out.hosts);
      if (pairs === undefined) return found;
      const fromPairs = pairEndpoints(pairs, cfg, out);
      return cfg.combineFqdnAndAnnotation ? [...found, ...fromPairs] : fromPairs;
    },
    // CombineWithEndpoints wraps the template's error.
    error: () => (templates?.error ? `failed to get endpoints from template: ${templates.error}` : undefined),
  };
}
