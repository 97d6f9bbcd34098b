import { guarded } from "@/lib/server/auth/guard";
import { revalidated } from "@/lib/server/etag";
import { historyResponse } from "@/lib/server/history/http";

export const dynamic = "force-dynamic";

/** Drift history, newest first: `?hostname=&since=&limit=&before=&instance=`. */
export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => revalidated(req, await historyResponse(new URL(req.url), rt.history?.store)));
}
