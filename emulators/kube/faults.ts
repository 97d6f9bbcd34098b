// Injected failures: per-kind HTTP errors (optionally only for some verbs or the next N
// requests) and added latency. Stream and connection faults live in the watch hub / server.

import { resourceMatches, type ResourceDef, type Verb } from "./resources";
import { ApiError, reasonForCode } from "./status";

export interface ErrorFault {
  type: "error";
  /** Pattern as in `resourceMatches`; omitted = every resource request. */
  resource?: string;
  verbs?: Verb[];
  /** HTTP status, default 500. */
  code?: number;
  message?: string;
  /** Fail only this many matching requests, then the rule disappears. */
  times?: number;
}

export interface LatencyFault {
  type: "latency";
  ms: number;
  resource?: string;
}

export type Fault =
  | ErrorFault
  | LatencyFault
  | { type: "dropWatches"; abrupt?: boolean }
  | { type: "expireHistory" }
  /** Close the listening socket (ECONNREFUSED); reopened after forMs, or by `acceptConnections`. */
  | { type: "refuseConnections"; forMs?: number }
  | { type: "acceptConnections" }
  | { type: "clear" };

export class FaultRules {
  private errorRules: ErrorFault[] = [];
  private latencyRules: LatencyFault[] = [];

  add(f: ErrorFault | LatencyFault): void {
    if (f.type === "error") this.errorRules.push({ ...f });
    else this.latencyRules.push({ ...f });
  }

  clear(): void {
    this.errorRules = [];
    this.latencyRules = [];
  }

  /** The injected error for this request, if a rule matches (consuming one of its `times`). */
  errorFor(verb: Verb, def: ResourceDef): ApiError | undefined {
    const rule = this.errorRules.find(
      (r) => (r.resource === undefined || resourceMatches(r.resource, def)) && (!r.verbs || r.verbs.includes(verb)),
    );
    if (!rule) return undefined;
    if (rule.times !== undefined && --rule.times <= 0) this.errorRules = this.errorRules.filter((r) => r !== rule);
    const code = rule.code ?? 500;
    return new ApiError(code, reasonForCode(code), rule.message ?? `injected fault: ${code} for ${verb} ${def.plural}`);
  }

  latencyFor(def: ResourceDef | undefined): number {
    return this.latencyRules
      .filter((r) => r.resource === undefined || (def !== undefined && resourceMatches(r.resource, def)))
      .reduce((max, r) => Math.max(max, r.ms), 0);
  }

  list(): (ErrorFault | LatencyFault)[] {
    return [...this.errorRules, ...this.latencyRules].map((r) => ({ ...r }));
  }
}
