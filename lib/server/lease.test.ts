import { CoordinationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { kubeConfigFor, waitFor } from "../../emulators/kube/test-helpers";
import { startKubeEmulator, type KubeEmulator } from "../../emulators/kube/server";
import { LeaseUnavailableError, MAX_TRUSTED_LEASE_SECONDS, ZoneLeases, leaseExpiry, leaseNameFor, type ZoneLeaseOptions } from "./lease";

const NS = "dnsdrift";
let kube: KubeEmulator;
let api: CoordinationV1Api;

type StoredLease = { metadata: { resourceVersion: string }; spec: { holderIdentity?: string; renewTime?: string; acquireTime?: string; leaseDurationSeconds?: number; leaseTransitions?: number } };
const stored = (zone: string) => kube.get("coordination.k8s.io/v1", "Lease", NS, leaseNameFor(zone)) as unknown as StoredLease | undefined;

function leases(holder: string, extra: Partial<ZoneLeaseOptions> = {}): ZoneLeases {
  return new ZoneLeases({ api, namespace: NS, holder, log: () => undefined, ...extra });
}

function putLease(zone: string, holder: string, renewedSecondsAgo: number, durationSeconds = 60) {
  const t = new Date(Date.now() - renewedSecondsAgo * 1000).toISOString().replace("Z", "000Z");
  kube.apply({
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: leaseNameFor(zone), namespace: NS },
    spec: { holderIdentity: holder, leaseDurationSeconds: durationSeconds, acquireTime: t, renewTime: t, leaseTransitions: 3 },
  });
}

beforeAll(async () => {
  kube = await startKubeEmulator();
  api = kubeConfigFor(kube).makeApiClient(CoordinationV1Api);
});
beforeEach(() => kube.reset([]));
afterAll(() => kube.close());

describe("leaseNameFor", () => {
  it.each([
    ["example.com", "dnsdrift-zone-example-com"],
    ["Example.COM.", "dnsdrift-zone-example-com"],
    ["xn--bcher-kva.example", "dnsdrift-zone-xn--bcher-kva-example"],
    ["a_b.example.org", "dnsdrift-zone-a-b-example-org"],
  ])("%s → %s", (zone, name) => expect(leaseNameFor(zone)).toBe(name));

  it("keeps very long zones within 253 characters, distinct by a hash", () => {
    const long = (c: string) => `${c.repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.example`;
    const [x, y] = [leaseNameFor(long("a")), leaseNameFor(long("e"))];
    expect(x.length).toBeLessThanOrEqual(253);
    expect(x).not.toBe(y);
    expect(x).toMatch(/^[a-z0-9-]+$/);
  });
});

describe("leaseExpiry", () => {
  const at = "2030-01-01T00:00:00.000000Z";
  const t = Date.parse(at);
  it.each([
    ["nobody holds it", { leaseDurationSeconds: 60, renewTime: at }, 0],
    ["renewed + duration", { holderIdentity: "x", leaseDurationSeconds: 60, renewTime: at }, t + 60_000],
    ["acquireTime when never renewed", { holderIdentity: "x", leaseDurationSeconds: 10, acquireTime: at }, t + 10_000],
    ["a Date as well as a string", { holderIdentity: "x", leaseDurationSeconds: 10, renewTime: new Date(t) }, t + 10_000],
    ["an absurd duration is capped", { holderIdentity: "x", leaseDurationSeconds: 2 ** 31 - 1, renewTime: at }, t + MAX_TRUSTED_LEASE_SECONDS * 1000],
    ["no time at all", { holderIdentity: "x", leaseDurationSeconds: 10 }, 0],
  ])("%s", (_, spec, expected) => expect(leaseExpiry({ spec: spec as never })).toBe(expected));
});

describe("ZoneLeases against the API server", () => {
  it("creates the lease for a free zone, with microsecond times, and releases it", async () => {
    const got = await leases("replica-a").acquire(["example.com"]);
    expect("lock" in got).toBe(true);
    const held = stored("example.com")!;
    expect(held.spec).toMatchObject({ holderIdentity: "replica-a", leaseDurationSeconds: 60, leaseTransitions: 0 });
    expect(held.spec.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    if ("lock" in got) await got.lock.release();
    expect(stored("example.com")!.spec.holderIdentity).toBeUndefined();
  });

  it("refuses a zone another replica holds, naming it and when its lease runs out", async () => {
    putLease("example.com", "replica-b", 5);
    const got = await leases("replica-a").acquire(["example.com"]);
    expect(got).toMatchObject({ busy: { zone: "example.com", holder: "replica-b" } });
    if ("busy" in got) expect(Date.parse(got.busy.until)).toBeGreaterThan(Date.now() + 50_000);
    expect(stored("example.com")!.spec.holderIdentity).toBe("replica-b");
  });

  it("takes over the expired lease of a replica that died, counting the transition", async () => {
    putLease("example.com", "dead-replica", 120);
    const got = await leases("replica-a").acquire(["example.com"]);
    expect("lock" in got).toBe(true);
    expect(stored("example.com")!.spec).toMatchObject({ holderIdentity: "replica-a", leaseTransitions: 4 });
  });

  it("takes a released lease without waiting for it to run out", async () => {
    const first = await leases("replica-b").acquire(["example.com"]);
    if ("lock" in first) await first.lock.release();
    const got = await leases("replica-a").acquire(["example.com"]);
    expect("lock" in got).toBe(true);
  });

  it("takes all zones or none: a busy one gives back those already taken", async () => {
    putLease("b.example", "replica-b", 1);
    const got = await leases("replica-a").acquire(["c.example", "b.example", "a.example"]);
    expect(got).toMatchObject({ busy: { zone: "b.example" } });
    expect(stored("a.example")!.spec.holderIdentity).toBeUndefined();
    expect(stored("c.example")).toBeUndefined(); // taken in name order: never reached
  });

  it("lets exactly one of two replicas racing for a free zone win", async () => {
    const results = await Promise.all([leases("replica-a").acquire(["example.com"]), leases("replica-b").acquire(["example.com"])]);
    expect(results.filter((r) => "lock" in r)).toHaveLength(1);
    const loser = results.find((r) => "busy" in r) as { busy: { holder: string } };
    expect(loser.busy.holder).toBe(stored("example.com")!.spec.holderIdentity);
  });

  it("renews the lease while it is held", async () => {
    const got = await leases("replica-a", { renewEveryMs: 30 }).acquire(["example.com"]);
    const first = stored("example.com")!.spec.renewTime!;
    await waitFor(() => stored("example.com")!.spec.renewTime !== first, "a renewal");
    if ("lock" in got) await got.lock.release();
    const rv = stored("example.com")!.metadata.resourceVersion;
    await new Promise((r) => setTimeout(r, 100));
    expect(stored("example.com")!.metadata.resourceVersion).toBe(rv); // no renewals after release
  });

  it("refuses with the permissions it needs when the Lease API is forbidden", async () => {
    kube.setForbidden(["leases"]);
    await expect(leases("replica-a").acquire(["example.com"])).rejects.toThrow(LeaseUnavailableError);
    await expect(leases("replica-a").acquire(["example.com"])).rejects.toThrow(/get, create and update on coordination.k8s.io leases/);
  });
});
