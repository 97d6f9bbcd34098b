// Session cookies of token mode and the CSRF tokens of every mode, both HMACs under the
// server's secret. A session names its login token by a non-secret id, so removing a token
// from the configuration ends its sessions, and names and groups always come from the
// current configuration, not from the cookie.

import crypto from "node:crypto";

export const SESSION_COOKIE = "dnsdrift_session";
export const CSRF_HEADER = "x-csrf-token";

export interface SessionClaims {
  /** Random per login: what the CSRF token is bound to. */
  sid: string;
  /** TokenEntry.id of the token used to log in. */
  kid: string;
  iat: number;
  exp: number;
}

function mac(secret: Buffer, purpose: string, data: string): string {
  return crypto.createHmac("sha256", secret).update(`${purpose}\0${data}`).digest("base64url");
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function newSession(kid: string, ttlSeconds: number, now = Date.now()): SessionClaims {
  const iat = Math.floor(now / 1000);
  return { sid: crypto.randomBytes(18).toString("base64url"), kid, iat, exp: iat + ttlSeconds };
}

export function signSession(claims: SessionClaims, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${mac(secret, "session", payload)}`;
}

export function verifySession(value: string, secret: Buffer, now = Date.now()): SessionClaims | undefined {
  const dot = value.indexOf(".");
  if (dot < 0) return undefined;
  const payload = value.slice(0, dot);
  if (!equal(value.slice(dot + 1), mac(secret, "session", payload))) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as SessionClaims;
    if (typeof claims.sid !== "string" || typeof claims.kid !== "string" || typeof claims.exp !== "number") return undefined;
    return claims.exp * 1000 > now ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** A synchronizer token: bound to one session (or one proxy user), useless to anyone else. */
export function csrfToken(binding: string, secret: Buffer): string {
  return mac(secret, "csrf", binding);
}

export function checkCsrf(presented: string | null, binding: string, secret: Buffer): boolean {
  return Boolean(presented) && equal(presented!, csrfToken(binding, secret));
}

/** Every value of a cookie: a sibling subdomain may have planted one more under the same name. */
export function cookieValues(req: Request, name: string): string[] {
  const header = req.headers.get("cookie") ?? "";
  return header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}

export function isHttps(req: Request): boolean {
  const forwarded = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : new URL(req.url).protocol === "https:";
}

export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", 0, secure);
}
