import { guarded } from "@/lib/server/auth/guard";
import { dohVersion, scheduleLookups } from "@/lib/server/doh";
import { cachedResponse, etagOf } from "@/lib/server/etag";
import { stateFromViews } from "@/lib/server/responses";
import { memo, viewsOf } from "@/lib/server/views";

export const dynamic = "force-dynamic";

/**
 * The whole state in one document — heavy (megabytes at tens of thousands of records); the
 * dashboard reads the page-shaped endpoints instead. Serialised once per computation.
 */
export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const force = new URL(req.url).searchParams.get("refresh") === "1";
    const c = await rt.world.current({ force });
    if (c.instances[0]) scheduleLookups(c.instances[0].result, rt.settings.refreshSeconds * 1000);
    const views = viewsOf(c);
    const key = `/api/state|doh=${dohVersion()}|writes=${rt.settings.writesEnabled && Boolean(rt.settings.cloudflare?.writeToken)}`;
    return cachedResponse(req, memo(views, key, () => stateFromViews(rt, c, views), etagOf));
  });
}
