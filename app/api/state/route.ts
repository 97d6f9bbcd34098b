import { guarded } from "@/lib/server/auth/guard";
import { cachedResponse, etagOf } from "@/lib/server/etag";
import { stateFromViews, writesStatus } from "@/lib/server/responses";
import { memo } from "@/lib/server/views";

export const dynamic = "force-dynamic";

/**
 * The whole state in one document — heavy (megabytes at tens of thousands of records); the
 * dashboard reads the page-shaped endpoints instead. Serialised once per computation.
 */
export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const force = new URL(req.url).searchParams.get("refresh") === "1";
    const c = await rt.world.current({ force });
    for (const { instance, result } of c.instances) rt.doh.scheduleLookups(instance.id, result, rt.settings.refreshSeconds * 1000);
    const views = rt.views.of(c);
    const key = `/api/state|doh=${rt.doh.version}|writes=${JSON.stringify(writesStatus(rt, c))}|budget=${JSON.stringify(rt.world.budget.status() ?? null)}`;
    return cachedResponse(req, memo(views, key, () => stateFromViews(rt, c, views), etagOf));
  });
}
