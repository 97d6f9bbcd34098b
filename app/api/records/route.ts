import { pageRoute } from "@/lib/server/page-route";
import { recordsPage } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** Records filtered (q, state, type), sorted (sort, dir) and paged (offset, limit) on the server. */
export function GET(req: Request) {
  return pageRoute(req, ({ iv, params }) => recordsPage(iv, params));
}
