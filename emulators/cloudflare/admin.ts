// The non-Cloudflare control surface under /__admin, so demo mode and tests in another process
// can seed state, flip faults and read counters. Plain JSON, no envelope, no authentication.

import type { EmulatorCore } from "./core";
import { parseFault } from "./faults";
import type { SeedDoc } from "./types";

export interface AdminReply {
  status: number;
  body: unknown;
}

const ok = (body: unknown = { ok: true }): AdminReply => ({ status: 200, body });
const bad = (message: string, status = 400): AdminReply => ({ status, body: { error: message } });

export function handleAdmin(core: EmulatorCore, method: string, path: string, body: unknown): AdminReply {
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  try {
    switch (route) {
      case "GET /__admin/health":
        return ok();
      case "GET /__admin/state":
        return ok(core.store.dump());
      case "POST /__admin/seed":
        core.seed(body as SeedDoc);
        return ok();
      case "POST /__admin/reset":
        core.reset();
        return ok();
      case "GET /__admin/faults":
        return ok(core.faults.list());
      case "POST /__admin/faults": {
        const list = Array.isArray(body) ? body : [body];
        const faults = list.map(parseFault);
        return ok({ ids: faults.map((f) => core.faults.add(f)) });
      }
      case "DELETE /__admin/faults":
        core.faults.clear();
        return ok();
      case "GET /__admin/stats":
        return ok(core.stats.snapshot());
      case "DELETE /__admin/stats":
      case "POST /__admin/stats/reset":
        core.stats.reset();
        return ok();
    }
    const faultId = /^DELETE \/__admin\/faults\/([^/]+)$/.exec(route);
    if (faultId) {
      core.faults.remove(decodeURIComponent(faultId[1]));
      return ok();
    }
    return bad(`no admin route ${route}`, 404);
  } catch (e) {
    return bad((e as Error).message);
  }
}
