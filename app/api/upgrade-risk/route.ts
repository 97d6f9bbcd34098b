import { guarded } from "@/lib/server/auth/guard";
import { cachedResponse } from "@/lib/server/etag";
import { jsonError } from "@/lib/server/http";
import { findInstance } from "@/lib/server/responses";
import { upgradeRiskAnswer } from "@/lib/server/upgrade-risk";
import { WhatIfRequestError } from "@/lib/server/what-if";

export const dynamic = "force-dynamic";

/** The overview's upgrade warning: deletes and repoints the next release would make (small; polled). */
export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const params = new URL(req.url).searchParams;
    try {
      const { c, ir } = await findInstance(rt, params.get("instance"));
      if (!ir) return jsonError(404, "instance-not-found", `no external-dns instance "${params.get("instance") ?? ""}"`);
      return cachedResponse(req, await upgradeRiskAnswer(c, ir, params.get("toVersion")?.trim() || undefined));
    } catch (e) {
      if (e instanceof WhatIfRequestError) return jsonError(e.status, e.code, e.message);
      throw e;
    }
  });
}
