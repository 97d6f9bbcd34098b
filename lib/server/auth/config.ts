// Who may look and who may approve: the authentication and authorisation settings, read from
// the environment once at start and checked there, so a typo refuses to start instead of
// silently opening the dashboard.
//
// Environment (for the README):
//
//   DNSDRIFT_AUTH_MODE            none | proxy | token (default none).
//                                 none:  no login; everyone is the approver "local". Allowed only
//                                        when the server listens on loopback (HOST / --hostname
//                                        127.0.0.1, ::1 or localhost) and is started by dnsdrift's
//                                        own entry (`npm start`, bin/serve.ts); requests must name
//                                        a loopback Host (DNS-rebinding guard).
//                                 proxy: trusts X-Forwarded-User, X-Forwarded-Email and
//                                        X-Forwarded-Groups (comma list) as set by oauth2-proxy or
//                                        similar, only from DNSDRIFT_TRUSTED_PROXIES. The proxy must
//                                        strip these headers from what clients send.
//                                 token: bearer tokens from DNSDRIFT_AUTH_TOKENS(_FILE), sent as
//                                        `Authorization: Bearer …` by scripts, or exchanged on the
//                                        /login page (POST /api/session) for a session cookie.
//   DNSDRIFT_TRUSTED_PROXIES      proxy mode (required): addresses/CIDRs the proxy connects from,
//                                 comma list, e.g. "10.42.0.0/16,127.0.0.1". Their
//                                 X-Forwarded-Host is also believed by the Origin check.
//   DNSDRIFT_AUTH_TOKENS          token mode: YAML or JSON, either a map
//                                 `{"<token>": {name: ci, groups: [dns-approvers]}}` or a list
//                                 `[{name: ci, groups: [...], token: "<token>" | sha256: "<hex>"}]`.
//                                 Tokens are at least 16 characters; only their SHA-256 is kept.
//   DNSDRIFT_AUTH_TOKENS_FILE     the same, read from a file (a mounted Secret). One of the two.
//   DNSDRIFT_SESSION_SECRET       ≥ 32 characters; signs session cookies and CSRF tokens. Unset:
//                                 random per process (sessions end on restart; with several
//                                 replicas set it, or logins bounce between pods).
//   DNSDRIFT_SESSION_TTL_SECONDS  session cookie lifetime (default 28800 = 8 h).
//   DNSDRIFT_APPROVER_GROUPS      comma list: members are approvers.
//   DNSDRIFT_VIEWER_GROUPS        comma list: members are viewers. Unset (and no viewer review):
//                                 every authenticated person is a viewer.
//   DNSDRIFT_APPROVER_SAR         approver by Kubernetes SubjectAccessReview, e.g.
//                                 "verb=update,group=dnsdrift.io,resource=dnssyncs,namespace=dnsdrift"
//                                 (keys: verb, resource required; group, namespace, name,
//                                 subresource, version optional). Needs RBAC `create` on
//                                 subjectaccessreviews.authorization.k8s.io for dnsdrift's account.
//   DNSDRIFT_VIEWER_SAR           the same for viewers.
//   DNSDRIFT_SAR_USER             name | email: which identity field is the review's user (default name).
//   DNSDRIFT_SAR_CACHE_SECONDS    how long a review answer is reused (default 30).
//   DNSDRIFT_ALLOWED_ORIGINS      extra origins allowed to make state-changing requests, comma
//                                 list (e.g. "https://dns.example.com"); the request's own Host
//                                 is always allowed.
//   HOST, PORT                    where bin/serve.ts listens (default 127.0.0.1:3000);
//                                 `--hostname`/`-H` and `--port`/`-p` win.

import crypto from "node:crypto";
import fs from "node:fs";
import { parseAccessCheck, type AccessCheck } from "./access-review";
import { parseCidrList, isLoopbackHost, type Cidr } from "./peer";
import { parseTokens, plainTokens, type TokenEntry } from "./tokens";

export type AuthMode = "none" | "proxy" | "token";
export const AUTH_MODES: AuthMode[] = ["none", "proxy", "token"];

export interface AuthSettings {
  mode: AuthMode;
  trustedProxies: Cidr[];
  tokens: TokenEntry[];
  sessionSecret: Buffer;
  sessionTtlSeconds: number;
  approverGroups: string[];
  viewerGroups: string[];
  approverReview?: AccessCheck;
  viewerReview?: AccessCheck;
  reviewUser: "name" | "email";
  reviewCacheSeconds: number;
  allowedOrigins: string[];
  /** The plain login tokens and the session secret as configured, kept only to redact them from every output. */
  secrets: string[];
}

export class AuthConfigError extends Error {}

type Env = Record<string, string | undefined>;

function commaList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

function seconds(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1) throw new AuthConfigError(`${key} must be a number of seconds ≥ 1, got "${raw}"`);
  return n;
}

