// Request and response shapes of /api/session (who am I, login, logout), shared by the route
// handler and the UI like ./types.ts. Type-only.

export type AuthMode = "none" | "proxy" | "token";
export type Role = "viewer" | "approver";

/** GET /api/session, and the answer to a successful login. */
export interface SessionResponse {
  mode: AuthMode;
  name: string;
  email?: string;
  groups: string[];
  /** null: signed in, but neither a viewer nor an approver. */
  role: Role | null;
  /** Send back as the X-CSRF-Token header on every state-changing request (POST /api/apply). */
  csrf: string;
  /** How this request was signed in: a session cookie, a bearer token, the auth proxy, or nothing (mode none). */
  credential: "bearer" | "cookie" | "proxy" | "none";
  /** When the session cookie runs out. */
  expiresAt?: string;
  /** Why a role could not be decided in full (e.g. Kubernetes did not answer an access review). */
  note?: string;
}

/** POST /api/session (token mode). */
export interface LoginRequest {
  token: string;
}

/** Any 401: the usual error, plus how to sign in. */
export interface UnauthenticatedResponse {
  error: { code: string; message: string };
  auth: { mode: AuthMode; login?: string };
}
