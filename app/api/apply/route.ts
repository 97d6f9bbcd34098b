import { guarded } from "@/lib/server/auth/guard";
import { readJsonBody } from "@/lib/server/http";
import { applyPlan } from "@/lib/server/apply";
import { cloudflareApplier } from "@/lib/server/appliers";

export const dynamic = "force-dynamic";

/** Approvers only; browsers also need a same-origin page and the session's X-CSRF-Token. */
export function POST(req: Request) {
  return guarded(
    req,
    "approver",
    async ({ rt, actor }) => {
      const body = await readJsonBody(req, "the body must be JSON: {hash, changes?, confirm?}");
      if (!body.ok) return body.response;
      return applyPlan(rt, body.value, cloudflareApplier(rt), actor);
    },
    { write: true },
  );
}
