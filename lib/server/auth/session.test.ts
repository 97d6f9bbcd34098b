import { describe, expect, it } from "vitest";
import { checkCsrf, clearedSessionCookie, cookieValues, csrfToken, isHttps, newSession, sessionCookie, signSession, verifySession } from "./session";

const SECRET = Buffer.from("k".repeat(32));
const OTHER = Buffer.from("o".repeat(32));
const NOW = Date.parse("2026-03-01T12:00:00Z");

describe("session cookie", () => {
  const claims = newSession("kid-1", 3600, NOW);
  const value = signSession(claims, SECRET);

  it("round-trips until it expires", () => {
    expect(verifySession(value, SECRET, NOW)).toEqual(claims);
    expect(verifySession(value, SECRET, NOW + 3599_000)).toEqual(claims);
    expect(verifySession(value, SECRET, NOW + 3600_000)).toBeUndefined();
  });

  it.each([
    ["another secret", value, OTHER],
    ["a changed payload", `${Buffer.from(JSON.stringify({ ...claims, kid: "kid-2" })).toString("base64url")}.${value.split(".")[1]}`, SECRET],
    ["a changed signature", `${value.slice(0, -2)}AA`, SECRET],
    ["no signature", value.split(".")[0], SECRET],
    ["garbage", "%%%.###", SECRET],
  ])("is refused with %s", (_, v, secret) => {
    expect(verifySession(v, secret, NOW)).toBeUndefined();
  });

  it("gives every login its own session id", () => {
    expect(newSession("kid-1", 60).sid).not.toBe(newSession("kid-1", 60).sid);
  });
});

describe("CSRF token", () => {
  it.each([
    ["the right token", csrfToken("session:a", SECRET), "session:a", true],
    ["another session's token", csrfToken("session:b", SECRET), "session:a", false],
    ["a token under another secret", csrfToken("session:a", OTHER), "session:a", false],
    ["no token", null, "session:a", false],
    ["an empty token", "", "session:a", false],
  ])("%s → %s", (_, presented, binding, ok) => {
    expect(checkCsrf(presented, binding, SECRET)).toBe(ok);
  });
});

describe("cookie header", () => {
  it.each([
    [false, "dnsdrift_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict"],
    [true, "dnsdrift_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure"],
  ])("secure=%s", (secure, header) => {
    expect(sessionCookie("v", 60, secure)).toBe(header);
  });

  it("clears with Max-Age=0", () => {
    expect(clearedSessionCookie(true)).toMatch(/^dnsdrift_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict; Secure$/);
  });

  it("reads every value of the cookie", () => {
    const req = new Request("http://x/", { headers: { cookie: "a=1; dnsdrift_session=one; dnsdrift_session_x=no; dnsdrift_session=two" } });
    expect(cookieValues(req, "dnsdrift_session")).toEqual(["one", "two"]);
  });

  it.each([
    ["http://x/", {}, false],
    ["https://x/", {}, true],
    ["http://x/", { "x-forwarded-proto": "https" }, true],
    ["https://x/", { "x-forwarded-proto": "http" }, false],
  ])("isHttps(%s, %j) → %s", (url, headers, https) => {
    expect(isHttps(new Request(url, { headers }))).toBe(https);
  });
});
