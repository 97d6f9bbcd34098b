import { RouteError, pageRoute } from "@/lib/server/page-route";
import { routesPage } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** One Gateway's routes (?gateway=RESOURCE; empty for routes with no known Gateway), a page at a time; or one route (?route=RESOURCE). */
export function GET(req: Request) {
  return pageRoute(req, ({ iv, params }) => {
    const page = routesPage(iv, params);
    if (!page && params.get("route")) throw new RouteError(404, "route-not-found", `no route "${params.get("route")}"`);
    if (!page) throw new RouteError(404, "gateway-not-found", `no Gateway "${params.get("gateway") ?? ""}"`);
    return page;
  });
}
