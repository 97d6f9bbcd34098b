import { getRuntime } from "@/lib/server/app-runtime";
import { json } from "@/lib/server/http";
import { readiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

/** Ready once the first computation has finished and Cloudflare accepts the token. */
export async function GET() {
  try {
    const { status, body } = await readiness(await getRuntime());
    return json(body, status);
  } catch (e) {
    return json({ status: "not-ready", error: { code: "not-ready", message: (e as Error).message } }, 503);
  }
}
