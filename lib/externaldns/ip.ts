// Cheap IP literal checks. ipaddr.js answers "is this an IPv4 address?" by constructing one and
// catching the exception, which costs microseconds per hostname; the engine asks it for every
// host and target, so a syntactic pre-check (that cannot change the answer) comes first.

import ipaddr from "ipaddr.js";

const FOUR_PART_DECIMAL = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/;

// The strings that pass the pre-check are mostly a few Gateway and load-balancer addresses that
// thousands of routes share, each checked again as a type, a validation and a comparison
// (an IPv6 parse is ~1 µs): the answers are remembered, within a bound.
const MEMO_LIMIT = 4096;
const v4Answers = new Map<string, boolean>();
const v6Answers = new Map<string, boolean>();

function remembered(answers: Map<string, boolean>, s: string, check: (s: string) => boolean): boolean {
  let answer = answers.get(s);
  if (answer === undefined) {
    if (answers.size >= MEMO_LIMIT) answers.clear();
    answer = check(s);
    answers.set(s, answer);
  }
  return answer;
}

const parsesAsIPv4 = (s: string) => ipaddr.IPv4.isValid(s);
const parsesAsIPv6 = (s: string) => ipaddr.IPv6.isValid(s);

/** ipaddr.IPv4.isValidFourPartDecimal, with its (pure) regex test moved in front of the parse. */
export function isFourPartIPv4(s: string): boolean {
  return FOUR_PART_DECIMAL.test(s) && remembered(v4Answers, s, parsesAsIPv4);
}

/** ipaddr.IPv6.isValid, only for strings that contain a colon (no IPv6 literal lacks one). */
export function isIPv6Literal(s: string): boolean {
  return s.includes(":") && remembered(v6Answers, s, parsesAsIPv6);
}
