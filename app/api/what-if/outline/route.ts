import { whatIfViewRoute } from "@/lib/server/what-if-route";
import { whatIfOutline } from "@/lib/server/what-if-views";

export const dynamic = "force-dynamic";

/** The what-if without its change lists: summary, dimensions, blocked, fixes, order, and the groups by cause with their counts. */
export function GET(req: Request) {
  return whatIfViewRoute(req, { parse: () => null, key: () => "", build: (doc) => whatIfOutline(doc) });
}
