import { RouteError, pageRoute } from "@/lib/server/page-route";
import { dnsEndpointsPage, ingressesPage } from "@/lib/server/pages";

export const dynamic = "force-dynamic";

const KINDS = { ingresses: ingressesPage, dnsendpoints: dnsEndpointsPage } as const;

/** Ingresses or DNSEndpoints, filtered (q) and paged (offset, limit). */
export async function GET(req: Request, ctx: { params: Promise<{ kind: string }> }) {
  const { kind } = await ctx.params;
  return pageRoute(
    req,
    ({ iv, params }) => {
      const build = KINDS[kind as keyof typeof KINDS];
      if (!build) throw new RouteError(404, "not-found", `no object list "${kind}" (ingresses, dnsendpoints)`);
      return build(iv, params);
    },
    { key: kind },
  );
}
