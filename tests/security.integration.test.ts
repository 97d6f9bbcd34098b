// Safe writes and access control, through the real route handlers against the Kubernetes and
// Cloudflare emulators: who may read, who may approve, cross-origin and CSRF refusals, forged
// proxy headers, SubjectAccessReview roles, the token login flow, and — over a full run of the
// API — that neither Cloudflare token ever shows in a response or a log line.

import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as apply } from "../app/api/apply/route";
import { GET as audit } from "../app/api/audit/route";
import { GET as auditExport } from "../app/api/audit/export/route";
import { GET as explain } from "../app/api/explain/[hostname]/route";
import { GET as healthz } from "../app/api/healthz/route";
import { GET as lookup } from "../app/api/lookup/route";
import { GET as plan } from "../app/api/plan/route";
import { GET as readyz } from "../app/api/readyz/route";
import { DELETE as logout, GET as session, POST as login } from "../app/api/session/route";
import { GET as state } from "../app/api/state/route";
import type { SessionResponse } from "../lib/api/session";
import type { ApplyResponse, PlanResponse, StateResponse } from "../lib/api/types";
import { call, fromPeer, ORIGIN, request, startHarness, type Harness } from "./support/security-harness";

const READ = "cf-read-token-security-000000000000";
const WRITE = "cf-edit-token-security-000000000000";
const UNKNOWN_WRITE = "cf-edit-token-unknown-0000000000000";
const APPROVER = "dnsdrift-approver-token-0000000000";
const VIEWER = "dnsdrift-viewer-token-00000000000000";

const TOKEN_MODE = {
  DNSDRIFT_AUTH_MODE: "token",
  DNSDRIFT_AUTH_TOKENS: JSON.stringify({ [APPROVER]: { name: "ann", groups: ["dns-approvers"] }, [VIEWER]: { name: "vic", groups: ["dev"] } }),
  DNSDRIFT_APPROVER_GROUPS: "dns-approvers",
};
const PROXY_MODE = { DNSDRIFT_AUTH_MODE: "proxy", DNSDRIFT_TRUSTED_PROXIES: "10.0.0.0/24", DNSDRIFT_APPROVER_GROUPS: "dns-approvers" };
const SAR_MODE = { DNSDRIFT_AUTH_MODE: "proxy", DNSDRIFT_TRUSTED_PROXIES: "10.0.0.0/24", DNSDRIFT_APPROVER_SAR: "verb=update,group=dnsdrift.io,resource=dnssyncs,namespace=networking" };

let h: Harness;
const ask = <T = Record<string, unknown>>(handler: Parameters<typeof call>[1], req: Request, ctx?: unknown) => call<T>(h.transcript, handler, req, ctx);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sameOrigin = { origin: ORIGIN };
const errorCode = (a: { body: unknown }) => (a.body as { error?: { code: string } }).error?.code;

async function currentPlan(headers: Record<string, string>): Promise<PlanResponse> {
  const res = await ask<PlanResponse>(plan, request("/api/plan?refresh=1", { headers }));
  expect(res.status).toBe(200);
  return res.body;
}

async function signIn(token: string): Promise<{ cookie: string; csrf: string; setCookie: string; body: SessionResponse }> {
  const res = await ask<SessionResponse>(login, request("/api/session", { method: "POST", headers: sameOrigin, body: { token } }));
  expect(res.status).toBe(200);
  const setCookie = res.headers.get("set-cookie")!;
  return { cookie: setCookie.split(";")[0], csrf: res.body.csrf, setCookie, body: res.body };
}

beforeAll(async () => {
  h = await startHarness({
    read: READ,
    write: WRITE,
    accessPolicy: (review) => {
      const a = review.spec?.resourceAttributes;
      return review.spec?.user === "sara" && a?.verb === "update" && a.resource === "dnssyncs" && a.group === "dnsdrift.io";
    },
  });
});

afterAll(async () => {
  await h?.close();
});

