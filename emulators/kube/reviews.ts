// Create-only review objects: the request comes back with a `status` filled in from the
// emulator's access policy (SubjectAccessReview family) or its known tokens (TokenReview).

import type { Access, AccessReview, UserInfo } from "./access";
import { groupVersion, type ResourceRegistry } from "./resources";
import { validateAccessReview } from "./validation";
import type { Target } from "./writes";

export function answerReview(
  access: Access,
  registry: ResourceRegistry,
  caller: UserInfo,
  t: Target,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const base = {
    ...body,
    apiVersion: groupVersion(t.def.group, t.version),
    kind: t.def.kind,
    metadata: { ...((body.metadata as object | undefined) ?? {}), creationTimestamp: null },
  };
  if (t.def.kind === "TokenReview") {
    const token = (body.spec as { token?: string } | undefined)?.token ?? "";
    const user = access.userForToken(token);
    return {
      ...base,
      status: user
        ? { authenticated: true, user: { username: user.username, uid: user.uid, groups: user.groups ?? [] } }
        : { authenticated: false, error: "invalid bearer token" },
    };
  }
  const review = body as AccessReview;
  validateAccessReview(t.def, review.spec as Record<string, unknown> | undefined);
  const spec = { ...(review.spec ?? {}) };
  if (t.def.kind === "SelfSubjectAccessReview") {
    // The policy decides for a user; for a self review that is the caller.
    spec.user = caller.username;
    spec.groups = caller.groups;
  }
  if (t.def.kind === "LocalSubjectAccessReview" && spec.resourceAttributes) {
    spec.resourceAttributes = { ...spec.resourceAttributes, namespace: t.namespace };
  }
  const kindOf = (group: string, plural: string) => registry.all().find((d) => d.group === group && d.plural === plural)?.kind;
  const status = access.review({ apiVersion: base.apiVersion, kind: t.def.kind, spec }, kindOf);
  return { ...base, status };
}
