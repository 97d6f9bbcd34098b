// Roles decided by the cluster's own RBAC: a SubjectAccessReview asks Kubernetes whether the
// person could perform a configured verb on a configured resource (e.g. `update` on a synthetic
// `dnssyncs` resource), so platform RBAC stays the one place where approvers are named.
// Answers are cached briefly: the dashboard polls, and the API server should not feel it.

import { AuthorizationV1Api, type KubeConfig } from "@kubernetes/client-node";

export interface AccessCheck {
  verb: string;
  resource: string;
  group: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  version?: string;
}

const KEYS = ["verb", "resource", "group", "namespace", "name", "subresource", "version"] as const;

/** "verb=update,group=dnsdrift.io,resource=dnssyncs,namespace=dnsdrift" → AccessCheck. */
export function parseAccessCheck(spec: string, what: string): AccessCheck {
  const out: Record<string, string> = {};
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    if (eq < 0 || !(KEYS as readonly string[]).includes(key)) {
      throw new Error(`${what}: "${part}" is not one of ${KEYS.map((k) => `${k}=…`).join(", ")}`);
    }
    if (key in out) throw new Error(`${what}: ${key} is given twice`);
    out[key] = part.slice(eq + 1).trim();
  }
  if (!out.verb || !out.resource) throw new Error(`${what}: needs at least verb=… and resource=… (e.g. "verb=update,group=dnsdrift.io,resource=dnssyncs")`);
  return { ...out, verb: out.verb, resource: out.resource, group: out.group ?? "" };
}

export interface Subject {
  user: string;
  groups: string[];
}

/** Whether the subject may do the check's verb; throws when the cluster cannot answer. */
export type AccessReviewer = (subject: Subject, check: AccessCheck) => Promise<boolean>;

export function kubeAccessReviewer(kubeConfig: () => KubeConfig): AccessReviewer {
  let api: AuthorizationV1Api | undefined;
  return async (subject, check) => {
    api ??= kubeConfig().makeApiClient(AuthorizationV1Api);
    const review = await api.createSubjectAccessReview({
      body: {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SubjectAccessReview",
        spec: { user: subject.user, groups: subject.groups, resourceAttributes: { ...check } },
      },
    });
    return review.status?.allowed === true && review.status.denied !== true;
  };
}

/**
 * Reuses answers for `ttlMs` and shares one in-flight review per question. Failures are not
 * kept, so the next request asks again. At most `max` answers are held (oldest dropped).
 */
export function cachedReviewer(inner: AccessReviewer, ttlMs: number, now: () => number = Date.now, max = 1000): AccessReviewer {
  const cache = new Map<string, { at: number; answer: Promise<boolean> }>();
  return (subject, check) => {
    const key = JSON.stringify([subject.user, [...subject.groups].sort(), check]);
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.answer;
    cache.delete(key);
    const answer = inner(subject, check);
    cache.set(key, { at: now(), answer });
    answer.catch(() => {
      if (cache.get(key)?.answer === answer) cache.delete(key);
    });
    while (cache.size > max) cache.delete(cache.keys().next().value!);
    return answer;
  };
}
