import { describe, expect, it } from "vitest";
import { confirmationFor, revertsFor } from "./safety";
import type { RecordChange } from "../externaldns/types";

const c = (action: RecordChange["action"], name: string, extra: Partial<RecordChange> = {}): RecordChange => ({
  action,
  zone: "example.com",
  name,
  type: "CNAME",
  content: "external.example.com",
  ...extra,
});

describe("confirmationFor", () => {
  it.each<[string, RecordChange[], Record<string, number>, boolean, string]>([
    ["creates and updates only", [c("create", "a.example.com"), c("update", "b.example.com")], { "example.com": 20 }, false, ""],
    ["any delete", [c("delete", "old.example.com")], { "example.com": 20 }, true, "example.com"],
    ["the TXT of a create does not count as protected", [c("create", "k8s.a.example.com", { type: "TXT", ownershipOf: "a.example.com" })], {}, false, ""],
    ["the zone apex", [c("create", "example.com", { type: "A" })], {}, true, "example.com"],
    ["an MX record", [c("update", "example.com", { type: "MX" })], {}, true, "example.com"],
    ["a protected name from the list", [c("update", "login.example.com")], {}, true, "example.com"],
  ])("%s", (_, changes, owned, required, phrase) => {
    const r = confirmationFor(changes, owned, { deleteShare: 0.3, deleteMinOwned: 10, protectedNames: ["login.example.com"] });
    expect({ required: r.required, phrase: r.phrase }).toEqual({ required, phrase });
  });

  it.each([
    [10, 3, false],
    [10, 4, true],
    [9, 9, false],
  ])("threshold: %i owned, %i deleted → over threshold %s", (owned, deleted, over) => {
    const changes = Array.from({ length: deleted }, (_, i) => c("delete", `r${i}.example.com`));
    const r = confirmationFor(changes, { "example.com": owned });
    expect(r.reasons.some((x) => x.includes("safety threshold"))).toBe(over);
  });
});

describe("revertsFor", () => {
  it("warns on updates of data records only", () => {
    const changes = [
      c("create", "a.example.com"),
      c("update", "app.example.com", { proxied: true, ttl: 1, previous: { content: "external.example.com", proxied: false, ttl: 1 } }),
      c("update", "k8s.app.example.com", { type: "TXT", ownershipOf: "app.example.com", previous: { content: "x" } }),
    ];
    const r = revertsFor(changes);
    expect(r).toHaveLength(1);
    expect(r[0].index).toBe(1);
    expect(r[0].message).toContain("proxied false → true");
  });
});
