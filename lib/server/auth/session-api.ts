// /api/session: who am I (with the CSRF token the UI sends back on writes), login with a token
// in exchange for a session cookie, and logout.

import { z } from "zod";
import type { SessionResponse } from "../../api/session";
import { handle, json, jsonError, readJsonBody } from "../http";
import { getRuntime } from "../app-runtime";
import { authenticate, type Identity } from "./authenticate";
import { serverBinding } from "./peer";
import type { AuthSettings } from "./config";
import { originVerdict, reviewerFor, unauthenticatedResponse } from "./guard";
import { decideRole } from "./roles";
import { checkCsrf, clearedSessionCookie, csrfToken, CSRF_HEADER, isHttps, newSession, sessionCookie, signSession } from "./session";
import { findToken } from "./tokens";

const loginSchema = z.object({ token: z.string().min(1).max(4096) });

async function sessionOf(identity: Identity, auth: AuthSettings): Promise<SessionResponse> {
  const decision = await decideRole(identity, auth, reviewerFor(auth));
  return {
    mode: auth.mode,
    name: identity.name,
    ...(identity.email ? { email: identity.email } : {}),
    groups: identity.groups,
    role: decision.role,
    csrf: csrfToken(identity.csrfBinding, auth.sessionSecret),
    credential: identity.credential,
    ...(identity.expiresAt ? { expiresAt: identity.expiresAt } : {}),
    ...(decision.note ? { note: decision.note } : {}),
  };
}

/** A browser form that changes the session must show where it comes from. */
function browserOriginProblem(req: Request, auth: AuthSettings): Response | undefined {
  const origin = originVerdict(req, auth);
  if (!origin.ok) return jsonError(403, "cross-origin", origin.message);
  if (origin.evidence === "none") return jsonError(403, "cross-origin", "a request without Origin or Referer may not sign in or out (scripts send Authorization: Bearer instead)");
  return undefined;
}

export function getSession(req: Request): Promise<Response> {
  return handle(async () => {
    const rt = await getRuntime();
    const auth = rt.settings.auth;
    const authn = authenticate(req, auth, serverBinding(), Date.now(), rt.revocations);
    if (!authn.ok) return unauthenticatedResponse(auth, authn.status, authn.code, authn.message);
    return json(await sessionOf(authn.identity, auth));
  });
}

export function login(req: Request): Promise<Response> {
  return handle(async () => {
    const rt = await getRuntime();
    const auth = rt.settings.auth;
    if (auth.mode !== "token") {
      return jsonError(400, "login-not-used", auth.mode === "proxy" ? "sign in through the auth proxy in front of dnsdrift" : "this dashboard runs without login (DNSDRIFT_AUTH_MODE=none)");
    }
    const problem = browserOriginProblem(req, auth);
    if (problem) return problem;
    const body = await readJsonBody(req, 'the body must be JSON: {"token": "…"}');
    if (!body.ok) return body.response;
    const parsed = loginSchema.safeParse(body.value);
    if (!parsed.success) return jsonError(400, "invalid-request", 'the body must be JSON: {"token": "…"}');
    const entry = findToken(auth.tokens, parsed.data.token.trim());
    if (!entry) return unauthenticatedResponse(auth, 401, "invalid-token", "that token is not valid");

    const claims = newSession(entry.id, auth.sessionTtlSeconds);
    const identity: Identity = {
      name: entry.name,
      groups: entry.groups,
      via: "token",
      credential: "cookie",
      csrfBinding: `session:${claims.sid}`,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    };
    const cookie = sessionCookie(signSession(claims, auth.sessionSecret), auth.sessionTtlSeconds, isHttps(req));
    return json(await sessionOf(identity, auth), 200, { "set-cookie": cookie });
  });
}

export function logout(req: Request): Promise<Response> {
  return handle(async () => {
    const rt = await getRuntime();
    const auth = rt.settings.auth;
    const problem = browserOriginProblem(req, auth);
    if (problem) return problem;
    const authn = authenticate(req, auth, serverBinding(), Date.now(), rt.revocations);
    // Signing someone else out is a nuisance attack too: a live session needs its CSRF token.
    if (authn.ok && authn.identity.credential === "cookie" && !checkCsrf(req.headers.get(CSRF_HEADER), authn.identity.csrfBinding, auth.sessionSecret)) {
      return jsonError(403, "csrf", "missing or wrong X-CSRF-Token: fetch it from GET /api/session");
    }
    // Clearing the cookie is the browser's part; the server refuses this session from now on.
    if (authn.ok && authn.identity.session) rt.revocations.revoke(authn.identity.session.sid, authn.identity.session.exp);
    return json({ signedOut: true }, 200, { "set-cookie": clearedSessionCookie(isHttps(req)) });
  });
}
