// The write side of Cloudflare, behind the Applier seam so the apply flow can be exercised
// against the emulator exactly as against the real API.

import { applyRecordChanges } from "../cloudflare/apply";
import type { Applier } from "./apply";
import type { Runtime } from "./runtime";

export function cloudflareApplier(rt: Runtime): Applier {
  return async (changes, opts) => {
    const cf = rt.settings.cloudflare;
    if (!cf?.writeToken) throw new Error("no Cloudflare write token configured");
    // Each answer goes to the audit trail as it arrives, so a crash mid-apply leaves it honest.
    // Writes count against the same Cloudflare budget as reads (and a 429 stops both).
    return applyRecordChanges({ token: cf.writeToken, baseURL: cf.baseURL, changes, fetch: rt.world.budget.fetch(), onProgress: (r) => opts?.onResult?.(r.index, r) });
  };
}
