// The shape every page-shaped GET shares: authorise as a viewer, take the current computation,
// pick the instance (?instance=), and answer from the per-computation body cache with an ETag
// (304 when the client has it). `refresh=1` recomputes first and is not part of the cache key.

import { guarded } from "./auth/guard";
import { cachedResponse } from "./etag";
import { jsonError } from "./http";
import { pageAnswer, type PageContext, type PageRouteOptions } from "./page-answer";
import { PageParamError } from "./pages";
import { pickInstanceViews } from "./views";

export type { PageContext, PageRouteOptions } from "./page-answer";

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
    try {
      return cachedResponse(req, pageAnswer(ctx, url, build, opts));
    } catch (e) {
      if (e instanceof PageParamError) return jsonError(400, "invalid-parameter", e.message);
      if (e instanceof RouteError) return jsonError(e.status, e.code, e.message);
      throw e;
    }
  });
}
