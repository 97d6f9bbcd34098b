// Whether the public sees external-dns's ownership TXT records. Content is not checked: with
// --txt-encrypt-enabled the value is ciphertext, and any TXT at the registry name is the claim.

import { failureOf, followChain } from "./answer-view";
import type { DohAnswer } from "./types";

/** true: a TXT is visible at one of the names; false: none is; undefined: could not tell. */
export function ownershipVisibleTo(answers: readonly DohAnswer[] | undefined): boolean | undefined {
  if (!answers || answers.length === 0) return undefined;
  if (answers.some((a) => !failureOf(a) && followChain(a.name, a.answers, "TXT").addresses.length > 0)) return true;
  return answers.every((a) => !failureOf(a)) ? false : undefined;
}

/** Over resolvers: visible only when every resolver that could tell sees it. */
export function ownershipVisibleOverall(perResolver: readonly (boolean | undefined)[]): boolean | undefined {
  const known = perResolver.filter((v): v is boolean => v !== undefined);
  if (known.length === 0) return undefined;
  return known.every((v) => v);
}

/** Longest negative-cache wait among the ownership answers that came back empty. */
export function ownershipNegativeTtl(answers: readonly DohAnswer[] | undefined): number | undefined {
  const ttls = (answers ?? []).map((a) => a.authorityMinTtl).filter((t): t is number => t !== undefined);
  return ttls.length > 0 ? Math.max(...ttls) : undefined;
}
