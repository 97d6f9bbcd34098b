import { describe, expect, it } from "vitest";
import type { AccessCheck, AccessReviewer } from "./access-review";
import type { Identity } from "./authenticate";
import { authSettingsFromEnv } from "./config";
import { atLeast, decideRole } from "./roles";

const person = (name: string, groups: string[] = [], email?: string): Identity => ({
  name,
  groups,
  ...(email ? { email } : {}),
  via: "proxy",
  credential: "proxy",
  csrfBinding: `proxy:${name}`,
});

/** The cluster's answers: who may do which verb. */
const rbac: Record<string, string[]> = { "ann@example.com": ["update", "get"], ann: ["get"], vic: ["get"] };
const cluster: AccessReviewer = async (s, check: AccessCheck) => (rbac[s.user] ?? []).includes(check.verb);
const broken: AccessReviewer = async () => {
  throw new Error("connect ECONNREFUSED 10.0.0.1:443\nat stack");
};

const env = (extra: Record<string, string>) => authSettingsFromEnv({ DNSDRIFT_AUTH_MODE: "proxy", DNSDRIFT_TRUSTED_PROXIES: "127.0.0.1", ...extra });
const APPROVER_SAR = "verb=update,group=dnsdrift.io,resource=dnssyncs";
const VIEWER_SAR = "verb=get,group=dnsdrift.io,resource=dnssyncs";

describe("decideRole", () => {
  it.each([
    ["open viewers, no approvers", {}, person("x"), "viewer"],
    ["approver group", { DNSDRIFT_APPROVER_GROUPS: "dns-admins" }, person("x", ["dev", "dns-admins"]), "approver"],
    ["not in the approver group", { DNSDRIFT_APPROVER_GROUPS: "dns-admins" }, person("x", ["dev"]), "viewer"],
    ["viewer group member", { DNSDRIFT_VIEWER_GROUPS: "dev" }, person("x", ["dev"]), "viewer"],
    ["outside the viewer groups", { DNSDRIFT_VIEWER_GROUPS: "dev" }, person("x", ["sales"]), null],
    ["approver group wins over viewer groups", { DNSDRIFT_VIEWER_GROUPS: "dev", DNSDRIFT_APPROVER_GROUPS: "ops" }, person("x", ["ops"]), "approver"],
    ["group names are exact", { DNSDRIFT_APPROVER_GROUPS: "ops" }, person("x", ["Ops", "ops-team"]), "viewer"],
    ["SAR allowed → approver", { DNSDRIFT_APPROVER_SAR: APPROVER_SAR, DNSDRIFT_SAR_USER: "email" }, person("ann", [], "ann@example.com"), "approver"],
    ["SAR denied → viewer", { DNSDRIFT_APPROVER_SAR: APPROVER_SAR }, person("ann"), "viewer"],
    ["viewer SAR allowed", { DNSDRIFT_VIEWER_SAR: VIEWER_SAR }, person("vic"), "viewer"],
    ["viewer SAR denied", { DNSDRIFT_VIEWER_SAR: VIEWER_SAR }, person("nobody"), null],
    ["approver SAR implies viewer", { DNSDRIFT_VIEWER_SAR: VIEWER_SAR, DNSDRIFT_APPROVER_SAR: APPROVER_SAR, DNSDRIFT_SAR_USER: "email" }, person("ann", [], "ann@example.com"), "approver"],
  ] as const)("%s", async (_, extra, who, role) => {
    expect((await decideRole(who, env(extra), cluster)).role).toBe(role);
  });

  it("makes the local user of mode none an approver without asking anyone", async () => {
    const local: Identity = { name: "local", groups: [], via: "none", credential: "none", csrfBinding: "none:local" };
    expect(await decideRole(local, authSettingsFromEnv({}), broken)).toEqual({ role: "approver" });
  });

  it("grants nothing when the cluster cannot answer, and says why in one line", async () => {
    const d = await decideRole(person("ann"), env({ DNSDRIFT_APPROVER_SAR: APPROVER_SAR }), broken);
    expect(d.role).toBe("viewer");
    expect(d.note).toBe("Kubernetes could not review access (connect ECONNREFUSED 10.0.0.1:443)");
    const v = await decideRole(person("ann"), env({ DNSDRIFT_VIEWER_SAR: VIEWER_SAR }), broken);
    expect(v.role).toBeNull();
  });

  it("cannot ask by email when the proxy sent none", async () => {
    const d = await decideRole(person("ann"), env({ DNSDRIFT_APPROVER_SAR: APPROVER_SAR, DNSDRIFT_SAR_USER: "email" }), cluster);
    expect(d).toEqual({ role: "viewer", note: "the identity has no email for DNSDRIFT_SAR_USER=email" });
  });
});

describe("atLeast", () => {
  it.each([
    ["approver", "approver", true],
    ["approver", "viewer", true],
    ["viewer", "viewer", true],
    ["viewer", "approver", false],
    [null, "viewer", false],
    [null, "approver", false],
  ] as const)("%s for %s → %s", (role, need, ok) => {
    expect(atLeast(role, need)).toBe(ok);
  });
});