function origins(value: string | undefined): string[] {
  return commaList(value).map((o) => {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new AuthConfigError(`DNSDRIFT_ALLOWED_ORIGINS: "${o}" is not an origin like https://dns.example.com`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new AuthConfigError(`DNSDRIFT_ALLOWED_ORIGINS: "${o}" must be http(s)`);
    return url.origin;
  });
}

function sessionSecret(env: Env): Buffer {
  const given = env.DNSDRIFT_SESSION_SECRET;
  if (given === undefined || given === "") return crypto.randomBytes(32);
  if (given.length < 32) throw new AuthConfigError("DNSDRIFT_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)");
  return Buffer.from(given, "utf8");
}

function tokensText(env: Env): { text: string; from: string } | undefined {
  const inline = env.DNSDRIFT_AUTH_TOKENS;
  const file = env.DNSDRIFT_AUTH_TOKENS_FILE;
  if (inline && file) throw new AuthConfigError("set DNSDRIFT_AUTH_TOKENS or DNSDRIFT_AUTH_TOKENS_FILE, not both");
  if (inline) return { text: inline, from: "DNSDRIFT_AUTH_TOKENS" };
  if (!file) return undefined;
  try {
    return { text: fs.readFileSync(file, "utf8"), from: `DNSDRIFT_AUTH_TOKENS_FILE (${file})` };
  } catch (e) {
    throw new AuthConfigError(`DNSDRIFT_AUTH_TOKENS_FILE: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** Reads and checks the auth settings; every problem is an AuthConfigError naming the variable. */
export function authSettingsFromEnv(env: Env): AuthSettings {
  try {
    return parse(env);
  } catch (e) {
    throw e instanceof AuthConfigError ? e : new AuthConfigError((e as Error).message);
  }
}

function parse(env: Env): AuthSettings {
  const mode = (env.DNSDRIFT_AUTH_MODE || "none") as AuthMode;
  if (!AUTH_MODES.includes(mode)) throw new AuthConfigError(`DNSDRIFT_AUTH_MODE must be none, proxy or token, got "${env.DNSDRIFT_AUTH_MODE}"`);

  const secret = sessionSecret(env);
  const trustedProxies = parseCidrList(env.DNSDRIFT_TRUSTED_PROXIES ?? "", "DNSDRIFT_TRUSTED_PROXIES");
  if (mode === "proxy" && trustedProxies.length === 0) {
    throw new AuthConfigError("DNSDRIFT_AUTH_MODE=proxy needs DNSDRIFT_TRUSTED_PROXIES: the addresses (CIDRs) your auth proxy connects from");
  }
  const source = tokensText(env);
  const tokens = source ? parseTokens(source.text, source.from, secret) : [];
  if (mode === "token" && tokens.length === 0) {
    throw new AuthConfigError("DNSDRIFT_AUTH_MODE=token needs DNSDRIFT_AUTH_TOKENS or DNSDRIFT_AUTH_TOKENS_FILE with at least one token");
  }
  const reviewUser = env.DNSDRIFT_SAR_USER || "name";
  if (reviewUser !== "name" && reviewUser !== "email") throw new AuthConfigError(`DNSDRIFT_SAR_USER must be name or email, got "${reviewUser}"`);

  return {
    mode,
    trustedProxies,
    tokens,
    sessionSecret: secret,
    sessionTtlSeconds: seconds(env, "DNSDRIFT_SESSION_TTL_SECONDS", 8 * 3600),
    approverGroups: commaList(env.DNSDRIFT_APPROVER_GROUPS),
    viewerGroups: commaList(env.DNSDRIFT_VIEWER_GROUPS),
    ...(env.DNSDRIFT_APPROVER_SAR ? { approverReview: parseAccessCheck(env.DNSDRIFT_APPROVER_SAR, "DNSDRIFT_APPROVER_SAR") } : {}),
    ...(env.DNSDRIFT_VIEWER_SAR ? { viewerReview: parseAccessCheck(env.DNSDRIFT_VIEWER_SAR, "DNSDRIFT_VIEWER_SAR") } : {}),
    reviewUser,
    reviewCacheSeconds: seconds(env, "DNSDRIFT_SAR_CACHE_SECONDS", 30),
    allowedOrigins: origins(env.DNSDRIFT_ALLOWED_ORIGINS),
    secrets: [...(source ? plainTokens(source.text) : []), ...(env.DNSDRIFT_SESSION_SECRET ? [env.DNSDRIFT_SESSION_SECRET] : [])],
  };
}

/** The start-time guard of mode none: a dashboard without login must not be reachable from the network. */
export function checkListenAddress(auth: AuthSettings, host: string): void {
  if (auth.mode !== "none") return;
  if (!isLoopbackHost(host)) {
    throw new AuthConfigError(
      `DNSDRIFT_AUTH_MODE=none (no login, everyone may approve) is only allowed on localhost, but the server would listen on "${host}". ` +
        "Listen on 127.0.0.1 (HOST=127.0.0.1) and use `kubectl port-forward`, or set DNSDRIFT_AUTH_MODE=proxy or token.",
    );
  }
}

/** Start-time hints that are not errors: a configuration where nobody can ever approve. */
export function authWarnings(auth: AuthSettings): string[] {
  if (auth.mode === "none") return [];
  if (auth.approverGroups.length === 0 && !auth.approverReview) {
    return ["nobody can approve changes: set DNSDRIFT_APPROVER_GROUPS or DNSDRIFT_APPROVER_SAR"];
  }
  return [];
}
