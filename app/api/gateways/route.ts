import { pageRoute } from "@/lib/server/page-route";
import { gatewaysResponse } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** Every Gateway with its route tally; the routes themselves come from /api/gateways/routes. */
export function GET(req: Request) {
  return pageRoute(req, ({ iv }) => gatewaysResponse(iv));
}
