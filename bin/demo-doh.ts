// The demo's public DNS: a local DoH endpoint that answers from the Cloudflare emulator's
// current zone, so proxied records answer with edge addresses and fixes show up at once.

import type { CloudflareEmulator } from "../emulators/cloudflare/server";
import { startDohEmulator, type DohEmulator, type ExternalAnswer, type ZoneRecords } from "../emulators/doh/server";

/**
 * The names outside the demo zone that its records point at. A Cloudflare tunnel's
 * `<id>.cfargotunnel.com` answers publicly with one unroutable IPv6 address and no IPv4: the
 * name only works behind Cloudflare's proxy, which is why a DNS-only CNAME to it is broken.
 */
export const DEMO_EXTERNAL: ExternalAnswer[] = [{ name: "*.cfargotunnel.com", type: "AAAA", data: "fd10:aec2:5dae::", ttl: 300 }];

export function startDemoDoh(cloudflare: CloudflareEmulator, port = 0): Promise<DohEmulator> {
  const zones = (): ZoneRecords => cloudflare.state.dump().zones as unknown as ZoneRecords;
  return startDohEmulator({ port, zones, negativeTtl: 60, external: DEMO_EXTERNAL });
}
