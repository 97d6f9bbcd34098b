import { guarded } from "@/lib/server/auth/guard";
import { auditResponse } from "@/lib/server/audit/http";
import { revalidated } from "@/lib/server/etag";

export const dynamic = "force-dynamic";

/** The apply audit trail, newest first: `?limit=&before=`; `?format=json&download=1` for the export. */
export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => revalidated(req, await auditResponse(new URL(req.url), () => rt.audit.open())));
}
