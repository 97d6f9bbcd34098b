// GET /api/what-if: today's instance re-read with another version or other flags, compared by
// the what-if engine against the same cluster objects and Cloudflare records. Public-DNS verdicts
// the background sweep already folded in say which names to be deleted resolve today.

import type { WhatIfResponse } from "../api/types";
import { MODELLED_VERSIONS, nextConfig } from "../drift/what-if/config-source";
import { whatIfSteps } from "../drift/what-if/what-if";
import { inputsKey } from "./inputs-key";
import { runPaced } from "./paced";
import { configKey } from "../drift/what-if/dimensions";
import { InputError } from "../externaldns/errors";
import type { LookupVerdict } from "../doh/types";
import type { DohService } from "./doh";
import type { Config } from "../externaldns/types";
import type { Computed, InstanceResult } from "./world";

/** Verdicts that mean public DNS answers the name with some record today. */
const RESOLVING = new Set<LookupVerdict>(["matches", "proxied-ok", "wrong-target", "not-proxied", "unexpectedly-proxied", "not-desired-but-resolves"]);
const NOT_RESOLVING = new Set<LookupVerdict>(["missing", "absent"]);

const MAX_ARGS = 50;
const MAX_ARG_LENGTH = 1000;

export class WhatIfRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For next-config-refused: the refusals alone, without the sentence around them. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface WhatIfQuery {
  toVersion?: string;
  args: string[];
}

export function whatIfQuery(params: URLSearchParams): WhatIfQuery {
  const args = params.getAll("arg").map((a) => a.trim()).filter(Boolean);
  if (args.length > MAX_ARGS) throw new WhatIfRequestError(400, "invalid-flag", `at most ${MAX_ARGS} arg parameters`);
  const long = args.find((a) => a.length > MAX_ARG_LENGTH);
  if (long) throw new WhatIfRequestError(400, "invalid-flag", `arg ${long.slice(0, 40)}… is longer than ${MAX_ARG_LENGTH} characters`);
  const toVersion = params.get("toVersion")?.trim() || undefined;
  return { toVersion, args };
}

/** The instance's configuration re-read with the query's edits; refusals are WhatIfRequestErrors. */
export function nextConfigFor(ir: InstanceResult, q: WhatIfQuery): Config {
  const source = ir.instance.source;
  if (!source) throw new WhatIfRequestError(409, "no-config-source", `the configuration of ${ir.instance.id} was not read from arguments or a file, so it cannot be re-read with changes`);
  let next: Config;
  try {
    next = nextConfig(source, ir.result.config, { toVersion: q.toVersion, args: q.args });
  } catch (e) {
    if (e instanceof InputError) throw new WhatIfRequestError(400, e.file === "--to-version" ? "invalid-version" : "invalid-flag", e.message);
    throw e;
  }
  const fatal = next.issues.filter((i) => i.severity === "error");
  if (fatal.length) {
    const refusals = fatal.map((i) => `${i.flag}: ${i.message}`).join("; ");
    throw new WhatIfRequestError(400, "next-config-refused", `external-dns would refuse to start with the next configuration: ${refusals}`, refusals);
  }
  return next;
}

/**
 * Documents kept, by the inputs they were computed from (not by computation): a refresh that
 * changed neither the cluster nor the zones reuses the document instead of re-running the
 * pipeline several times over. Few, as one document at 100k routes is hundreds of megabytes.
 * Public-DNS verdicts in a reused document are those of when it was computed.
 */
const cache = new Map<string, WhatIfResponse>();
const CACHE_SIZE = 4;
/** Computations under way: the What-if page asks for its outline and lists at once, and they share one. */
const running = new Map<string, Promise<WhatIfResponse>>();

/** The what-if document for one instance; bad input throws a WhatIfRequestError (400). */
export async function whatIfResponse(c: Computed, ir: InstanceResult, q: WhatIfQuery, doh: DohService): Promise<WhatIfResponse> {
  const key = [await inputsKey(c), ir.instance.id, configKey(ir.result.config), q.toVersion ?? "", ...q.args].join("\u0000");
  const hit = cache.get(key);
  if (hit) return hit;
  let p = running.get(key);
  if (!p) {
    p = computeWhatIf(key, c, ir, q, doh).finally(() => running.delete(key));
    running.set(key, p);
  }
  return p;
}

async function computeWhatIf(key: string, c: Computed, ir: InstanceResult, q: WhatIfQuery, doh: DohService): Promise<WhatIfResponse> {
  const next = nextConfigFor(ir, q);
  // Paced: at 10k routes its pipeline runs take seconds, which other requests should not wait for.
  const doc = await runPaced(whatIfSteps({
    config: ir.result.config,
    next,
    objects: c.objects,
    zones: c.zones,
    // Today's run is the computation's own (a whole pipeline run saved, ~1 s at 10k routes),
    // unless deletes were withheld from it because a source was incomplete.
    ...(c.complete ? { current: ir.result } : {}),
    resolvesToday: (name) => {
      const v = doh.lastLookup(ir.instance.id, name)?.verdict;
      return v === undefined ? undefined : RESOLVING.has(v) ? true : NOT_RESOLVING.has(v) ? false : undefined;
    },
  }));
  const response: WhatIfResponse = {
    ...doc,
    instance: ir.instance.id,
    generatedAt: c.generatedAt,
    partial: !c.complete,
    versions: [...MODELLED_VERSIONS],
    query: { toVersion: q.toVersion ?? null, args: q.args },
  };
  cache.set(key, response);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return response;
}
