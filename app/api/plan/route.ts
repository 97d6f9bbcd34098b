import { guarded } from "@/lib/server/auth/guard";
import { json, jsonError } from "@/lib/server/http";
import { findInstance, planResponseFor } from "@/lib/server/responses";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const params = new URL(req.url).searchParams;
    const { c, ir } = await findInstance(rt, params.get("instance"), params.get("refresh") === "1");
    if (!ir) return jsonError(404, "instance-not-found", `no external-dns instance "${params.get("instance") ?? ""}"`);
    return json(planResponseFor(c, ir, rt.settings.safety));
  });
}
