import { pageRoute } from "@/lib/server/page-route";
import { summaryResponse } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** The overview and the header: counts, warnings, sources, plan summary; no lists. */
export function GET(req: Request) {
  return pageRoute(req, ({ rt, c, views }) => summaryResponse(rt, c, views.instances), {
    live: true,
    // Public-DNS checks run in the background, started by whatever the dashboard polls.
    before: ({ rt, c }) => {
      for (const { instance, result } of c.instances) rt.doh.scheduleLookups(instance.id, result, rt.settings.refreshSeconds * 1000);
    },
  });
}
