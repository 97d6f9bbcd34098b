import { pageRoute } from "@/lib/server/page-route";
import { SUMMARY_ANSWER } from "@/lib/server/page-defs";

export const dynamic = "force-dynamic";

/** The overview and the header: counts, warnings, sources, plan summary; no lists. */
export function GET(req: Request) {
  return pageRoute(req, SUMMARY_ANSWER.build, SUMMARY_ANSWER);
}
