import { guarded } from "@/lib/server/auth/guard";
import { json, jsonError } from "@/lib/server/http";
import { findInstance } from "@/lib/server/responses";

export const dynamic = "force-dynamic";

const NAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]{0,62})?(\.[a-z0-9_]([a-z0-9_-]{0,62})?)*\.?$/i;

export function GET(req: Request) {
  return guarded(req, "viewer", async ({ rt }) => {
    const params = new URL(req.url).searchParams;
    const name = params.get("name") ?? "";
    if (!name || !NAME.test(name) || name.length > 253) return jsonError(400, "invalid-hostname", `name: "${name}" is not a DNS name`);
    const { ir } = await findInstance(rt, params.get("instance"));
    if (!ir) return jsonError(404, "instance-not-found", "no such external-dns instance");
    return json(await rt.doh.lookupFor(ir.instance.id, ir.result, name, params.get("refresh") === "1"));
  });
}
