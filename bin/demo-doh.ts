// The demo's public DNS: a local DoH endpoint that answers from the Cloudflare emulator's
// current zone, so proxied records answer with edge addresses and fixes show up at once.

import type { CloudflareEmulator } from "../emulators/cloudflare/server";
import { startDohEmulator, type DohEmulator, type ZoneRecords } from "../emulators/doh/server";

export function startDemoDoh(cloudflare: CloudflareEmulator, port = 0): Promise<DohEmulator> {
  const zones = (): ZoneRecords => cloudflare.state.dump().zones as unknown as ZoneRecords;
  return startDohEmulator({ port, zones, negativeTtl: 60 });
}
