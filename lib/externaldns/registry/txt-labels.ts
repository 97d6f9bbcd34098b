// The plain-text content of an ownership TXT (endpoint/labels.go): labels ↔
// "heritage=external-dns,external-dns/<key>=<value>,…". Encryption wraps this; see txt-crypto.ts.

import { byteOrder } from "../endpoint";

export const HERITAGE = "external-dns";
/** Hidden label holding the nonce of an encrypted TXT so it can be re-encrypted identically. */
export const ENCRYPTION_NONCE_LABEL = "txt-encryption-nonce";

/** heritage first, then every label as external-dns/<key>=<value>, keys in byte order. */
export function serializeLabels(labels: Record<string, string>, quoted = true): string {
  const tokens = [`heritage=${HERITAGE}`];
  for (const key of Object.keys(labels).sort(byteOrder)) tokens.push(`${HERITAGE}/${key}=${labels[key]}`);
  const text = tokens.join(",");
  return quoted ? `"${text}"` : text;
}

/** strings.Trim(s, `"`): every leading and trailing double quote goes. */
export function trimQuotes(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && s.charCodeAt(from) === 34) from++;
  while (to > from && s.charCodeAt(to - 1) === 34) to--;
  return from === 0 && to === s.length ? s : s.slice(from, to);
}

/**
 * NewLabelsFromStringPlain. Tokens are split on ","; a token counts only when it contains
 * exactly one "=" (upstream splits on every "=" and skips anything but two parts, so
 * `a=b=c` is ignored, not read as a=“b=c”). Any heritage other than external-dns, or none at
 * all, makes the whole content a non-registry TXT.
 */
export function parseLabels(content: string): Record<string, string> | { error: string } {
  const labels: Record<string, string> = {};
  let heritage = false;
  // Walks the tokens in place: this runs for every TXT record of every zone, and the split/regex
  // version's temporary arrays and strings were a visible share of a large plan's run.
  const text = trimQuotes(content);
  for (let start = 0; start <= text.length; ) {
    const comma = text.indexOf(",", start);
    const end = comma < 0 ? text.length : comma;
    const tokenStart = start;
    start = end + 1;
    const eq = text.indexOf("=", tokenStart);
    if (eq < 0 || eq >= end) continue; // no "=" in this token
    const second = text.indexOf("=", eq + 1);
    if (second >= 0 && second < end) continue; // more than one "="
    const value = text.slice(eq + 1, end);
    // The labels every TXT has take their names from constants: a sliced name would be a new
    // string to intern as a property key for each of 20,000 TXTs.
    const common = commonLabel(text, tokenStart, eq);
    if (common !== undefined) {
      labels[common] = value;
      continue;
    }
    const key = text.slice(tokenStart, eq);
    if (key === "heritage") {
      if (value !== HERITAGE) return new LabelError(`heritage is "${value}", not ${HERITAGE}`);
      heritage = true;
      continue;
    }
    if (key.startsWith(HERITAGE)) {
      labels[key.startsWith(`${HERITAGE}/`) ? key.slice(HERITAGE.length + 1) : key] = value;
    }
  }
  if (!heritage) return new LabelError(`no heritage=${HERITAGE} token`);
  return labels;
}

const COMMON_LABELS = ["owner", "resource"];

/** "owner" for the token name "external-dns/owner" at text[from, to), likewise "resource"; else undefined. */
function commonLabel(text: string, from: number, to: number): string | undefined {
  for (const name of COMMON_LABELS) {
    if (to - from === HERITAGE.length + 1 + name.length && text.startsWith(name, to - name.length) && text.charCodeAt(from + HERITAGE.length) === 47 && text.startsWith(HERITAGE, from)) {
      return name;
    }
  }
  return undefined;
}

/** A class, not a plain object, so a TXT carrying a label literally named "error" stays distinguishable. */
export class LabelError {
  constructor(readonly error: string) {}
}

export function isLabelError(r: Record<string, string> | { error: string }): r is LabelError {
  return r instanceof LabelError;
}
