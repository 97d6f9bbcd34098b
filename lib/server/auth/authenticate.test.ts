import { afterEach, describe, expect, it } from "vitest";
import { authenticate } from "./authenticate";
import { authSettingsFromEnv } from "./config";
import { PEER_HEADER, registerServer, unregisterServer, type ServerBinding } from "./peer";
import { newSession, SESSION_COOKIE, signSession } from "./session";
import { findToken } from "./tokens";

const TOKEN = "approver-token-0123456789";
const TOKENS = JSON.stringify({ [TOKEN]: { name: "ci", groups: ["dns-approvers"] } });
const NOW = Date.parse("2026-03-01T12:00:00Z");

afterEach(() => unregisterServer());

function req(headers: Record<string, string>, url = "http://127.0.0.1:3000/api/state"): Request {
  return new Request(url, { headers });
}
const stamp = (b: ServerBinding, addr: string) => ({ [PEER_HEADER]: `${b.nonce} ${addr}` });
const failure = (a: ReturnType<typeof authenticate>) => (a.ok ? "ok" : `${a.status} ${a.code}`);

describe("mode none", () => {
  const auth = authSettingsFromEnv({});
  it.each([
    ["127.0.0.1:3000", "ok"],
    ["localhost:3000", "ok"],
    ["[::1]:3000", "ok"],
    ["attacker.example:3000", "403 host-not-allowed"],
    ["192.168.1.5:3000", "403 host-not-allowed"],
  ])("Host %s → %s", (host, verdict) => {
    const b = registerServer("127.0.0.1");
    expect(failure(authenticate(req({ host }), auth, b))).toBe(verdict);
  });

  it("is the approver-to-be 'local', with ambient credentials", () => {
    const a = authenticate(req({ host: "localhost" }), auth, registerServer("::1"));
    expect(a).toEqual({ ok: true, identity: { name: "local", groups: [], via: "none", credential: "none", csrfBinding: "none:local" } });
  });

  it.each([
    ["without dnsdrift's server entry", undefined],
    ["on a network address", { host: "0.0.0.0", nonce: "n" }],
  ])("refuses to serve %s", (_, binding) => {
    expect(failure(authenticate(req({ host: "localhost" }), auth, binding))).toBe("503 auth-misconfigured");
  });
});

describe("mode proxy", () => {
  const auth = authSettingsFromEnv({ DNSDRIFT_AUTH_MODE: "proxy", DNSDRIFT_TRUSTED_PROXIES: "10.0.0.0/24" });
  const who = { "x-forwarded-user": "ann", "x-forwarded-email": "ann@example.com", "x-forwarded-groups": "dev, dns-admins,," };

  it("believes the headers from a trusted address", () => {
    const b = registerServer("0.0.0.0");
    expect(authenticate(req({ ...who, ...stamp(b, "10.0.0.7") }), auth, b)).toEqual({
      ok: true,
      identity: { name: "ann", email: "ann@example.com", groups: ["dev", "dns-admins"], via: "proxy", credential: "proxy", csrfBinding: "proxy:ann" },
    });
  });

  it("accepts IPv4-mapped IPv6 peers", () => {
    const b = registerServer("::");
    expect(failure(authenticate(req({ ...who, ...stamp(b, "::ffff:10.0.0.7") }), auth, b))).toBe("ok");
  });

  it.each([
    ["an untrusted peer", (b: ServerBinding) => ({ ...who, ...stamp(b, "10.0.1.7") })],
    ["no stamp", () => who],
    ["a stamp with a guessed nonce", () => ({ ...who, [PEER_HEADER]: "guessed 10.0.0.7" })],
    ["a trusted peer but no user", (b: ServerBinding) => ({ "x-forwarded-email": "ann@example.com", ...stamp(b, "10.0.0.7") })],
    ["a trusted peer and a blank user", (b: ServerBinding) => ({ "x-forwarded-user": "  ", ...stamp(b, "10.0.0.7") })],
  ])("ignores forged identity headers from %s", (_, headers) => {
    const b = registerServer("0.0.0.0");
    expect(failure(authenticate(req(headers(b)), auth, b))).toBe("401 unauthenticated");
  });

  it("cannot work without dnsdrift's server entry", () => {
    expect(failure(authenticate(req(who), auth, undefined))).toBe("503 auth-misconfigured");
  });
});

describe("mode token", () => {
  const auth = authSettingsFromEnv({ DNSDRIFT_AUTH_MODE: "token", DNSDRIFT_AUTH_TOKENS: TOKENS });
  const kid = findToken(auth.tokens, TOKEN)!.id;
  const cookie = (value: string) => ({ cookie: `${SESSION_COOKIE}=${value}` });

  it.each([
    ["a bearer token", { authorization: `Bearer ${TOKEN}` }, "bearer"],
    ["a lower-case scheme", { authorization: `bearer ${TOKEN}` }, "bearer"],
    ["a session cookie", cookie(signSession(newSession(kid, 60, NOW), auth.sessionSecret)), "cookie"],
  ])("accepts %s", (_, headers, credential) => {
    const a = authenticate(req(headers), auth, undefined, NOW);
    expect(a.ok && a.identity).toMatchObject({ name: "ci", groups: ["dns-approvers"], via: "token", credential });
  });

  it("binds the CSRF token of a cookie session to that session", () => {
    const claims = newSession(kid, 60, NOW);
    const a = authenticate(req(cookie(signSession(claims, auth.sessionSecret))), auth, undefined, NOW);
    expect(a.ok && a.identity.csrfBinding).toBe(`session:${claims.sid}`);
    expect(a.ok && a.identity.expiresAt).toBe(new Date((claims.exp) * 1000).toISOString());
  });

  it.each([
    ["nothing", {}],
    ["a wrong bearer token", { authorization: "Bearer approver-token-0123456780" }],
    ["a Basic header", { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` }],
    ["a wrong bearer token next to a good cookie", { authorization: "Bearer nope", ...cookie(signSession(newSession(kid, 60, NOW), auth.sessionSecret)) }],
    ["an expired cookie", cookie(signSession(newSession(kid, 60, NOW - 61_000), auth.sessionSecret))],
    ["a cookie signed by another server", cookie(signSession(newSession(kid, 60, NOW), Buffer.from("z".repeat(32))))],
    ["a cookie of a token no longer configured", cookie(signSession(newSession("gone", 60, NOW), auth.sessionSecret))],
    ["proxy headers", { "x-forwarded-user": "admin", "x-forwarded-groups": "dns-approvers" }],
  ])("refuses %s", (_, headers) => {
    expect(failure(authenticate(req(headers), auth, undefined, NOW))).toBe("401 unauthenticated");
  });
});
