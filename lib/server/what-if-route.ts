// The shape of the What-if page's GETs (/api/what-if/outline, /api/what-if/changes): the same
// query and errors as GET /api/what-if, answered from the document it computes and caches, as a
// view serialised once per document and query, with an ETag (304 when the client has it).

import { guarded } from "./auth/guard";
import { cachedResponse, etagOf } from "./etag";
import { jsonError } from "./http";
import { PageParamError } from "./pages";
import { findInstance } from "./responses";
import { memo } from "./views";
import { WhatIfRequestError, whatIfQuery, whatIfResponse } from "./what-if";
import { WhatIfViewError } from "./what-if-views";
import type { WhatIfResponse } from "../api/types";

/** A number per document: a recomputed document (same query, new answer) gets new cache keys. */
const docIds = new WeakMap<WhatIfResponse, number>();
let nextDocId = 1;
function docId(doc: WhatIfResponse): number {
  let id = docIds.get(doc);
  if (id === undefined) {
    id = nextDocId++;
    docIds.set(doc, id);
  }
  return id;
}

export interface WhatIfView<Q> {
  /** The view's own parameters, read before the what-if is computed (bad ones answer 400 at once). */
  parse: (params: URLSearchParams) => Q;
  /** The parsed parameters as cache-key text. */
  key: (q: Q) => string;
  build: (doc: WhatIfResponse, q: Q) => unknown;
}

export function whatIfViewRoute<Q>(req: Request, view: WhatIfView<Q>): Promise<Response> {
  return guarded(req, "viewer", async ({ rt }) => {
    const url = new URL(req.url);
    const params = url.searchParams;
    try {
      const q = whatIfQuery(params);
      const vq = view.parse(params);
      const { c, ir } = await findInstance(rt, params.get("instance"));
      if (!ir) return jsonError(404, "instance-not-found", `no external-dns instance "${params.get("instance") ?? ""}"`);
      const doc = await whatIfResponse(c, ir, q, rt.doh);
      const key = `${url.pathname}?${view.key(vq)}|doc=${docId(doc)}`;
      return cachedResponse(req, memo(rt.views.of(c), key, () => view.build(doc, vq), etagOf));
    } catch (e) {
      if (e instanceof WhatIfRequestError || e instanceof WhatIfViewError) return jsonError(e.status, e.code, e.message);
      if (e instanceof PageParamError) return jsonError(400, "invalid-parameter", e.message);
      throw e;
    }
  });
}
