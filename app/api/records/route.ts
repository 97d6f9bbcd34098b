import { pageRoute } from "@/lib/server/page-route";
import { RECORDS_ANSWER } from "@/lib/server/page-defs";

export const dynamic = "force-dynamic";

/** Records filtered (q, state, type), sorted (sort, dir) and paged (offset, limit) on the server. */
export function GET(req: Request) {
  return pageRoute(req, RECORDS_ANSWER.build, RECORDS_ANSWER);
}
