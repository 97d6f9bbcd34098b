// One page-shaped answer from a computation: its cache key and its serialised body. Shared by the
// route handlers (lib/server/page-route.ts), which answer from the current computation, and by
// the prebuild (lib/server/prebuild.ts), which builds the default answers of the next computation
// before it is published — both must compute the same key, or the prebuilt answer is never used.

import { requestKey, etagOf, type CachedBody } from "./etag";
import { writesStatus } from "./responses";
import type { Runtime } from "./runtime";
import { memo, type InstanceViews, type Views } from "./views";
import type { Computed } from "./world";

export interface PageContext {
  rt: Runtime;
  c: Computed;
  views: Views;
  iv: InstanceViews;
  params: URLSearchParams;
}

export interface PageRouteOptions {
  /** The answer shows public-DNS results or source health, which change between computations. */
  live?: boolean;
  /** Extra cache-key text (e.g. a dynamic route segment). */
  key?: string;
  /**
   * The query's meaning, as cache-key text: when given, it stands for the raw query string (plus
   * the instance actually picked), so `?limit=200` and `?offset=0&limit=200` share one answer.
   * It may throw the same parameter errors the builder would.
   */
  canonical?: (params: URLSearchParams) => string;
  /** Runs on every request, cached or not (e.g. scheduling background lookups). */
  before?: (ctx: PageContext) => void;
}

/** A page's builder and options: what a route handler serves and the prebuild builds ahead. */
export interface PageDef extends PageRouteOptions {
  build: (ctx: PageContext) => unknown;
}

/** The cache key of the answer to `url` from this context (the computation's body cache holds it). */
export function answerKey(ctx: PageContext, url: URL, opts: PageRouteOptions): string {
  const { rt, c, iv } = ctx;
  const query = opts.canonical ? `${url.pathname}?${opts.canonical(url.searchParams)}|instance=${iv.id}` : requestKey(url, ["refresh"]);
  const live = opts.live ? `|doh=${rt.doh.version}|writes=${JSON.stringify(writesStatus(rt, c))}|budget=${JSON.stringify(rt.world.budget.status() ?? null)}` : "";
  return `${query}|${opts.key ?? ""}${live}`;
}

/** The cached answer, built and serialised on first use. */
export function pageAnswer(ctx: PageContext, url: URL, build: (ctx: PageContext) => unknown, opts: PageRouteOptions): CachedBody {
  return memo(ctx.views, answerKey(ctx, url, opts), () => build(ctx), etagOf);
}
