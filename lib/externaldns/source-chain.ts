// The wrapped source chain external-dns builds around its sources (source/wrappers/):
// multiSource (flag order, --default-targets) → dedupSource (validation from v0.21, exact
// duplicates) → postProcessor (--min-ttl; from v0.21 provider-property filtering and sorting).
// → targetFilterSource (--target-net-filter, --exclude-target-net). NAT64, PTR and --prefer-alias
// are not modelled: the config reports them as unmodelled, which withholds deletes.
//
// Codes used here besides the sources' own:
//   unsupported-source  warning  a --source this engine does not model; its records are not shown
//   default-targets     info     --default-targets replaced (or, without --force-default-targets, did not replace) targets
//   invalid-endpoint    warning  dedupSource's validation (v0.21+) dropped the endpoint
//   duplicate-endpoint  info     an exact duplicate of an earlier endpoint was dropped

import { atLeast } from "./annotations";
import { byteOrder, endpointsForHostname, resourceOf } from "./endpoint";
import { endpointProblem } from "./endpoint-validation";
import { reasonHosts } from "./reason-hosts";
import { dnsEndpointSource } from "./sources/dnsendpoint";
import { gatewayRouteSourceSteps } from "./sources/gateway";
import { ingressSource } from "./sources/ingress";
import { serviceSource } from "./sources/service";
import { ITEMS_PER_STEP, runSteps, type Steps } from "./steps";
import { filterTargets } from "./target-filter";
import type { ClusterObjects, Config, Endpoint, Reason, RunOptions, SourceResult } from "./types";
import { appendAll } from "./append";

/** A source's run, in steps (the route sources pause every thousand routes; the others run at once). */
type SourceRunner = (objects: ClusterObjects, cfg: Config, opts: RunOptions) => Steps<SourceResult>;

/** A source small enough to run in one step. */
function atOnce(run: (objects: ClusterObjects, cfg: Config, opts: RunOptions) => SourceResult): SourceRunner {
  return function* (o, c, opts) {
    return run(o, c, opts);
  };
}

/**
 * The --source values dnsdrift computes, and how. This is the one list of modelled sources: any
 * other source makes the desired state incomplete, so the config reports it and deletes are
 * withheld. A source joins by getting its runner here.
 */
const SOURCE_RUNNERS: Record<string, SourceRunner> = {
  crd: atOnce(dnsEndpointSource),
  ingress: atOnce(ingressSource),
  service: atOnce((o, c) => serviceSource(o, c)),
  "gateway-httproute": (o, c, opts) => gatewayRouteSourceSteps("HTTPRoute", o, c, opts),
  "gateway-grpcroute": (o, c, opts) => gatewayRouteSourceSteps("GRPCRoute", o, c, opts),
  "gateway-tlsroute": (o, c, opts) => gatewayRouteSourceSteps("TLSRoute", o, c, opts),
  "gateway-tcproute": (o, c, opts) => gatewayRouteSourceSteps("TCPRoute", o, c, opts),
  "gateway-udproute": (o, c, opts) => gatewayRouteSourceSteps("UDPRoute", o, c, opts),
};

export const MODELLED_SOURCES: readonly string[] = Object.keys(SOURCE_RUNNERS);

function reasonAbout(ep: Endpoint, code: string, severity: Reason["severity"], message: string): Reason {
  return { code, resource: resourceOf(ep) || "config", message, severity, hostnames: reasonHosts([ep.dnsName]) };
}

function describe(ep: Endpoint): string {
  return `${ep.dnsName} ${ep.recordType} [${ep.targets.join(", ")}]`;
}

function* runSource(name: string, objects: ClusterObjects, cfg: Config, opts: RunOptions): Steps<SourceResult> {
  const runner = SOURCE_RUNNERS[name];
  if (runner) return yield* runner(objects, cfg, opts);
  return {
    endpoints: [],
    reasons: [
      {
        code: "unsupported-source",
        resource: "config",
        message: `--source=${name} is not modelled by dnsdrift: records external-dns derives from it are not shown, so deletes are withheld`,
        severity: "warning",
        hostnames: [],
      },
    ],
  };
}

/**
 * multiSource's --default-targets step: endpoints without targets (all of them with
 * --force-default-targets) are rebuilt from the default targets, re-typed by them, keeping their
 * name, TTL, set identifier, provider properties and labels.
 */
export function applyDefaultTargets(endpoints: Endpoint[], cfg: Config, reasons: Reason[]): Endpoint[] {
  if (cfg.defaultTargets.length === 0) return endpoints;
  const out: Endpoint[] = [];
  for (const ep of endpoints) {
    if (!cfg.forceDefaultTargets && ep.targets.length > 0) {
      reasons.push(
        reasonAbout(ep, "default-targets", "info", `${describe(ep)} keeps its own targets; --default-targets apply only to endpoints without targets unless --force-default-targets is set`),
      );
      out.push(ep);
      continue;
    }
    const opts = { ttl: ep.recordTTL, setIdentifier: ep.setIdentifier, providerSpecific: ep.providerSpecific, resource: "" };
    const rebuilt = endpointsForHostname(ep.dnsName, cfg.defaultTargets, opts, cfg.version).map((e) => ({ ...e, labels: { ...ep.labels } }));
    const why = ep.targets.length > 0 ? "--force-default-targets replaces its targets" : "it has no targets";
    reasons.push(
      reasonAbout(ep, "default-targets", "info", `${describe(ep)}: ${why}, so --default-targets make it ${rebuilt.map(describe).join("; ") || "nothing"}`),
    );
    appendAll(out, rebuilt);
  }
  return out;
}

