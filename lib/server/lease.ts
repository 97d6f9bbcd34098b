// One apply per zone across every replica: a coordination.k8s.io/v1 Lease per zone, taken
// before the first write, renewed while the apply runs, released after. Taking it is an
// optimistic-concurrency write (create, or replace at the resourceVersion just read), so two
// replicas racing for a free lease cannot both win: the loser gets 409 from the API server.

import { ApiException, V1MicroTime, type CoordinationV1Api, type V1Lease } from "@kubernetes/client-node";
import { createHash } from "node:crypto";
import { classifyKubeError } from "../kube/errors";

export type LeaseApi = Pick<CoordinationV1Api, "readNamespacedLease" | "createNamespacedLease" | "replaceNamespacedLease">;

export interface ZoneLeaseOptions {
  api: LeaseApi;
  namespace: string;
  /** This replica's identity: pod name (or hostname) plus a random suffix. */
  holder: string;
  durationSeconds?: number;
  /** How often a held lease is renewed; default a third of the duration. */
  renewEveryMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

/** Another replica is applying to this zone. */
export interface LeaseBusy {
  zone: string;
  holder: string;
  /** When its lease runs out unless renewed (ISO). */
  until: string;
}

export interface ZoneLock {
  zones: string[];
  /** Gives the leases back; never throws (an unreleased lease simply expires). */
  release(): Promise<void>;
}

/** The Lease API could not be used (RBAC, network): the apply is refused rather than unguarded. */
export class LeaseUnavailableError extends Error {}

export const DEFAULT_LEASE_SECONDS = 60;
/** A lease claiming longer than this is treated as this long: one bad write cannot block a zone for ever. */
export const MAX_TRUSTED_LEASE_SECONDS = 300;
const MAX_NAME = 253;

/** `dnsdrift-zone-<zone, dots → dashes>`, shortened with a hash when the zone is very long. */
export function leaseNameFor(zone: string): string {
  // Spelled out rather than normalizeHostname: the name must stay the one earlier releases derived,
  // so that replicas running two releases during a rollout contend for one lease.
  const base = `dnsdrift-zone-${zone.toLowerCase().replace(/\.$/, "").replace(/[^a-z0-9-]/g, "-")}`;
  if (base.length <= MAX_NAME) return base;
  const hash = createHash("sha256").update(zone.toLowerCase()).digest("hex").slice(0, 12);
  return `${base.slice(0, MAX_NAME - hash.length - 1)}-${hash}`;
}

function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "string") {
    const t = Date.parse(value);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

/** When the lease's holder stops owning it (ms since epoch); 0 when nobody holds it. */
export function leaseExpiry(lease: V1Lease): number {
  const spec = lease.spec ?? {};
  if (!spec.holderIdentity) return 0;
  const renewed = timeOf(spec.renewTime) ?? timeOf(spec.acquireTime);
  if (renewed === undefined) return 0;
  const seconds = Math.min(Math.max(spec.leaseDurationSeconds ?? DEFAULT_LEASE_SECONDS, 0), MAX_TRUSTED_LEASE_SECONDS);
  return renewed + seconds * 1000;
}

const statusOf = (e: unknown) => (e instanceof ApiException ? e.code : undefined);

interface Held {
  zone: string;
  name: string;
  lease: V1Lease;
}

type Attempt = { held: Held } | { busy: LeaseBusy };

export class ZoneLeases {
  private readonly duration: number;
  private readonly renewEveryMs: number;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: ZoneLeaseOptions) {
    this.duration = opts.durationSeconds ?? DEFAULT_LEASE_SECONDS;
    this.renewEveryMs = opts.renewEveryMs ?? (this.duration * 1000) / 3;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log ?? ((line) => console.warn(line));
  }

  get holder(): string {
    return this.opts.holder;
  }

  get namespace(): string {
    return this.opts.namespace;
  }

  /**
   * Takes every zone's lease (in name order, so two replicas never hold one each of a pair and
   * wait on the other), or none: when one is busy the ones already taken are given back.
   */
  async acquire(zones: string[]): Promise<{ lock: ZoneLock } | { busy: LeaseBusy }> {
    const held: Held[] = [];
    for (const zone of [...new Set(zones)].sort()) {
      let attempt: Attempt;
      try {
        attempt = await this.acquireOne(zone);
      } catch (e) {
        await this.releaseAll(held);
        throw e;
      }
      if ("busy" in attempt) {
        await this.releaseAll(held);
        return { busy: attempt.busy };
      }
      held.push(attempt.held);
    }
    return { lock: this.lockOf(held) };
  }

  private spec(acquired: boolean, previous?: V1Lease): V1Lease["spec"] {
    const now = new V1MicroTime(this.now().getTime());
    const old = previous?.spec ?? {};
    const changedHands = old.holderIdentity !== this.opts.holder;
    return {
      holderIdentity: this.opts.holder,
      leaseDurationSeconds: this.duration,
      acquireTime: acquired && changedHands ? now : (old.acquireTime ?? now),
      renewTime: now,
      leaseTransitions: (old.leaseTransitions ?? 0) + (previous && acquired && changedHands && old.holderIdentity ? 1 : 0),
    };
  }

  private fail(zone: string, e: unknown): never {
    const err = classifyKubeError(e);
    throw new LeaseUnavailableError(
      `cannot use the Lease for zone ${zone} in namespace ${this.opts.namespace} (${err.message}); dnsdrift needs get, create and update on coordination.k8s.io leases there`,
    );
  }

  private busyOf(zone: string, lease: V1Lease): LeaseBusy {
    return { zone, holder: lease.spec?.holderIdentity ?? "another replica", until: new Date(leaseExpiry(lease)).toISOString() };
  }

  private async acquireOne(zone: string): Promise<Attempt> {
    const { namespace } = this.opts;
    const name = leaseNameFor(zone);
    let current: V1Lease | undefined;
    try {
      current = await this.opts.api.readNamespacedLease({ name, namespace });
    } catch (e) {
      if (statusOf(e) !== 404) this.fail(zone, e);
    }
    if (!current) {
      const body: V1Lease = {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name, namespace, labels: { "app.kubernetes.io/managed-by": "dnsdrift" }, annotations: { "dnsdrift.io/zone": zone } },
        spec: this.spec(true),
      };
      try {
        return { held: { zone, name, lease: await this.opts.api.createNamespacedLease({ namespace, body }) } };
      } catch (e) {
        if (statusOf(e) !== 409) this.fail(zone, e);
        return this.lostRace(zone, name);
      }
    }
    const mine = current.spec?.holderIdentity === this.opts.holder;
    if (!mine && leaseExpiry(current) > this.now().getTime()) return { busy: this.busyOf(zone, current) };
    try {
      const body: V1Lease = { ...current, spec: this.spec(true, current) };
      return { held: { zone, name, lease: await this.opts.api.replaceNamespacedLease({ name, namespace, body }) } };
    } catch (e) {
      if (statusOf(e) !== 409) this.fail(zone, e);
      return this.lostRace(zone, name);
    }
  }

  /** Someone wrote the lease between our read and our write: they hold it now. */
  private async lostRace(zone: string, name: string): Promise<Attempt> {
    try {
      const lease = await this.opts.api.readNamespacedLease({ name, namespace: this.opts.namespace });
      return { busy: this.busyOf(zone, lease) };
    } catch {
      return { busy: { zone, holder: "another replica", until: new Date(this.now().getTime() + this.duration * 1000).toISOString() } };
    }
  }

  private lockOf(held: Held[]): ZoneLock {
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing.then(() => this.renewAll(held));
    }, this.renewEveryMs);
    timer.unref?.();
    let released: Promise<void> | undefined;
    return {
      zones: held.map((h) => h.zone),
      release: () => {
        released ??= (async () => {
          clearInterval(timer);
          await renewing;
          await this.releaseAll(held);
        })();
        return released;
      },
    };
  }

  private async renewAll(held: Held[]): Promise<void> {
    for (const h of held) {
      try {
        h.lease = await this.opts.api.replaceNamespacedLease({
          name: h.name,
          namespace: this.opts.namespace,
          body: { ...h.lease, spec: this.spec(false, h.lease) },
        });
      } catch (e) {
        // The apply cannot be stopped halfway without leaving the zone in a worse state; say so loudly.
        this.log(`dnsdrift: could not renew the Lease ${h.name} for zone ${h.zone}: ${classifyKubeError(e).message}`);
      }
    }
  }

  private async releaseAll(held: Held[]): Promise<void> {
    for (const h of held) {
      const spec = { ...h.lease.spec, renewTime: new V1MicroTime(this.now().getTime()), leaseDurationSeconds: 1 };
      delete spec.holderIdentity;
      try {
        h.lease = await this.opts.api.replaceNamespacedLease({ name: h.name, namespace: this.opts.namespace, body: { ...h.lease, spec } });
      } catch (e) {
        // Harmless: the lease runs out by itself after its duration.
        this.log(`dnsdrift: could not release the Lease ${h.name} for zone ${h.zone}: ${classifyKubeError(e).message}`);
      }
    }
  }
}
