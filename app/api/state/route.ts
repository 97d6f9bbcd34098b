import { getRuntime } from "@/lib/server/runtime";
import { handle, json } from "@/lib/server/http";
import { stateResponse } from "@/lib/server/responses";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return handle(async () => {
    const force = new URL(req.url).searchParams.get("refresh") === "1";
    return json(await stateResponse(await getRuntime(), force));
  });
}
