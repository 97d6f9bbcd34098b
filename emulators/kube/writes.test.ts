// Writes through the real client: Events (core and events.k8s.io), Leases with optimistic
// concurrency, access and token reviews, patches and deletes.

import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessReview } from "./access";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { apiError, GW, kubeConfigFor, namespace, route } from "./test-helpers";

let emu: KubeEmulator;
let kc: k8s.KubeConfig;
const reviews: AccessReview[] = [];

beforeAll(async () => {
  emu = await startKubeEmulator({
    objects: [namespace("dnsdrift"), route("r1", "apps")],
    token: "tok",
    accessPolicy: (sar) => {
      reviews.push(sar);
      return sar.spec?.resourceAttributes?.resource === "secrets" ? { allowed: false, reason: "no secrets" } : true;
    },
  });
  kc = kubeConfigFor(emu);
});
afterAll(() => emu.close());

describe("Events", () => {
  it("creates a core/v1 Event with generateName and stores it", async () => {
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const created = await api.createNamespacedEvent({
      namespace: "dnsdrift",
      body: {
        metadata: { generateName: "drift-" },
        involvedObject: { kind: "HTTPRoute", name: "r1", namespace: "dnsdrift" },
        reason: "DriftDetected",
        message: "record missing",
        type: "Warning",
      },
    });
    expect(created.metadata?.name).toMatch(/^drift-[a-z0-9]{5}$/);
    expect(created.metadata?.uid).toBeTruthy();
    const stored = emu.get("v1", "Event", "dnsdrift", created.metadata?.name ?? "");
    expect(stored).toMatchObject({ reason: "DriftDetected", involvedObject: { name: "r1" } });
    const listed = await api.listNamespacedEvent({ namespace: "dnsdrift", fieldSelector: "involvedObject.name=r1,reason=DriftDetected" });
    expect(listed.items.map((e) => e.metadata?.name)).toEqual([created.metadata?.name]);
  });

  it("creates an events.k8s.io/v1 Event", async () => {
    const api = kc.makeApiClient(k8s.EventsV1Api);
    const eventTime = new Date("2026-01-02T03:04:05.123456Z");
    const created = await api.createNamespacedEvent({
      namespace: "dnsdrift",
      body: {
        metadata: { name: "drift.1" },
        eventTime,
        reason: "DriftDetected",
        action: "Compare",
        reportingController: "dnsdrift",
        reportingInstance: "dnsdrift-0",
        regarding: { kind: "HTTPRoute", name: "r1", namespace: "apps" },
        type: "Normal",
      },
    });
    expect(created.metadata?.name).toBe("drift.1");
    // client-node 1.4 serialises MicroTime from a Date and hands it back as the string it got.
    expect(String(created.eventTime)).toBe("2026-01-02T03:04:05.123Z");
    expect(emu.objects("events.k8s.io/v1", "Event").map((e) => e.metadata.name)).toEqual(["drift.1"]);
    expect(emu.objects("v1", "Event").map((e) => e.metadata.name)).not.toContain("drift.1");
  });

  it("rejects a body whose namespace differs from the URL", async () => {
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const err = await apiError(api.createNamespacedEvent({ namespace: "dnsdrift", body: { metadata: { name: "x", namespace: "other" }, involvedObject: {} } }));
    expect(err.code).toBe(400);
  });

  it("answers 422 when neither name nor generateName is given", async () => {
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const err = await apiError(api.createNamespacedEvent({ namespace: "dnsdrift", body: { metadata: {}, involvedObject: {} } }));
    expect(err.code).toBe(422);
    expect(err.body).toMatchObject({ reason: "Invalid" });
  });
});

describe("Leases", () => {
  const api = () => kc.makeApiClient(k8s.CoordinationV1Api);
  const lease = (holder: string): k8s.V1Lease => ({
    metadata: { name: "dnsdrift-leader", namespace: "dnsdrift" },
    spec: { holderIdentity: holder, leaseDurationSeconds: 15, renewTime: new Date("2026-01-01T00:00:00.000000Z") },
  });

  it("create, get, replace with the current resourceVersion, and 409 on a stale one", async () => {
    const created = await api().createNamespacedLease({ namespace: "dnsdrift", body: lease("a") });
    const rv1 = created.metadata?.resourceVersion;
    expect(rv1).toBeTruthy();

    const again = await apiError(api().createNamespacedLease({ namespace: "dnsdrift", body: lease("a") }));
    expect(again.code).toBe(409);
    expect(again.body).toMatchObject({ reason: "AlreadyExists" });

    const got = await api().readNamespacedLease({ name: "dnsdrift-leader", namespace: "dnsdrift" });
    expect(got.spec?.holderIdentity).toBe("a");
    expect(String(got.spec?.renewTime)).toBe("2026-01-01T00:00:00.000Z");

    const next = lease("b");
    next.metadata = { ...next.metadata, resourceVersion: rv1 };
    const replaced = await api().replaceNamespacedLease({ name: "dnsdrift-leader", namespace: "dnsdrift", body: next });
    expect(replaced.spec?.holderIdentity).toBe("b");
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(rv1));
    expect(replaced.metadata?.uid).toBe(created.metadata?.uid);

    const stale = lease("c");
    stale.metadata = { ...stale.metadata, resourceVersion: rv1 };
    const conflict = await apiError(api().replaceNamespacedLease({ name: "dnsdrift-leader", namespace: "dnsdrift", body: stale }));
    expect(conflict.code).toBe(409);
    expect(conflict.body).toMatchObject({ reason: "Conflict", details: { name: "dnsdrift-leader", group: "coordination.k8s.io", kind: "leases" } });
    expect((await api().readNamespacedLease({ name: "dnsdrift-leader", namespace: "dnsdrift" })).spec?.holderIdentity).toBe("b");
  });

  it("404s reading or replacing a lease that does not exist", async () => {
    expect((await apiError(api().readNamespacedLease({ name: "none", namespace: "dnsdrift" }))).code).toBe(404);
    const body = lease("x");
    body.metadata = { ...body.metadata, name: "none" };
    expect((await apiError(api().replaceNamespacedLease({ name: "none", namespace: "dnsdrift", body }))).code).toBe(404);
  });
});

