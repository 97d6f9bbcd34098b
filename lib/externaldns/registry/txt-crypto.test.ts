import { describe, expect, it } from "vitest";
import { createCipheriv } from "node:crypto";
import { decryptText, deriveNonce, encryptText, parseAesKey } from "./txt-crypto";

const RAW_KEY = "0123456789abcdef0123456789abcdef"; // 32 bytes as text
const key = parseAesKey(RAW_KEY)!;
const text = "heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/app";

describe("parseAesKey", () => {
  it.each([
    ["32 raw bytes", RAW_KEY, true],
    ["base64 of 32 bytes", Buffer.alloc(32, 7).toString("base64"), true],
    ["base64 of 16 bytes", Buffer.alloc(16, 7).toString("base64"), false],
    ["too short", "short", false],
    ["empty", "", false],
  ])("%s", (_, k, ok) => {
    expect(parseAesKey(k) !== undefined).toBe(ok);
  });
});

describe("encryptText / decryptText", () => {
  it("round-trips and reports the nonce", () => {
    const nonce = Buffer.alloc(12, 1).toString("base64");
    const sealed = encryptText(text, key, nonce);
    expect(decryptText(sealed, key)).toEqual({ plaintext: text, nonce });
  });

  it("is deterministic for a given nonce, and the nonce is the first 12 bytes", () => {
    const nonce = deriveNonce(text, key);
    expect(encryptText(text, key, nonce)).toBe(encryptText(text, key, nonce));
    expect(Buffer.from(encryptText(text, key, nonce), "base64").subarray(0, 12).toString("base64")).toBe(nonce);
    expect(deriveNonce(text + "x", key)).not.toBe(nonce);
  });

  it("fails (→ plain-text fallback) for plain content, a wrong key or tampered data", () => {
    expect(decryptText(text, key)).toBeUndefined();
    const sealed = encryptText(text, key, deriveNonce(text, key));
    expect(decryptText(sealed, parseAesKey("x".repeat(32))!)).toBeUndefined();
    const bytes = Buffer.from(sealed, "base64");
    bytes[bytes.length - 1] ^= 1;
    expect(decryptText(bytes.toString("base64"), key)).toBeUndefined();
    expect(decryptText("AAAA", key)).toBeUndefined();
  });

  it("accepts sealed data that was never gzip-compressed (older writers)", () => {
    const nonce = Buffer.alloc(12, 9);
    const c = createCipheriv("aes-256-gcm", key, nonce);
    const body = Buffer.concat([c.update(Buffer.from(text)), c.final()]);
    const sealed = Buffer.concat([nonce, body, c.getAuthTag()]).toString("base64");
    expect(decryptText(sealed, key)?.plaintext).toBe(text);
  });
});
