import { pageRoute } from "@/lib/server/page-route";
import { PageParamError, searchHostnames } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

/** Hostnames for the search box: ?q= (prefix matches first), ?limit= (default 12, at most 100). */
export function GET(req: Request) {
  return pageRoute(req, ({ iv, params }) => {
    const limit = Number(params.get("limit") ?? "12");
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new PageParamError(`limit must be 1–100, got "${params.get("limit")}"`);
    return searchHostnames(iv, params.get("q") ?? "", limit);
  });
}
