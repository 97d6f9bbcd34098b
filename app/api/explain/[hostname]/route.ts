import { guarded } from "@/lib/server/auth/guard";
import { json, jsonError } from "@/lib/server/http";
import { explainResponse, findInstance } from "@/lib/server/responses";
import type { ExplainResponse } from "@/lib/api/types";
import { fixesFor } from "@/lib/drift/fixes";
import { configSummary } from "@/lib/drift/state";

export const dynamic = "force-dynamic";

const HOSTNAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]{0,62})?(\.[a-z0-9_]([a-z0-9_-]{0,62})?)*\.?$/i;

export function GET(req: Request, ctx: { params: Promise<{ hostname: string }> }) {
  return guarded(req, "viewer", async ({ rt }) => {
    // Next has already decoded the path segment; decoding again would turn "%25" into a crash.
    const hostname = (await ctx.params).hostname;
    if (!HOSTNAME.test(hostname) || hostname.length > 253) {
      return jsonError(400, "invalid-hostname", `"${hostname}" is not a DNS name`);
    }
    const { ir } = await findInstance(rt, new URL(req.url).searchParams.get("instance"));
    if (!ir) return jsonError(404, "instance-not-found", "no such external-dns instance");
    const doc = explainResponse(ir, hostname);
    return json({ ...doc, fixes: fixesFor(doc, configSummary(ir.result.config)) } satisfies ExplainResponse);
  });
}