describe("token mode", () => {
  beforeAll(() => h.configure(TOKEN_MODE));

  it("needs a signed-in viewer for every read; health, readiness stay open", async () => {
    const anonymous = await ask(state, request("/api/state"));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: "unauthenticated" }, auth: { mode: "token", login: "/login" } });
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="dnsdrift"');
    expect((await ask(plan, request("/api/plan"))).status).toBe(401);
    expect((await ask(lookup, request("/api/lookup?name=app.example.com"))).status).toBe(401);
    const ctx = { params: Promise.resolve({ hostname: "app.example.com" }) };
    expect((await ask(explain, request("/api/explain/app.example.com"), ctx)).status).toBe(401);
    expect((await ask(session, request("/api/session"))).status).toBe(401);
    expect((await ask(audit, request("/api/audit"))).status).toBe(401);
    expect((await ask(auditExport, request("/api/audit/export"))).status).toBe(401);

    expect((await ask(state, request("/api/state", { headers: bearer(VIEWER) }))).status).toBe(200);
    expect((await ask(healthz, request("/api/healthz"))).status).toBe(200);
    expect((await ask(readyz, request("/api/readyz"))).status).toBe(200);
  });

  it.each([
    ["an unauthenticated write", {}, 401, "unauthenticated"],
    ["a write with a wrong token", bearer("dnsdrift-wrong-token-000000000000"), 401, "unauthenticated"],
    ["a viewer's write", bearer(VIEWER), 403, "forbidden"],
    ["an approver's cross-origin write", { ...bearer(APPROVER), origin: "https://evil.example" }, 403, "cross-origin"],
    ["an approver's write from a cross-site Referer", { ...bearer(APPROVER), referer: "https://evil.example/x" }, 403, "cross-origin"],
    ["an approver's stale plan", bearer(APPROVER), 409, "plan-changed"],
  ])("refuses %s", async (_, headers, status, code) => {
    const res = await ask(apply, request("/api/apply", { method: "POST", headers, body: { hash: "0".repeat(32) } }));
    expect([res.status, errorCode(res)]).toEqual([status, code]);
  });

  it("logs in with a token for an HttpOnly, SameSite=Strict cookie and a CSRF token", async () => {
    const { setCookie, body, cookie, csrf } = await signIn(APPROVER);
    expect(setCookie).toMatch(/^dnsdrift_session=[\w-]+\.[\w-]+; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    expect(body).toMatchObject({ mode: "token", name: "ann", role: "approver", credential: "cookie", groups: ["dns-approvers"] });
    const me = await ask<SessionResponse>(session, request("/api/session", { headers: { cookie } }));
    expect(me.body).toMatchObject({ name: "ann", role: "approver", csrf, mode: "token" });
    expect(JSON.stringify(me.body)).not.toContain(APPROVER);
  });

  it("marks the cookie Secure over https", async () => {
    const req = new Request("https://dns.example.com/api/session", {
      method: "POST",
      headers: { host: "dns.example.com", origin: "https://dns.example.com", "content-type": "application/json" },
      body: JSON.stringify({ token: VIEWER }),
    });
    expect((await ask(login, req)).headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it.each([
    ["without Origin or Referer", {}, { token: APPROVER }, 403, "cross-origin"],
    ["from another site", { origin: "https://evil.example" }, { token: APPROVER }, 403, "cross-origin"],
    ["with a wrong token", sameOrigin, { token: "dnsdrift-wrong-token-000000000000" }, 401, "invalid-token"],
    ["without a token", sameOrigin, { name: "ann" }, 400, "invalid-request"],
    ["with a body that is not JSON", sameOrigin, "token=x", 400, "invalid-request"],
  ])("refuses a login %s", async (_, headers, body, status, code) => {
    const res = await ask(login, request("/api/session", { method: "POST", headers, body }));
    expect([res.status, errorCode(res), res.headers.get("set-cookie")]).toEqual([status, code, null]);
  });

  it("lets a cookie session write only with its own CSRF token from a same-origin page", async () => {
    const ann = await signIn(APPROVER);
    const other = await signIn(APPROVER);
    const vic = await signIn(VIEWER);
    const post = (headers: Record<string, string>) => ask(apply, request("/api/apply", { method: "POST", headers, body: { hash: "0".repeat(32) } }));
    const cases: [string, Record<string, string>, number, string][] = [
      ["no CSRF token", { cookie: ann.cookie, ...sameOrigin }, 403, "csrf"],
      ["another session's CSRF token", { cookie: ann.cookie, ...sameOrigin, "x-csrf-token": other.csrf }, 403, "csrf"],
      ["no Origin and no Referer", { cookie: ann.cookie, "x-csrf-token": ann.csrf }, 403, "cross-origin"],
      ["a cross-origin page", { cookie: ann.cookie, origin: "https://evil.example", "x-csrf-token": ann.csrf }, 403, "cross-origin"],
      ["a viewer's session", { cookie: vic.cookie, ...sameOrigin, "x-csrf-token": vic.csrf }, 403, "forbidden"],
      ["everything right (then the stale hash)", { cookie: ann.cookie, ...sameOrigin, "x-csrf-token": ann.csrf }, 409, "plan-changed"],
      ["a same-origin Referer instead of Origin", { cookie: ann.cookie, referer: `${ORIGIN}/plan`, "x-csrf-token": ann.csrf }, 409, "plan-changed"],
    ];
    for (const [what, headers, status, code] of cases) {
      const res = await post(headers);
      expect([what, res.status, errorCode(res)]).toEqual([what, status, code]);
    }
  });

  it("logs out only with the session's CSRF token, clearing the cookie", async () => {
    const ann = await signIn(APPROVER);
    const refused = await ask(logout, request("/api/session", { method: "DELETE", headers: { cookie: ann.cookie, ...sameOrigin } }));
    expect([refused.status, errorCode(refused)]).toEqual([403, "csrf"]);
    const res = await ask(logout, request("/api/session", { method: "DELETE", headers: { cookie: ann.cookie, ...sameOrigin, "x-csrf-token": ann.csrf } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^dnsdrift_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
  });

  it("revokes the session on logout: a kept copy of the cookie is refused (401)", async () => {
    const ann = await signIn(APPROVER);
    const kept = { cookie: ann.cookie };
    expect((await ask(state, request("/api/state", { headers: kept }))).status).toBe(200);
    const out = await ask(logout, request("/api/session", { method: "DELETE", headers: { ...kept, ...sameOrigin, "x-csrf-token": ann.csrf } }));
    expect(out.status).toBe(200);
    for (const [handler, path] of [[state, "/api/state"], [session, "/api/session"], [plan, "/api/plan"]] as const) {
      const again = await ask(handler, request(path, { headers: kept }));
      expect([path, again.status, errorCode(again)]).toEqual([path, 401, "unauthenticated"]);
    }
    const write = await ask(apply, request("/api/apply", { method: "POST", headers: { ...kept, ...sameOrigin, "x-csrf-token": ann.csrf }, body: { hash: "x" } }));
    expect(write.status).toBe(401);
    // Another session of the same token is not affected.
    const other = await signIn(APPROVER);
    expect((await ask(state, request("/api/state", { headers: { cookie: other.cookie } }))).status).toBe(200);
  });
});

describe("proxy mode", () => {
  beforeAll(() => h.configure(PROXY_MODE));
  const approver = { "x-forwarded-user": "ann", "x-forwarded-email": "ann@example.com", "x-forwarded-groups": "dev,dns-approvers" };

  it.each([
    ["from an untrusted address", () => fromPeer("192.168.7.7")],
    ["from an IPv6 address outside the list", () => fromPeer("fd00::7")],
    ["without the server's peer stamp", () => ({})],
    ["with a guessed peer stamp", () => ({ "x-dnsdrift-peer": "guess 10.0.0.2" })],
  ])("ignores forged identity headers %s (401)", async (_, peer) => {
    const read = await ask(state, request("/api/state", { headers: { ...approver, ...peer() } }));
    expect([read.status, errorCode(read)]).toEqual([401, "unauthenticated"]);
    const write = await ask(apply, request("/api/apply", { method: "POST", headers: { ...approver, ...peer(), ...sameOrigin }, body: { hash: "x" } }));
    expect([write.status, errorCode(write)]).toEqual([401, "unauthenticated"]);
  });

  it("believes the same headers from the trusted proxy", async () => {
    expect((await ask(state, request("/api/state", { headers: { ...approver, ...fromPeer("10.0.0.9") } }))).status).toBe(200);
    const me = await ask<SessionResponse>(session, request("/api/session", { headers: { ...approver, ...fromPeer("::ffff:10.0.0.9") } }));
    expect(me.body).toMatchObject({ mode: "proxy", name: "ann", email: "ann@example.com", role: "approver", credential: "proxy" });

    const write = (extra: Record<string, string>) =>
      ask(apply, request("/api/apply", { method: "POST", headers: { ...approver, ...fromPeer("10.0.0.9"), ...extra }, body: { hash: "x" } }));
    expect(errorCode(await write(sameOrigin))).toBe("csrf");
    expect(errorCode(await write({ "x-csrf-token": me.body.csrf }))).toBe("cross-origin");
    expect(errorCode(await write({ ...sameOrigin, "x-csrf-token": me.body.csrf }))).toBe("plan-changed");
  });

  it("believes X-Forwarded-Host for the Origin check only from the trusted proxy", async () => {
    const headers = { ...approver, origin: "https://dns.example.com", "x-forwarded-host": "dns.example.com" };
    const me = await ask<SessionResponse>(session, request("/api/session", { headers: { ...approver, ...fromPeer("10.0.0.9") } }));
    const trusted = await ask(apply, request("/api/apply", { method: "POST", headers: { ...headers, ...fromPeer("10.0.0.9"), "x-csrf-token": me.body.csrf }, body: { hash: "x" } }));
    expect(errorCode(trusted)).toBe("plan-changed");
    const untrusted = await ask(apply, request("/api/apply", { method: "POST", headers: { ...headers, ...fromPeer("10.9.9.9"), "x-csrf-token": me.body.csrf }, body: { hash: "x" } }));
    expect(errorCode(untrusted)).toBe("cross-origin");
  });

  it("refuses a viewer's write (403)", async () => {
    const viewer = { "x-forwarded-user": "vic", "x-forwarded-groups": "dev", ...fromPeer("10.0.0.9") };
    const me = await ask<SessionResponse>(session, request("/api/session", { headers: viewer }));
    expect(me.body.role).toBe("viewer");
    const res = await ask(apply, request("/api/apply", { method: "POST", headers: { ...viewer, ...sameOrigin, "x-csrf-token": me.body.csrf }, body: { hash: "x" } }));
    expect([res.status, errorCode(res)]).toEqual([403, "forbidden"]);
  });
});

describe("roles from a Kubernetes SubjectAccessReview", () => {
  beforeAll(() => h.configure(SAR_MODE));
  const as = (user: string) => ({ "x-forwarded-user": user, "x-forwarded-groups": "dev", ...fromPeer("10.0.0.9") });

  it.each([
    ["sara", "approver"],
    ["bob", "viewer"],
  ])("%s is %s", async (user, role) => {
    const me = await ask<SessionResponse>(session, request("/api/session", { headers: as(user) }));
    expect(me.body.role).toBe(role);
  });

  it("refuses a write by someone the review denies, and passes one it allows to the plan check", async () => {
    const csrfOf = async (user: string) => (await ask<SessionResponse>(session, request("/api/session", { headers: as(user) }))).body.csrf;
    const post = async (user: string) =>
      ask(apply, request("/api/apply", { method: "POST", headers: { ...as(user), ...sameOrigin, "x-csrf-token": await csrfOf(user) }, body: { hash: "x" } }));
    expect(errorCode(await post("bob"))).toBe("forbidden");
    expect(errorCode(await post("sara"))).toBe("plan-changed");
  });
});

describe("mode none", () => {
  it("serves everyone on localhost as the approver 'local', with Origin and CSRF checks on writes", async () => {
    h.configure({});
    const me = await ask<SessionResponse>(session, request("/api/session"));
    expect(me.body).toMatchObject({ mode: "none", name: "local", role: "approver", credential: "none" });
    const post = (headers: Record<string, string>) => ask(apply, request("/api/apply", { method: "POST", headers, body: { hash: "x" } }));
    expect(errorCode(await post(sameOrigin))).toBe("csrf");
    expect(errorCode(await post({ "x-csrf-token": me.body.csrf }))).toBe("cross-origin");
    expect(errorCode(await post({ ...sameOrigin, "x-csrf-token": me.body.csrf }))).toBe("plan-changed");
  });

  it("answers no request addressed to another name (DNS rebinding)", async () => {
    h.configure({});
    const res = await ask(state, request("/api/state", { headers: { host: "rebind.evil.example:3000" } }));
    expect([res.status, errorCode(res)]).toEqual([403, "host-not-allowed"]);
  });

  it("answers nothing when the server listens on a network address", async () => {
    h.configure({}, { host: "0.0.0.0" });
    const res = await ask(state, request("/api/state"));
    expect([res.status, errorCode(res)]).toEqual([503, "auth-misconfigured"]);
  });

  it("refuses to start the server on a non-localhost address", () => {
    const root = path.resolve(__dirname, "..");
    const env = { ...process.env, DNSDRIFT_AUTH_MODE: "none", HOST: "0.0.0.0" };
    const run = spawnSync(process.execPath, ["--import", "tsx", "bin/serve.ts"], { cwd: root, env, encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/DNSDRIFT_AUTH_MODE=none .* only allowed on localhost, but the server would listen on "0\.0\.0\.0"/);
    expect(run.stdout).not.toMatch(/listening/);
  }, 60_000);
});

describe("the Cloudflare tokens stay secret", () => {
  it("never appear in a response or a log line over a full run of the API", async () => {
    h.configure(TOKEN_MODE);
    const ann = await signIn(APPROVER);
    const browser = { cookie: ann.cookie, ...sameOrigin, "x-csrf-token": ann.csrf };
    const api = bearer(APPROVER);
    const post = (body: unknown, headers: Record<string, string> = browser) => ask<ApplyResponse>(apply, request("/api/apply", { method: "POST", headers, body }));
    const explainOf = (hostname: string) => ask(explain, request(`/api/explain/${encodeURIComponent(hostname)}`, { headers: api }), { params: Promise.resolve({ hostname }) });

    // Reads, and the read error paths.
    expect((await ask(session, request("/api/session", { headers: browser }))).status).toBe(200);
    expect((await ask(state, request("/api/state?refresh=1", { headers: api }))).status).toBe(200);
    expect((await ask(state, request("/api/state", { headers: browser }))).status).toBe(200);
    expect((await explainOf("app.example.com")).status).toBe(200);
    expect((await explainOf("old.example.com")).status).toBe(200);
    expect((await explainOf("not a name")).status).toBe(400);
    expect((await ask(lookup, request("/api/lookup?name=app.example.com", { headers: api }))).status).toBe(200);
    expect((await ask(lookup, request("/api/lookup?name=", { headers: api }))).status).toBe(400);
    expect((await ask(plan, request("/api/plan?instance=nope", { headers: api }))).status).toBe(404);
    expect((await ask(readyz, request("/api/readyz"))).status).toBe(200);

    // Write error paths, then a successful apply of the seed's drift.
    const reviewed = await currentPlan(api);
    expect(reviewed.changes.length).toBeGreaterThan(0);
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ hash: "0".repeat(32), confirm: reviewed.confirmation?.phrase })).status).toBe(409);
    expect((await post({ hash: reviewed.hash, changes: [9999], confirm: reviewed.confirmation?.phrase })).status).toBe(400);
    if (reviewed.confirmation?.required) expect((await post({ hash: reviewed.hash })).status).toBe(422);
    const applied = await post({ hash: reviewed.hash, confirm: reviewed.confirmation?.phrase });
    expect(applied.status).toBe(200);
    expect(applied.body.ok).toBe(true);

    // New drift, and an apply Cloudflare answers with errors.
    h.kube.remove("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "web");
    let failing = await currentPlan(api);
    for (let i = 0; i < 50 && failing.changes.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      failing = await currentPlan(api);
    }
    expect(failing.changes.length).toBeGreaterThan(0);
    const faults = ["POST", "PUT", "PATCH", "DELETE"].map((method) =>
      h.cf.setFault({ kind: "error", status: 400, code: 9005, message: "Content for record is invalid", match: { method } }),
    );
    try {
      const rejected = await post({ hash: failing.hash, confirm: failing.confirmation?.phrase }, api);
      expect(rejected.status).toBe(200);
      expect(rejected.body.ok).toBe(false);
    } finally {
      faults.forEach((f) => h.cf.removeFault(f));
    }

    // A write token Cloudflare does not know.
    h.configure(TOKEN_MODE, { writeToken: UNKNOWN_WRITE });
    const again = await currentPlan(api);
    const unauthorised = await post({ hash: again.hash, confirm: again.confirmation?.phrase }, api);
    expect(unauthorised.body.ok ?? errorCode(unauthorised)).not.toBe(true);

    // A Cloudflare outage: partial data, writes refused.
    h.configure(TOKEN_MODE);
    const outage = h.cf.setFault({ kind: "serverError", status: 500, match: { method: "GET" } });
    try {
      expect((await ask(state, request("/api/state?refresh=1", { headers: api }))).status).toBe(200);
      const partial = await post({ hash: again.hash, confirm: again.confirmation?.phrase }, api);
      expect([partial.status, errorCode(partial)]).toEqual([403, "partial-data"]);
    } finally {
      h.cf.removeFault(outage);
    }

    // The audit trail of all of the above, as the page and the export show it.
    const trail = await ask<{ entries: unknown[] }>(audit, request("/api/audit", { headers: api }));
    expect(trail.status).toBe(200);
    expect(JSON.stringify(trail.body)).toContain('"name":"ann"');
    expect((await ask(auditExport, request("/api/audit/export", { headers: api }))).status).toBe(200);

    const transcript = h.transcript.join("\n");
    expect(h.transcript.length).toBeGreaterThan(20);
    expect(transcript).toContain('"ok":true');
    expect(transcript).toContain('"ok":false');
    for (const secret of [READ, WRITE, UNKNOWN_WRITE, APPROVER, VIEWER]) {
      // The login tokens are in the requests, never in what the server says back.
      expect(transcript.includes(secret), `${secret.slice(0, 14)}… leaked`).toBe(false);
    }
  });

  it("are redacted wherever they are echoed, whichever client or path carries them", async () => {
    h.configure(TOKEN_MODE);
    const api = bearer(APPROVER);
    const from = h.transcript.length;
    const every = [READ, WRITE, APPROVER, VIEWER];
    // Cloudflare (or a proxy before it) echoes secrets the reader's own client never held.
    const echo = h.cf.setFault({ kind: "error", status: 400, code: 9005, message: `bad request: ${every.join(" ")}`, match: { method: "GET" } });
    // An external-dns Deployment that carries secrets in its arguments.
    h.kube.apply({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "external-dns-leaky", namespace: "networking", labels: { "app.kubernetes.io/name": "external-dns", "app.kubernetes.io/instance": "leaky" } },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/name": "external-dns" } },
        template: {
          metadata: { labels: { "app.kubernetes.io/name": "external-dns" } },
          spec: {
            containers: [
              {
                name: "external-dns",
                image: "registry.k8s.io/external-dns/external-dns:v0.20.0",
                args: ["--provider=cloudflare", "--source=ingress", "--cloudflare-api-token", WRITE, `--cloudflare-api-token=${VIEWER}`, "--some-api-token=unlisted-secret-value-123", `--txt-owner-id=${APPROVER}`],
              },
            ],
          },
        },
      },
    });
    try {
      let s = await ask<StateResponse>(state, request("/api/state?refresh=1", { headers: api }));
      for (let i = 0; i < 50 && s.body.instances.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        s = await ask<StateResponse>(state, request("/api/state?refresh=1", { headers: api }));
      }
      expect(s.body.instances.length).toBe(2);
      const text = JSON.stringify(s.body);
      expect(text).toContain("[redacted]");
      expect(text).not.toContain("unlisted-secret-value-123");
      expect((await ask(plan, request("/api/plan?instance=networking%2Fexternal-dns-leaky", { headers: api }))).status).toBe(200);
      expect((await ask(readyz, request("/api/readyz"))).status).toBeLessThan(600);
    } finally {
      h.cf.removeFault(echo);
      h.kube.remove("apps/v1", "Deployment", "networking", "external-dns-leaky");
    }
    const said = h.transcript.slice(from).join("\n");
    for (const secret of every) expect(said.includes(secret), `${secret.slice(0, 14)}… leaked`).toBe(false);
  });
});
