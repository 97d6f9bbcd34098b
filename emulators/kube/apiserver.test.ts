// API-server behaviour dnsdrift writes through or relies on, checked with client-node and raw
// HTTP against kube-apiserver's answers: Event and Lease validation (422 with causes),
// finalizers and deletionTimestamp, the status subresource, dryRun=All on every verb, custom
// resources updated without a resourceVersion, SubjectAccessReview without a subject.

import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator } from "./server";
import { apiError, GW, kubeConfigFor, namespace, route } from "./test-helpers";

let emu: KubeEmulator;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  emu = await startKubeEmulator({ objects: [namespace("apps"), namespace("dnsdrift")] });
  kc = kubeConfigFor(emu);
});
afterAll(() => emu.close());

const send = async (method: string, path: string, body?: unknown, contentType = "application/json") => {
  const res = await fetch(`${emu.url}${path}`, { method, headers: { "content-type": contentType }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: JSON.parse(await res.text()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const routePath = (name = "", sub = "") => `/apis/${GW}/v1/namespaces/apps/httproutes${name ? `/${name}` : ""}${sub}`;

describe("Event validation", () => {
  const core = {
    metadata: { name: "e1", namespace: "dnsdrift" },
    involvedObject: { kind: "HTTPRoute", name: "r", namespace: "dnsdrift" },
    reason: "Applied",
    message: "ok",
    type: "Normal",
  };
  const modern = {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: { name: "e2", namespace: "dnsdrift" },
    eventTime: "2026-01-02T03:04:05.000000Z",
    reportingController: "dnsdrift.example.com/apply",
    reportingInstance: "dnsdrift-0",
    action: "ApplyDNS",
    reason: "Applied",
    regarding: { kind: "HTTPRoute", name: "r", namespace: "apps" },
    type: "Normal",
  };

  it.each([
    ["core/v1: the involved object in another namespace", "/api/v1/namespaces/dnsdrift/events", { ...core, involvedObject: { ...core.involvedObject, namespace: "apps" } },
      'Event "e1" is invalid: involvedObject.namespace: Invalid value: "apps": does not match event.namespace', ["involvedObject.namespace"]],
    ["core/v1 with eventTime: reporting fields required", "/api/v1/namespaces/dnsdrift/events", { ...core, eventTime: "2026-01-02T03:04:05.000000Z" },
      'Event "e1" is invalid: [reportingComponent: Required value, reportingInstance: Required value, action: Required value]', ["reportingComponent", "reportingInstance", "action"]],
    ["events.k8s.io/v1 without eventTime and with deprecated fields", "/apis/events.k8s.io/v1/namespaces/dnsdrift/events", { ...modern, eventTime: undefined, deprecatedCount: 3 },
      // Without eventTime it is also checked as an old-style Event: regarding must be in its namespace.
      'Event.events.k8s.io "e2" is invalid: [involvedObject.namespace: Invalid value: "apps": does not match event.namespace, eventTime: Required value, count: Invalid value: "": needs to be unset]',
      ["involvedObject.namespace", "eventTime", "count"]],
    ["events.k8s.io/v1 with a bad type and name", "/apis/events.k8s.io/v1/namespaces/dnsdrift/events", { ...modern, metadata: { name: "E_2", namespace: "dnsdrift" }, type: "Info" },
      undefined, ["metadata.name", "type"]],
  ])("%s → 422", async (_, path, body, message, fields) => {
    const res = await send("POST", path, body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ kind: "Status", status: "Failure", reason: "Invalid", code: 422, details: { kind: "Event" } });
    if (message) expect(res.body.message).toBe(message);
    expect(res.body.details.causes.map((c: { field: string }) => c.field)).toEqual(fields);
    expect(emu.objects().filter((o) => o.kind === "Event")).toHaveLength(0);
  });

  it("accepts valid Events of both APIs (the shapes dnsdrift and controllers write)", async () => {
    expect((await send("POST", "/api/v1/namespaces/dnsdrift/events", core)).status).toBe(201);
    expect((await send("POST", "/apis/events.k8s.io/v1/namespaces/dnsdrift/events", modern)).status).toBe(201);
    // A cluster-scoped involved object: its Event lives in default.
    const node = { ...core, metadata: { name: "e3", namespace: "default" }, involvedObject: { kind: "Node", name: "n1" } };
    expect((await send("POST", "/api/v1/namespaces/default/events", node)).status).toBe(201);
  });
});

describe("Lease validation", () => {
  const api = () => kc.makeApiClient(k8s.CoordinationV1Api);
  it.each([
    [{ leaseDurationSeconds: 0 }, 'Lease.coordination.k8s.io "l1" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    [{ leaseTransitions: -1 }, 'Lease.coordination.k8s.io "l1" is invalid: spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
  ])("%j → 422", async (spec, message) => {
    const err = await apiError(api().createNamespacedLease({ namespace: "dnsdrift", body: { metadata: { name: "l1" }, spec } }));
    expect(err).toMatchObject({ code: 422, body: { reason: "Invalid", message, details: { name: "l1", group: "coordination.k8s.io", kind: "Lease" } } });
  });

  it("validates updates too", async () => {
    const lease = await api().createNamespacedLease({ namespace: "dnsdrift", body: { metadata: { name: "l2" }, spec: { holderIdentity: "a", leaseDurationSeconds: 15 } } });
    const err = await apiError(api().replaceNamespacedLease({ name: "l2", namespace: "dnsdrift", body: { ...lease, spec: { ...lease.spec, leaseDurationSeconds: -5 } } }));
    expect(err.code).toBe(422);
  });
});

describe("finalizers and deletionTimestamp", () => {
  const api = () => kc.makeApiClient(k8s.CustomObjectsApi);
  const ref = { group: GW, version: "v1", namespace: "apps", plural: "httproutes" };
  const patch = (name: string, body: object) =>
    api().patchNamespacedCustomObject({ ...ref, name, body }, k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch));

  it("a delete marks an object with finalizers; removing the last finalizer deletes it", async () => {
    emu.apply({ ...route("fin", "apps"), metadata: { name: "fin", namespace: "apps", finalizers: ["example.com/a", "example.com/b"] } });
    const before = emu.get(`${GW}/v1`, "HTTPRoute", "apps", "fin")!;
    const res = await send("DELETE", routePath("fin"));
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe("HTTPRoute");
    expect(res.body.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(res.body.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(res.body.metadata.generation).toBe((before.metadata.generation ?? 1) + 1);
    // A second delete changes nothing.
    expect((await send("DELETE", routePath("fin"))).body.metadata.resourceVersion).toBe(res.body.metadata.resourceVersion);

    const added = await apiError(patch("fin", { metadata: { finalizers: ["example.com/a", "example.com/b", "example.com/c"] } }));
    expect(added).toMatchObject({ code: 422, body: { details: { causes: [{ field: "metadata.finalizers", reason: "FieldValueForbidden" }] } } });
    expect(added.body).toMatchObject({ message: expect.stringContaining('found new finalizers []string{"example.com/c"}') });

    const kept = (await patch("fin", { metadata: { finalizers: ["example.com/b"], deletionTimestamp: null } })) as { metadata: { deletionTimestamp?: string } };
    expect(kept.metadata.deletionTimestamp).toBe(res.body.metadata.deletionTimestamp);
    await patch("fin", { metadata: { finalizers: null } });
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "apps", "fin")).toBeUndefined();
  });

  it("an object without finalizers goes at once", async () => {
    emu.apply(route("nofin", "apps"));
    expect((await send("DELETE", routePath("nofin"))).body).toMatchObject({ kind: "Status", status: "Success" });
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "apps", "nofin")).toBeUndefined();
  });
});

describe("the status subresource", () => {
  const status = { parents: [{ parentRef: { name: "gw" }, controllerName: "example.com/gw", conditions: [] }] };

  it("a create drops status; a plain update or patch of the object does not change it", async () => {
    const created = await send("POST", routePath(), { ...route("st", "apps"), status });
    expect(created.body.status).toBeUndefined();
    await send("PATCH", routePath("st", "/status"), { status }, "application/merge-patch+json");
    const patched = await send("PATCH", routePath("st"), { spec: { hostnames: ["n.example.com"] }, status: { parents: [] } }, "application/merge-patch+json");
    expect(patched.body.status).toEqual(status);
    expect(patched.body.spec.hostnames).toEqual(["n.example.com"]);
    const replaced = await send("PUT", routePath("st"), { ...patched.body, status: { parents: [] } });
    expect(replaced.body.status).toEqual(status);
  });

  it("/status does not change spec", async () => {
    const obj = (await send("GET", routePath("st"))).body;
    const res = await send("PUT", routePath("st", "/status"), { ...obj, spec: { hostnames: ["other.example.com"] }, status: { parents: [] } });
    expect(res.body.spec.hostnames).toEqual(["n.example.com"]);
    expect(res.body.status).toEqual({ parents: [] });
  });

  it("a kind without a status subresource serves none", async () => {
    expect((await send("GET", "/api/v1/namespaces/apps/configmaps/x/status")).status).toBe(404);
  });
});

describe("dryRun=All", () => {
  it.each([
    ["create", "POST", routePath(), route("dry", "apps"), undefined, 201],
    ["update", "PUT", routePath("dry-x"), "current", undefined, 200],
    ["merge patch", "PATCH", routePath("dry-x"), { spec: { hostnames: ["changed.example.com"] } }, "application/merge-patch+json", 200],
    ["apply patch (create)", "PATCH", routePath("dry-new"), { apiVersion: `${GW}/v1`, kind: "HTTPRoute", metadata: { name: "dry-new" } }, "application/apply-patch+yaml", 200],
    ["delete", "DELETE", routePath("dry-x"), undefined, undefined, 200],
    ["deletecollection", "DELETE", routePath(), undefined, undefined, 200],
  ])("%s: answers as if, stores nothing", async (_, method, path, body, type, code) => {
    emu.apply(route("dry-x", "apps"));
    const rv = emu.resourceVersion;
    const stored = emu.get(`${GW}/v1`, "HTTPRoute", "apps", "dry-x");
    const current = (await send("GET", routePath("dry-x"))).body;
    const payload = body === "current" ? { ...current, spec: { hostnames: ["changed.example.com"] } } : body;
    const sep = path.includes("?") ? "&" : "?";
    const res = await send(method, `${path}${sep}dryRun=All${type === "application/apply-patch+yaml" ? "&fieldManager=t" : ""}`, payload, type);
    expect(res.status).toBe(code);
    expect(emu.resourceVersion).toBe(rv);
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "apps", "dry-x")).toEqual(stored);
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "apps", "dry")).toBeUndefined();
    expect(emu.get(`${GW}/v1`, "HTTPRoute", "apps", "dry-new")).toBeUndefined();
    if (method === "PUT" || (method === "PATCH" && type !== "application/apply-patch+yaml")) expect(res.body.spec.hostnames).toEqual(["changed.example.com"]);
    if (method === "DELETE" && path.endsWith("/dry-x")) expect(res.body).toMatchObject({ status: "Success" });
    if (path === routePath()) expect(res.body.kind).toBe(method === "POST" ? "HTTPRoute" : "HTTPRouteList");
  });

  it("a dry-run create still answers 409 for a name that exists, and validates", async () => {
    emu.apply(route("dup", "apps"));
    expect((await send("POST", `${routePath()}?dryRun=All`, route("dup", "apps"))).status).toBe(409);
    expect((await send("POST", "/apis/coordination.k8s.io/v1/namespaces/apps/leases?dryRun=All", { metadata: { name: "l" }, spec: { leaseDurationSeconds: 0 } })).status).toBe(422);
  });
});

