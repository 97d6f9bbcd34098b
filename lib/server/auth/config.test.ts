import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authSettingsFromEnv, authWarnings, AuthConfigError, checkListenAddress } from "./config";
import { findToken } from "./tokens";

const TOKEN = "ci-token-0123456789abcdef";
const TOKENS = JSON.stringify({ [TOKEN]: { name: "ci", groups: ["dns-approvers"] } });

describe("authSettingsFromEnv", () => {
  it("defaults to mode none with a random secret and read-only roles", () => {
    const a = authSettingsFromEnv({});
    expect(a).toMatchObject({ mode: "none", approverGroups: [], viewerGroups: [], reviewUser: "name", reviewCacheSeconds: 30, sessionTtlSeconds: 28800 });
    expect(a.sessionSecret.length).toBe(32);
    expect(authSettingsFromEnv({}).sessionSecret.equals(a.sessionSecret)).toBe(false);
  });

  it("reads every variable", () => {
    const a = authSettingsFromEnv({
      DNSDRIFT_AUTH_MODE: "token",
      DNSDRIFT_AUTH_TOKENS: TOKENS,
      DNSDRIFT_SESSION_SECRET: "x".repeat(40),
      DNSDRIFT_SESSION_TTL_SECONDS: "600",
      DNSDRIFT_APPROVER_GROUPS: "dns-approvers, platform",
      DNSDRIFT_VIEWER_GROUPS: "dev",
      DNSDRIFT_APPROVER_SAR: "verb=update,group=dnsdrift.io,resource=dnssyncs,namespace=dnsdrift",
      DNSDRIFT_VIEWER_SAR: "verb=get,resource=dnssyncs",
      DNSDRIFT_SAR_USER: "email",
      DNSDRIFT_SAR_CACHE_SECONDS: "5",
      DNSDRIFT_ALLOWED_ORIGINS: "https://dns.example.com/, http://localhost:3000",
      DNSDRIFT_TRUSTED_PROXIES: "10.0.0.0/8",
    });
    expect(a).toMatchObject({
      mode: "token",
      sessionTtlSeconds: 600,
      approverGroups: ["dns-approvers", "platform"],
      viewerGroups: ["dev"],
      approverReview: { verb: "update", group: "dnsdrift.io", resource: "dnssyncs", namespace: "dnsdrift" },
      viewerReview: { verb: "get", group: "", resource: "dnssyncs" },
      reviewUser: "email",
      reviewCacheSeconds: 5,
      allowedOrigins: ["https://dns.example.com", "http://localhost:3000"],
    });
    expect(a.sessionSecret.toString()).toBe("x".repeat(40));
    expect(findToken(a.tokens, TOKEN)?.name).toBe("ci");
    expect(a.trustedProxies).toHaveLength(1);
  });

  it("reads tokens from a file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-auth-"));
    try {
      fs.writeFileSync(path.join(dir, "tokens.yaml"), `- name: ci\n  groups: [a]\n  token: ${TOKEN}\n`);
      const a = authSettingsFromEnv({ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS_FILE: path.join(dir, "tokens.yaml") });
      expect(findToken(a.tokens, TOKEN)?.groups).toEqual(["a"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ DNSDRIFT_AUTH_MODE: "oidc" }, /DNSDRIFT_AUTH_MODE must be none, proxy or token/],
    [{ DNSDRIFT_AUTH_MODE: "proxy" }, /proxy needs DNSDRIFT_TRUSTED_PROXIES/],
    [{ DNSDRIFT_AUTH_MODE: "proxy", DNSDRIFT_TRUSTED_PROXIES: "10.0.0.0/40" }, /DNSDRIFT_TRUSTED_PROXIES: "10.0.0.0\/40"/],
    [{ DNSDRIFT_AUTH_MODE: "token" }, /token needs DNSDRIFT_AUTH_TOKENS/],
    [{ DNSDRIFT_AUTH_TOKENS: TOKENS, DNSDRIFT_AUTH_TOKENS_FILE: "/x" }, /not both/],
    [{ DNSDRIFT_AUTH_TOKENS_FILE: "/nonexistent/tokens" }, /cannot read \/nonexistent\/tokens: ENOENT/],
    [{ DNSDRIFT_SESSION_SECRET: "short" }, /at least 32 characters/],
    [{ DNSDRIFT_SESSION_TTL_SECONDS: "0" }, /DNSDRIFT_SESSION_TTL_SECONDS must be/],
    [{ DNSDRIFT_SAR_CACHE_SECONDS: "soon" }, /DNSDRIFT_SAR_CACHE_SECONDS must be/],
    [{ DNSDRIFT_SAR_USER: "uid" }, /DNSDRIFT_SAR_USER must be name or email/],
    [{ DNSDRIFT_APPROVER_SAR: "verb=update" }, /DNSDRIFT_APPROVER_SAR: needs at least verb/],
    [{ DNSDRIFT_VIEWER_SAR: "verb=get,resource=x,colour=blue" }, /DNSDRIFT_VIEWER_SAR: "colour=blue" is not one of/],
    [{ DNSDRIFT_ALLOWED_ORIGINS: "dns.example.com" }, /DNSDRIFT_ALLOWED_ORIGINS: "dns.example.com" is not an origin/],
  ])("refuses %j", (env, message) => {
    expect(() => authSettingsFromEnv(env)).toThrow(AuthConfigError);
    expect(() => authSettingsFromEnv(env)).toThrow(message);
  });
});

describe("checkListenAddress", () => {
  it.each([
    ["none", "127.0.0.1", true],
    ["none", "::1", true],
    ["none", "localhost", true],
    ["none", "0.0.0.0", false],
    ["none", "::", false],
    ["none", "10.1.2.3", false],
    ["none", "dns.example.com", false],
    ["proxy", "0.0.0.0", true],
    ["token", "0.0.0.0", true],
  ])("mode %s on %s → allowed %s", (mode, host, allowed) => {
    const env = { DNSDRIFT_AUTH_MODE: mode, DNSDRIFT_TRUSTED_PROXIES: "10.0.0.1", DNSDRIFT_AUTH_TOKENS: TOKENS };
    const check = () => checkListenAddress(authSettingsFromEnv(env), host);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(/DNSDRIFT_AUTH_MODE=none .* only allowed on localhost/);
  });
});

describe("authWarnings", () => {
  it.each([
    [{}, 0],
    [{ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS: TOKENS }, 1],
    [{ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS: TOKENS, DNSDRIFT_APPROVER_GROUPS: "a" }, 0],
    [{ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS: TOKENS, DNSDRIFT_APPROVER_SAR: "verb=update,resource=x" }, 0],
  ])("%j → %i warnings", (env, n) => {
    expect(authWarnings(authSettingsFromEnv(env))).toHaveLength(n);
  });
});
