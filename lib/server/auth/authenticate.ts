// Who is asking, by the configured mode. Only this module reads credentials off a request.

import type { AuthSettings } from "./config";
import { isLoopbackHost, isTrustedAddress, peerAddress, serverBinding, type ServerBinding } from "./peer";
import type { SessionRevocations } from "./revocations";
import { cookieValues, SESSION_COOKIE, verifySession } from "./session";
import { findToken, tokenById } from "./tokens";

export interface Identity {
  name: string;
  email?: string;
  groups: string[];
  via: "proxy" | "token" | "none";
  /**
   * How the request carried it. Everything but "bearer" is sent by the browser on its own
   * (a cookie, the auth proxy's cookie, or nothing at all on localhost), so those need the
   * Origin check and the CSRF token on writes.
   */
  credential: "bearer" | "cookie" | "proxy" | "none";
  /** What this identity's CSRF token is bound to. */
  csrfBinding: string;
  /** When a session cookie runs out. */
  expiresAt?: string;
  /** The session a cookie names, so logout can revoke it. */
  session?: { sid: string; exp: number };
}

export type Authentication =
  | { ok: true; identity: Identity }
  | { ok: false; status: 401 | 403 | 503; code: string; message: string };

const unauthenticated = (message: string): Authentication => ({ ok: false, status: 401, code: "unauthenticated", message });

function requestHost(req: Request): string {
  return req.headers.get("host") ?? new URL(req.url).host;
}

function local(req: Request, binding: ServerBinding | undefined): Authentication {
  if (!binding || !isLoopbackHost(binding.host)) {
    return {
      ok: false,
      status: 503,
      code: "auth-misconfigured",
      message: "DNSDRIFT_AUTH_MODE=none is only served by dnsdrift's own server entry (npm start) listening on localhost",
    };
  }
  // A page on another site can make the browser reach 127.0.0.1 under its own name (DNS
  // rebinding); it cannot make the browser send a loopback Host header.
  if (!isLoopbackHost(requestHost(req))) {
    return { ok: false, status: 403, code: "host-not-allowed", message: "without login, dnsdrift answers only requests addressed to localhost" };
  }
  return { ok: true, identity: { name: "local", groups: [], via: "none", credential: "none", csrfBinding: "none:local" } };
}

function proxied(req: Request, auth: AuthSettings, binding: ServerBinding | undefined): Authentication {
  if (!binding) {
    return {
      ok: false,
      status: 503,
      code: "auth-misconfigured",
      message: "DNSDRIFT_AUTH_MODE=proxy needs dnsdrift's own server entry (npm start), which records each connection's address",
    };
  }
  if (!isTrustedAddress(peerAddress(req, binding), auth.trustedProxies)) {
    return unauthenticated("not signed in: identity headers are accepted only from the trusted auth proxy");
  }
  const name = req.headers.get("x-forwarded-user")?.trim();
  if (!name) return unauthenticated("not signed in: the auth proxy sent no X-Forwarded-User");
  const email = req.headers.get("x-forwarded-email")?.trim() || undefined;
  const groups = (req.headers.get("x-forwarded-groups") ?? "").split(",").map((g) => g.trim()).filter(Boolean);
  return { ok: true, identity: { name, ...(email ? { email } : {}), groups, via: "proxy", credential: "proxy", csrfBinding: `proxy:${name}` } };
}

function tokened(req: Request, auth: AuthSettings, now: number, revoked?: SessionRevocations): Authentication {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const entry = token ? findToken(auth.tokens, token) : undefined;
    if (!entry) return unauthenticated("the bearer token is not valid");
    return {
      ok: true,
      identity: { name: entry.name, groups: entry.groups, via: "token", credential: "bearer", csrfBinding: `bearer:${entry.id}` },
    };
  }
  for (const value of cookieValues(req, SESSION_COOKIE)) {
    const signed = verifySession(value, auth.sessionSecret, now);
    const claims = signed && !revoked?.has(signed.sid) ? signed : undefined;
    const entry = claims && tokenById(auth.tokens, claims.kid);
    if (claims && entry) {
      return {
        ok: true,
        identity: {
          name: entry.name,
          groups: entry.groups,
          via: "token",
          credential: "cookie",
          csrfBinding: `session:${claims.sid}`,
          expiresAt: new Date(claims.exp * 1000).toISOString(),
          session: { sid: claims.sid, exp: claims.exp },
        },
      };
    }
  }
  return unauthenticated("not signed in: log in at /login, or send Authorization: Bearer <token>");
}

/** `revoked`: the runtime's logged-out sessions (the route handlers always pass it). */
export function authenticate(
  req: Request,
  auth: AuthSettings,
  binding: ServerBinding | undefined = serverBinding(),
  now = Date.now(),
  revoked?: SessionRevocations,
): Authentication {
  switch (auth.mode) {
    case "none":
      return local(req, binding);
    case "proxy":
      return proxied(req, auth, binding);
    case "token":
      return tokened(req, auth, now, revoked);
  }
}
