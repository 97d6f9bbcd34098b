import { guarded } from "@/lib/server/auth/guard";
import { json, jsonError } from "@/lib/server/http";
import { findInstance } from "@/lib/server/responses";
import { WhatIfRequestError, whatIfQuery, whatIfResponse } from "@/lib/server/what-if";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const params = new URL(req.url).searchParams;
    try {
      const q = whatIfQuery(params);
      const { c, ir } = await findInstance(rt, params.get("instance"));
      if (!ir) return jsonError(404, "instance-not-found", `no external-dns instance "${params.get("instance") ?? ""}"`);
      return json(await whatIfResponse(c, ir, q, rt.doh));
    } catch (e) {
      if (e instanceof WhatIfRequestError) return jsonError(e.status, e.code, e.message);
      throw e;
    }
  });
}
