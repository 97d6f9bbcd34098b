import { pageRoute, RouteError } from "@/lib/server/page-route";
import { explainResponse } from "@/lib/server/responses";
import type { ExplainResponse } from "@/lib/api/types";
import { fixesFor } from "@/lib/drift/fixes";
import { configSummary } from "@/lib/drift/state";
import { isHostname } from "@/lib/externaldns/hostname";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ hostname: string }> }) {
  // Next has already decoded the path segment; decoding again would turn "%25" into a crash.
  const hostname = (await ctx.params).hostname;
  return pageRoute(
    req,
    ({ iv }) => {
      if (!isHostname(hostname)) throw new RouteError(400, "invalid-hostname", `"${hostname}" is not a DNS name`);
      const doc = explainResponse(iv.ir, hostname);
      return { ...doc, fixes: fixesFor(doc, configSummary(iv.ir.result.config)) } satisfies ExplainResponse;
    },
    { key: hostname },
  );
}
