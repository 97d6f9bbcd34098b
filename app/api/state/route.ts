import { guarded } from "@/lib/server/auth/guard";
import { json } from "@/lib/server/http";
import { stateResponse } from "@/lib/server/responses";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const force = new URL(req.url).searchParams.get("refresh") === "1";
    return json(await stateResponse(rt, force));
  });
}
