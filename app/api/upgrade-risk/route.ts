import { guarded } from "@/lib/server/auth/guard";
import { notModified, etagOf } from "@/lib/server/etag";
import { json, jsonError } from "@/lib/server/http";
import { findInstance } from "@/lib/server/responses";
import { upgradeRiskResponse } from "@/lib/server/upgrade-risk";
import { WhatIfRequestError } from "@/lib/server/what-if";

export const dynamic = "force-dynamic";

/** The overview's upgrade warning: deletes and repoints the next release would make (small; polled). */
export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const params = new URL(req.url).searchParams;
    try {
      const { c, ir } = await findInstance(rt, params.get("instance"));
      if (!ir) return jsonError(404, "instance-not-found", `no external-dns instance "${params.get("instance") ?? ""}"`);
      const body = await upgradeRiskResponse(c, ir, params.get("toVersion")?.trim() || undefined);
      // generatedAt changes with every refresh; the validator covers what the warning shows.
      const etag = etagOf(JSON.stringify({ ...body, generatedAt: undefined }));
      const headers = { etag, "cache-control": "private, no-cache" };
      if (notModified(req, etag)) return new Response(null, { status: 304, headers });
      return json(body, 200, headers);
    } catch (e) {
      if (e instanceof WhatIfRequestError) return jsonError(e.status, e.code, e.message);
      throw e;
    }
  });
}
