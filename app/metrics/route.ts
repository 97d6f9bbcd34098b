// Prometheus scrape endpoint. Answers even when the state cannot be computed (the runtime failed
// to start, Cloudflare is down): dnsdrift_state_available 0 is itself the signal to alert on.

import { getRuntime } from "@/lib/server/app-runtime";
import { createMetrics, renderMetrics, type Metrics, type ScrapeInput } from "@/lib/server/metrics";
import type { Runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** The registry answered with while no runtime could be created: it says the state is unavailable. */
let withoutRuntime: Metrics | undefined;

async function scrapeInput(): Promise<{ input: ScrapeInput; rt?: Runtime }> {
  const input: ScrapeInput = { mode: "unknown" };
  let rt: Runtime | undefined;
  try {
    rt = await getRuntime();
    input.mode = rt.settings.mode;
    try {
      input.computed = await rt.world.current();
    } finally {
      input.cloudflare = rt.world.cloudflareTally();
      input.budget = rt.world.budget.status();
    }
  } catch (e) {
    console.error(`dnsdrift: /metrics could not compute the state: ${(e as Error).message}`);
  }
  try {
    if (rt) {
      input.dohFailures = rt.doh.failures;
      input.extraSources = rt.doh.health();
    }
  } catch {
    // A malformed DNSDRIFT_DOH_RESOLVERS surfaces on the DoH endpoints; metrics go on without it.
  }
  return { input, rt };
}

export async function GET(): Promise<Response> {
  const { input, rt } = await scrapeInput();
  const { body, contentType } = await renderMetrics(rt?.metrics ?? (withoutRuntime ??= createMetrics()), input);
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
