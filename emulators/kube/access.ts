// Authentication (optional bearer token), RBAC denials per kind/verb, and the decisions that
// SubjectAccessReview / SelfSubjectAccessReview / TokenReview creates are answered with.

import type { IncomingMessage } from "node:http";
import { resourceMatches, type ResourceDef, type Verb } from "./resources";
import { errors } from "./status";

export interface UserInfo {
  username: string;
  uid?: string;
  groups?: string[];
}

export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** The review object as posted (SubjectAccessReview, LocalSubjectAccessReview or SelfSubjectAccessReview). */
export interface AccessReview {
  apiVersion?: string;
  kind?: string;
  spec?: {
    resourceAttributes?: ResourceAttributes;
    nonResourceAttributes?: { path?: string; verb?: string };
    user?: string;
    groups?: string[];
    uid?: string;
  };
}

export type AccessDecision = boolean | { allowed: boolean; denied?: boolean; reason?: string };
export type AccessPolicy = (review: AccessReview) => AccessDecision;

export const DEFAULT_USER: UserInfo = {
  username: "system:serviceaccount:dnsdrift:dnsdrift",
  groups: ["system:serviceaccounts", "system:serviceaccounts:dnsdrift", "system:authenticated"],
};

const ANONYMOUS: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };

interface ForbiddenRule {
  verbs?: string[];
  resource: string;
}

/** "httproutes", "list,watch:httproutes", "create:events.events.k8s.io", "*:DNSEndpoint". */
export function parseForbidden(rule: string): ForbiddenRule {
  const colon = rule.indexOf(":");
  if (colon < 0) return { resource: rule };
  const verbs = rule.slice(0, colon).split(",").map((v) => v.trim()).filter((v) => v !== "" && v !== "*");
  return { verbs: verbs.length > 0 ? verbs : undefined, resource: rule.slice(colon + 1) };
}

export interface AccessOptions {
  token?: string;
  /** Extra accepted tokens and who they belong to (TokenReview answers from these too). */
  users?: Record<string, UserInfo>;
  forbidden?: string[];
  accessPolicy?: AccessPolicy;
}

export class Access {
  private forbiddenRules: ForbiddenRule[];

  constructor(private readonly opts: AccessOptions) {
    this.forbiddenRules = (opts.forbidden ?? []).map(parseForbidden);
  }

  setForbidden(rules: string[]): void {
    this.forbiddenRules = rules.map(parseForbidden);
  }

  forbiddenList(): string[] {
    return this.forbiddenRules.map((r) => (r.verbs ? `${r.verbs.join(",")}:${r.resource}` : r.resource));
  }

  userForToken(token: string): UserInfo | undefined {
    if (this.opts.users?.[token]) return this.opts.users[token];
    if (this.opts.token !== undefined && token === this.opts.token) return DEFAULT_USER;
    return undefined;
  }

  /** Who is calling; throws 401 when a token is configured and the request's doesn't match. */
  authenticate(req: IncomingMessage): UserInfo {
    const header = req.headers.authorization ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const enforced = this.opts.token !== undefined || Object.keys(this.opts.users ?? {}).length > 0;
    const user = token ? this.userForToken(token) : undefined;
    if (enforced && !user) throw errors.unauthorized();
    return user ?? (token ? DEFAULT_USER : ANONYMOUS);
  }

  /** RBAC as configured by `forbidden`: the rule list only ever denies. */
  isForbidden(verb: Verb | string, def: Pick<ResourceDef, "plural" | "group" | "kind">): boolean {
    return this.forbiddenRules.some((r) => resourceMatches(r.resource, def) && (!r.verbs || r.verbs.includes(verb)));
  }

  /** The status of an access review: the configured policy, else the forbidden list. */
  review(
    review: AccessReview,
    kindOf: (group: string, plural: string) => string | undefined = () => undefined,
  ): { allowed: boolean; denied?: boolean; reason?: string } {
    if (this.opts.accessPolicy) {
      const d = this.opts.accessPolicy(review);
      return typeof d === "boolean" ? { allowed: d } : d;
    }
    const attrs = review.spec?.resourceAttributes;
    if (!attrs) return { allowed: true };
    const plural = attrs.resource ?? "";
    const group = attrs.group ?? "";
    const target = { plural, group, kind: kindOf(group, plural) ?? "" };
    return this.isForbidden(attrs.verb ?? "", target)
      ? { allowed: false, reason: "forbidden by the emulator's configuration" }
      : { allowed: true, reason: "allowed by the emulator's configuration" };
  }
}
