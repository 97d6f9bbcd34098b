import { whatIfViewRoute } from "@/lib/server/what-if-route";
import { changesQueryKey, parseChangesQuery, whatIfChangesPage } from "@/lib/server/what-if-views";

export const dynamic = "force-dynamic";

/** A list's changes (?list=differences|vanishing) in group order, optionally one group's (?group=) or action's (?action=), paged. */
export function GET(req: Request) {
  return whatIfViewRoute(req, { parse: parseChangesQuery, key: changesQueryKey, build: whatIfChangesPage });
}
