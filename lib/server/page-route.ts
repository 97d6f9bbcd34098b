// The shape every page-shaped GET shares: authorise as a viewer, take the current computation,
// pick the instance (?instance=), and answer from the per-computation body cache with an ETag
// (304 when the client has it). `refresh=1` recomputes first and is not part of the cache key.

import { guarded } from "./auth/guard";
import { etagOf, cachedResponse, requestKey } from "./etag";
import { jsonError } from "./http";
import { PageParamError } from "./pages";
import { writesStatus } from "./responses";
import type { Runtime } from "./runtime";
import { memo, pickInstanceViews, type InstanceViews, type Views } from "./views";
import type { Computed } from "./world";

/** An answer other than 200 that a page builder decides on (unknown Gateway, bad name, …). */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

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
  /** Runs on every request, cached or not (e.g. scheduling background lookups). */
  before?: (ctx: PageContext) => void;
}

export function pageRoute(req: Request, build: (ctx: PageContext) => unknown, opts: PageRouteOptions = {}): Promise<Response> {
  return guarded(req, "viewer", async ({ rt }) => {
    const url = new URL(req.url);
    const params = url.searchParams;
    const c = await rt.world.current({ force: params.get("refresh") === "1" });
    const views = rt.views.of(c);
    const id = params.get("instance");
    const iv = pickInstanceViews(views, id);
    if (!iv) return jsonError(404, "instance-not-found", `no external-dns instance "${id ?? ""}"`);
    const ctx = { rt, c, views, iv, params };
    opts.before?.(ctx);
    const live = opts.live ? `|doh=${rt.doh.version}|writes=${JSON.stringify(writesStatus(rt, c))}|budget=${JSON.stringify(rt.world.budget.status() ?? null)}` : "";
    const key = `${requestKey(url, ["refresh"])}|${opts.key ?? ""}${live}`;
    try {
      return cachedResponse(req, memo(views, key, () => build(ctx), etagOf));
    } catch (e) {
      if (e instanceof PageParamError) return jsonError(400, "invalid-parameter", e.message);
      if (e instanceof RouteError) return jsonError(e.status, e.code, e.message);
      throw e;
    }
  });
}
