import { guarded } from "@/lib/server/auth/guard";
import { revalidated } from "@/lib/server/etag";
import { json, jsonError } from "@/lib/server/http";
import { findInstance } from "@/lib/server/responses";
import { isHostname } from "@/lib/externaldns/hostname";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const params = new URL(req.url).searchParams;
    const name = params.get("name") ?? "";
    if (!isHostname(name)) return jsonError(400, "invalid-hostname", `name: "${name}" is not a DNS name`);
    const { ir } = await findInstance(rt, params.get("instance"));
    if (!ir) return jsonError(404, "instance-not-found", "no such external-dns instance");
    return revalidated(req, json(await rt.doh.lookupFor(ir.instance.id, ir.result, name, params.get("refresh") === "1")));
  });
}
