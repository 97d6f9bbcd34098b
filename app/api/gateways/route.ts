import { pageRoute } from "@/lib/server/page-route";
import { GATEWAYS_ANSWER } from "@/lib/server/page-defs";

export const dynamic = "force-dynamic";

/** Every Gateway with its route tally; the routes themselves come from /api/gateways/routes. */
export function GET(req: Request) {
  return pageRoute(req, GATEWAYS_ANSWER.build, GATEWAYS_ANSWER);
}
