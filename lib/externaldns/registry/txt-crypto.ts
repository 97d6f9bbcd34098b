// --txt-encrypt-enabled content (endpoint/crypto.go): gzip, then AES-256-GCM with a 12-byte
// nonce prepended to the sealed data, then base64. Deterministic computation only, but it needs
// node:crypto and node:zlib, so it is kept out of the browser-safe modules.

import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import { gunzipSync, gzipSync, constants as zlib } from "node:zlib";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

// Go's base64.StdEncoding is strict (padding required, no whitespace); Buffer.from is not.
function strictBase64(s: string): Buffer | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return Buffer.from(s, "base64");
}

/**
 * --txt-encrypt-aes-key: 32 bytes as given, else the base64 of 32 bytes; anything else is a
 * startup error in external-dns (undefined here). An empty key means "no key".
 */
export function parseAesKey(key: string): Buffer | undefined {
  if (key === "") return undefined;
  const raw = Buffer.from(key, "utf8");
  if (raw.length === 32) return raw;
  const decoded = strictBase64(key);
  return decoded && decoded.length === 32 ? decoded : undefined;
}

export interface Decrypted {
  plaintext: string;
  /** base64 of the 12-byte nonce, as kept in the hidden txt-encryption-nonce label. */
  nonce: string;
}

/** DecryptText on the unquoted content; undefined whenever external-dns would fall back to plain text. */
export function decryptText(text: string, key: Buffer): Decrypted | undefined {
  const data = strictBase64(text);
  if (!data || data.length <= NONCE_BYTES + TAG_BYTES - 1) return undefined;
  const nonce = data.subarray(0, NONCE_BYTES);
  const sealed = data.subarray(NONCE_BYTES);
  if (sealed.length < TAG_BYTES) return undefined;
  let opened: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    opened = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
  let plain: Buffer;
  try {
    plain = gunzipSync(opened);
  } catch {
    // Content written before compression was added is used as it is.
    plain = opened;
  }
  return { plaintext: plain.toString("utf8"), nonce: nonce.toString("base64") };
}

/** EncryptText: base64(nonce ‖ AES-GCM(gzip(text))), without quotes. */
export function encryptText(text: string, key: Buffer, nonceB64: string): string {
  const nonce = Buffer.alloc(NONCE_BYTES);
  Buffer.from(nonceB64, "base64").copy(nonce);
  const compressed = gzipSync(Buffer.from(text, "utf8"), { level: zlib.Z_BEST_COMPRESSION });
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(compressed), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64");
}

/**
 * external-dns draws a random nonce for a TXT it encrypts for the first time. The engine must
 * not depend on randomness, so it derives one from the key and the text instead: the content
 * is equally valid, only its bytes differ from what external-dns would send.
 */
export function deriveNonce(text: string, key: Buffer): string {
  return createHmac("sha256", key).update(text).digest().subarray(0, NONCE_BYTES).toString("base64");
}
