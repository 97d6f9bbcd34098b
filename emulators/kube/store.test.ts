import { describe, expect, it } from "vitest";
import { ResourceRegistry } from "./resources";
import { ApiError } from "./status";
import { ObjectStore, type Change, type KubeObject } from "./store";

const reg = new ResourceRegistry();
const ROUTE = reg.byGroupKind("gateway.networking.k8s.io", "HTTPRoute")!;
const NS = reg.byGroupKind("", "Namespace")!;

const route = (name: string, spec: object = {}, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name, namespace: "apps" },
  spec,
  ...extra,
});

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ApiError ? e.code : -1;
  }
  return undefined;
}

describe("ObjectStore", () => {
  it("bumps the global resourceVersion on every change and stamps server metadata", () => {
    const s = new ObjectStore({ clock: () => new Date("2026-03-04T05:06:07.890Z") });
    const a = s.create(ROUTE, route("a"));
    const n = s.create(NS, { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps", namespace: "ignored" } });
    expect(a.metadata).toMatchObject({ resourceVersion: "1", generation: 1, creationTimestamp: "2026-03-04T05:06:07Z" });
    expect(n.metadata.resourceVersion).toBe("2");
    expect(n.metadata.namespace).toBeUndefined();
    expect(s.resourceVersion).toBe(2);
  });

  it.each([
    { change: { spec: { hostnames: ["x"] } }, generation: 2 },
    { change: { status: { parents: [] } }, generation: 1 },
    { change: { metadata: { name: "a", namespace: "apps", labels: { l: "1" } } }, generation: 1 },
  ])("generation after $change is $generation", ({ change, generation }) => {
    const s = new ObjectStore();
    const a = s.create(ROUTE, route("a"));
    const b = s.update(ROUTE, { ...route("a"), ...change });
    expect(b.metadata.generation).toBe(generation);
    expect(b.metadata.uid).toBe(a.metadata.uid);
  });

  it.each([
    { name: "create of an existing name", op: (s: ObjectStore) => s.create(ROUTE, route("a")), code: 409 },
    { name: "update with a stale resourceVersion", op: (s: ObjectStore) => s.update(ROUTE, { ...route("a", { x: 1 }), metadata: { name: "a", namespace: "apps", resourceVersion: "0" } }), code: 409 },
    { name: "update of a missing object", op: (s: ObjectStore) => s.update(ROUTE, route("zz")), code: 404 },
    { name: "delete of a missing object", op: (s: ObjectStore) => s.delete(ROUTE, "apps", "zz"), code: 404 },
    { name: "delete with a stale precondition", op: (s: ObjectStore) => s.delete(ROUTE, "apps", "a", "0"), code: 409 },
    { name: "update without resourceVersion (unconditional)", op: (s: ObjectStore) => s.update(ROUTE, route("a", { x: 2 })), code: undefined },
  ])("$name → $code", ({ op, code }) => {
    const s = new ObjectStore();
    s.create(ROUTE, route("a"));
    expect(codeOf(() => op(s))).toBe(code);
  });

  it("put is a no-op for identical content (no resourceVersion bump, no event)", () => {
    const s = new ObjectStore();
    const seen: Change[] = [];
    s.subscribe((c) => seen.push(c));
    s.put(ROUTE, route("a"));
    expect(s.put(ROUTE, { ...route("a"), apiVersion: "gateway.networking.k8s.io/v1beta1" }).changed).toBe(false);
    expect(s.put(ROUTE, route("a", { y: 1 })).changed).toBe(true);
    expect(seen.map((c) => `${c.type}@${c.rv}`)).toEqual(["ADDED@1", "MODIFIED@2"]);
  });

  it("keeps a bounded history and reports older ranges as expired", () => {
    const s = new ObjectStore({ historyLimit: 2 });
    for (const n of ["a", "b", "c", "d"]) s.create(ROUTE, route(n));
    expect(s.changesSince(1, "httproutes.gateway.networking.k8s.io")).toBe("expired");
    const kept = s.changesSince(2, "httproutes.gateway.networking.k8s.io");
    expect(kept !== "expired" && kept.map((c) => c.object.metadata.name)).toEqual(["c", "d"]);
    s.expireHistory();
    expect(s.changesSince(3, "httproutes.gateway.networking.k8s.io")).toBe("expired");
    expect(s.changesSince(4, "httproutes.gateway.networking.k8s.io")).toEqual([]);
  });

  it("lists in namespace/name order and defaults a namespaced object's namespace", () => {
    const s = new ObjectStore();
    s.create(ROUTE, { ...route("b"), metadata: { name: "b", namespace: "z" } });
    s.create(ROUTE, route("c"));
    s.create(ROUTE, { ...route("a"), metadata: { name: "a" } });
    expect(s.list(ROUTE).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(["apps/c", "default/a", "z/b"]);
    expect(s.list(ROUTE, "z").map((o) => o.metadata.name)).toEqual(["b"]);
  });

  it("does not let callers mutate stored objects through their input", () => {
    const s = new ObjectStore();
    const input = route("a", { hostnames: ["x"] });
    s.create(ROUTE, input);
    (input.spec as { hostnames: string[] }).hostnames.push("y");
    expect(s.get(ROUTE, "apps", "a")?.spec).toEqual({ hostnames: ["x"] });
  });
});
