import Cloudflare from "cloudflare";
import { describe, expect, it } from "vitest";
import { classifyCloudflareError, InvalidResponseError, retryAfterSeconds } from "./api-errors";

const now = new Date("2026-10-01T12:00:00Z");
const ctx = { what: "zone example.com: listing records", now, secrets: ["sekret-token-1"], timeoutMs: 500 };
const apiError = (status: number, errors: unknown[], headers: Record<string, string> = {}) =>
  Cloudflare.APIError.generate(status, { success: false, errors, messages: [], result: null }, undefined, new Headers(headers));

describe("retryAfterSeconds", () => {
  it.each<[Record<string, string>, number | undefined]>([
    [{ "retry-after": "30" }, 30],
    [{ "retry-after": "1.2" }, 2],
    [{ "retry-after-ms": "1500", "retry-after": "30" }, 2],
    [{ "retry-after": "Thu, 01 Oct 2026 12:01:00 GMT" }, 60],
    [{ "retry-after": "Thu, 01 Oct 2026 11:00:00 GMT" }, 0],
    [{ "retry-after": "soon" }, undefined],
    [{}, undefined],
  ])("%j → %s", (headers, expected) => {
    expect(retryAfterSeconds(new Headers(headers), now)).toBe(expected);
  });
});

describe("classifyCloudflareError", () => {
  it.each<[string, unknown, string, number | undefined]>([
    ["401 invalid token", apiError(401, [{ code: 1000, message: "Invalid API Token" }]), "unauthorized", undefined],
    ["400 malformed Authorization header", apiError(400, [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }]), "unauthorized", undefined],
    ["403 missing permission", apiError(403, [{ code: 10000, message: "Authentication error" }]), "forbidden", undefined],
    ["403 unknown key", apiError(403, [{ code: 9103, message: "Unknown X-Auth-Key or X-Auth-Email" }]), "unauthorized", undefined],
    ["429 with retry-after", apiError(429, [{ code: 971, message: "Please wait" }], { "retry-after": "300" }), "rate-limited", 300],
    ["503 with retry-after", apiError(503, [], { "retry-after": "5" }), "server-error", 5],
    ["500", apiError(500, [{ code: 10002, message: "An unknown error has occurred" }]), "server-error", undefined],
    ["404", apiError(404, [{ code: 7003, message: "Could not route" }]), "not-found", undefined],
    ["400 validation", apiError(400, [{ code: 9005, message: "bad A" }]), "unknown", undefined],
    ["timeout", new Cloudflare.APIConnectionTimeoutError(), "timeout", undefined],
    ["connection refused", new Cloudflare.APIConnectionError({ cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) }), "unreachable", undefined],
    ["not an envelope", new InvalidResponseError("page 1 of the listing is not a Cloudflare API response"), "invalid-response", undefined],
    ["anything else", new Error("boom"), "unknown", undefined],
  ])("%s", (_label, e, code, retryAfter) => {
    const c = classifyCloudflareError(e, ctx);
    expect(c.code).toBe(code);
    expect(c.retryAfter).toBe(retryAfter);
    expect(c.at).toBe(now.toISOString());
    expect(c.message.startsWith("zone example.com: listing records: ")).toBe(true);
  });

  it("keeps Cloudflare's codes, error_chain included, and names them in the message", () => {
    const c = classifyCloudflareError(apiError(400, [{ code: 1004, message: "DNS Validation Error", error_chain: [{ code: 9021, message: "TTL must be…" }] }]), ctx);
    expect(c.cloudflareErrors).toEqual([{ code: 1004, message: "DNS Validation Error" }, { code: 9021, message: "TTL must be…" }]);
    expect(c.message).toContain("HTTP 400: 1004 DNS Validation Error; 9021 TTL must be…");
    expect(c.status).toBe(400);
  });

  it("redacts the token from messages and Cloudflare errors", () => {
    const c = classifyCloudflareError(apiError(401, [{ code: 1000, message: "bad token sekret-token-1" }]), ctx);
    expect(JSON.stringify(c)).not.toContain("sekret-token-1");
    expect(c.cloudflareErrors[0].message).toBe("bad token [redacted]");
  });
});
