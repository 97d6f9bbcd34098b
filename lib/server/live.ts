// Live mode (a real cluster and Cloudflare account, or the demo's emulators): wires the
// informer-based cluster reader and the SDK-based Cloudflare reader into a World.

import type { Runtime } from "./runtime";
import type { Settings } from "./settings";

export async function buildLiveWorld(settings: Settings): Promise<Runtime> {
  throw new Error(`live mode is not wired yet (mode ${settings.mode})`);
}