describe("reviews", () => {
  it("answers SubjectAccessReview from the configured policy", async () => {
    const api = kc.makeApiClient(k8s.AuthorizationV1Api);
    const ask = (resource: string) =>
      api.createSubjectAccessReview({
        body: { spec: { user: "system:serviceaccount:external-dns:external-dns", resourceAttributes: { verb: "list", group: "", resource } } },
      });
    expect((await ask("services")).status).toMatchObject({ allowed: true });
    expect((await ask("secrets")).status).toMatchObject({ allowed: false, reason: "no secrets" });
    expect(reviews.at(-1)).toMatchObject({ kind: "SubjectAccessReview", spec: { user: "system:serviceaccount:external-dns:external-dns" } });
  });

  it("fills the caller in for SelfSubjectAccessReview", async () => {
    const api = kc.makeApiClient(k8s.AuthorizationV1Api);
    const res = await api.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb: "watch", group: GW, resource: "httproutes" } } } });
    expect(res.status?.allowed).toBe(true);
    expect(reviews.at(-1)?.spec?.user).toBe("system:serviceaccount:dnsdrift:dnsdrift");
  });

  it("defaults to the forbidden list when no policy is configured", async () => {
    const plain = await startKubeEmulator({ forbidden: ["list:DNSEndpoint"] });
    try {
      const api = kubeConfigFor(plain).makeApiClient(k8s.AuthorizationV1Api);
      const ask = async (verb: string) =>
        (await api.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb, group: "externaldns.k8s.io", resource: "dnsendpoints" } } } })).status?.allowed;
      expect(await ask("list")).toBe(false);
      expect(await ask("watch")).toBe(true);
    } finally {
      await plain.close();
    }
  });

  it("answers TokenReview for known and unknown tokens", async () => {
    const api = kc.makeApiClient(k8s.AuthenticationV1Api);
    expect((await api.createTokenReview({ body: { spec: { token: "tok" } } })).status).toMatchObject({
      authenticated: true,
      user: { username: "system:serviceaccount:dnsdrift:dnsdrift" },
    });
    expect((await api.createTokenReview({ body: { spec: { token: "nope" } } })).status?.authenticated).toBe(false);
  });
});

describe("patch and delete over HTTP", () => {
  const url = (name: string, sub = "") => `${emu.url}/apis/${GW}/v1/namespaces/apps/httproutes/${name}${sub}`;
  const send = async (method: string, u: string, contentType: string, body?: unknown) => {
    const res = await fetch(u, { method, headers: { authorization: "Bearer tok", "content-type": contentType }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: JSON.parse(await res.text()) };
  };

  it.each([
    { type: "application/merge-patch+json", patch: { metadata: { labels: { a: "1" } } } },
    { type: "application/strategic-merge-patch+json", patch: { metadata: { labels: { a: "1" } } } },
    { type: "application/json-patch+json", patch: [{ op: "add", path: "/metadata/labels", value: { a: "1" } }] },
  ])("applies a $type patch without bumping generation for a metadata change", async ({ type, patch }) => {
    emu.apply(route("p", "apps"));
    const res = await send("PATCH", url("p"), type, patch);
    expect(res.status).toBe(200);
    expect(res.body.metadata.labels).toEqual({ a: "1" });
    expect(res.body.metadata.generation).toBe(1);
  });

  it("bumps generation for a spec change and leaves spec alone on a status update", async () => {
    emu.apply(route("g", "apps"));
    const spec = await send("PATCH", url("g"), "application/merge-patch+json", { spec: { hostnames: ["z.example.com"] } });
    expect(spec.body.metadata.generation).toBe(2);
    const status = await send("PATCH", url("g", "/status"), "application/merge-patch+json", { spec: { hostnames: ["ignored"] }, status: { parents: [] } });
    expect(status.body.spec.hostnames).toEqual(["z.example.com"]);
    expect(status.body.status).toEqual({ parents: [] });
    expect(status.body.metadata.generation).toBe(2);
  });

  it("deletes and returns a Success Status; a second delete is 404", async () => {
    emu.apply(route("d", "apps"));
    const res = await send("DELETE", url("d"), "application/json");
    expect(res.body).toMatchObject({ kind: "Status", status: "Success", details: { name: "d", kind: "httproutes" } });
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "apps", "d")).toBeUndefined();
    expect((await send("DELETE", url("d"), "application/json")).status).toBe(404);
  });
});
