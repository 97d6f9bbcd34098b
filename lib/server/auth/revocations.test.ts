import { describe, expect, it } from "vitest";
import { MAX_REVOKED, SessionRevocations } from "./revocations";

describe("SessionRevocations", () => {
  const now = 1_700_000_000_000;
  const exp = now / 1000 + 3600;

  it("refuses a revoked session until it would have lapsed anyway", () => {
    const r = new SessionRevocations();
    r.revoke("a", exp, now);
    r.revoke("gone", now / 1000 - 1, now); // already expired: nothing to remember
    expect(r.has("a")).toBe(true);
    expect(r.has("gone")).toBe(false);
    expect(r.has("b")).toBe(false);
  });

  it("holds at most MAX_REVOKED sessions, forgetting the oldest first", () => {
    const r = new SessionRevocations();
    for (let i = 0; i <= MAX_REVOKED; i++) r.revoke(`s${i}`, exp, now);
    expect(r.has("s0")).toBe(false);
    expect(r.has("s1")).toBe(true);
    expect(r.has(`s${MAX_REVOKED}`)).toBe(true);
  });
});
