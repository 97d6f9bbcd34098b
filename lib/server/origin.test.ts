import { describe, expect, it } from "vitest";
import { checkOrigin, type OriginPolicy } from "./origin";

const plain: OriginPolicy = { allowedOrigins: [], forwardedHostTrusted: false };
const proxied: OriginPolicy = { allowedOrigins: ["https://dns.example.com"], forwardedHostTrusted: true };

function post(headers: Record<string, string>): Request {
  return new Request("http://dnsdrift:3000/api/apply", { method: "POST", headers: { host: "dnsdrift:3000", ...headers } });
}

describe("checkOrigin", () => {
  it.each([
    ["same origin", plain, { origin: "http://dnsdrift:3000" }, "origin"],
    ["same host, other scheme is still the host", plain, { origin: "https://dnsdrift:3000" }, "origin"],
    ["same-origin Referer without Origin", plain, { referer: "http://dnsdrift:3000/plan?x=1" }, "referer"],
    ["no Origin or Referer (a script)", plain, {}, "none"],
    ["no headers but Sec-Fetch-Site same-origin", plain, { "sec-fetch-site": "same-origin" }, "none"],
    ["an allowed origin", proxied, { origin: "https://dns.example.com" }, "origin"],
    ["X-Forwarded-Host from a trusted proxy", proxied, { origin: "https://dns.corp", "x-forwarded-host": "dns.corp" }, "origin"],
    ["cross-site", plain, { origin: "https://evil.example" }, "refused"],
    ["a cross-site Referer", plain, { referer: "https://evil.example/page" }, "refused"],
    ["Origin wins over a same-origin Referer", plain, { origin: "https://evil.example", referer: "http://dnsdrift:3000/" }, "refused"],
    ["another port", plain, { origin: "http://dnsdrift:3001" }, "refused"],
    ["an opaque origin", plain, { origin: "null" }, "refused"],
    ["a malformed Origin", plain, { origin: "::::" }, "refused"],
    ["X-Forwarded-Host from anyone else", plain, { origin: "https://evil.example", "x-forwarded-host": "evil.example" }, "refused"],
    ["no headers but Sec-Fetch-Site cross-site", plain, { "sec-fetch-site": "cross-site" }, "refused"],
    ["no headers but Sec-Fetch-Site same-site", plain, { "sec-fetch-site": "same-site" }, "refused"],
  ])("%s", (_, policy, headers, verdict) => {
    const v = checkOrigin(post(headers), policy);
    expect(v.ok ? v.evidence : "refused").toBe(verdict);
  });
});
