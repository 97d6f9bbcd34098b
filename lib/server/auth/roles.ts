// Viewer or approver: from the person's groups first, then from the cluster's RBAC through a
// SubjectAccessReview. Read-only is the default: nobody approves unless configured to, and a
// review that cannot be answered grants nothing.

import type { AccessCheck, AccessReviewer } from "./access-review";
import type { AuthSettings } from "./config";
import type { Identity } from "./authenticate";

export type Role = "viewer" | "approver";

export interface RoleDecision {
  role: Role | null;
  /** Why a review could not help (the cluster did not answer), for the 403 message. */
  note?: string;
}

function member(groups: string[], wanted: string[]): boolean {
  return wanted.some((g) => groups.includes(g));
}

export async function decideRole(identity: Identity, auth: AuthSettings, review: AccessReviewer): Promise<RoleDecision> {
  if (identity.via === "none") return { role: "approver" };
  const notes: string[] = [];
  const ask = async (check: AccessCheck | undefined): Promise<boolean> => {
    if (!check) return false;
    const user = auth.reviewUser === "email" ? identity.email : identity.name;
    if (!user) {
      notes.push("the identity has no email for DNSDRIFT_SAR_USER=email");
      return false;
    }
    try {
      return await review({ user, groups: identity.groups }, check);
    } catch (e) {
      notes.push(`Kubernetes could not review access (${(e as Error).message.split("\n")[0].slice(0, 200)})`);
      return false;
    }
  };
  const note = () => (notes.length ? { note: notes.join("; ") } : {});

  if (member(identity.groups, auth.approverGroups) || (await ask(auth.approverReview))) return { role: "approver" };
  const viewersOpen = auth.viewerGroups.length === 0 && !auth.viewerReview;
  if (viewersOpen || member(identity.groups, auth.viewerGroups) || (await ask(auth.viewerReview))) return { role: "viewer", ...note() };
  return { role: null, ...note() };
}

export function atLeast(role: Role | null, need: Role): boolean {
  return role === "approver" || (role === "viewer" && need === "viewer");
}