/** dedupSource: from v0.21 drop invalid endpoints, then drop exact duplicates (first one kept). */
export function dedupEndpoints(endpoints: Endpoint[], cfg: Config, reasons: Reason[]): Endpoint[] {
  return runSteps(dedupEndpointsSteps(endpoints, cfg, reasons));
}

/** The same, pausing every ITEMS_PER_STEP endpoints. */
function* dedupEndpointsSteps(endpoints: Endpoint[], cfg: Config, reasons: Reason[]): Steps<Endpoint[]> {
  let n = 0;
  const validates = atLeast(cfg.version, 21);
  const seen = new Map<string, Endpoint>();
  const out: Endpoint[] = [];
  for (const original of endpoints) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    let ep = original;
    if (validates) {
      const problem = endpointProblem(ep);
      if (problem) {
        reasons.push(reasonAbout(ep, "invalid-endpoint", "warning", `${describe(ep)} is dropped by external-dns's validation: ${problem}`));
        continue;
      }
      if (ep.targets.length > 1) ep = { ...ep, targets: [...new Set(ep.targets)].sort(byteOrder) };
    }
    const key = `${ep.recordType}/${ep.dnsName}/${ep.setIdentifier ?? ""}/${ep.targets.join(";")}`;
    const first = seen.get(key);
    if (first) {
      const from = resourceOf(first) === resourceOf(ep) ? "" : ` (kept the one from ${resourceOf(first) || "unknown"})`;
      reasons.push(reasonAbout(ep, "duplicate-endpoint", "info", `${describe(ep)} duplicates an earlier endpoint and is dropped${from}`));
      continue;
    }
    seen.set(key, ep);
    out.push(ep);
  }
  return out;
}

/** postProcessor: --min-ttl where no TTL is set; from v0.21 provider-property retention and order. */
export function postProcess(endpoints: Endpoint[], cfg: Config): Endpoint[] {
  return runSteps(postProcessSteps(endpoints, cfg));
}

/** The same, pausing every ITEMS_PER_STEP endpoints. */
function* postProcessSteps(endpoints: Endpoint[], cfg: Config): Steps<Endpoint[]> {
  const provider = cfg.provider.trim();
  const propertyRules = atLeast(cfg.version, 21);
  const processed: Endpoint[] = [];
  for (const ep of endpoints) {
    if (processed.length % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    let out = ep;
    if (cfg.minTTL > 0 && ep.recordTTL <= 0) out = { ...out, recordTTL: cfg.minTTL };
    if (propertyRules && (provider !== "" || cfg.minTTL > 0) && out.providerSpecific.length > 0) {
      // Cloudflare's properties carry the full annotation key (with a "/"), so it is exempt from the filter.
      const keep =
        provider === "" || provider === "cloudflare"
          ? out.providerSpecific
          : out.providerSpecific.filter((p) => !p.name.includes("/") || p.name.startsWith(provider + "/"));
      // Most endpoints carry one or two properties already in order: those are left as they are.
      if (keep !== out.providerSpecific || !sortedByName(keep)) {
        out = { ...out, providerSpecific: [...keep].sort((a, b) => byteOrder(a.name, b.name)) };
      }
    }
    processed.push(out);
  }
  return processed;
}

function sortedByName(props: Endpoint["providerSpecific"]): boolean {
  for (let i = 1; i < props.length; i++) if (props[i - 1].name > props[i].name) return false;
  return true;
}

/** Source.Endpoints() of the whole wrapped chain, with every reason the stages recorded. */
export function runSources(objects: ClusterObjects, cfg: Config, opts: RunOptions = {}): SourceResult {
  return runSteps(runSourcesSteps(objects, cfg, opts));
}

/** The same, pausing between sources and inside the large ones. */
export function* runSourcesSteps(objects: ClusterObjects, cfg: Config, opts: RunOptions = {}): Steps<SourceResult> {
  const reasons: Reason[] = [];
  let endpoints: Endpoint[] = [];
  const errors: string[] = [];
  for (const name of cfg.sources) {
    const result = yield* runSource(name, objects, cfg, opts);
    appendAll(reasons, result.reasons);
    if (result.error) errors.push(`${name}: ${result.error}`);
    appendAll(endpoints, applyDefaultTargets(result.endpoints, cfg, reasons));
    yield;
  }
  // multiSource returns the first source's error; every failing source is named so each can be fixed.
  // The endpoints are kept for display; the pipeline plans nothing when `error` is set.
  const error = errors.length > 0 ? errors.join("; ") : undefined;
  endpoints = yield* dedupEndpointsSteps(endpoints, cfg, reasons);
  yield;
  endpoints = filterTargets(endpoints, cfg, reasons);
  yield;
  endpoints = yield* postProcessSteps(endpoints, cfg);
  return { endpoints, reasons, ...(error ? { error } : {}) };
}
