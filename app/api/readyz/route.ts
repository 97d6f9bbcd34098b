import { getRuntime } from "@/lib/server/runtime";
import { json } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** Ready once the first computation over cluster and Cloudflare data has finished. */
export async function GET() {
  try {
    const rt = await getRuntime();
    // Answer from the last computation once there is one: a probe every few seconds must not
    // turn into a Cloudflare listing every refresh period when nobody uses the dashboard.
    const c = rt.world.last() ?? (await rt.world.current());
    return json({ status: "ready", complete: c.complete, generatedAt: c.generatedAt });
  } catch (e) {
    return json({ status: "not-ready", error: { code: "not-ready", message: (e as Error).message } }, 503);
  }
}