describe("updates without metadata.resourceVersion", () => {
  it("a custom resource: 422, as customResourceStrategy allows no unconditional update", async () => {
    emu.apply(route("norv", "apps"));
    const obj = (await send("GET", routePath("norv"))).body;
    delete obj.metadata.resourceVersion;
    const res = await send("PUT", routePath("norv"), { ...obj, spec: { hostnames: ["x.example.com"] } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      reason: "Invalid",
      message: 'httproutes.gateway.networking.k8s.io "norv" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
      details: { causes: [{ reason: "FieldValueInvalid", field: "metadata.resourceVersion" }] },
    });
  });

  it("a built-in kind: an unconditional update", async () => {
    emu.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "apps" }, data: { a: "1" } });
    const res = await send("PUT", "/api/v1/namespaces/apps/configmaps/cm", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "apps" }, data: { a: "2" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ a: "2" });
  });
});

describe("SubjectAccessReview validation", () => {
  const api = () => kc.makeApiClient(k8s.AuthorizationV1Api);
  const attrs = { resourceAttributes: { verb: "get", resource: "pods" } };

  it("no user and no groups → 422", async () => {
    const err = await apiError(api().createSubjectAccessReview({ body: { spec: attrs } }));
    expect(err).toMatchObject({
      code: 422,
      body: {
        reason: "Invalid",
        message: 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
        details: { group: "authorization.k8s.io", kind: "SubjectAccessReview", causes: [{ field: "spec.user" }] },
      },
    });
  });

  it("neither resource nor non-resource attributes → 422", async () => {
    const err = await apiError(api().createSubjectAccessReview({ body: { spec: { user: "alice" } } }));
    expect(err.code).toBe(422);
    expect((err.body as { details: { causes: { field: string }[] } }).details.causes.map((c) => c.field)).toEqual(["spec.resourceAttributes"]);
  });

  it.each([{ user: "alice" }, { groups: ["ops"] }])("%j is answered", async (who) => {
    const res = await api().createSubjectAccessReview({ body: { spec: { ...attrs, ...who } } });
    expect(res.status?.allowed).toBe(true);
  });
});
