import { describe, expect, it } from "vitest";
import { DEFAULT_BASE_URL, redactSecrets, resolveCloudflareBaseURL, resolveCloudflareToken, TokenConfigError } from "./token";

const files: Record<string, string> = { "/run/secrets/cf": "file-token-123456\n", "/empty": "  \n" };
const readFile = (p: string) => {
  if (p in files) return files[p];
  throw Object.assign(new Error(`ENOENT: no such file '${p}'`), { code: "ENOENT" });
};

describe("resolveCloudflareToken", () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ["CF_API_TOKEN", { CF_API_TOKEN: "  direct-token-abc \n" }, "direct-token-abc"],
    ["CF_API_TOKEN=file:<path> (external-dns)", { CF_API_TOKEN: "file:/run/secrets/cf" }, "file-token-123456"],
    ["CF_API_TOKEN_FILE", { CF_API_TOKEN_FILE: "/run/secrets/cf" }, "file-token-123456"],
    ["CF_API_TOKEN wins over CF_API_TOKEN_FILE", { CF_API_TOKEN: "direct-token-abc", CF_API_TOKEN_FILE: "/run/secrets/cf" }, "direct-token-abc"],
    ["nothing set", {}, undefined],
    ["blank CF_API_TOKEN", { CF_API_TOKEN: "  " }, undefined],
  ])("%s", (_label, env, expected) => {
    expect(resolveCloudflareToken(env, readFile)).toBe(expected);
  });

  it.each([
    [{ CF_API_TOKEN: "file:/missing" }, "CF_API_TOKEN: cannot read token file /missing (ENOENT)"],
    [{ CF_API_TOKEN_FILE: "/empty" }, "CF_API_TOKEN_FILE: token file /empty is empty"],
  ])("explains a bad token file %j", (env, message) => {
    expect(() => resolveCloudflareToken(env, readFile)).toThrow(new TokenConfigError(message));
  });
});

describe("resolveCloudflareBaseURL", () => {
  it.each<[string | undefined, Record<string, string>, string]>([
    [undefined, {}, DEFAULT_BASE_URL],
    [undefined, { CF_API_BASE_URL: "http://127.0.0.1:8787/client/v4/" }, "http://127.0.0.1:8787/client/v4"],
    ["http://emu/client/v4", { CF_API_BASE_URL: "http://other" }, "http://emu/client/v4"],
  ])("option %s with env %j", (explicit, env, expected) => {
    expect(resolveCloudflareBaseURL(explicit, env)).toBe(expected);
  });
});

describe("redactSecrets", () => {
  it.each<[string, string[], string]>([
    ["Bearer abcdef123 failed", ["abcdef123"], "Bearer [redacted] failed"],
    ["a=abc%2Fdef123&b=abc/def123", ["abc/def123"], "a=[redacted]&b=[redacted]"],
    ["x abcdef123 y abcdef123", ["abcdef123"], "x [redacted] y [redacted]"],
    ["too short to search: abc", ["abc"], "too short to search: abc"],
    ["nothing here", ["abcdef123", ""], "nothing here"],
  ])("%s", (text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });
});
