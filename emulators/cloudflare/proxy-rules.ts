// Which records can be proxied (BEHAVIOUR.md §3): A/AAAA with a
// public address outside Cloudflare's own ranges, and CNAMEs. Everything else is not proxiable.

import ipaddr from "ipaddr.js";

export const PROXIABLE_TYPES = new Set(["A", "AAAA", "CNAME"]);

const CLOUDFLARE_RANGES = [
  "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18",
  "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17",
  "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
  // the public resolver, the documented 9003 example
  "1.1.1.0/24", "1.0.0.0/24",
  "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32",
  "2a06:98c0::/29", "2c0f:f248::/32",
].map((cidr) => ipaddr.parseCIDR(cidr));

export type ProxyVerdict = "ok" | "private" | "cloudflare";

// ipaddr.js files the documentation ranges (192.0.2.0/24, 2001:db8::/32 …) under "reserved".
// Cloudflare's own API examples proxy such addresses, so they count as public here.
const PUBLIC_RANGES = new Set(["unicast", "reserved"]);

export function addressVerdict(address: string): ProxyVerdict {
  if (!ipaddr.isValid(address)) return "private";
  const ip = ipaddr.parse(address);
  if (!PUBLIC_RANGES.has(ip.range())) return "private";
  const inCloudflare = CLOUDFLARE_RANGES.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
  return inCloudflare ? "cloudflare" : "ok";
}

export function isProxiable(type: string, content: string): boolean {
  if (type === "CNAME") return true;
  if (type === "A" || type === "AAAA") return addressVerdict(content) === "ok";
  return false;
}
