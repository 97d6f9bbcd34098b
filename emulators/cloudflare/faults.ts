// Fault injection for tests and demo mode: rate limiting, server errors, arbitrary API errors,
// delays (for timeouts), slow answers, dropped connections and failing batches. A fault applies
// to every matching request until removed, or to the next `count` matching requests.

import { randomId } from "./names";

export interface FaultMatch {
  method?: string;
  /** Substring of the API path (after /client/v4), or a regular expression when it starts with `^`. */
  path?: string;
  zoneId?: string;
  /**
   * A record name or id the request writes: a create or update naming it, a call on that record
   * id, or a batch with any operation on it (the whole batch then fails, as one bad operation
   * fails a real batch). Lets a test refuse one record's change with a real error code.
   */
  record?: string;
}

interface FaultBase {
  id?: string;
  count?: number;
  match?: FaultMatch;
}

export type Fault = FaultBase &
  (
    | { kind: "rateLimit"; retryAfter?: number }
    | { kind: "serverError"; status?: number; html?: boolean }
    | { kind: "error"; status: number; code: number; message?: string }
    | { kind: "delay"; ms: number }
    /** The request is served at once (its data read now), the answer sent `ms` later. */
    | { kind: "slowAnswer"; ms: number }
    | { kind: "reset" }
    | { kind: "batch"; afterOps?: number; status?: number; code?: number; message?: string }
  );

export interface RequestInfo {
  method: string;
  path: string;
  zoneId?: string;
  isBatch: boolean;
  /** Record names (lower case) and ids the request writes. */
  records?: string[];
}

const KINDS = new Set(["rateLimit", "serverError", "error", "delay", "slowAnswer", "reset", "batch"]);

/** Checks a fault that arrived over HTTP; throws a readable Error when it is malformed. */
export function parseFault(input: unknown): Fault {
  if (typeof input !== "object" || input === null) throw new Error("fault must be an object");
  const f = input as Record<string, unknown>;
  if (typeof f.kind !== "string" || !KINDS.has(f.kind)) throw new Error(`fault.kind must be one of ${[...KINDS].join(", ")}`);
  if (f.count !== undefined && (typeof f.count !== "number" || f.count < 1)) throw new Error("fault.count must be a positive number");
  if ((f.kind === "delay" || f.kind === "slowAnswer") && typeof f.ms !== "number") throw new Error(`${f.kind} fault needs ms`);
  if (f.kind === "error" && (typeof f.status !== "number" || typeof f.code !== "number")) throw new Error("error fault needs status and code");
  if (f.match !== undefined && (typeof f.match !== "object" || f.match === null)) throw new Error("fault.match must be an object");
  return f as unknown as Fault;
}

function matches(f: Fault, req: RequestInfo): boolean {
  const m = f.match;
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== req.method) return false;
  if (m.zoneId && m.zoneId !== req.zoneId) return false;
  if (m.record && !(req.records ?? []).includes(m.record.toLowerCase().replace(/\.$/, ""))) return false;
  if (m.path) {
    const ok = m.path.startsWith("^") ? new RegExp(m.path).test(req.path) : req.path.includes(m.path);
    if (!ok) return false;
  }
  return true;
}

export class Faults {
  private faults: (Fault & { id: string })[] = [];

  add(fault: Fault): string {
    const id = fault.id ?? randomId();
    this.faults.push({ ...fault, id });
    return id;
  }

  remove(id: string): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  private consume(f: Fault & { id: string }): void {
    if (f.count === undefined) return;
    f.count -= 1;
    if (f.count <= 0) this.remove(f.id);
  }

  /** Summed delay of the matching delay faults, and the first matching failure (both consumed). */
  take(req: RequestInfo): { delayMs: number; failure?: Fault } {
    let delayMs = 0;
    let failure: Fault | undefined;
    for (const f of [...this.faults]) {
      if (!matches(f, req)) continue;
      if (f.kind === "delay") {
        delayMs += f.ms;
        this.consume(f);
      } else if (f.kind !== "batch" && f.kind !== "slowAnswer" && !failure) {
        failure = { ...f };
        this.consume(f);
      }
    }
    return { delayMs, failure };
  }

  /** How long to hold an answer already computed (summed slowAnswer faults, consumed). */
  takeSlowAnswer(req: RequestInfo): number {
    let ms = 0;
    for (const f of [...this.faults]) {
      if (f.kind !== "slowAnswer" || !matches(f, req)) continue;
      ms += f.ms;
      this.consume(f);
    }
    return ms;
  }

  /** The batch failure to inject into this batch request, if any (consumed). */
  takeBatch(req: RequestInfo): Extract<Fault, { kind: "batch" }> | undefined {
    const f = this.faults.find((x) => x.kind === "batch" && matches(x, req));
    if (!f || f.kind !== "batch") return undefined;
    this.consume(f);
    return { ...f };
  }
}

/** The record names and ids a request body (single record or batch) and path write. */
export function recordsWritten(body: unknown, recordId?: string): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === "string" && v) out.push(v.toLowerCase().replace(/\.$/, ""));
  };
  add(recordId);
  const one = (x: unknown) => {
    if (typeof x !== "object" || x === null) return;
    add((x as { name?: unknown }).name);
    add((x as { id?: unknown }).id);
  };
  if (typeof body === "object" && body !== null) {
    one(body);
    for (const key of ["deletes", "patches", "puts", "posts"]) {
      const list = (body as Record<string, unknown>)[key];
      if (Array.isArray(list)) list.forEach(one);
    }
  }
  return out;
}
