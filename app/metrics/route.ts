// Prometheus scrape endpoint. Answers even when the state cannot be computed (the runtime failed
// to start, Cloudflare is down): dnsdrift_state_available 0 is itself the signal to alert on.

import { dohHealth, dohState } from "@/lib/server/doh";
import { renderMetrics, type ScrapeInput } from "@/lib/server/metrics";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

async function scrapeInput(): Promise<ScrapeInput> {
  const input: ScrapeInput = { mode: "unknown" };
  try {
    const rt = await getRuntime();
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
    input.dohFailures = dohState().failures;
    input.extraSources = dohHealth();
  } catch {
    // A malformed DNSDRIFT_DOH_RESOLVERS surfaces on the DoH endpoints; metrics go on without it.
  }
  return input;
}

export async function GET(): Promise<Response> {
  const { body, contentType } = await renderMetrics(await scrapeInput());
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
