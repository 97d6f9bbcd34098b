import { pageRoute } from "@/lib/server/page-route";
import { fullPlan, planPage } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** The plan; with ?offset=/&limit= only that window of its changes (hash and summary cover all). */
export function GET(req: Request) {
  return pageRoute(req, ({ rt, c, iv, params }) =>
    params.has("limit") || params.has("offset") ? planPage(c, iv, params, rt.settings.safety) : fullPlan(c, iv, rt.settings.safety),
  );
}
