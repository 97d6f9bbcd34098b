import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeEmulator, type AccessReview, type KubeEmulator } from "../../../emulators/kube/server";
import { cachedReviewer, kubeAccessReviewer, parseAccessCheck, type AccessCheck, type AccessReviewer } from "./access-review";

const CHECK: AccessCheck = { verb: "update", group: "dnsdrift.io", resource: "dnssyncs", namespace: "dnsdrift" };

describe("parseAccessCheck", () => {
  it.each([
    ["verb=update,group=dnsdrift.io,resource=dnssyncs,namespace=dnsdrift", CHECK],
    [" verb = get , resource = configmaps ", { verb: "get", group: "", resource: "configmaps" }],
    ["verb=update,resource=deployments,group=apps,name=external-dns,namespace=networking,subresource=scale,version=v1",
      { verb: "update", resource: "deployments", group: "apps", name: "external-dns", namespace: "networking", subresource: "scale", version: "v1" }],
  ])("%s", (spec, check) => {
    expect(parseAccessCheck(spec, "X")).toEqual(check);
  });

  it.each([
    ["resource=dnssyncs", /X: needs at least verb/],
    ["verb=update", /X: needs at least verb/],
    ["verb=update,resource=a,resource=b", /resource is given twice/],
    ["verb=update,resource=a,user=bob", /"user=bob" is not one of/],
    ["update dnssyncs", /is not one of/],
  ])("refuses %s", (spec, message) => {
    expect(() => parseAccessCheck(spec, "X")).toThrow(message);
  });
});

describe("cachedReviewer", () => {
  function counting(answers: (boolean | Error)[]) {
    const calls: string[] = [];
    const inner: AccessReviewer = async (s) => {
      calls.push(s.user);
      const a = answers.shift();
      if (a instanceof Error) throw a;
      return a ?? false;
    };
    return { inner, calls };
  }

  it("reuses an answer until it is older than the TTL", async () => {
    let t = 0;
    const { inner, calls } = counting([true, false]);
    const r = cachedReviewer(inner, 1000, () => t);
    expect(await r({ user: "a", groups: ["x", "y"] }, CHECK)).toBe(true);
    t = 999;
    expect(await r({ user: "a", groups: ["y", "x"] }, CHECK)).toBe(true);
    t = 1000;
    expect(await r({ user: "a", groups: ["x", "y"] }, CHECK)).toBe(false);
    expect(calls).toEqual(["a", "a"]);
  });

  it("asks separately per user, group set and check, and shares one question in flight", async () => {
    const { inner, calls } = counting([true, true, true, true]);
    const r = cachedReviewer(inner, 1000, () => 0);
    await Promise.all([r({ user: "a", groups: [] }, CHECK), r({ user: "a", groups: [] }, CHECK)]);
    await r({ user: "b", groups: [] }, CHECK);
    await r({ user: "a", groups: ["g"] }, CHECK);
    await r({ user: "a", groups: [] }, { ...CHECK, verb: "get" });
    expect(calls).toHaveLength(4);
  });

  it("does not keep failures", async () => {
    const { inner, calls } = counting([new Error("down"), true]);
    const r = cachedReviewer(inner, 1000, () => 0);
    await expect(r({ user: "a", groups: [] }, CHECK)).rejects.toThrow("down");
    expect(await r({ user: "a", groups: [] }, CHECK)).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it("holds at most max answers", async () => {
    const { inner, calls } = counting([true, true, true, true]);
    const r = cachedReviewer(inner, 1000, () => 0, 2);
    for (const u of ["a", "b", "c", "a"]) await r({ user: u, groups: [] }, CHECK);
    expect(calls).toEqual(["a", "b", "c", "a"]);
  });
});

describe("kubeAccessReviewer against the Kubernetes emulator", () => {
  let kube: KubeEmulator;
  const seen: AccessReview[] = [];
  beforeAll(async () => {
    kube = await startKubeEmulator({
      accessPolicy: (review) => {
        seen.push(review);
        if (review.spec?.user === "carol") return { allowed: false, denied: true, reason: "explicitly denied" };
        return review.spec?.user === "alice" && review.spec.resourceAttributes?.verb === "update";
      },
    });
  });
  afterAll(() => kube.close());

  it("sends the subject and the resource attributes, and reads allowed", async () => {
    const review = kubeAccessReviewer(() => {
      const kc = new KubeConfig();
      kc.loadFromString(kube.kubeconfig());
      return kc;
    });
    expect(await review({ user: "alice", groups: ["dev"] }, CHECK)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ kind: "SubjectAccessReview", spec: { user: "alice", groups: ["dev"], resourceAttributes: CHECK } });
    expect(await review({ user: "alice", groups: [] }, { ...CHECK, verb: "delete" })).toBe(false);
    expect(await review({ user: "bob", groups: [] }, CHECK)).toBe(false);
    expect(await review({ user: "carol", groups: [] }, CHECK)).toBe(false);
  });
});
