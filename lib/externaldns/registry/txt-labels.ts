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
  return s.replace(/^"+/, "").replace(/"+$/, "");
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
  for (const token of trimQuotes(content).split(",")) {
    const parts = token.split("=");
    if (parts.length !== 2) continue;
    const [key, value] = parts;
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

/** A class, not a plain object, so a TXT carrying a label literally named "error" stays distinguishable. */
export class LabelError {
  constructor(readonly error: string) {}
}

export function isLabelError(r: Record<string, string> | { error: string }): r is LabelError {
  return r instanceof LabelError;
}
