import { pageRoute, RouteError } from "@/lib/server/page-route";
import { hostnameResponse } from "@/lib/server/pages";
import { isHostname, normalizeHostname } from "@/lib/externaldns/hostname";

export const dynamic = "force-dynamic";

/** What the state says about one name (its row, records, object path), from the per-name index. */
export async function GET(req: Request, ctx: { params: Promise<{ hostname: string }> }) {
  // Next has already decoded the path segment.
  const name = normalizeHostname((await ctx.params).hostname);
  return pageRoute(
    req,
    ({ iv }) => {
      if (!isHostname(name)) throw new RouteError(400, "invalid-hostname", `"${name}" is not a DNS name`);
      return hostnameResponse(iv, name);
    },
    { live: true, key: name },
  );
}
