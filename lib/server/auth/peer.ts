// The address a request really came from. Next.js does not hand the socket to route handlers,
// and the X-Forwarded-For it fills in is only a default: a client-sent one is kept as is. So
// dnsdrift's own server entry (bin/serve.ts) stamps every request with a private header holding
// the socket's peer address, after dropping any copy the client sent, and signs it with a
// nonce that lives only in this process. A process not started by that entry has no nonce,
// and then no request has a known peer — so proxy headers are never believed by accident.

import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import { processSlot, type ServerBinding } from "../process-slot";

export const PEER_HEADER = "x-dnsdrift-peer";

export type { ServerBinding };

/** Called once by the server entry before Next loads; route handlers find it in the process slot. */
export function registerServer(host: string): ServerBinding {
  const binding = { host, nonce: crypto.randomBytes(18).toString("base64url") };
  processSlot().binding = binding;
  return binding;
}

export function serverBinding(): ServerBinding | undefined {
  return processSlot().binding;
}

/** Test seam: forget the registration, as in a process Next's own server started. */
export function unregisterServer(): void {
  delete processSlot().binding;
}

/** Replaces whatever the client sent under PEER_HEADER with the socket's own address. */
export function stampPeer(req: IncomingMessage, binding: ServerBinding): void {
  delete req.headers[PEER_HEADER];
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i].toLowerCase() === PEER_HEADER) req.rawHeaders.splice(i, 2);
  }
  const address = req.socket.remoteAddress;
  if (address) req.headers[PEER_HEADER] = `${binding.nonce} ${address}`;
}

/** The stamped peer address, or undefined when the stamp is missing or not this process's. */
export function peerAddress(req: Request, binding: ServerBinding | undefined = serverBinding()): string | undefined {
  const value = req.headers.get(PEER_HEADER);
  if (!binding || !value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0) return undefined;
  const nonce = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(binding.nonce);
  if (nonce.length !== expected.length || !crypto.timingSafeEqual(nonce, expected)) return undefined;
  return value.slice(space + 1);
}

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** "10.0.0.0/8, 127.0.0.1, fd00::/8": single addresses are /32 or /128. */
export function parseCidrList(value: string, what: string): Cidr[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry): Cidr => {
      try {
        if (entry.includes("/")) {
          const [addr, bits] = ipaddr.parseCIDR(entry);
          const mapped = addr.kind() === "ipv6" && bits >= 96 && (addr as ipaddr.IPv6).isIPv4MappedAddress();
          return mapped ? [normalise(addr), bits - 96] : [addr, bits];
        }
        const addr = normalise(ipaddr.parse(entry));
        return [addr, addr.kind() === "ipv4" ? 32 : 128];
      } catch {
        throw new Error(`${what}: "${entry}" is not an IP address or CIDR`);
      }
    });
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1, what a dual-stack socket reports) compares as IPv4. */
function normalise(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

export function isTrustedAddress(address: string | undefined, trusted: Cidr[]): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  const addr = normalise(ipaddr.parse(address));
  return trusted.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range as never, bits));
}

/** localhost, 127.0.0.0/8, ::1 and ::ffff:127.x (brackets and a :port allowed, as in a Host header). */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) h = h.slice(1, h.indexOf("]") < 0 ? undefined : h.indexOf("]"));
  else if (h.split(":").length === 2) h = h.split(":")[0];
  if (h === "localhost") return true;
  if (!ipaddr.isValid(h)) return false;
  return normalise(ipaddr.parse(h)).range() === "loopback";
}
