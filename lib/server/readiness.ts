// What /readyz answers. Ready means the first computation over cluster and Cloudflare data has
// finished and Cloudflare accepts the token: a pod whose token was rejected (401/403) can show
// nothing true about DNS, so it must not receive traffic or count as a healthy rollout.

import type { SourceHealth } from "./ports";
import type { Runtime } from "./runtime";

export interface Readiness {
  status: 200 | 503;
  body: { status: "ready" | "not-ready"; complete?: boolean; generatedAt?: string; error?: { code: string; message: string } };
}

const REJECTED = new Set(["unauthorized", "forbidden"]);

function rejection(sources: SourceHealth[]): SourceHealth | undefined {
  return sources.find((s) => (s.kind === "cloudflare" || s.kind === "zone") && s.error && REJECTED.has(s.error.code));
}

export async function readiness(rt: Runtime): Promise<Readiness> {
  // Answer from the last computation once there is one: a probe every few seconds must not
  // turn into a Cloudflare listing every refresh period when nobody uses the dashboard.
  const c = rt.world.last() ?? (await rt.world.current());
  const rejected = rejection(c.sources);
  if (rejected) {
    const message = `Cloudflare rejected the token (${rejected.label}): ${rejected.error!.message}`;
    return { status: 503, body: { status: "not-ready", generatedAt: c.generatedAt, error: { code: "cloudflare-token-rejected", message } } };
  }
  return { status: 200, body: { status: "ready", complete: c.complete, generatedAt: c.generatedAt } };
}
