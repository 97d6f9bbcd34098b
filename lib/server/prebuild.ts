// Builds the answers every dashboard asks for first — the summary, the first window of the
// records (all, and each state the overview links to), the Gateways, the first window of the
// plan — for a new computation before it is published. Without this, the first poll after each
// refresh found every answer missing, and two hundred dashboards' first round queued behind
// building, serialising, redacting and compressing them on the event loop. Each answer is built
// under the key its route handler computes (same definitions, lib/server/page-defs.ts), one at a
// time with a turn of the loop between them; compression runs on libuv's thread pool.

import { RECORD_STATES } from "../api/types";
import { PLAN_WINDOW, RECORDS_WINDOW } from "../drift/page-windows";
import { wireOf } from "./etag";
import { gzipAhead } from "./gzip-cache";
import { pageAnswer, type PageDef } from "./page-answer";
import { GATEWAYS_ANSWER, PLAN_ANSWER, RECORDS_ANSWER, SUMMARY_ANSWER } from "./page-defs";
import { fullPlanSteps } from "./pages";
import type { Runtime } from "./runtime";
import { yieldToLoop, type InstanceViews } from "./views";
import type { Computed } from "./world";

/** The requests a dashboard opening each page makes first, for one instance (`first`: the default one). */
export function firstRequests(iv: InstanceViews, first: boolean): [string, PageDef][] {
  const out: [string, PageDef][] = [];
  // The header polls the summary without ?instance= on every page.
  if (first) out.push(["/api/summary", SUMMARY_ANSWER]);
  out.push([`/api/records?offset=0&limit=${RECORDS_WINDOW}`, RECORDS_ANSWER]);
  const counts = iv.state.counts;
  for (const s of RECORD_STATES) if (counts[s] > 0) out.push([`/api/records?state=${s}&offset=0&limit=${RECORDS_WINDOW}`, RECORDS_ANSWER]);
  out.push(["/api/gateways", GATEWAYS_ANSWER]);
  out.push([`/api/plan?offset=0&limit=${PLAN_WINDOW}`, PLAN_ANSWER]);
  return out;
}

/**
 * Builds `c`'s first answers into its body cache, with their bytes and gzip. Best effort: an
 * answer that fails to build here is built (or its error answered) on request, as before.
 */
export async function prebuildAnswers(rt: Runtime, c: Computed): Promise<void> {
  const views = rt.views.of(c);
  for (const [n, iv] of views.instances.entries()) {
    // The plan's window is cut from the whole plan, the longest to build: in steps, first.
    try {
      const steps = fullPlanSteps(c, iv, rt.settings.safety);
      for (let r = steps.next(); !r.done; r = steps.next()) await yieldToLoop();
    } catch (e) {
      console.warn(`dnsdrift: could not build the plan ahead for ${iv.id}: ${(e as Error).message}`);
    }
    for (const [path, def] of firstRequests(iv, n === 0)) {
      try {
        const url = new URL(path, "http://localhost");
        const cached = pageAnswer({ rt, c, views, iv, params: url.searchParams }, url, def.build, def);
        await gzipAhead(cached.etag, wireOf(cached).bytes);
      } catch (e) {
        console.warn(`dnsdrift: could not build ${path} ahead for ${iv.id}: ${(e as Error).message}`);
      }
      await yieldToLoop();
    }
  }
}
