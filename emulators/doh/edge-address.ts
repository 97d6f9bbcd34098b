// The anycast addresses the DoH emulator hands out for proxied names: inside Cloudflare's
// published ranges (104.21/16, 172.67/16, 2606:4700:3030::/48, 2606:4700:3036::/48) and stable
// per name, like the real edge, so repeated demo lookups show the same answer.

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(text.toLowerCase(), "utf8")) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 1..254, so no address ends in .0 or .255. */
const octet = (n: number) => (n % 254) + 1;
const hex = (n: number) => (n & 0xffff).toString(16);

export function edgeAddresses(name: string): { v4: string[]; v6: string[] } {
  const h = fnv1a(name);
  const g = fnv1a(`${name}#6`);
  return {
    v4: [`104.21.${octet(h)}.${octet(h >>> 8)}`, `172.67.${octet(h >>> 16)}.${octet(h >>> 24)}`],
    v6: [`2606:4700:3030::${hex(g)}:${hex(g >>> 16)}`, `2606:4700:3036::${hex(g >>> 8)}:${hex(g >>> 24 || 1)}`],
  };
}
