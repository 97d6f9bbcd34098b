import { guarded } from "@/lib/server/auth/guard";
import { auditExportResponse } from "@/lib/server/audit/http";

export const dynamic = "force-dynamic";

/** The whole apply audit trail as a JSON download. */
export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => auditExportResponse(() => rt.audit.open()));
}
