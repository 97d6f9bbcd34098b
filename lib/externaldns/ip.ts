// Cheap IP literal checks. ipaddr.js answers "is this an IPv4 address?" by constructing one and
// catching the exception, which costs microseconds per hostname; the engine asks it for every
// host and target, so a syntactic pre-check (that cannot change the answer) comes first.

import ipaddr from "ipaddr.js";

const FOUR_PART_DECIMAL = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/;

/** ipaddr.IPv4.isValidFourPartDecimal, with its (pure) regex test moved in front of the parse. */
export function isFourPartIPv4(s: string): boolean {
  return FOUR_PART_DECIMAL.test(s) && ipaddr.IPv4.isValid(s);
}

/** ipaddr.IPv6.isValid, only for strings that contain a colon (no IPv6 literal lacks one). */
export function isIPv6Literal(s: string): boolean {
  return s.includes(":") && ipaddr.IPv6.isValid(s);
}
