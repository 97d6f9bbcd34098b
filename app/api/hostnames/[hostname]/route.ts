import { pageRoute, RouteError } from "@/lib/server/page-route";
import { hostnameResponse } from "@/lib/server/pages";
import { HOSTNAME } from "@/lib/server/hostname";

export const dynamic = "force-dynamic";

/** What the state says about one name (its row, records, object path), from the per-name index. */
export async function GET(req: Request, ctx: { params: Promise<{ hostname: string }> }) {
  // Next has already decoded the path segment.
  const name = (await ctx.params).hostname.toLowerCase().replace(/\.$/, "");
  return pageRoute(
    req,
    ({ iv }) => {
      if (!HOSTNAME.test(name) || name.length > 253) throw new RouteError(400, "invalid-hostname", `"${name}" is not a DNS name`);
      return hostnameResponse(iv, name);
    },
    { live: true, key: name },
  );
}
