import { getRuntime } from "@/lib/server/runtime";
import { handle, jsonError } from "@/lib/server/http";
import { applyPlan } from "@/lib/server/apply";
import { cloudflareApplier } from "@/lib/server/appliers";
import { sameOrigin } from "@/lib/server/origin";

export const dynamic = "force-dynamic";

export function POST(req: Request) {
  return handle(async () => {
    if (!sameOrigin(req)) return jsonError(403, "cross-origin", "cross-origin requests may not change DNS");
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return jsonError(400, "invalid-request", "the body must be JSON: {hash, changes?, confirm?}");
    }
    const rt = await getRuntime();
    return applyPlan(rt, body, cloudflareApplier(rt));
  });
}
