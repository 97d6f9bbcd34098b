// Sessions ended by logout. A session cookie is a signed claim that would stay valid until it
// expires; logging out puts its id here until that moment, so the cookie is refused even when
// someone kept a copy. Held in memory by the runtime: a restart with a random session secret ends
// every session anyway, and with several replicas each refuses the cookies logged out through it
// (docs/install.md says so). Bounded, so logins and logouts cannot grow it without limit.

import { LRUCache } from "lru-cache";

export const MAX_REVOKED = 100_000;

export class SessionRevocations {
  // Bounded by size (each entry counts 1) rather than by `max`: with `max` lru-cache allocates
  // every slot up front, ~3 MB held from start-up for a list that is almost always empty.
  private readonly revoked = new LRUCache<string, true>({ maxSize: MAX_REVOKED, sizeCalculation: () => 1 });

  /** Refuses the session `sid` from now until `expSeconds` (Unix time), when it would lapse anyway. */
  revoke(sid: string, expSeconds: number, now = Date.now()): void {
    const ttl = expSeconds * 1000 - now;
    if (ttl > 0) this.revoked.set(sid, true, { ttl });
  }

  has(sid: string): boolean {
    return this.revoked.has(sid);
  }
}
