import { describe, expect, it } from "vitest";
import type { AuditChange, AuditOutcome } from "../../api/types";
import { countsOf, outcomeOf, statusAsRead } from "./outcome";

type Status = AuditChange["status"];

describe("outcomeOf", () => {
  it.each<[Status[], AuditOutcome]>([
    [["applied", "applied"], "ok"],
    [["applied", "failed"], "partial"],
    [["applied", "skipped"], "partial"],
    [["applied", "pending"], "partial"],
    [["failed", "failed"], "failed"],
    [["skipped"], "failed"],
    [["pending", "pending"], "failed"],
    [[], "failed"],
  ])("%j → %s", (statuses, outcome) => expect(outcomeOf(statuses)).toBe(outcome));
});

describe("statusAsRead", () => {
  it.each<[Status, AuditOutcome, Status]>([
    ["pending", "pending", "pending"],
    ["pending", "interrupted", "unknown"],
    ["pending", "failed", "unknown"],
    ["applied", "interrupted", "applied"],
    ["failed", "partial", "failed"],
  ])("%s in a %s entry reads %s", (stored, outcome, read) => expect(statusAsRead(stored, outcome)).toBe(read));
});

it("counts pending and unknown together as unknown", () => {
  const statuses: Status[] = ["applied", "applied", "failed", "skipped", "unknown", "pending"];
  expect(countsOf(statuses.map((status) => ({ status })))).toEqual({ applied: 2, failed: 1, skipped: 1, unknown: 2 });
});
