import { pageRoute } from "@/lib/server/page-route";
import { fullPlan, planPage } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** The plan; with ?offset=/&limit= only that window of its changes (hash and summary cover all). */
export function GET(req: Request) {
  return pageRoute(req, ({ c, iv, params }) => (params.has("limit") || params.has("offset") ? planPage(c, iv, params) : fullPlan(c, iv)));
}
