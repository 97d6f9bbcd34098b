import { pageRoute } from "@/lib/server/page-route";
import { PLAN_ANSWER } from "@/lib/server/page-defs";

export const dynamic = "force-dynamic";

/** The plan; with ?offset=/&limit= only that window of its changes (hash and summary cover all). */
export function GET(req: Request) {
  return pageRoute(req, PLAN_ANSWER.build, PLAN_ANSWER);
}
