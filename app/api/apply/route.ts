import { guarded } from "@/lib/server/auth/guard";
import { jsonError } from "@/lib/server/http";
import { applyPlan } from "@/lib/server/apply";
import { cloudflareApplier } from "@/lib/server/appliers";

export const dynamic = "force-dynamic";

/** Approvers only; browsers also need a same-origin page and the session's X-CSRF-Token. */
export function POST(req: Request) {
  return guarded(
    req,
    "approver",
    async ({ rt, actor }) => {
      let body: unknown;
      try {
        body = await req.json();
      } catch {
        return jsonError(400, "invalid-request", "the body must be JSON: {hash, changes?, confirm?}");
      }
      return applyPlan(rt, body, cloudflareApplier(rt), actor);
    },
    { write: true },
  );
}
