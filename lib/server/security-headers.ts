// The response headers that keep dnsdrift's pages out of other sites' frames and keep browsers
// from guessing content types or leaking URLs. Pages get a strict Content-Security-Policy with a
// per-request nonce (set in proxy.ts, which Next reads to stamp its own scripts); everything else
// (JSON, metrics, static files) gets a policy that allows nothing at all.

/** On every response. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  // The Origin check falls back to a same-origin Referer, so same-origin requests keep it.
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
};

/** Responses that are never rendered as a page: nothing may load, nobody may frame them. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...STATIC_SECURITY_HEADERS,
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

/**
 * The pages' policy. Scripts only with this response's nonce ('strict-dynamic' lets Next's
 * loader add its chunks); no eval outside development (React's dev tooling needs it); style
 * attributes are allowed because layout code (virtualised tables) sets them, style elements
 * only from the origin or with the nonce.
 */
export function pagePolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-inline'" : ""}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
