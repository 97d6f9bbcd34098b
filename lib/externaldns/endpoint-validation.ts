// Endpoint.CheckEndpoint as dedupSource runs it from v0.21.0 on: an endpoint that fails is dropped
// before de-duplication (with only a log line in external-dns), so the dashboard must drop it too
// and say why. v0.20.0 validated nothing here.

import { suitableType } from "./endpoint";
import type { Endpoint } from "./types";

/** Types on which the `alias` property is allowed at all. */
const ALIAS_TYPES = new Set(["A", "AAAA", "CNAME"]);

/**
 * Why external-dns would refuse this endpoint, or undefined when it is valid. Mirrors the order of
 * the upstream checks so the message names the first rule that failed.
 */
export function endpointProblem(ep: Endpoint): string | undefined {
  const alias = ep.providerSpecific.find((p) => p.name === "alias");
  // Upstream tests for the property's presence, not its value: alias=false on a TXT is refused too.
  if (alias && !ALIAS_TYPES.has(ep.recordType)) {
    return `${ep.recordType} records cannot carry the alias property`;
  }
  switch (ep.recordType) {
    case "A":
    case "AAAA":
      if (alias?.value === "true") return undefined;
      return ipProblem(ep.recordType, ep.targets);
    case "MX":
      return firstProblem(ep.targets, mxProblem);
    case "SRV":
      return firstProblem(ep.targets, srvProblem);
    case "PTR":
      return ptrProblem(ep);
    default:
      return undefined;
  }
}

function firstProblem(targets: string[], check: (t: string) => string | undefined): string | undefined {
  for (const t of targets) {
    const p = check(t);
    if (p) return p;
  }
  return undefined;
}

/** netip.ParseAddr semantics, through the same parser type inference uses. */
function ipFamily(target: string): 4 | 6 | undefined {
  const t = suitableType(target);
  return t === "A" ? 4 : t === "AAAA" ? 6 : undefined;
}

function ipProblem(type: "A" | "AAAA", targets: string[]): string | undefined {
  for (const t of targets) {
    const family = ipFamily(t);
    if (family === undefined) return `${type} target "${t}" is not an IP address`;
    if (type === "A" && family === 6) return `A target "${t}" is an IPv6 address`;
    if (type === "AAAA" && family === 4) return `AAAA target "${t}" is an IPv4 address`;
  }
  return undefined;
}

/** Go's strconv.ParseUint(s, 10, 16): digits only, at most 65535. */
function isUint16(s: string): boolean {
  return /^\d+$/.test(s) && Number(s) <= 65535;
}

function fields(s: string): string[] {
  return s.trim().split(/\s+/).filter((f) => f !== "");
}

function mxProblem(target: string): string | undefined {
  const parts = fields(target);
  if (parts.length !== 2) return `MX target "${target}" must be "<preference> <host>", e.g. "10 mail.example.com"`;
  if (!isUint16(parts[0])) return `MX target "${target}" has a preference that is not a 16-bit number`;
  return undefined;
}

function srvProblem(target: string): string | undefined {
  const parts = fields(target);
  if (parts.length !== 4) {
    return `SRV target "${target}" must be "<priority> <weight> <port> <host.>", e.g. "10 5 5060 sip.example.com."`;
  }
  if (!parts[3].endsWith(".")) return `SRV target "${target}": the host must end with a dot`;
  if (!parts.slice(0, 3).every(isUint16)) return `SRV target "${target}" has a priority, weight or port that is not a 16-bit number`;
  return undefined;
}

function ptrProblem(ep: Endpoint): string | undefined {
  const name = ep.dnsName.toLowerCase();
  const reverse = [".in-addr.arpa", ".ip6.arpa"].some((suffix) => {
    if (!name.endsWith(suffix)) return false;
    const head = name.slice(0, -suffix.length);
    return head.length > 0 && !head.startsWith(".");
  });
  if (!reverse) return `PTR name "${ep.dnsName}" is not under in-addr.arpa or ip6.arpa`;
  if (ep.targets.length === 0) return "PTR record without targets";
  for (const t of ep.targets) {
    if (t.trim() === "") return "PTR record with an empty target";
    if (ipFamily(t) !== undefined) return `PTR target "${t}" is an IP address, not a hostname`;
  }
  return undefined;
}
