// The one gate every API route handler goes through: authentication, then the role the route
// needs, then — for state-changing requests — the Origin check and the CSRF token.

import type { Actor } from "../apply";
import { handle, json, jsonError } from "../http";
import { loadKubeConfig } from "../../kube/kubeconfig";
import { checkOrigin, type OriginVerdict } from "../origin";
import { getRuntime } from "../app-runtime";
import type { Runtime } from "../runtime";
import { cachedReviewer, kubeAccessReviewer, type AccessReviewer } from "./access-review";
import { authenticate, type Identity } from "./authenticate";
import type { AuthSettings } from "./config";
import { isTrustedAddress, peerAddress, serverBinding } from "./peer";
import { atLeast, decideRole, type Role } from "./roles";
import { checkCsrf, CSRF_HEADER } from "./session";
import { clusterSettingsFromEnv } from "../settings";

export interface Authorized {
  rt: Runtime;
  identity: Identity;
  role: Role;
  actor: Actor;
}

export interface GuardOptions {
  /** A state-changing request: needs a same-origin browser and, unless bearer, the CSRF token. */
  write?: boolean;
}

const reviewers = new WeakMap<AuthSettings, AccessReviewer>();

/** One cached reviewer per configuration, talking to the cluster dnsdrift reads from. */
export function reviewerFor(auth: AuthSettings): AccessReviewer {
  let r = reviewers.get(auth);
  if (!r) {
    const kube = kubeAccessReviewer(() => {
      const c = clusterSettingsFromEnv();
      return loadKubeConfig({ kubeconfigPath: c.kubeconfigPath, context: c.context }, c.env);
    });
    r = cachedReviewer(kube, auth.reviewCacheSeconds * 1000);
    reviewers.set(auth, r);
  }
  return r;
}

export function originVerdict(req: Request, auth: AuthSettings): OriginVerdict {
  return checkOrigin(req, {
    allowedOrigins: auth.allowedOrigins,
    forwardedHostTrusted: isTrustedAddress(peerAddress(req), auth.trustedProxies),
  });
}

/** The 401 answer: says how to sign in, so the UI can send the person to the login page. */
export function unauthenticatedResponse(auth: AuthSettings, status: number, code: string, message: string): Response {
  const headers: Record<string, string> = status === 401 && auth.mode === "token" ? { "www-authenticate": 'Bearer realm="dnsdrift"' } : {};
  return json({ error: { code, message }, auth: { mode: auth.mode, ...(auth.mode === "token" ? { login: "/login" } : {}) } }, status, headers);
}

function roleMessage(identity: Identity, role: Role | null, need: Role, note?: string): string {
  const who = `${identity.name} is ${role === "viewer" ? "a viewer" : "not allowed to use this dashboard"}`;
  const what = need === "approver" ? "approving changes needs the approver role" : "viewing needs the viewer role";
  return `${who}; ${what}${note ? ` (${note})` : ""}`;
}

export async function authorize(req: Request, need: Role, opts: GuardOptions = {}): Promise<Authorized | Response> {
  const rt = await getRuntime();
  const auth = rt.settings.auth;
  const origin = opts.write ? originVerdict(req, auth) : undefined;
  if (origin && !origin.ok) return jsonError(403, "cross-origin", origin.message);

  const authn = authenticate(req, auth, serverBinding(), Date.now(), rt.revocations);
  if (!authn.ok) return unauthenticatedResponse(auth, authn.status, authn.code, authn.message);
  const { identity } = authn;
  const ambient = identity.credential !== "bearer";
  if (origin?.ok && origin.evidence === "none" && ambient) {
    return jsonError(403, "cross-origin", "a browser request without Origin or Referer may not change anything");
  }

  const decision = await decideRole(identity, auth, reviewerFor(auth));
  if (!atLeast(decision.role, need)) return jsonError(403, "forbidden", roleMessage(identity, decision.role, need, decision.note));

  if (opts.write && ambient && !checkCsrf(req.headers.get(CSRF_HEADER), identity.csrfBinding, auth.sessionSecret)) {
    return jsonError(403, "csrf", "missing or wrong X-CSRF-Token: fetch it from GET /api/session");
  }
  const role = decision.role!;
  const actor: Actor = { name: identity.name, ...(identity.email ? { email: identity.email } : {}), groups: identity.groups, role, via: identity.via };
  return { rt, identity, role, actor };
}

/** A route handler body behind the gate, with JSON errors for anything unexpected. */
export function guarded(req: Request, need: Role, fn: (a: Authorized) => Promise<Response>, opts: GuardOptions = {}): Promise<Response> {
  return handle(async () => {
    const a = await authorize(req, need, opts);
    return a instanceof Response ? a : fn(a);
  });
}
